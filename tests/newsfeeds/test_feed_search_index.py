"""Imported items are searchable as soon as they are stored, with the entries Wagtail would write."""

import pytest
from django.db import connection
from django.db.models import Avg
from django.db.models.functions import Length
from wagtail.search.backends import get_search_backend

from newsfeeds.importer.index import add_to_index
from newsfeeds.importer.run import run_import
from newsfeeds.models import FeedSource, NewsItemPage

pytestmark = pytest.mark.django_db


def test_imported_items_are_found_by_words_of_their_title_summary_and_body(
    trusted_server, make_source, make_rss, make_items
):
    items = make_items(2)
    items[0]["description"] = "Le conseil municipal vote la délibération sur la médiathèque."
    items[1]["title"] = "Recensement de la population"
    make_source(trusted_server.add("/feed.xml", make_rss(items)))
    run_import(list(FeedSource.objects.all()))
    assert [page.title for page in NewsItemPage.objects.search("médiathèque")] == ["Article 1"]
    assert [page.title for page in NewsItemPage.objects.search("recensement")] == ["Recensement de la population"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the batched index path is PostgreSQL's")
def test_batched_entries_are_identical_to_wagtails_own(trusted_server, make_source, make_rss, make_items):
    items = make_items(3)
    items[0]["description"] = "Budget primitif : la dotation globale baisse."
    items[1]["author"] = "Service communication"
    items[2]["description"] = ""
    make_source(trusted_server.add("/feed.xml", make_rss(items)))
    run_import(list(FeedSource.objects.all()))
    pages = list(NewsItemPage.objects.order_by("pk"))
    index = get_search_backend().get_index_for_model(NewsItemPage)
    columns = ("object_id", "title", "autocomplete", "body", "title_text", "body_text")

    def entries():
        return [
            tuple(str(value) for value in row)
            for row in index.entries.filter(object_id__in=[str(page.pk) for page in pages])
            .order_by("object_id")
            .values_list(*columns)
        ]

    ours = entries()
    get_search_backend().add_bulk(NewsItemPage, pages)
    assert entries() == ours
    add_to_index(NewsItemPage, pages)
    assert entries() == ours
    assert len(ours) == 3 and "dotat" in ours[0][3]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the batched index path is PostgreSQL's")
def test_title_norms_are_written_with_the_entries_from_the_average_title_length(
    trusted_server, make_source, make_rss, make_items
):
    index = get_search_backend().get_index_for_model(NewsItemPage)

    def norms_times_lengths(pages):
        entries = index.entries.filter(object_id__in=[str(page.pk) for page in pages]).annotate(length=Length("title"))
        return {round(entry.title_norm * entry.length, 6) for entry in entries}

    make_source(trusted_server.add("/one.xml", make_rss(make_items(3))))
    run_import(list(FeedSource.objects.all()))
    average = index.entries.annotate(length=Length("title")).filter(length__gt=0).aggregate(Avg("length"))
    first = list(NewsItemPage.objects.all())
    make_source(trusted_server.add("/two.xml", make_rss(make_items(2, prefix="Autre", link="https://autre.fr/{n}"))))
    run_import(list(FeedSource.objects.filter(url__endswith="/two.xml")))
    second = NewsItemPage.objects.exclude(pk__in=[page.pk for page in first])
    # As Wagtail's refresh: average title length / this title's length, the average as of the last run.
    assert len(norms_times_lengths(first)) == 1
    assert norms_times_lengths(second) == {round(average["length__avg"], 6)}
