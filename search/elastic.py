"""The kind, year, service and council-matter facets on a search engine (Elasticsearch 8 or
OpenSearch 2: the same request bodies, sent by search.backends), with the same meaning as
on the database (engine.facets): each facet counts the hits of the other filters, so that its
counts add up to them, and a chosen value narrows the results.

One request per index gives what the results page shows: on the pages' index an aggregation per
facet, each inside a `filter` aggregation holding the other filters, the hits passing every
filter (a `post_filter`, which the aggregations do not see) and their total; on the documents'
index their years, and the documents' box or, for the kind « Documents », the results. The
filters are engine clauses rather than Django lookups: a service is its subtree or the notes it
issued, and the matter a field of the deliberations only, which a search over `Page` cannot
express as queryset filters."""

from django.conf import settings
from wagtail.models import Page

from council.models import DeliberationPage, OfficialNotePage

from .engine import DOCUMENTS, Filters, year_range

TERMS_SIZE = 500  # more than the kinds of page or the ACTES matters a town uses
MATCH_NONE = {"bool": {"must_not": {"match_all": {}}}}
# The engines' default index.max_result_window: a request reaching past it is refused.
MAX_RESULT_WINDOW = 10_000


def column(backend, model, attname):
    """The index column of `model`'s filter field `attname` (prefixed for a page type's own field)."""
    field = next(field for field in model.get_filterable_search_fields() if field.get_attname(model) == attname)
    return backend.mapping_class(model).get_field_column_name(field)


class FacetedSearch:
    """A search over the pages and documents the agent may see, narrowed by `filters`."""

    def __init__(self, backend, pages, documents, query, filters, services):
        self.backend, self.pages, self.documents, self.query = backend, pages, documents, query
        self.filters, self.services = filters, services
        self.columns = {
            "kind": column(backend, Page, "content_type_id"),
            "date": column(backend, Page, "first_published_at"),
            "path": column(backend, Page, "path"),
            "issuing_service": column(backend, OfficialNotePage, "issuing_service_id"),
            "matter": column(backend, DeliberationPage, "matter"),
            "document_date": column(backend, self.documents.model, "created_at"),
        }

    def search(self, queryset, clauses=(), relevance=True):
        return self.backend.filtered_search(self.query, queryset, clauses, order_by_relevance=relevance)

    def service_clause(self, service):
        """A page belongs to the service above it in the tree, a note to its issuing service."""
        issuing = self.columns["issuing_service"]
        below = {"bool": {"filter": {"prefix": {self.columns["path"]: self.services.path_of(service)}},
                          "must_not": {"exists": {"field": issuing}}}}
        return {"bool": {"should": [{"term": {issuing: service}}, below], "minimum_should_match": 1}}

    def clause(self, name, value):
        if name == "kind":
            return MATCH_NONE if value == DOCUMENTS else {"term": {self.columns["kind"]: value}}
        if name == "year":
            return self.year_clause(self.columns["date"], value)
        if name == "service":
            return self.service_clause(value)
        return {"term": {self.columns["matter"]: value}}

    @staticmethod
    def year_clause(field, year):
        start, end = year_range(year)
        return {"range": {field: {"gte": start.isoformat(), "lt": end.isoformat()}}}

    def clauses(self, ignore=None):
        """The clauses of the filters chosen, but the one of the facet `ignore`."""
        return [self.clause(name, getattr(self.filters, name)) for name in Filters.FACETS
                if name != ignore and getattr(self.filters, name) is not None]

    def document_clauses(self):
        """The documents' share of the filters (engine.Filters.documents): documents have no service
        and no matter, so choosing one leaves none; a year is their `created_at`'s."""
        if self.filters.service or self.filters.matter:
            return [MATCH_NONE]
        return [self.year_clause(self.columns["document_date"], self.filters.year)] if self.filters.year else []

    def best_of_kind(self, kind):
        """The pages of one kind passing the other filters, by relevance (the grouped display)."""
        return self.search(self.pages, [*self.clauses(ignore="kind"), self.clause("kind", kind)])

    def aggregation(self, name):
        if name == "kind":
            return {"terms": {"field": self.columns["kind"], "size": TERMS_SIZE}}
        if name == "year":
            return self.year_histogram(self.columns["date"])
        if name == "service":
            return {"filters": {"filters": {str(pk): self.service_clause(pk) for pk in self.services.titles}}}
        return {"terms": {"field": self.columns["matter"], "size": TERMS_SIZE}}

    @staticmethod
    def year_histogram(field):
        """Years in the town's time zone, as on the database."""
        return {"date_histogram": {"field": field, "calendar_interval": "year", "time_zone": settings.TIME_ZONE,
                                   "format": "yyyy", "min_doc_count": 1}}

    def page_aggregations(self):
        """One aggregation per facet, each counting the hits of the other filters."""
        aggregations = {}
        for name in Filters.FACETS:
            values = {} if name == "service" and not self.services.titles else {"values": self.aggregation(name)}
            aggregations[name] = {"filter": {"bool": {"filter": self.clauses(ignore=name)}}, "aggregations": values}
        return aggregations

    def ordered_pages(self, relevance):
        return self.pages if relevance else self.pages.order_by("-first_published_at")

    def pages_body(self, relevance=True):
        return self.body(self.ordered_pages(relevance), self.clauses(), self.page_aggregations(), relevance)

    def documents_body(self):
        return self.body(self.documents, self.document_clauses(),
                         {"year": self.year_histogram(self.columns["document_date"])})

    def body(self, queryset, clauses, aggregations, relevance=True):
        """`aggregations` over every match in `queryset`, and the hits passing `clauses` with their total."""
        compiler = self.search(queryset, relevance=relevance).query_compiler
        body = {"query": compiler.get_query(), "aggregations": aggregations, "track_total_hits": True}
        if clauses:
            body["post_filter"] = {"bool": {"filter": clauses}}
        if sort := compiler.get_sort():
            body["sort"] = sort
        return body

    def run(self, relevance, offset, size, box):
        """({facet: {value: hits}}, the results, the documents' box), from one request per index: the
        results' window from `offset` (of `size`) comes with the counts, and the box's first `box`
        documents (shown when no kind is chosen) with their years."""
        documents_only = self.filters.kind == DOCUMENTS
        if offset + size > MAX_RESULT_WINDOW:  # a page out of range: the paginator asks for the last one
            offset, size = 0, 0
        pages = self.request(self.search(self.ordered_pages(relevance), self.clauses(), relevance),
                             self.pages_body(relevance), *((0, 0) if documents_only else (offset, size)))
        documents = self.request(self.search(self.documents, self.document_clauses()), self.documents_body(),
                                 *((offset, size) if documents_only else (0, box if self.filters.kind is None else 0)))
        counts = self.counts_from(pages.aggregations, documents.aggregations)
        return counts, documents if documents_only else pages, documents[0:box] if self.filters.kind is None else []

    def request(self, searched, body, offset, size):
        """`body` sent for the hits of `searched` (a lazy search of the same hits) from `offset`."""
        index = self.backend.get_index_for_model(searched.query_compiler.queryset.model).name
        response = self.backend.bounded("search", body, index=index, from_=offset, size=size, _source=False,
                                        **{searched.fields_param_name: "pk"})
        return WindowedResults(searched, response, offset, size)

    def counts_from(self, page_aggregations, document_aggregations):
        """The counts from the two responses' aggregations; the documents belong to no service
        and no matter, and are counted where the filters let them through, as on the database."""
        counts = page_counts(page_aggregations)
        document_rows = [
            {"kind": DOCUMENTS, "year": int(bucket["key_as_string"]), "service": None, "matter": None,
             "hits": bucket["doc_count"]}
            for bucket in document_aggregations["year"]["buckets"]
        ]
        for name, values in counts.items():
            for row in document_rows:
                if self.filters.accepts(row, ignore=name):
                    values[row[name]] = values.get(row[name], 0) + row["hits"]
        return counts


