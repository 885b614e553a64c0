"""The revisions of imported items hold what Wagtail itself would store for their pages."""

from datetime import timedelta

import pytest

from newsfeeds.importer.content import revision_content
from newsfeeds.importer.run import run_import
from newsfeeds.models import FeedSource, ModerationMode, NewsItemPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(trusted_server, make_source, make_rss, make_items):
    items = make_items(3)
    items[0]["category"] = "Budget"
    items[1]["author"] = "Service communication"
    items[2]["description"] = "<p>Le <b>conseil</b> vote.</p>"
    make_source(trusted_server.add("/feed.xml", make_rss(items)))
    drafts = make_rss(make_items(1, prefix="Brouillon", link="https://exemple.fr/brouillons/{n}"))
    make_source(trusted_server.add("/drafts.xml", drafts), moderation=ModerationMode.DRAFT)
    run_import(list(FeedSource.objects.all()))
    return list(NewsItemPage.objects.order_by("pk"))


def test_revision_content_equals_wagtails_serializable_data(imported):
    assert len(imported) == 4
    for page in imported:
        assert revision_content(page) == page.serializable_data()


def test_wagtail_rebuilds_each_imported_page_from_its_revision(imported):
    for page in imported:
        rebuilt = page.latest_revision.as_object()
        for name in ("pk", "title", "draft_title", "slug", "path", "url_path", "live", "summary", "body", "author",
                     "original_url", "source_id", "channel_id", "dedup_key", "published_at"):  # fmt: skip
            assert getattr(rebuilt, name) == getattr(page, name), name
        # Revisions keep datetimes to the millisecond (DjangoJSONEncoder), as for any Wagtail page.
        if page.live:
            assert abs(rebuilt.first_published_at - page.first_published_at) < timedelta(milliseconds=1)
        else:
            assert rebuilt.first_published_at is None
        assert [tag.name for tag in rebuilt.tags.all()] == [tag.name for tag in page.tags.all()]
        # As after Wagtail's save_revision(): the content was taken before the page pointed to it.
        content = page.latest_revision.content
        assert content["latest_revision"] is None and content["live_revision"] is None
        assert page.latest_revision_id == page.latest_revision.pk
        assert page.live_revision_id == (page.latest_revision.pk if page.live else None)
