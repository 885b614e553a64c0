"""What agents see: channel and item pages, escaped and sanitized in the rendered HTML."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from newsfeeds.importer.parse import parse_feed
from newsfeeds.importer.store import store_items
from newsfeeds.models import NewsItemPage

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
OWN_FORM = r'<form method="post" action="/portail/suivre/" class="follow-form" data-follow>.*?</form>'

FORBIDDEN = [
    "<script", "onerror", "onclick", "onmouseover", "javascript:", "<iframe", "<svg", "<math", "<img", "<form",
    "<input", "<style", "<object", "<embed", "file:", "data:text", "traqueur.example", "evil.example",
    "images.example", "utm_source", "fbclid", "alert(",
]  # fmt: skip


def import_fixture(source, name):
    feed = parse_feed((FIXTURES / name).read_bytes(), url="https://exemple.fr/flux.xml")
    store_items(source, source.channel, feed.items)


def main_html(response):
    html = response.content.decode()
    return html[html.index('<main id="contenu"') : html.index("</main>")]


def test_xss_vectors_never_reach_the_agents_browser(reader_client, make_source):
    source = make_source("https://exemple.fr/flux.xml")
    import_fixture(source, "xss.xml")
    item = NewsItemPage.objects.get()
    for response in (reader_client.get(item.url), reader_client.get(source.channel.url)):
        assert response.status_code == 200
        # Our own "follow this channel" form and its inputs are the only ones allowed.
        html = re.sub(OWN_FORM, "", main_html(response), flags=re.S).lower()
        for marker in FORBIDDEN:
            assert marker not in html, marker
    html = main_html(reader_client.get(item.url))
    # Markup in titles and authors is shown as text, escaped by the template.
    assert "Titre piégé" in html and "important" in html and "lire la suite" in html
    assert 'href="https://exemple.fr/suite?page=2"' in html
    for anchor in re.findall(r"<a [^>]*>", html):
        if "exemple.fr" in anchor:
            assert 'rel="noopener noreferrer"' in anchor, anchor


def test_item_page_links_to_the_original_without_tracking(reader_client, make_source):
    source = make_source("https://exemple.fr/flux.xml")
    import_fixture(source, "xss.xml")
    html = main_html(reader_client.get(NewsItemPage.objects.get().url))
    assert re.search(r'<a [^>]*data-testid="original-link" href="https://exemple.fr/piege\?id=7" '
                     r'rel="noopener noreferrer"', html)  # fmt: skip


def test_channel_lists_items_newest_first_with_pagination(reader_client, make_source):
    from newsfeeds.importer.parse import ParsedItem

    source = make_source("https://exemple.fr/flux.xml")
    from datetime import UTC, datetime, timedelta

    base = datetime(2026, 11, 1, tzinfo=UTC)
    items = [
        ParsedItem(key=f"{n:064d}", title=f"Article {n}", link=f"https://exemple.fr/{n}", guid="", summary="r",
                   body="<p>x</p>", author="", published_at=base + timedelta(hours=n), tags=["Urbanisme"])
        for n in range(25)
    ]  # fmt: skip
    store_items(source, source.channel, items)
    first = main_html(reader_client.get(source.channel.url))
    assert first.index("Article 24") < first.index("Article 23")
    assert "Article 4<" not in first and "Page 1 sur 2" in first and "Urbanisme" in first
    second = main_html(reader_client.get(source.channel.url + "?page=2"))
    assert "Article 4<" in second


def _query_count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the per-process caches (content types, site root paths)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _fill(source, start, count):
    from datetime import UTC, datetime

    from newsfeeds.importer.parse import ParsedItem

    items = [
        ParsedItem(key=f"{n:064d}", title=f"Article {n}", link=f"https://exemple.fr/{n}", guid="", summary="r",
                   body="", author="", published_at=datetime(2026, 11, 1, tzinfo=UTC), tags=[f"T{n % 3}", "B"])
        for n in range(start, start + count)
    ]  # fmt: skip
    store_items(source, source.channel, items)


def test_channel_and_bouquet_queries_do_not_grow_with_items(reader_client, make_source, django_assert_max_num_queries):
    source = make_source("https://exemple.fr/flux.xml")
    _fill(source, 0, 5)
    small = (
        _query_count(reader_client, source.channel.url),
        _query_count(reader_client, source.channel.get_parent().url),
    )
    _fill(source, 5, 45)
    large = (
        _query_count(reader_client, source.channel.url),
        _query_count(reader_client, source.channel.get_parent().url),
    )
    assert small == large
    # Wagtail routing at depth 5 and the shell (menu, breadcrumb, session) cost about 20 of these.
    with django_assert_max_num_queries(28):
        reader_client.get(source.channel.url)
    with django_assert_max_num_queries(26):
        reader_client.get(NewsItemPage.objects.first().url)


def test_bouquet_lists_channels_with_their_latest_items(reader_client, make_source, make_channel):
    other = make_channel(slug="numerique", title="Numérique")
    source = make_source("https://exemple.fr/flux.xml", target=other)
    import_fixture(source, "xss.xml")
    html = main_html(reader_client.get(other.get_parent().url))
    assert "Collectivités locales" in html and "Numérique" in html and "Titre piégé" in html


def test_internal_news_shows_the_publishing_service(reader_client, channel):
    from home.demo import ensure_child, ensure_home_page
    from home.models import Section, SectionPage, ServicePage

    services = ensure_child(
        ensure_home_page(), SectionPage, slug="services", title="Services", section=Section.SERVICES
    )
    service = ensure_child(services, ServicePage, slug="dsi", title="Informatique", acronym="DSI")
    item = channel.add_child(
        instance=NewsItemPage(title="Migration de la messagerie", slug="messagerie", service=service,
                              summary="Le 12 décembre.", body="<p>Coupure de 12 h à 14 h.</p>")
    )  # fmt: skip
    item.save_revision().publish()
    item.refresh_from_db()
    assert item.channel_id == channel.pk and item.dedup_key == ""
    html = main_html(reader_client.get(item.url))
    assert "Informatique" in html and "Coupure de 12 h à 14 h." in html
    assert "Migration de la messagerie" in main_html(reader_client.get(channel.url))


def test_pages_require_login(client, make_source):
    source = make_source("https://exemple.fr/flux.xml")
    import_fixture(source, "xss.xml")
    response = client.get(NewsItemPage.objects.get().url)
    assert response.status_code == 302 and "/connexion/" in response["Location"]


def test_purge_applies_each_source_retention_and_leaves_tombstones(make_source, channel):
    from datetime import timedelta

    from django.utils import timezone

    from newsfeeds.importer.parse import ParsedItem
    from newsfeeds.models import ItemTombstone

    source = make_source("https://exemple.fr/flux.xml")
    now = timezone.now()
    items = [
        ParsedItem(key=f"{n:064d}", title=f"Article {n}", link=f"https://exemple.fr/{n}", guid="", summary="",
                   body="", author="", published_at=now - timedelta(days=n * 10))
        for n in range(1, 6)
    ]  # fmt: skip
    store_items(source, channel, items)
    source.retention_days = 25
    source.save()
    call_command("purge_feed_items", dry_run=True)
    assert NewsItemPage.objects.count() == 5
    call_command("purge_feed_items")
    assert sorted(NewsItemPage.objects.values_list("title", flat=True)) == ["Article 1", "Article 2"]
    assert ItemTombstone.objects.count() == 3
    # Re-importing the old items brings nothing back.
    store_items(source, channel, items)
    assert NewsItemPage.objects.count() == 2


def test_followed_channels_come_first_in_the_bouquet(reader_client, make_channel, django_user_model):
    from portal.services import follow

    first = make_channel(slug="collectivites", title="Collectivités locales")
    second = make_channel(slug="numerique", title="Numérique")
    user = django_user_model.objects.get(pk=reader_client.session["_auth_user_id"])
    follow(user=user, page=second)
    bouquet = main_html(reader_client.get(first.get_parent().url))
    assert bouquet.index("Numérique") < bouquet.index("Collectivités locales") and "Canal suivi" in bouquet
    assert "Ne plus suivre" in main_html(reader_client.get(second.url))
