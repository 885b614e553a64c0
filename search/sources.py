"""What the site search finds besides pages and documents: the directory's agents and the
library's records. Each app keeps its own search (folded columns) and its own visibility rules
(liste rouge, withdrawn records); this module asks them and shows the first hits in a box that
links to the app's full search. These boxes are not counted in the page facets."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db import connection

from .text import highlight, query_terms

BOX_SIZE = 5
# Applications counted in their box: a town has tens of them.
APPLICATIONS_MAX = 100


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


def agents_box(request, query, pages):
    """Visible agents only: the directory's queries never return inactive or unlisted agents."""
    from directory.models import DirectoryPage
    from directory.queries import search_agents

    directory = pages.type(DirectoryPage).specific().first()
    if directory is None:
        return None
    base = directory.get_url(request)
    agents = search_agents(query)
    count = agents.count()
    hits = [
        Hit(
            title_html=highlight(agent.full_name, query),
            url=base + directory.reverse_subpage("agent", args=[agent.pk]),
            meta=" — ".join(part for part in (agent.job_title, str(agent.service or ""), agent.extension) if part),
        )
        for agent in agents.order_by("sort_name")[:BOX_SIZE]
    ]
    return Box("agents", "Agents", count, hits, f"{base}?{urlencode({'q': query})}")


def records_box(request, query, pages):
    from library.catalogue import CatalogueSearch
    from library.models import LibraryCatalogPage

    catalogue = pages.type(LibraryCatalogPage).specific().first()
    if catalogue is None:
        return None
    base = catalogue.get_url(request)
    records = CatalogueSearch({"q": query}).criteria()
    count = records.count()
    hits = [
        Hit(
            title_html=highlight(record.title, query),
            url=base + catalogue.reverse_subpage("record", args=[record.pk]),
            meta=" — ".join(str(part) for part in (record.responsibility, record.year) if part),
        )
        for record in records.order_by("title_sort")[:BOX_SIZE]
    ]
    return Box("records", "Catalogue de la bibliothèque", count, hits, f"{base}?{urlencode({'q': query})}")


def applications_box(request, query):
    """The town's applications this agent's groups may use (the catalogue is small: tens)."""
    from django.urls import reverse
    from wagtail.search.backends import get_search_backend

    from portal.models import Application

    from .fulltext import FullText, uses_database_index

    visible = Application.objects.visible_to(request.user)
    if uses_database_index() and connection.vendor == "postgresql":
        # Matched and ranked in SQL like pages, without the backend's query compiler (10 ms). Not on
        # SQLite: its full-text index cannot look at the applications' rows alone.
        found = FullText([query]).ranked(visible, 0, APPLICATIONS_MAX)
    else:
        # The backend hands its query to SQLite's FTS5 as it is: only folded words reach it (FTS5's
        # operators are upper case, and quotes would open a string).
        words = " ".join(query_terms(query))
        allowed = set(visible.values_list("pk", flat=True))
        found = [application for application in get_search_backend().search(words, Application)
                 if application.pk in allowed] if words else []
    hits = [
        Hit(title_html=highlight(application.name, query), url=application.url, meta=application.description)
        for application in found[:BOX_SIZE]
    ]
    return Box("applications", "Applications", len(found), hits, reverse("portal:applications"))


def boxes(request, query, pages):
    """The non-empty boxes, in display order."""
    found = (
        applications_box(request, query),
        agents_box(request, query, pages),
        records_box(request, query, pages),
    )
    return [box for box in found if box is not None and box.count]
