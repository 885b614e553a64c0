"""Elasticsearch 8 with the French analysis (search.backends), for towns that run Elasticsearch.
Selected by ELASTICSEARCH_URL (settings)."""

from elastic_transport import ConnectionTimeout
from modelsearch.backends.elasticsearch8 import (
    Elasticsearch8Index,
    Elasticsearch8Mapping,
    Elasticsearch8SearchBackend,
    Elasticsearch8SearchQueryCompiler,
    Elasticsearch8SearchResults,
)

from . import (
    BoundedResultsMixin,
    FilteredQueryMixin,
    FrenchEngineMixin,
    PrefixedMappingMixin,
    RefreshingIndexMixin,
)


class Mapping(PrefixedMappingMixin, Elasticsearch8Mapping):
    pass


class FilteredQueryCompiler(FilteredQueryMixin, Elasticsearch8SearchQueryCompiler):
    mapping_class = Mapping


class Results(BoundedResultsMixin, Elasticsearch8SearchResults):
    pass


class Index(RefreshingIndexMixin, Elasticsearch8Index):
    pass


class FrenchElasticsearchBackend(FrenchEngineMixin, Elasticsearch8SearchBackend):
    mapping_class = Mapping
    filtered_compiler_class = FilteredQueryCompiler
    results_class = Results
    index_class = Index
    timeout_errors = (ConnectionTimeout,)

    def send(self, api, body, timeout, **params):
        client = self.es if timeout is None else self.es.options(request_timeout=timeout)
        return getattr(client, api)(**body, **params)


SearchBackend = FrenchElasticsearchBackend
