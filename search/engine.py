"""The site-wide search: what the current user may see, French queries, facets and snippets."""

from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, F, Q
from django.db.models.functions import ExtractYear, Substr
from django.utils import timezone
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry
from wagtail.search.query import Or, PlainText

from core.collation import sort_key
from core.visibility import live_pages_for, visible_documents
from mairie_site.bulk import among

from .fulltext import RANK_CANDIDATES, FullText, uses_database_index
from .models import Synonym
from .text import highlight

PAGE_SIZE = 10
GROUP_SIZE = 3
DOCUMENTS_SHOWN = 5  # in the documents' box beside the pages
DOCUMENTS = "documents"
# Beyond this many matches of a model, the facets count the first COUNT_LIMIT matches (with the
# agent's filters) and the page says "plus de": counting every match of a word found everywhere
# would evaluate the query on every row of the index.
COUNT_LIMIT = RANK_CANDIDATES


class SearchUnavailable(Exception):
    """The search engine cannot be reached; the page says so in French."""


def visible_pages(request):
    """Live pages the current user may see (core.visibility's rule).

    Worked out once per request (a search page and its boxes, the suggestions, all ask)."""
    if getattr(request, "_visible_pages", None) is None:
        request._visible_pages = live_pages_for(request.user)
    return request._visible_pages


def alternatives(query):
    """The query and the expressions equivalent to it in the editors' synonyms (CCAS ↔ centre…)."""
    return [query, *Synonym.expansions_for(query)]


def build_query(query):
    """All the words of the query, or all the words of one of its synonyms (for a search engine)."""
    base, *expansions = [PlainText(text, operator="and") for text in alternatives(query)]
    return Or([base, *expansions]) if expansions else base


def year_range(year):
    start = timezone.make_aware(datetime(year, 1, 1))
    return start, timezone.make_aware(datetime(year + 1, 1, 1))


class LocalYear(ExtractYear):
    """The year in the site's time zone. On SQLite, Django's ExtractYear calls a Python function
    per row (most of the facet query's time); there the stored UTC text is shifted by the zone's
    offset at New Year, the only moment the year changes, and read by SQLite's strftime."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        new_year = datetime(timezone.now().year, 1, 1)
        offset = int(timezone.get_current_timezone().utcoffset(new_year).total_seconds())
        return f"CAST(strftime('%%Y', {sql}, '{offset:+d} seconds') AS INTEGER)", params


def kind_label(content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return str(model._meta.verbose_name) if model else "?"


@dataclass(frozen=True)
class Filters:
    """The agent's narrowing: kind (content type id or DOCUMENTS), year, service page id, matter code."""

    kind: object = None
    year: int | None = None
    service: int | None = None
    matter: str | None = None

    FACETS = ("kind", "year", "service", "matter")

    def accepts(self, row, ignore=None):
        return all(
            getattr(self, name) in (None, row[name]) for name in self.FACETS if name != ignore
        )

    def pages(self, pages, services):
        if self.kind == DOCUMENTS:
            return pages.none()
        if self.kind:
            pages = pages.filter(content_type_id=self.kind)
        if self.year:
            start, end = year_range(self.year)
            pages = pages.filter(first_published_at__gte=start, first_published_at__lt=end)
        if self.service:
            path = services.path_of(self.service)
            pages = pages.filter(Q(path__startswith=path) | Q(officialnotepage__issuing_service_id=self.service))
        if self.matter:
            pages = pages.filter(deliberationpage__matter=self.matter)
        return pages

    def documents(self, documents):
        if self.kind not in (None, DOCUMENTS) or self.service or self.matter:
            return documents.none()
        if self.year:
            start, end = year_range(self.year)
            documents = documents.filter(created_at__gte=start, created_at__lt=end)
        return documents


class Services:
    """The service pages the agent may see; a page belongs to the service above it in the tree,
    a note of service to its issuing service."""

    def __init__(self, pages):
        from home.models import Section, ServicePage

        self.by_path = {}
        root = pages.filter(sectionpage__section=Section.SERVICES).first()
        self.prefix = 0
        if root is not None:
            self.prefix = (root.depth + 1) * Page.steplen
            for pk, path, title in pages.type(ServicePage).filter(depth=root.depth + 1).values_list(
                "pk", "path", "title"
            ):
                self.by_path[path] = (pk, title)
        self.titles = dict(self.by_path.values())

    def path_of(self, service):
        return next((path for path, (pk, _title) in self.by_path.items() if pk == service), "-")

    def of(self, path_prefix, issuing_service):
        if issuing_service:
            return issuing_service
        found = self.by_path.get(path_prefix)
        return found[0] if found else None


