"""Editors manage sources in the admin: list, fetch now, health report; OPML in and out."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from home.roles import EDITORS, setup_roles
from newsfeeds.models import FeedSource, NewsItemPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, make_user, news_root):
    setup_roles()
    client.force_login(make_user("karim", EDITORS))
    return client


def test_editors_list_sources_with_a_fetch_now_button(editor_client, make_source):
    source = make_source("https://exemple.fr/flux.xml", name="Gazette <b>test</b>")
    response = editor_client.get(reverse("newsfeeds_feedsource:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("newsfeeds_fetch_now", args=[source.pk]) in html
    assert "Gazette &lt;b&gt;test&lt;/b&gt;" in html


def test_fetch_now_asks_then_fetches(editor_client, trusted_server, make_source, make_rss, make_items):
    source = make_source(trusted_server.add("/feed.xml", make_rss(make_items(2))))
    url = reverse("newsfeeds_fetch_now", args=[source.pk])
    assert editor_client.get(url).status_code == 200
    assert NewsItemPage.objects.count() == 0
    response = editor_client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("newsfeeds_health")
    assert NewsItemPage.objects.count() == 2


def test_health_report_shows_failing_sources(editor_client, trusted_server, make_source):
    source = make_source(trusted_server.add("/feed.xml", b"", status=503), name="Source en panne")
    call_command("import_feeds", stdout=StringIO())
    response = editor_client.get(reverse("newsfeeds_health"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Source en panne" in html and "en erreur" in html and "HTTP 503" in html
    source.refresh_from_db()
    assert source.consecutive_errors == 1


def test_agents_cannot_reach_the_feed_admin(client, make_user, make_source, news_root):
    setup_roles()
    client.force_login(make_user("helene"))
    source = make_source("https://exemple.fr/flux.xml")
    for url in (reverse("newsfeeds_health"), reverse("newsfeeds_fetch_now", args=[source.pk])):
        assert client.get(url).status_code in {302, 403}
    assert client.post(reverse("newsfeeds_fetch_now", args=[source.pk])).status_code in {302, 403}


OPML = b"""<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0"><head><title>Presse</title></head><body>
<outline text="Collectivit\xc3\xa9s">
  <outline type="rss" text="La Gazette" xmlUrl="https://www.lagazettedescommunes.com/feed/" htmlUrl="https://www.lagazettedescommunes.com/"/>
  <outline type="rss" text="Local" xmlUrl="file:///etc/passwd"/>
  <outline type="rss" text="Vie publique" xmlUrl="https://www.vie-publique.fr/fil-actualites.xml"/>
</outline>
</body></opml>"""


def test_import_opml_adds_sources_and_rejects_bad_urls(tmp_path, channel):
    path = tmp_path / "presse.opml"
    path.write_bytes(OPML)
    out = StringIO()
    call_command("import_opml", str(path), channel=channel.slug, dry_run=True, stdout=out)
    assert FeedSource.objects.count() == 0
    assert "Simulation : 2 créés, 0 mis à jour, 0 inchangé, 1 rejeté (rien n'a été enregistré)" in out.getvalue()
    out = StringIO()
    call_command("import_opml", str(path), channel=channel.slug, stdout=out)
    assert "Rejeté : entrée n° 3 (file:///etc/passwd) : " in out.getvalue()
    assert set(FeedSource.objects.values_list("name", flat=True)) == {"La Gazette", "Vie publique"}
    out = StringIO()
    call_command("import_opml", str(path), channel=channel.slug, stdout=out)
    assert "0 créé, 0 mis à jour, 2 inchangés, 1 rejeté" in out.getvalue()


def test_import_opml_refuses_entities_and_unknown_channels(tmp_path, channel):
    path = tmp_path / "piege.opml"
    path.write_bytes(b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "b">]><opml><body/></opml>')
    with pytest.raises(CommandError, match="entités"):
        call_command("import_opml", str(path), channel=channel.slug, stdout=StringIO())
    with pytest.raises(CommandError, match="Canal introuvable"):
        call_command("import_opml", str(path), channel="inconnu", stdout=StringIO())


def test_export_opml_round_trips(tmp_path, channel, make_source, make_channel):
    make_source("https://exemple.fr/a.xml", name="A & B", site_url="https://exemple.fr/")
    make_source("https://exemple.fr/b.xml", name="Numérique", target=make_channel(slug="num", title="Numérique"))
    out = StringIO()
    call_command("export_opml", stdout=out)
    document = out.getvalue()
    assert 'xmlUrl="https://exemple.fr/a.xml"' in document and "A &amp; B" in document
    path = tmp_path / "export.opml"
    call_command("export_opml", channel=channel.slug, output=str(path), stderr=StringIO())
    FeedSource.objects.all().delete()
    call_command("import_opml", str(path), channel=channel.slug, stdout=StringIO())
    assert list(FeedSource.objects.values_list("name", "url")) == [("A & B", "https://exemple.fr/a.xml")]


def test_editors_open_an_imported_item_in_the_page_editor(
    editor_client, trusted_server, make_source, make_rss, make_items
):
    items = make_items(1, prefix="Délibération")
    items[0]["category"] = "Budget"
    make_source(trusted_server.add("/feed.xml", make_rss(items)))
    call_command("import_feeds", stdout=StringIO())
    item = NewsItemPage.objects.get()
    # The editor shows the page rebuilt from the revision the importer wrote.
    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[item.pk]))
    assert response.status_code == 200
    assert "Délibération 1" in response.content.decode() and "Budget" in response.content.decode()
    assert editor_client.get(reverse("wagtailadmin_pages:history", args=[item.pk])).status_code == 200
