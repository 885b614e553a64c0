"""A document is parsed in a child process with a deadline and a memory cap: a pathological
feed (no entity, only a costly structure) is cut and recorded on its source, never blocking the run."""


import pytest

from newsfeeds.importer.isolate import ParseTimeout, parse_isolated
from newsfeeds.importer.parse import FeedError, NotAFeed
from newsfeeds.importer.run import run_import
from newsfeeds.models import FeedSource, NewsItemPage

pytestmark = pytest.mark.django_db


def many_tiny_items(nbytes=4_500_000):
    """Entity-free but costly: about 150 000 items, under the 5 MiB body cap."""
    item = "<item><title>x</title><link>https://exemple.fr/a</link></item>"
    return ('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>' + item * (nbytes // len(item))
            + "</channel></rss>").encode()  # fmt: skip


def test_a_feed_parses_in_the_child_process_as_in_the_importer(make_rss, make_items):
    feed = parse_isolated(make_rss(make_items(2)).encode(), url="https://exemple.fr/flux.xml")
    assert [item.title for item in feed.items] == ["Article 1", "Article 2"]


def test_parse_errors_come_back_as_they_are():
    with pytest.raises(NotAFeed):
        parse_isolated(b"<html><body>Accueil</body></html>")


def test_a_parse_past_the_deadline_is_cut(settings):
    settings.NEWSFEEDS_PARSE_TIMEOUT = 0.5
    with pytest.raises(ParseTimeout, match="0.5 s"):
        parse_isolated(many_tiny_items())
    # The killed child is replaced: the next document is parsed normally.
    settings.NEWSFEEDS_PARSE_TIMEOUT = 20
    assert parse_isolated(many_tiny_items(2000)).items


def test_a_parse_past_the_memory_cap_is_stopped(settings):
    settings.NEWSFEEDS_PARSE_MEMORY_MB = 8
    with pytest.raises(FeedError, match="mémoire"):
        parse_isolated(many_tiny_items())


def test_a_source_whose_parse_is_cut_is_in_error_and_the_others_are_imported(
    trusted_server, make_source, make_rss, make_items, settings
):
    settings.NEWSFEEDS_PARSE_TIMEOUT = 0.5
    slow = make_source(trusted_server.add("/lent.xml", many_tiny_items()), name="Pathologique")
    make_source(trusted_server.add("/sain.xml", make_rss(make_items(2))), name="Sain")
    run_import(list(FeedSource.objects.order_by("pk")))
    slow.refresh_from_db()
    assert "Analyse interrompue" in slow.last_error and slow.consecutive_errors == 1
    assert NewsItemPage.objects.count() == 2
