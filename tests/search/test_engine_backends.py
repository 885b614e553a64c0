"""The two search engine backends (search.backends): OpenSearch runs for real in the tests marked
`engine`; Elasticsearch 8 cannot run here, so what is checked without a server is checked for both
with the same expectations — the French analysis, one query language, and the French page when
the server cannot be reached."""

import pytest
from django.test import RequestFactory

from core.visibility import visible_documents
from search.backends.elasticsearch8 import FrenchElasticsearchBackend
from search.backends.opensearch import FrenchOpenSearchBackend
from search.elastic import FacetedSearch
from search.engine import Filters, Services, build_query, visible_pages
from search.models import Synonym

pytestmark = pytest.mark.django_db

UNREACHABLE = "http://127.0.0.1:9"  # the discard port: nothing listens, the connection is refused
BACKENDS = {"elasticsearch8": FrenchElasticsearchBackend, "opensearch": FrenchOpenSearchBackend}


def backend(name):
    return BACKENDS[name]({"URLS": [UNREACHABLE], "INDEX_PREFIX": "test_", "TIMEOUT": 1,
                           "OPTIONS": {"max_retries": 0}})


@pytest.mark.parametrize("name", BACKENDS)
def test_index_settings_use_a_french_default_analyzer_with_the_editors_synonyms(name):
    Synonym.objects.create(term="CCAS", equivalents="centre communal d'action sociale")
    analysis = backend(name).settings["settings"]["analysis"]
    default = analysis["analyzer"]["default"]
    assert default["tokenizer"] == "standard"
    assert default["char_filter"] == ["french_apostrophe"]
    assert default["filter"] == [
        "french_elision", "lowercase", "asciifolding", "french_synonyms", "french_stop", "french_stemmer",
    ]
    assert analysis["filter"]["french_synonyms"]["synonyms"] == ["ccas, centre communal d'action sociale"]
    assert "edgengram_analyzer" in analysis["analyzer"]  # Wagtail's own autocomplete analyzers are kept


def test_both_backends_send_the_same_faceted_request(site_tree, make_user):
    request = RequestFactory().get("/recherche/")
    request.user = make_user("lambda")
    pages, documents = visible_pages(request), visible_documents(request)

    def bodies(name):
        search = FacetedSearch(backend(name), pages, documents, build_query("cantine"), Filters(year=2024),
                               Services(pages))
        return search.pages_body(), search.pages_body(relevance=False), search.documents_body()

    assert bodies("opensearch") == bodies("elasticsearch8")


@pytest.fixture(params=BACKENDS)
def unreachable_engine(request, settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": f"search.backends.{request.param}", "URLS": [UNREACHABLE], "INDEX_PREFIX": "test_",
                    "TIMEOUT": 1, "OPTIONS": {"max_retries": 0}}
    }


def test_unreachable_server_publishing_still_works_and_search_says_so_in_french(agent_client, unreachable_engine):
    from home.demo import ensure_child, section_root
    from home.models import Section, StandardPage

    page = ensure_child(section_root(Section.NEWS), StandardPage, slug="publie", title="Publié malgré tout")
    page.save_revision().publish()
    assert StandardPage.objects.get(pk=page.pk).live
    response = agent_client.get("/recherche/", {"q": "cantine"})
    assert response.status_code == 503
    assert "Recherche momentanément indisponible" in response.content.decode()
    suggestions = agent_client.get("/recherche/suggestions/", {"q": "cantine"})
    assert suggestions.status_code == 503
    assert suggestions.json()["results"] == []
    for filters in ({"annee": 2024, "matiere": "7.10"}, {"type": "documents", "annee": 2024}):
        assert agent_client.get("/recherche/", {"q": "cantine", **filters}).status_code == 503
