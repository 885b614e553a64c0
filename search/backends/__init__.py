"""What the site's two search engines share: Elasticsearch 8 (`search.backends.elasticsearch8`,
ELASTICSEARCH_URL) and OpenSearch 2 (`search.backends.opensearch`, OPENSEARCH_URL) speak the same
query language, so one French analysis, one way to add clauses to a query and one time limit serve
both; each module only binds them to its client.

The French analysis: apostrophes made straight, elisions, lower case, accents folded, the editors'
synonyms, French stop words and light stemming. Words are also matched as prefixes, as on the
database (search.fulltext): the catch-all fields a query searches carry a subfield of their words'
beginnings, which the query's words reach stemmed the way the database stems them (Snowball), so
that « canton » finds « cantonal » and « délibération » finds « délibéré »."""

from django.db import DatabaseError
from modelsearch.backends.elasticsearchbase import Field
from modelsearch.utils import deep_update

from search import limits
from search.text import MIN_PREFIX

FRENCH_ELISIONS = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]
CATCH_ALL = "_all_text"  # modelsearch's fields holding every SearchField (`_all_text_boost_*` the boosted ones)
PREFIXES = "prefixes"  # their subfield of word beginnings
# A word matched only as a prefix ranks below the same word matched whole or by its stem.
PREFIX_BOOST = 0.3
MAX_PREFIX = 20


def french_index_settings(synonyms):
    """Index settings whose default analyzer is French; `synonyms` are Solr-style lines."""
    filters = ["french_elision", "lowercase", "asciifolding"]
    analysis_filters = {
        "french_elision": {"type": "elision", "articles_case": True, "articles": FRENCH_ELISIONS},
        "french_stop": {"type": "stop", "stopwords": "_french_"},
        "french_stemmer": {"type": "stemmer", "language": "light_french"},
        "french_snowball": {"type": "snowball", "language": "French"},
        "french_prefixes": {"type": "edge_ngram", "min_gram": MIN_PREFIX, "max_gram": MAX_PREFIX},
    }
    if synonyms:
        analysis_filters["french_synonyms"] = {"type": "synonym", "lenient": True, "synonyms": synonyms}
        filters.append("french_synonyms")
    filters += ["french_stop", "french_stemmer"]
    prefix_filters = ["french_elision", "lowercase", "asciifolding", "french_stop"]
    return {
        "settings": {
            "analysis": {
                # « l’école » is typed with a typographic apostrophe, which the elision filter ignores.
                "char_filter": {"french_apostrophe": {"type": "mapping", "mappings": ["’=>'", "ʼ=>'"]}},
                "filter": analysis_filters,
                "analyzer": {
                    "default": {"type": "custom", "tokenizer": "standard", "char_filter": ["french_apostrophe"],
                                "filter": filters},
                    # Synonyms are left to the query's alternatives (engine.build_query).
                    "french_prefixes": {"type": "custom", "tokenizer": "standard",
                                        "char_filter": ["french_apostrophe"],
                                        "filter": [*prefix_filters, "french_prefixes"]},
                    "french_prefix_query": {"type": "custom", "tokenizer": "standard",
                                            "char_filter": ["french_apostrophe"],
                                            "filter": [*prefix_filters, "french_snowball"]},
                },
            }
        }
    }


def synonym_lines():
    """The editors' synonyms as `term, equivalent, …` lines, accents folded like the analyzer."""
    from core.text import fold
    from search.models import Synonym

    try:
        return [
            ", ".join(fold(expression) for expression in [synonym.term, *synonym.equivalent_list()])
            for synonym in Synonym.objects.all()
        ]
    except DatabaseError:  # before the first migration
        return []


class PrefixedMappingMixin:
    """The catch-all fields also indexed as their words' beginnings (MIN_PREFIX to MAX_PREFIX
    letters), searched with the query's words stemmed (FilteredQueryMixin)."""

    def get_mapping(self):
        mapping = super().get_mapping()
        for name, field in mapping["properties"].items():
            if name.startswith(CATCH_ALL):
                field["fields"] = {PREFIXES: {"type": "text", "analyzer": "french_prefixes",
                                              "search_analyzer": "french_prefix_query"}}
        return mapping


