"""What the site search finds besides pages and documents: the apps' result boxes (the directory's
agents, the library's records, the portal's applications). Each app registers its own box with the
`register_search_box` hook and keeps its own search and visibility rules (liste rouge, withdrawn
records, the applications' groups); this module asks them and shows the first hits in a box that
links to the app's full search. These boxes are not counted in the page facets.

A `register_search_box` hook is called with `(request, query, pages)` (`pages`: the pages the agent
may see) and returns None when the app has nothing to offer here, or a dict: `key`, `label`,
`more_url`, `hit` (an item -> its `(title, url, meta)`) and the items, either `found` (a queryset of the
app's own matches, in display order) or `indexed` (the rows the agent may see of a model of the site's
full-text index, which this module matches against the query). Boxes show in the hooks' `order`."""

from dataclasses import dataclass

from django.db import connection
from wagtail import hooks
from wagtail.search.backends import get_search_backend

from .fulltext import FullText, uses_database_index
from .text import highlight, query_terms

BOX_SIZE = 5
# Rows counted in a box matched in the full-text index: the applications, a town has tens of them.
INDEXED_MAX = 100


@dataclass
class Box:
    key: str
    label: str
    count: int
    hits: list
    more_url: str


@dataclass
class Hit:
    title_html: str
    url: str
    meta: str


def _indexed_matches(visible, query):
    """The rows of `visible` that match `query` in the full-text index, best first."""
    if uses_database_index() and connection.vendor == "postgresql":
        # Matched and ranked in SQL like pages, without the backend's query compiler (10 ms). Not on
        # SQLite: its full-text index cannot look at one model's rows alone.
        return FullText([query]).ranked(visible, 0, INDEXED_MAX)
    # The backend hands its query to SQLite's FTS5 as it is: only folded words reach it (FTS5's
    # operators are upper case, and quotes would open a string).
    words = " ".join(query_terms(query))
    allowed = set(visible.values_list("pk", flat=True))
    return [row for row in get_search_backend().search(words, visible.model) if row.pk in allowed] if words else []


def _box(entry, query):
    if "indexed" in entry:
        found = _indexed_matches(entry["indexed"], query)
        count = len(found)
    else:
        found = entry["found"]
        count = found.count()
    hits = [
        Hit(title_html=highlight(title, query), url=url, meta=meta)
        for title, url, meta in map(entry["hit"], found[:BOX_SIZE])
    ]
    return Box(entry["key"], entry["label"], count, hits, entry["more_url"])


def boxes(request, query, pages):
    """The non-empty boxes, in display order."""
    entries = (register(request, query, pages) for register in hooks.get_hooks("register_search_box"))
    found = (_box(entry, query) for entry in entries if entry is not None)
    return [box for box in found if box.count]
