"""One form for a channel and its feed, with « Tester l'adresse » (through the feed guard)."""

import json

import pytest
from django.urls import reverse
from django.utils.text import slugify

from home.roles import AGENTS, EDITORS, setup_roles
from newsfeeds.models import ChannelPage, FeedSource

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, make_user, news_root):
    setup_roles()
    client.force_login(make_user("karim", EDITORS))
    return client


def channel_form(title, feed_url="", **fields):
    return {"title": title, "slug": slugify(title), "description": "", "feed_url": feed_url,
            "action-publish": "publish",
            "comments-TOTAL_FORMS": "0", "comments-INITIAL_FORMS": "0", "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000", **fields}


def add_channel(client, bouquet, **form):
    url = reverse("wagtailadmin_pages:add", args=["newsfeeds", "channelpage", bouquet.pk])
    return client.post(url, channel_form(**form))


def edit_channel(client, channel, **form):
    return client.post(reverse("wagtailadmin_pages:edit", args=[channel.pk]), channel_form(**form))


def probe(client, url):
    return client.post(reverse("newsfeeds_probe"), {"url": url})


def test_the_channel_form_holds_the_feed_address_and_its_test_button(editor_client, bouquet):
    url = reverse("wagtailadmin_pages:add", args=["newsfeeds", "channelpage", bouquet.pk])
    html = editor_client.get(url).content.decode()
    # Wagtail writes the panels into a template element, its markup escaped as JSON.
    assert "feed_url" in html and "Tester l'adresse" in html and "data-feed-probe-result" in html
    assert reverse("newsfeeds_probe") in html and "newsfeeds/js/feed_probe.js" in html


def test_creating_a_channel_with_an_address_creates_its_source(editor_client, bouquet):
    response = add_channel(editor_client, bouquet, title="Presse territoriale",
                           feed_url="https://www.exemple.fr/rss.xml")
    assert response.status_code == 302
    channel = ChannelPage.objects.get(title="Presse territoriale")
    source = FeedSource.objects.get()
    assert (source.channel_id, source.url, source.name, source.active) == (
        channel.pk, "https://www.exemple.fr/rss.xml", "Presse territoriale", True)


def test_a_channel_without_an_address_has_no_source(editor_client, bouquet):
    assert add_channel(editor_client, bouquet, title="Vie interne").status_code == 302
    assert FeedSource.objects.count() == 0


def test_changing_the_address_moves_the_source_and_emptying_it_pauses_it(editor_client, channel, make_source):
    source = make_source("https://ancien.exemple.fr/rss.xml", consecutive_errors=3, last_error="HTTP 404")
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[channel.pk])).content.decode()
    assert 'value="https://ancien.exemple.fr/rss.xml"' in html
    edit_channel(editor_client, channel, title=channel.title, slug=channel.slug, feed_url="https://nouveau.exemple.fr/rss")
    source.refresh_from_db()
    assert (source.url, source.consecutive_errors, source.last_error) == ("https://nouveau.exemple.fr/rss", 0, "")
    edit_channel(editor_client, channel, title=channel.title, slug=channel.slug, feed_url="")
    source.refresh_from_db()
    assert not source.active and FeedSource.objects.count() == 1


def test_an_address_already_feeding_another_channel_is_refused_in_french(editor_client, bouquet, make_source):
    make_source("https://www.exemple.fr/rss.xml")
    response = add_channel(editor_client, bouquet, title="Doublon", feed_url="https://www.exemple.fr/rss.xml")
    assert response.status_code == 200
    assert "Cette adresse alimente déjà « Collectivités locales »" in response.content.decode()
    assert not ChannelPage.objects.filter(title="Doublon").exists()


def test_the_probe_says_the_title_and_the_number_of_items(editor_client, trusted_server, make_rss, make_items):
    url = trusted_server.add("/feed.xml", make_rss(make_items(3), title="La Gazette des communes"))
    answer = probe(editor_client, url).json()
    assert answer == {"ok": True, "message": "Flux « La Gazette des communes » trouvé : 3 articles.",
                      "title": "La Gazette des communes", "items": 3}
    assert FeedSource.objects.count() == 0  # a test stores nothing


def test_the_probe_says_when_the_address_is_a_web_page(editor_client, trusted_server):
    page = b"<!doctype html><html><head><title>Accueil</title></head><body>Bonjour</body></html>"
    url = trusted_server.add("/", page, headers={"Content-Type": "text/html"})
    answer = probe(editor_client, url).json()
    assert not answer["ok"] and "pas à un flux RSS ou Atom" in answer["message"]


def test_the_probe_names_the_http_error(editor_client, trusted_server):
    answer = probe(editor_client, trusted_server.add("/absent.xml", b"", status=404)).json()
    assert answer == {"ok": False, "message": "Réponse HTTP 404 du serveur.", "title": "", "items": 0}


@pytest.mark.parametrize("address", ["127.0.0.1", "localhost", "10.0.0.1", "169.254.169.254", "[::1]"])
def test_the_probe_keeps_the_guard_and_never_shows_the_resolved_address(editor_client, feed_server, address):
    """The loopback server is not trusted here (no NEWSFEEDS_TRUSTED_HOSTS): the probe must refuse it."""
    feed_server.add("/feed.xml", b"<rss/>")
    answer = probe(editor_client, f"http://{address}:{feed_server.port}/feed.xml").json()
    assert not answer["ok"] and feed_server.requests == []
    assert "réseau interne" in answer["message"] and "service informatique" in answer["message"]
    assert "NEWSFEEDS" not in answer["message"]
    if address == "localhost":
        assert "127.0.0.1" not in answer["message"] and "::1" not in answer["message"]


def test_the_probe_says_what_to_do_with_an_unknown_host_or_a_bad_scheme(editor_client):
    unknown = probe(editor_client, "https://nexiste-pas.invalid/rss.xml").json()
    assert unknown["message"] == (
        "Le serveur « nexiste-pas.invalid » est introuvable : vérifiez l'orthographe de l'adresse.")
    scheme = probe(editor_client, "file:///etc/passwd").json()["message"]
    assert scheme == "Seules les adresses http et https sont acceptées."
    assert "Saisissez l'adresse" in probe(editor_client, "  ").json()["message"]


def test_the_probe_is_bounded_in_time(editor_client, trusted_server, settings, make_rss, make_items):
    settings.NEWSFEEDS_DEADLINE = 0.5
    url = trusted_server.add("/slow.xml", make_rss(make_items(5)), trickle=0.01)
    answer = probe(editor_client, url).json()
    assert not answer["ok"] and answer["items"] == 0


def test_the_probe_is_rate_limited_per_editor(editor_client, trusted_server, make_rss, make_items):
    url = trusted_server.add("/feed.xml", make_rss(make_items(1)))
    answers = [probe(editor_client, url) for _ in range(7)]
    assert [a.status_code for a in answers] == [200] * 6 + [429]
    assert "réessayez dans une minute" in json.loads(answers[-1].content)["message"]
    assert len(trusted_server.hits("/feed.xml")) == 6


def test_only_editors_of_feeds_may_probe(client, make_user, news_root):
    setup_roles()
    client.force_login(make_user("helene", AGENTS))
    assert probe(client, "https://www.exemple.fr/rss.xml").status_code in {302, 403}
    assert client.get(reverse("newsfeeds_probe")).status_code in {302, 403, 405}
