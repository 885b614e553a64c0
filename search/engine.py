"""The site-wide search: what the current user may see, French queries, facets and snippets."""

from collections import OrderedDict
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.search.models import IndexEntry
from wagtail.search.query import Or, PlainText

from .models import Synonym
from .text import highlight

PAGE_SIZE = 10


class SearchUnavailable(Exception):
    """The search engine cannot be reached; the page says so in French."""


def visible_pages(request):
    """Live pages the current user may see: group and login restrictions apply to descendants."""
    pages = Page.objects.live().filter(depth__gt=1)
    refused = [
        restriction.page.path
        for restriction in PageViewRestriction.objects.select_related("page").prefetch_related("groups")
        if not restriction.accept_request(request)
    ]
    for path in refused:
        pages = pages.exclude(path__startswith=path)
    return pages


def build_query(query):
    """All the words of the query, or all the words of one of its synonyms (CCAS ↔ centre…)."""
    expansions = Synonym.expansions_for(query)
    base = PlainText(query, operator="and")
    if not expansions:
        return base
    return Or([base, *[PlainText(expansion, operator="and") for expansion in expansions]])


def _year_range(year):
    start = timezone.make_aware(datetime(year, 1, 1))
    return start, timezone.make_aware(datetime(year + 1, 1, 1))


def _filtered(pages, kind=None, year=None):
    if kind:
        pages = pages.filter(content_type_id=kind)
    if year:
        start, end = _year_range(year)
        pages = pages.filter(first_published_at__gte=start, first_published_at__lt=end)
    return pages


def kind_label(content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return str(model._meta.verbose_name) if model else "?"


def kind_facet(results):
    counts = results.facet("content_type_id")
    return OrderedDict((pk, {"label": kind_label(pk), "count": count}) for pk, count in counts.items() if pk)


def year_facet(results):
    """Counts per publication year, in SQL on the database backends (none on Elasticsearch)."""
    if not hasattr(results, "get_queryset"):
        return OrderedDict()
    rows = (
        results.get_queryset()
        .order_by()
        .annotate(year=ExtractYear("first_published_at"))
        .values("year")
        .annotate(count=Count("pk"))
    )
    return OrderedDict(sorted(((row["year"], row["count"]) for row in rows), key=lambda item: -(item[0] or 0)))


def search(request, query, *, kind=None, year=None, sort="relevance"):
    """Results (unsliced), and facets where each facet ignores its own filter."""
    pages = visible_pages(request)
    engine_query = build_query(query)
    relevance = sort != "date"

    def run(candidates):
        if not relevance:
            candidates = candidates.order_by("-first_published_at")
        return candidates.search(engine_query, order_by_relevance=relevance)

    try:
        results = run(_filtered(pages, kind, year))
        facets = {
            "kinds": kind_facet(run(_filtered(pages, None, year))),
            "years": year_facet(run(_filtered(pages, kind, None))),
        }
        total = results.count()
    except Exception as error:  # the engine's client errors differ per backend
        if _is_connection_error(error):
            raise SearchUnavailable from error
        raise
    return results, facets, total


def _is_connection_error(error):
    try:
        from elastic_transport import ConnectionError as TransportConnectionError
        from elastic_transport import ConnectionTimeout
    except ImportError:  # pragma: no cover - the client is in requirements.txt
        return False
    return isinstance(error, TransportConnectionError | ConnectionTimeout)


def with_snippets(pages, query):
    """Attach `snippet_html` (escaped, terms in <mark>) from the indexed text, PDF text included."""
    pages = list(pages)
    if not pages:
        return pages
    text_column = "body_text" if connection.vendor == "postgresql" else "body"
    entries = {}
    try:
        entries = dict(
            IndexEntry.objects.filter(object_id__in=[str(page.pk) for page in pages]).values_list(
                "object_id", text_column
            )
        )
    except Exception:  # noqa: BLE001 - Elasticsearch keeps no IndexEntry rows: fall back to fields
        entries = {}
    for page in pages:
        text = entries.get(str(page.pk)) or page.search_description or ""
        page.snippet_html = highlight(text, query)
        page.title_html = highlight(page.title, query, width=300)
    return pages
