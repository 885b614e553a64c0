"""The import rules, end to end: a real loopback server, the command, the database."""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, Revision

from newsfeeds.importer.run import run_import
from newsfeeds.models import FeedFetchDay, FeedSource, ItemTombstone, ModerationMode, NewsItemPage

pytestmark = pytest.mark.django_db


def import_all(**options):
    out = StringIO()
    call_command("import_feeds", stdout=out, **options)
    return out.getvalue()


def writes(queries):
    return [q["sql"] for q in queries if q["sql"].split()[0].upper() in {"INSERT", "UPDATE", "DELETE"}]


def page_writes(queries):
    return [sql for sql in writes(queries) if "wagtailcore_page" in sql or "newsfeeds_newsitempage" in sql
            or "wagtailcore_revision" in sql]  # fmt: skip


def test_import_creates_published_pages_with_revision_and_search_entry(
    trusted_server, make_source, make_rss, make_items
):
    url = trusted_server.add("/feed.xml", make_rss(make_items(3)), etag='"v1"')
    source = make_source(url)
    output = import_all()
    items = NewsItemPage.objects.filter(source=source).order_by("title")
    assert [item.title for item in items] == ["Article 1", "Article 2", "Article 3"]
    item = items[0]
    assert item.live and item.live_revision_id and item.latest_revision_id == item.live_revision_id
    assert item.url_path.endswith(f"/{item.slug}/")
    assert item.get_parent().pk == source.channel.pk
    assert Page.objects.get(pk=source.channel.pk).numchild == 3
    assert Page.find_problems() == ([], [], [], [], [])
    assert NewsItemPage.objects.search("Article").count() == 3
    assert "Résumé : 1 source(s)" in output and "articles : 3 créés, 0 mis à jour, 0 inchangé, 0 rejeté." in output
    source.refresh_from_db()
    assert source.etag == '"v1"' and source.consecutive_errors == 0 and source.items_imported == 3


def test_items_are_appended_after_existing_children(trusted_server, make_source, make_rss, make_items):
    url = trusted_server.add("/feed.xml", make_rss(make_items(2)))
    make_source(url)
    import_all()
    trusted_server.add("/feed.xml", make_rss(make_items(5)))
    import_all()
    assert NewsItemPage.objects.count() == 5
    assert Page.find_problems() == ([], [], [], [], [])


def test_not_modified_answer_means_zero_page_writes(trusted_server, make_source, make_rss, make_items):
    url = trusted_server.add("/feed.xml", make_rss(make_items(3)), etag='"v1"')
    make_source(url)
    import_all()
    with CaptureQueriesContext(connection) as queries:
        output = import_all()
    assert trusted_server.hits("/feed.xml")[-1]["If-None-Match"] == '"v1"'
    assert page_writes(queries.captured_queries) == []
    assert "non modifié (304)" in output


def test_unchanged_body_without_validators_is_not_parsed_nor_written(trusted_server, make_source, make_rss, make_items):
    url = trusted_server.add("/feed.xml", make_rss(make_items(3)))
    make_source(url)
    import_all()
    with CaptureQueriesContext(connection) as queries:
        output = import_all()
    assert page_writes(queries.captured_queries) == []
    assert "inchangé" in output


def test_dry_run_writes_nothing(trusted_server, make_source, make_rss, make_items):
    url = trusted_server.add("/feed.xml", make_rss(make_items(3)))
    source = make_source(url)
    output = import_all(dry_run=True)
    assert NewsItemPage.objects.count() == 0
    assert "articles : Simulation : 3 créés, 0 mis à jour, 0 inchangé, 0 rejeté (rien n'a été enregistré)." in output
    source.refresh_from_db()
    assert source.body_hash == "" and source.last_fetch_at is None


def test_one_failing_source_does_not_stop_the_others(trusted_server, make_source, make_rss, make_items):
    good = make_source(trusted_server.add("/good.xml", make_rss(make_items(2))), name="Bonne")
    bad = make_source(trusted_server.add("/bad.xml", "<html><body>Pas un flux</body></html>"), name="Mauvaise")
    missing = make_source(trusted_server.url("/absent.xml"), name="Absente")
    output = import_all()
    assert NewsItemPage.objects.filter(source=good).count() == 2
    bad.refresh_from_db()
    missing.refresh_from_db()
    assert "pas un flux" in bad.last_error.lower()
    assert missing.last_status == 404 and missing.consecutive_errors == 1
    assert "2 erreur(s)" in output


def test_errors_back_off_exponentially_and_one_success_resets(trusted_server, make_source, make_rss, make_items):
    url = trusted_server.add("/feed.xml", b"", status=500)
    source = make_source(url)
    delays = []
    for _ in range(6):
        before = timezone.now()
        import_all(force=True)
        source.refresh_from_db()
        delays.append(round((source.next_attempt_at - before).total_seconds() / 3600))
    assert delays == [1, 2, 4, 8, 16, 24]
    assert source.consecutive_errors == 6
    # Not due yet: a plain run leaves it alone, naming it explicitly says why.
    hits = len(trusted_server.requests)
    import_all()
    assert "en attente après erreur" in import_all(source_ids=[source.pk])
    assert len(trusted_server.requests) == hits
    # The back-off expires, the server recovers: one success resets the counter.
    FeedSource.objects.filter(pk=source.pk).update(next_attempt_at=timezone.now())
    trusted_server.add("/feed.xml", make_rss(make_items(1)))
    import_all()
    source.refresh_from_db()
    assert source.consecutive_errors == 0 and source.next_attempt_at is None and source.last_error == ""


