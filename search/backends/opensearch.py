"""OpenSearch 2 with the French analysis (search.backends), on modelsearch's OpenSearch backend
for the opensearch-py 3 client (the client's major version names modelsearch's module; the
server is 2.19). Selected by OPENSEARCH_URL (settings)."""

from modelsearch.backends.opensearch3 import (
    OpenSearch3Index,
    OpenSearch3Mapping,
    OpenSearch3SearchBackend,
    OpenSearch3SearchQueryCompiler,
    OpenSearch3SearchResults,
)
from opensearchpy import ConnectionTimeout

from . import (
    BoundedResultsMixin,
    FilteredQueryMixin,
    FrenchEngineMixin,
    PrefixedMappingMixin,
    RefreshingIndexMixin,
)


class Mapping(PrefixedMappingMixin, OpenSearch3Mapping):
    pass


class FilteredQueryCompiler(FilteredQueryMixin, OpenSearch3SearchQueryCompiler):
    mapping_class = Mapping


class Results(BoundedResultsMixin, OpenSearch3SearchResults):
    pass


class Index(RefreshingIndexMixin, OpenSearch3Index):
    pass


class FrenchOpenSearchBackend(FrenchEngineMixin, OpenSearch3SearchBackend):
    mapping_class = Mapping
    filtered_compiler_class = FilteredQueryCompiler
    results_class = Results
    index_class = Index
    timeout_errors = (ConnectionTimeout,)

    def send(self, api, body, timeout, **params):
        if timeout is not None:
            params["request_timeout"] = timeout
        return getattr(self.es, api)(body=body, **params)


SearchBackend = FrenchOpenSearchBackend
