"""Elasticsearch 8 with a French analyzer: elisions, lower case, accents folded, the editors'
synonyms, French stop words and stemming. Selected by ELASTICSEARCH_URL (settings)."""

from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend
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


class FrenchElasticsearchBackend(Elasticsearch8SearchBackend):
    def __init__(self, params):
        super().__init__(params)
        self.settings = deep_update(self.settings, french_index_settings(synonym_lines()))


SearchBackend = FrenchElasticsearchBackend