def test_retry_after_is_honoured(trusted_server, make_source):
    source = make_source(trusted_server.add("/feed.xml", b"", status=429, headers={"Retry-After": "7200"}))
    before = timezone.now()
    import_all()
    source.refresh_from_db()
    assert source.last_status == 429
    assert abs((source.next_attempt_at - before).total_seconds() - 7200) < 60


def test_gone_feed_pauses_the_source_and_tells_the_editors(trusted_server, make_source, make_user):
    from home.roles import EDITORS

    make_user("karim", EDITORS)
    source = make_source(trusted_server.add("/feed.xml", b"", status=410))
    import_all()
    source.refresh_from_db()
    assert source.active is False and "410" in source.last_error
    assert len(mail.outbox) == 1 and "karim@mairie.example" in mail.outbox[0].to
    hits = len(trusted_server.requests)
    import_all()
    assert len(trusted_server.requests) == hits


def test_permanent_redirect_updates_the_stored_url(trusted_server, make_source, make_rss, make_items):
    new_url = trusted_server.add("/nouveau.xml", make_rss(make_items(1)))
    source = make_source(trusted_server.add("/ancien.xml", b"", status=301, headers={"Location": "/nouveau.xml"}))
    import_all()
    source.refresh_from_db()
    assert source.url == new_url


def test_temporary_redirect_keeps_the_stored_url(trusted_server, make_source, make_rss, make_items):
    trusted_server.add("/ailleurs.xml", make_rss(make_items(1)))
    old_url = trusted_server.add("/flux.xml", b"", status=302, headers={"Location": "/ailleurs.xml"})
    source = make_source(old_url)
    import_all()
    source.refresh_from_db()
    assert source.url == old_url and NewsItemPage.objects.count() == 1


def test_changed_item_gets_one_new_revision_and_keeps_its_published_date(
    trusted_server, make_source, make_rss, make_items
):
    items = make_items(2)
    trusted_server.add("/feed.xml", make_rss(items))
    make_source(trusted_server.url("/feed.xml"))
    import_all()
    page = NewsItemPage.objects.get(title="Article 1")
    published, first_published = page.published_at, page.first_published_at
    revisions = Revision.objects.filter(object_id=str(page.pk)).count()
    items[0]["title"] = "Article 1 (corrigé)"
    items[0]["pubDate"] = "Tue, 03 Nov 2026 10:00:00 +0100"
    trusted_server.add("/feed.xml", make_rss(items))
    output = import_all()
    page.refresh_from_db()
    assert page.title == "Article 1 (corrigé)"
    assert page.published_at == published and page.first_published_at == first_published
    assert Revision.objects.filter(object_id=str(page.pk)).count() == revisions + 1
    assert "récupéré, 0 créé, 1 mis à jour, 1 inchangé, 0 rejeté," in output and NewsItemPage.objects.count() == 2


def test_item_changing_at_every_fetch_stops_being_updated(trusted_server, make_source, make_rss, settings):
    settings.NEWSFEEDS_MAX_UPDATES_PER_ITEM = 2
    make_source(trusted_server.url("/feed.xml"))
    for version in range(5):
        item = {"title": f"Compteur {version}", "link": "https://exemple.fr/compteur", "description": "x"}
        trusted_server.add("/feed.xml", make_rss([item]))
        import_all()
    page = NewsItemPage.objects.get()
    assert page.update_count == 2 and page.title == "Compteur 2"


def test_deleted_item_is_never_reimported(trusted_server, make_source, make_rss, make_items):
    trusted_server.add("/feed.xml", make_rss(make_items(2)))
    make_source(trusted_server.url("/feed.xml"))
    import_all()
    NewsItemPage.objects.get(title="Article 1").delete()
    assert ItemTombstone.objects.count() == 1
    import_all(force=True)
    assert list(NewsItemPage.objects.values_list("title", flat=True)) == ["Article 2"]


def test_same_article_through_two_sources_is_one_page(trusted_server, make_source, make_rss, make_items):
    items = make_items(2)
    make_source(trusted_server.add("/a.xml", make_rss(items)), name="A")
    for item in items:
        item["guid"] = "autre-schema-" + item["guid"]
        item["link"] += "?utm_source=rss&utm_medium=flux"
    make_source(trusted_server.add("/b.xml", make_rss(items)), name="B")
    import_all()
    assert NewsItemPage.objects.count() == 2


def test_guid_scheme_change_creates_no_duplicate(trusted_server, make_source, make_rss, make_items):
    items = make_items(3)
    make_source(trusted_server.add("/feed.xml", make_rss(items)))
    import_all()
    for item in items:
        item["guid"] = "tag:exemple.fr,2026:" + item["guid"].rsplit("/", 1)[-1]
    trusted_server.add("/feed.xml", make_rss(items))
    import_all()
    assert NewsItemPage.objects.count() == 3


