"""Elasticsearch 8 with a French analyzer: elisions, lower case, accents folded, the editors'
synonyms, French stop words and stemming. Selected by ELASTICSEARCH_URL (settings)."""

from functools import partial

from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend, Elasticsearch8SearchQueryCompiler
from modelsearch.utils import deep_update

FRENCH_ELISIONS = ["l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"]


def french_index_settings(synonyms):
    """Index settings whose default analyzer is French; `synonyms` are Solr-style lines."""
    filters = ["french_elision", "lowercase", "asciifolding"]
    analysis_filters = {
        "french_elision": {"type": "elision", "articles_case": True, "articles": FRENCH_ELISIONS},
        "french_stop": {"type": "stop", "stopwords": "_french_"},
        "french_stemmer": {"type": "stemmer", "language": "light_french"},
    }
    if synonyms:
        analysis_filters["french_synonyms"] = {"type": "synonym", "lenient": True, "synonyms": synonyms}
        filters.append("french_synonyms")
    filters += ["french_stop", "french_stemmer"]
    return {
        "settings": {
            "analysis": {
                "filter": analysis_filters,
                "analyzer": {"default": {"type": "custom", "tokenizer": "standard", "filter": filters}},
            }
        }
    }


def synonym_lines():
    """The editors' synonyms as `term, equivalent, …` lines, accents folded like the analyzer."""
    from django.db import DatabaseError

    from .models import Synonym
    from .text import fold

    try:
        return [
            ", ".join(fold(expression) for expression in [synonym.term, *synonym.equivalent_list()])
            for synonym in Synonym.objects.all()
        ]
    except DatabaseError:  # before the first migration
        return []


class FilteredQueryCompiler(Elasticsearch8SearchQueryCompiler):
    """The backend's query with Elasticsearch clauses added to the queryset's filters."""

    def __init__(self, *args, clauses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.clauses = list(clauses)

    def get_filters(self):
        return super().get_filters() + self.clauses


class FrenchElasticsearchBackend(Elasticsearch8SearchBackend):
    def __init__(self, params):
        super().__init__(params)
        self.settings = deep_update(self.settings, french_index_settings(synonym_lines()))

    def filtered_search(self, query, queryset, clauses, order_by_relevance=True):
        """search(), narrowed by Elasticsearch clauses the queryset's filters cannot express
        (search.elastic: a service, a field of one page type)."""
        compiler = partial(FilteredQueryCompiler, clauses=clauses)
        return self._search(compiler, query, queryset, order_by_relevance=order_by_relevance)


SearchBackend = FrenchElasticsearchBackend