class FilteredQueryMixin:
    """The backend's query with engine clauses added to the queryset's filters, and all the words
    required across the fields together: the title is indexed apart from the text (a boosted
    field), and « délibération cantine » must find a page whose title says one and text the other.
    Each word is found whole, by its stem, or as the beginning of a word (ranked below)."""

    def __init__(self, *args, clauses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.clauses = list(clauses)

    def get_filters(self):
        return super().get_filters() + self.clauses

    def _compile_plaintext_query(self, query, fields, boost=1.0):
        compiled = self._across_fields(super()._compile_plaintext_query(query, fields, boost), query)
        if query.operator != "and" or not all(field.field_name.startswith(CATCH_ALL) for field in fields):
            return compiled
        prefix_fields = [Field(f"{field.field_name}.{PREFIXES}", field.boost) for field in fields]
        prefixes = self._across_fields(
            super()._compile_plaintext_query(query, prefix_fields, boost * PREFIX_BOOST), query)
        return {"bool": {"should": [compiled, prefixes], "minimum_should_match": 1}}

    @staticmethod
    def _across_fields(compiled, query):
        if "multi_match" in compiled and query.operator == "and":
            compiled["multi_match"]["type"] = "cross_fields"
        return compiled


class BoundedResultsMixin:
    """Searches and counts sent within the time limit of the request (search.limits)."""

    def _backend_do_search(self, body, **kwargs):
        return self.backend.bounded("search", body, **kwargs)

    def _do_count(self):
        index = self.backend.get_index_for_model(self.query_compiler.queryset.model).name
        count = self.backend.bounded("count", self._get_es_body(for_count=True), index=index)["count"]
        count -= self.start
        if self.stop is not None:
            count = min(count, self.stop - self.start)
        return max(count, 0)


class RefreshingIndexMixin:
    """With REFRESH_AFTER_WRITE (tests, development), what is written is searchable by the next
    search rather than at the next refresh (a second later by default): the indices written are
    refreshed before it, once (one refresh per write would cost more than the writes)."""

    written = set()  # names of indices written since the last refresh, for every backend instance

    def add_item(self, item):
        super().add_item(item)
        self._written()

    def add_items(self, model, items):
        super().add_items(model, items)
        self._written()

    def delete_item(self, item):
        super().delete_item(item)
        self._written()

    def _written(self):
        if self.backend.refresh_after_write:
            RefreshingIndexMixin.written.add(self.name)


class FrenchEngineMixin:
    """The French analysis, engine clauses and the time limit on a modelsearch engine backend.

    A subclass names its `filtered_compiler_class`, its client's `timeout_errors`, and how it sends
    a request with a timeout (`send`)."""

    filtered_compiler_class = None
    timeout_errors = ()

    def __init__(self, params):
        params = dict(params)
        self.refresh_after_write = params.pop("REFRESH_AFTER_WRITE", False)
        super().__init__(params)
        self.settings = deep_update(self.settings, french_index_settings(synonym_lines()))

    def filtered_search(self, query, queryset, clauses, order_by_relevance=True):
        """search(), narrowed by engine clauses the queryset's filters cannot express
        (search.elastic: a service, a field of one page type)."""
        return self._search(self.filtered_compiler_class, query, queryset, clauses=clauses,
                            order_by_relevance=order_by_relevance)

    def bounded(self, api, body, **params):
        """The client's `api` ("search" or "count") called with `body`, stopped at the time limit
        of the current search (SearchTooLong), unbounded outside one."""
        remaining = limits.remaining_seconds()
        if remaining is not None and remaining <= 0:
            raise limits.SearchTooLong
        if self.refresh_after_write and RefreshingIndexMixin.written:
            self.es.indices.refresh(index=",".join(sorted(RefreshingIndexMixin.written)))
            RefreshingIndexMixin.written.clear()
        try:
            return self.send(api, body, remaining, **params)
        except self.timeout_errors as error:
            if remaining is None:
                raise
            raise limits.SearchTooLong from error

    def send(self, api, body, timeout, **params):
        raise NotImplementedError