def test_items_sharing_one_guid_are_all_kept(trusted_server, make_source, make_rss, make_items):
    items = make_items(4)
    for item in items:
        item["guid"] = "https://exemple.fr/"
    make_source(trusted_server.add("/feed.xml", make_rss(items)))
    import_all()
    assert NewsItemPage.objects.count() == 4
    import_all(force=True)
    assert NewsItemPage.objects.count() == 4


def test_items_without_guid_are_keyed_on_their_link(trusted_server, make_source, make_rss, make_items):
    items = make_items(3)
    for item in items:
        del item["guid"]
    make_source(trusted_server.add("/feed.xml", make_rss(items)))
    import_all()
    import_all(force=True)
    assert NewsItemPage.objects.count() == 3


def test_first_import_keeps_only_the_most_recent_items(trusted_server, make_source, make_rss):
    items = [
        {"title": f"Article {n}", "link": f"https://exemple.fr/{n}", "pubDate": f"Mon, {n:02d} Nov 2026 10:00:00 +0100"}
        for n in range(1, 11)
    ]
    make_source(trusted_server.add("/feed.xml", make_rss(items)), first_import_max_items=3)
    output = import_all()
    assert sorted(NewsItemPage.objects.values_list("title", flat=True)) == ["Article 10", "Article 8", "Article 9"]
    assert "récupéré, 3 créés, 0 mis à jour, 0 inchangé, 0 rejeté, 7 écartés," in output


def test_draft_moderation_creates_unpublished_pages(trusted_server, make_source, make_rss, make_items):
    make_source(trusted_server.add("/feed.xml", make_rss(make_items(2))), moderation=ModerationMode.DRAFT)
    import_all()
    assert NewsItemPage.objects.count() == 2
    assert NewsItemPage.objects.live().count() == 0


def test_database_refuses_a_duplicate_item_in_a_channel(trusted_server, make_source, make_rss, make_items):
    make_source(trusted_server.add("/feed.xml", make_rss(make_items(2))))
    import_all()
    first, second = NewsItemPage.objects.order_by("pk")
    with pytest.raises(IntegrityError), transaction.atomic():
        NewsItemPage.objects.filter(pk=second.pk).update(dedup_key=first.dedup_key)


def test_a_source_held_by_another_run_is_skipped(trusted_server, make_source, make_rss, make_items):
    source = make_source(trusted_server.add("/feed.xml", make_rss(make_items(1))))
    assert FeedSource.claim_many([source], lease_minutes=10) == [source]
    output = import_all()
    assert "ignoré" in output and trusted_server.hits("/feed.xml") == []
    source.release()
    import_all()
    assert NewsItemPage.objects.count() == 1


def test_overlapping_runs_never_duplicate(trusted_server, make_source, make_rss, make_items):
    source = make_source(trusted_server.add("/feed.xml", make_rss(make_items(5))))
    first = run_import([FeedSource.objects.get(pk=source.pk)], force=True)
    second = run_import([FeedSource.objects.get(pk=source.pk)], force=True)
    assert first.items.created == 5 and second.items.created == 0
    assert NewsItemPage.objects.count() == 5


def test_fetches_are_counted_per_day(trusted_server, make_source, make_rss, make_items):
    source = make_source(trusted_server.add("/feed.xml", make_rss(make_items(2)), etag='"e"'))
    import_all()
    import_all()
    day = FeedFetchDay.objects.get(source=source)
    assert day.fetches == 2 and day.not_modified == 1 and day.new_items == 2 and day.bytes > 0


def test_unknown_source_id_is_a_clear_error(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="introuvable"):
        call_command("import_feeds", source_ids=[999], stdout=StringIO())


def test_item_moved_to_another_channel_belongs_to_it(trusted_server, make_source, make_rss, make_items, make_channel):
    make_source(trusted_server.add("/feed.xml", make_rss(make_items(1))))
    import_all()
    other = make_channel(slug="autre", title="Autre canal")
    page = NewsItemPage.objects.get()
    page.move(other, pos="last-child")
    page.refresh_from_db()
    assert page.channel_id == other.pk and page.get_parent().pk == other.pk


def test_nothing_changed_run_costs_one_statement_per_source(trusted_server, make_source, make_rss, make_items):
    def second_run_statements(count, offset):
        sources = [
            make_source(trusted_server.add(f"/feed-{offset + n}.xml", make_rss(make_items(1)), etag='"e"'))
            for n in range(count)
        ]
        run_import(sources)
        sources = list(FeedSource.objects.filter(pk__in=[source.pk for source in sources]))
        with CaptureQueriesContext(connection) as queries:
            run_import(sources)
        return len(queries)

    ten, twenty = second_run_statements(10, 0), second_run_statements(20, 10)
    # Per source: its health (one UPDATE); the day counters of all sources: one statement.
    assert twenty - ten <= 10
    assert FeedFetchDay.objects.filter(not_modified=1, fetches=2).count() == 30