class WindowedResults:
    """Hits as the Paginator reads them: their total and the window asked for come from the one
    response that also carried the facets' aggregations; another window (a page out of range sent
    back to the last one) is asked for anew, by `searched`."""

    def __init__(self, searched, response, offset, size):
        self.searched, self.offset, self.size = searched, offset, size
        self.hits, self.total = response["hits"]["hits"], response["hits"]["total"]["value"]
        self.aggregations = response["aggregations"]

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, window):
        start, stop = window.start or 0, window.stop
        if start == self.offset and stop - start <= self.size:  # the response has all there is of it
            return list(self.searched._get_results_from_hits(self.hits[: stop - start]))
        return list(self.searched[start:stop])


def page_counts(aggregations):
    """The response's buckets by facet; what no bucket counted is the facet's None."""
    counts = {}
    for name in Filters.FACETS:
        facet = aggregations[name]
        buckets = facet.get("values", {}).get("buckets", [])
        if isinstance(buckets, dict):  # a filters aggregation: one bucket per service, by key
            buckets = [{"key": key, **bucket} for key, bucket in buckets.items()]
        values = {_key(name, bucket): bucket["doc_count"] for bucket in buckets if bucket["doc_count"]}
        rest = facet["doc_count"] - sum(values.values())
        counts[name] = {**values, None: rest} if rest else values
    return counts


def _key(name, bucket):
    if name == "year":
        return int(bucket["key_as_string"])
    return int(bucket["key"]) if name in ("kind", "service") else bucket["key"]
