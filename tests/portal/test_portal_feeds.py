"""RSS 2.0 and Atom feeds, authenticated by a per-agent secret token only."""

from datetime import timedelta

import feedparser
import pytest
from django.test import Client
from django.urls import reverse

from portal import services
from tests.conftest import restrict_to_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def token(agent):
    return services.get_profile(agent).regenerate_feed_token()


@pytest.fixture
def presse(make_channel, make_item, service_pages):
    channel = make_channel("presse", "Presse territoriale", description="La presse des collectivités.")
    make_item(channel, "Budget 2027 : les arbitrages", age=timedelta(hours=2), summary="Résumé <b>gras</b> & co.")
    make_item(channel, "Télétravail : nouvelle charte", age=timedelta(hours=1), service=service_pages[3])
    return channel


def parse(response):
    assert response.status_code == 200
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return parsed


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_channel_feed_validates_with_absolute_links_and_dates(kind, token, presse):
    response = Client().get(reverse(f"portal:channel_{kind}", args=[token, presse.pk]))
    assert response["Content-Type"].startswith("application/rss+xml" if kind == "rss" else "application/atom+xml")
    assert "no-store" in response["Cache-Control"]
    parsed = parse(response)
    assert parsed.version == ("rss20" if kind == "rss" else "atom10")
    assert parsed.feed.title == "Presse territoriale — intranet"
    titles = [entry.title for entry in parsed.entries]
    assert titles == ["Télétravail : nouvelle charte", "Budget 2027 : les arbitrages"]
    for entry in parsed.entries:
        assert entry.link.startswith("http://testserver/")
        assert entry.published_parsed or entry.updated_parsed
    assert parsed.feed.link.startswith("http://testserver/")


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_service_feed_lists_the_items_of_that_service(kind, token, presse, service_pages):
    parsed = parse(Client().get(reverse(f"portal:service_{kind}", args=[token, service_pages[3].pk])))
    assert [entry.title for entry in parsed.entries] == ["Télétravail : nouvelle charte"]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_personal_feed_merges_what_the_agent_follows(
    kind, agent, token, presse, make_channel, make_item, service_pages
):
    sport = make_channel("sport")
    make_item(sport, "Tournoi inter-services")
    make_item(make_channel("autre"), "Hors abonnement")
    services.follow(user=agent, page=sport)
    services.follow(user=agent, page=service_pages[3])
    parsed = parse(Client().get(reverse(f"portal:personal_{kind}", args=[token])))
    assert {entry.title for entry in parsed.entries} == {"Télétravail : nouvelle charte", "Tournoi inter-services"}


def test_rss_dates_are_rfc_822(token, presse):
    body = Client().get(reverse("portal:channel_rss", args=[token, presse.pk])).content.decode()
    pub_date = body.split("<pubDate>")[1].split("</pubDate>")[0]
    assert pub_date.endswith("+0000") or pub_date.endswith("GMT") or pub_date[-5] in "+-"


def test_unknown_revoked_or_replaced_token_gets_404(agent, token, presse):
    client = Client()
    assert client.get(reverse("portal:personal_rss", args=["pas-un-jeton"])).status_code == 404
    profile = services.get_profile(agent)
    new_token = profile.regenerate_feed_token()
    assert client.get(reverse("portal:personal_rss", args=[token])).status_code == 404
    assert client.get(reverse("portal:personal_rss", args=[new_token])).status_code == 200
    profile.revoke_feed_token()
    assert client.get(reverse("portal:personal_rss", args=[new_token])).status_code == 404
    assert client.get(reverse("portal:channel_atom", args=[new_token, presse.pk])).status_code == 404


def test_inactive_agent_token_gets_404(agent, token, presse):
    agent.is_active = False
    agent.save()
    assert Client().get(reverse("portal:personal_rss", args=[token])).status_code == 404


def test_agent_regenerates_and_revokes_from_their_page(agent_client, agent):
    agent_client.post(reverse("portal:feed_token"), {"action": "regenerate"})
    token = services.get_profile(agent).feed_token
    assert token and token in agent_client.get(reverse("portal:preferences")).content.decode()
    agent_client.post(reverse("portal:feed_token"), {"action": "revoke"})
    assert services.get_profile(agent).feed_token is None


def test_items_restricted_to_another_group_stay_out_of_feeds(token, presse, make_item):
    secret = make_item(presse, "Article réservé")
    restrict_to_group(secret)
    parsed = parse(Client().get(reverse("portal:channel_rss", args=[token, presse.pk])))
    assert "Article réservé" not in [entry.title for entry in parsed.entries]
    assert parsed.entries  # the channel's other items are still there


def test_a_channel_restricted_to_another_group_has_no_feed(token, presse):
    restrict_to_group(presse)
    assert Client().get(reverse("portal:channel_rss", args=[token, presse.pk])).status_code == 404


def test_summary_markup_is_escaped(token, presse):
    body = Client().get(reverse("portal:channel_rss", args=[token, presse.pk])).content.decode()
    assert "<b>gras</b>" not in body
