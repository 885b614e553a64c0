"""The site-wide search: what the current user may see, French queries, facets and snippets."""

from collections import OrderedDict
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.search.models import IndexEntry
from wagtail.search.query import Or, PlainText

from .models import Synonym
from .text import highlight

PAGE_SIZE = 10
DOCUMENTS = "documents"


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


def visible_documents(request):
    """Documents outside the private collections (and their sub-collections) the user is refused."""
    documents = get_document_model().objects.all()
    refused_paths = [
        restriction.collection.path
        for restriction in CollectionViewRestriction.objects.select_related("collection").prefetch_related("groups")
        if not restriction.accept_request(request)
    ]
    if refused_paths:
        refused_ids = set()
        for path in refused_paths:
            refused_ids |= set(Collection.objects.filter(path__startswith=path).values_list("pk", flat=True))
        documents = documents.exclude(collection_id__in=refused_ids)
    return documents


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
    if kind and kind != DOCUMENTS:
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


def year_facet(results, date_field):
    """Counts per year, in SQL on the database backends (none on Elasticsearch)."""
    if results is None or not hasattr(results, "get_queryset"):
        return {}
    rows = (
        results.get_queryset()
        .order_by()
        .annotate(year=ExtractYear(date_field))
        .values("year")
        .annotate(count=Count("pk"))
    )
    return {row["year"]: row["count"] for row in rows}


def _merge_counts(*facets):
    merged = {}
    for facet in facets:
        for key, count in facet.items():
            merged[key] = merged.get(key, 0) + count
    return OrderedDict(sorted(merged.items(), key=lambda item: -(item[0] or 0)))


class SiteSearch:
    """One query over pages and documents; `kind` is a page content type id or DOCUMENTS.

    Each facet is computed with the other filters applied but not its own, so that its counts
    add up to the hits of the query without it.
    """

    def __init__(self, request, query, *, kind=None, year=None, sort="relevance"):
        self.query = build_query(query)
        self.pages = visible_pages(request)
        self.documents = visible_documents(request)
        self.kind, self.year, self.relevance = kind, year, sort != "date"

    def page_hits(self, kind, year):
        if kind == DOCUMENTS:
            return None
        candidates = _filtered(self.pages, kind, year)
        if not self.relevance:
            candidates = candidates.order_by("-first_published_at")
        return candidates.search(self.query, order_by_relevance=self.relevance)

    def document_hits(self, kind, year):
        if kind not in (None, DOCUMENTS):
            return None
        candidates = self.documents
        if year:
            start, end = _year_range(year)
            candidates = candidates.filter(created_at__gte=start, created_at__lt=end)
        if not self.relevance:
            candidates = candidates.order_by("-created_at")
        return candidates.search(self.query, order_by_relevance=self.relevance)

    def run(self):
        pages = self.page_hits(self.kind, self.year)
        documents = self.document_hits(self.kind, self.year)
        kinds = kind_facet(self.page_hits(None, self.year))
        document_count = self.document_hits(None, self.year).count()
        if document_count:
            kinds[DOCUMENTS] = {"label": "Documents", "count": document_count}
        years = _merge_counts(
            year_facet(self.page_hits(self.kind, None), "first_published_at"),
            year_facet(self.document_hits(self.kind, None), "created_at"),
        )
        total = sum(hits.count() for hits in (pages, documents) if hits is not None)
        return {
            "results": pages if pages is not None else documents,
            "documents": documents[:5] if pages is not None and documents is not None else [],
            "facets": {"kinds": kinds, "years": years},
            "total": total,
        }


def search(request, query, **filters):
    try:
        return SiteSearch(request, query, **filters).run()
    except Exception as error:  # the engine's client errors differ per backend
        if is_connection_error(error):
            raise SearchUnavailable from error
        raise


def is_connection_error(error):
    try:
        from elastic_transport import ConnectionError as TransportConnectionError
        from elastic_transport import ConnectionTimeout
    except ImportError:  # pragma: no cover - the client is in requirements.txt
        return False
    return isinstance(error, TransportConnectionError | ConnectionTimeout)


def with_snippets(pages, query):
    """Attach `snippet_html` (escaped, terms in <mark>) from the indexed text, PDF text included."""
    pages = list(pages)
    if not pages or not isinstance(pages[0], Page):
        for item in pages:
            item.title_html = highlight(item.title, query, width=300)
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
