"""The kind, year, service and council-matter facets on a search engine (Elasticsearch 8 or
OpenSearch 2: the same request bodies, sent by search.backends), with the same meaning as
on the database (engine.facets): each facet counts the hits of the other filters, so that its
counts add up to them, and a chosen value narrows the results.

Two requests count them: one on the pages' index (an aggregation per facet, each inside a
`filter` aggregation holding the other filters) and one on the documents' index (their years).
The filters are engine clauses rather than Django lookups: a service is its subtree or the
notes it issued, and the matter a field of the deliberations only, which a search over `Page`
cannot express as queryset filters."""

from django.conf import settings
from wagtail.models import Page

from council.models import DeliberationPage, OfficialNotePage

from .engine import DOCUMENTS, Filters, year_range

TERMS_SIZE = 500  # more than the kinds of page or the ACTES matters a town uses


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
            if value == DOCUMENTS:
                return {"bool": {"must_not": {"match_all": {}}}}
            return {"term": {self.columns["kind"]: value}}
        if name == "year":
            start, end = year_range(value)
            return {"range": {self.columns["date"]: {"gte": start.isoformat(), "lt": end.isoformat()}}}
        if name == "service":
            return self.service_clause(value)
        return {"term": {self.columns["matter"]: value}}

    def clauses(self, ignore=None):
        """The clauses of the filters chosen, but the one of the facet `ignore`."""
        return [self.clause(name, getattr(self.filters, name)) for name in Filters.FACETS
                if name != ignore and getattr(self.filters, name) is not None]

    def results(self, relevance=True):
        """What the page lists: the pages (or the documents) passing every filter."""
        if self.filters.kind == DOCUMENTS:
            return self.search(self.filters.documents(self.documents))
        pages = self.pages if relevance else self.pages.order_by("-first_published_at")
        return self.search(pages, self.clauses(), relevance)

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

    def page_facets_body(self):
        """One aggregation per facet, each counting the hits of the other filters."""
        aggregations = {}
        for name in Filters.FACETS:
            values = {} if name == "service" and not self.services.titles else {"values": self.aggregation(name)}
            aggregations[name] = {"filter": {"bool": {"filter": self.clauses(ignore=name)}}, "aggregations": values}
        return {"query": self.search(self.pages).query_compiler.get_query(), "aggregations": aggregations}

    def document_years_body(self):
        return {"query": self.search(self.documents).query_compiler.get_query(),
                "aggregations": {"year": self.year_histogram(self.columns["document_date"])}}

    def _send(self, body, model):
        index = self.backend.get_index_for_model(model).name
        return self.backend.bounded("search", body, index=index, size=0)["aggregations"]

    def counts(self):
        """{facet: {value: hits}}, the hits without a value under None, documents included."""
        return self.counts_from(self._send(self.page_facets_body(), Page),
                                self._send(self.document_years_body(), self.documents.model))

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