def facet_rows(pages, documents, services):
    """Hits counted per (kind, year, service, matter): one grouped query per model."""
    rows = []
    page_groups = (
        pages.order_by()
        .annotate(facet_year=LocalYear("first_published_at"), facet_prefix=Substr("path", 1, services.prefix or 1))
        .values("content_type_id", "facet_year", "facet_prefix", "officialnotepage__issuing_service_id",
                "deliberationpage__matter")
        .annotate(hits=Count("pk"))
    )
    for group in page_groups:
        rows.append({
            "kind": group["content_type_id"],
            "year": group["facet_year"],
            "service": services.of(group["facet_prefix"], group["officialnotepage__issuing_service_id"]),
            "matter": group["deliberationpage__matter"] or None,
            "hits": group["hits"],
        })
    document_groups = documents.order_by().annotate(facet_year=LocalYear("created_at")).values("facet_year")
    for group in document_groups.annotate(hits=Count("pk")):
        rows.append({"kind": DOCUMENTS, "year": group["facet_year"], "service": None, "matter": None,
                     "hits": group["hits"]})
    return rows


def count_by(rows, name, filters):
    counts = {}
    for row in rows:
        if filters.accepts(row, ignore=name):
            counts[row[name]] = counts.get(row[name], 0) + row["hits"]
    return counts


def facets(rows, filters, services):
    """Each facet counts the hits of the other filters, so that its counts add up to them."""
    return labelled_facets({name: count_by(rows, name, filters) for name in Filters.FACETS}, services)


def labelled_facets(counts, services):
    """The facets as the page shows them, from {facet: {value: hits}} (None: the hits without one)."""
    labelled = OrderedDict(
        (key, {"label": "Documents" if key == DOCUMENTS else kind_label(key), "count": count})
        for key, count in sorted(counts["kind"].items(), key=lambda item: -item[1])
    )
    years = OrderedDict(sorted(counts["year"].items(), key=lambda item: -(item[0] or 0)))
    service_counts, matter_counts = counts["service"], counts["matter"]
    return {
        "kinds": labelled,
        "years": years,
        "services": _labelled(service_counts, services.titles.get),
        "matters": _labelled(matter_counts, _matter_label) if set(matter_counts) - {None} else [],
    }


def _matter_label(code):
    from council.nomenclature import matter_label

    return f"{code} {matter_label(code)}"


def _labelled(counts, label):
    """[(key, label, count)], the largest first and the hits without a value last."""
    known = sorted(((key, label(key), count) for key, count in counts.items() if key is not None),
                   key=lambda item: (-item[2], sort_key(item[1])))
    return known + ([(None, None, counts[None])] if None in counts else []) if known else []


def groups(kinds, best):
    """The best hits of each kind of page (`best(kind)`), most frequent kind first."""
    return [
        {"kind": kind, "label": facet["label"], "count": facet["count"], "hits": best(kind)}
        for kind, facet in kinds.items()
        if kind != DOCUMENTS
    ]


class RankedResults:
    """A sliceable, countable list for the Paginator: only the page shown is ranked and fetched."""

    def __init__(self, fulltext, queryset, count, relevance, found=None, every_match=None):
        self.fulltext, self.queryset, self.relevance, self.found = fulltext, queryset, relevance, found
        self.every_match = every_match  # all the matches of a queryset covering `queryset`, when known
        self.total = min(count, RANK_CANDIDATES) if relevance else count

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, window):
        offset, stop = window.start or 0, window.stop
        if self.relevance:
            return self.fulltext.ranked(self.queryset, offset, stop - offset, self.found)
        return list(self._matches().order_by(F("first_published_at").desc(nulls_last=True), "-pk")[offset:stop])

    def _matches(self):
        """For the date order: the matches themselves when all were read (up to COUNT_LIMIT), else
        the objects checked one by one against the index, newest first, up to the page's last."""
        if self.every_match is not None:
            return self.queryset.filter(among(self.queryset.model, "pk", [pk for pk, _row in self.every_match]))
        return self.fulltext.filter_each(self.queryset)


class SiteSearch:
    """One query over the pages and documents the agent may see, with facets that add up."""

    def __init__(self, request, query, *, filters=None, sort="relevance", page=1):
        self.text = query
        self.filters = filters or Filters()
        self.pages = visible_pages(request)
        self.documents = visible_documents(request)
        self.relevance = sort != "date"
        self.page = page  # the results page to be shown: a search engine sends its hits with the counts

    def run(self):
        if not uses_database_index():
            return self.run_on_backend()
        fulltext = FullText(alternatives(self.text))
        services = Services(self.pages)
        pages = self.filters.pages(self.pages, services)
        documents = self.filters.documents(self.documents)
        # The matches are read once, up to one beyond the limit, and counted from their ids.
        scope = self.pages, self.documents
        found = [fulltext.first_matches(queryset, COUNT_LIMIT + 1) for queryset in scope]
        beyond = max(map(len, found)) > COUNT_LIMIT
        if beyond and self.filters != Filters():
            # Counted: the first COUNT_LIMIT matches of each model that pass the filters; each
            # facet then counts them, its own filter included (only the value chosen appears).
            scope = pages, documents
            found = [fulltext.first_matches(queryset, COUNT_LIMIT + 1) for queryset in scope]
            beyond = max(map(len, found)) > COUNT_LIMIT
        counted = (queryset.filter(among(queryset.model, "pk", [pk for pk, _row in ids[:COUNT_LIMIT]]))
                   for queryset, ids in zip(scope, found, strict=True))
        rows = facet_rows(*counted, services)
        accepted = [row for row in rows if self.filters.accepts(row)]
        page_count = sum(row["hits"] for row in accepted if row["kind"] != DOCUMENTS)
        document_count = sum(row["hits"] for row in accepted if row["kind"] == DOCUMENTS)
        # The matches read are the ranking's candidates when they were read from the very querysets
        # ranked (no filter, or filters beyond the limit); otherwise the ranking reads its own.
        found_pages, found_documents = (ids if queryset is ranked else None
                                        for queryset, ids, ranked in zip(scope, found, (pages, documents), strict=True))
        if self.filters.kind == DOCUMENTS:
            results = RankedResults(fulltext, documents, document_count, relevance=True, found=found_documents)
        else:
            # The pages' matches read (unfiltered, or filtered beyond the limit) cover `pages`: all of
            # them when under the limit, which the date order then sorts without the index.
            every_match = found[0] if len(found[0]) <= COUNT_LIMIT else None
            results = RankedResults(fulltext, pages, page_count, self.relevance, found=found_pages,
                                    every_match=every_match)
        found_facets = facets(rows, self.filters, services)
        return {
            "results": results,
            "documents": fulltext.ranked(documents, 0, DOCUMENTS_SHOWN, found_documents)
            if document_count and self.filters.kind is None else [],
            "groups": lambda: groups(found_facets["kinds"], lambda kind: fulltext.ranked(
                pages.filter(content_type_id=kind), 0, GROUP_SIZE, kind=kind)),
            "facets": found_facets,
            "total": page_count + document_count,
            "more": beyond,
        }

    def run_on_backend(self):
        """A search engine: it ranks, counts and computes the same four facets, in one request on the
        pages' index and one on the documents' (search.elastic)."""
        from .elastic import FacetedSearch

        services = Services(self.pages)
        faceted = FacetedSearch(get_search_backend(), self.pages, self.documents, build_query(self.text),
                                self.filters, services)
        counts, results, documents = faceted.run(self.relevance, (self.page - 1) * PAGE_SIZE, PAGE_SIZE,
                                                 box=DOCUMENTS_SHOWN)
        found_facets = labelled_facets(counts, services)
        return {
            "results": results,
            "documents": documents,
            "groups": lambda: groups(found_facets["kinds"], lambda kind: list(faceted.best_of_kind(kind)[:GROUP_SIZE])),
            "facets": found_facets,
            "total": sum(count for kind, count in counts["kind"].items() if self.filters.kind in (None, kind)),
            "more": False,
        }


def autocomplete(request, query, pages=6, documents=3):
    """The first pages and documents whose titles (or acronyms) start like the words typed."""
    visible = visible_pages(request), visible_documents(request)
    if not uses_database_index():  # every word typed, as on the database
        return (visible[0].autocomplete(query, operator="and")[:pages],
                visible[1].autocomplete(query, operator="and")[:documents])
    prefixes = FullText([query], autocomplete=True)
    return prefixes.ranked(visible[0], 0, pages), prefixes.ranked(visible[1], 0, documents)


def search(request, query, **options):
    try:
        return SiteSearch(request, query, **options).run()
    except Exception as error:  # the engine's client errors differ per backend
        if is_connection_error(error):
            raise SearchUnavailable from error
        raise


def is_connection_error(error):
    """An engine that cannot be reached, with either client (both are in requirements.txt)."""
    from elastic_transport import ConnectionError as TransportConnectionError
    from elastic_transport import ConnectionTimeout
    from opensearchpy import ConnectionError as OpenSearchConnectionError

    return isinstance(error, TransportConnectionError | ConnectionTimeout | OpenSearchConnectionError)


def indexed_texts(pages):
    """{page id: the text Wagtail's database index holds for it}, PDF text included."""
    text_column = "body_text" if connection.vendor == "postgresql" else "body"
    return dict(
        IndexEntry.objects.filter(  # by content type too: the index's key, and documents share ids
            content_type_id__in={page.content_type_id for page in pages},
            object_id__in=[str(page.pk) for page in pages],
        ).values_list("object_id", text_column)
    )


def engine_texts(pages):
    """{page id: the text a search engine indexed for it}, read again from the pages' search
    fields (the engine keeps the words, not the text to show around them)."""
    texts = {}
    for page in Page.objects.filter(pk__in=[page.pk for page in pages]).specific():
        parts = []
        for field in type(page).get_search_fields():
            if isinstance(field, index.SearchField) and field.field_name != "title":
                value = field.get_value(page)
                parts += value if isinstance(value, list) else [value]
        texts[str(page.pk)] = " ".join(str(part) for part in parts if part)
    return texts


def with_snippets(pages, query):
    """Attach `snippet_html` (escaped, terms in <mark>) from the indexed text, PDF text included."""
    pages = list(pages)
    if not pages or not isinstance(pages[0], Page):
        for item in pages:
            item.title_html = highlight(item.title, query, width=300)
        return pages
    entries = indexed_texts(pages) if uses_database_index() else engine_texts(pages)
    for page in pages:
        text = entries.get(str(page.pk)) or page.search_description or ""
        page.snippet_html = highlight(text, query)
        page.title_html = highlight(page.title, query, width=300)
    return pages
