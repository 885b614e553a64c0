"""Elasticsearch 8 cannot run here: what can be checked without a server is checked — the French
index settings, the mappings, the query bodies, and behaviour when the server is unreachable."""

import pytest
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from home.demo import ensure_child, section_root
from home.models import Section, StandardPage
from search.backends import FrenchElasticsearchBackend
from search.engine import build_query, visible_pages
from search.models import Synonym

pytestmark = pytest.mark.django_db

UNREACHABLE = "http://127.0.0.1:9"  # the discard port: nothing listens, the connection is refused


def backend():
    return FrenchElasticsearchBackend(
        {"URLS": [UNREACHABLE], "INDEX_PREFIX": "test_", "TIMEOUT": 1, "OPTIONS": {"max_retries": 0}}
    )


def test_index_settings_use_a_french_default_analyzer_with_the_editors_synonyms():
    Synonym.objects.create(term="CCAS", equivalents="centre communal d'action sociale")
    analysis = backend().settings["settings"]["analysis"]
    default = analysis["analyzer"]["default"]
    assert default["tokenizer"] == "standard"
    assert default["filter"] == [
        "french_elision", "lowercase", "asciifolding", "french_synonyms", "french_stop", "french_stemmer",
    ]
    assert "l" in analysis["filter"]["french_elision"]["articles"]
    assert analysis["filter"]["french_stemmer"]["language"] == "light_french"
    assert analysis["filter"]["french_synonyms"]["synonyms"] == ["ccas, centre communal d'action sociale"]
    # Wagtail's own autocomplete analyzers are kept.
    assert "edgengram_analyzer" in analysis["analyzer"]


def test_page_mapping_indexes_the_fields_we_search():
    mapping = backend().mapping_class(StandardPage).get_mapping()
    properties = mapping["properties"]
    assert any(name.endswith("intro") for name in properties)
    assert "title" in properties or any(name.endswith("title") for name in properties)


def test_query_body_excludes_what_the_user_may_not_see(site_tree, make_user):
    from django.contrib.auth.models import Group

    private = ensure_child(section_root(Section.COUNCIL), StandardPage, slug="secret", title="Secret")
    restriction = PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Greffe"))
    request = RequestFactory().get("/recherche/")
    request.user = make_user("lambda")
    compiler = backend().query_compiler_class(visible_pages(request), build_query("délibération cantine"))
    body = str(compiler.get_query())
    assert private.path in body  # the restricted subtree is filtered out in the query itself
    assert "délibération cantine" in body


def test_unreachable_server_publishing_still_works_and_search_says_so_in_french(agent_client, settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends", "URLS": [UNREACHABLE], "INDEX_PREFIX": "test_",
                    "TIMEOUT": 1, "OPTIONS": {"max_retries": 0}}
    }
    page = ensure_child(section_root(Section.NEWS), StandardPage, slug="publie", title="Publié malgré tout")
    page.save_revision().publish()
    assert StandardPage.objects.get(pk=page.pk).live
    response = agent_client.get("/recherche/", {"q": "cantine"})
    assert response.status_code == 503
    assert "Recherche momentanément indisponible" in response.content.decode()
    suggestions = agent_client.get("/recherche/suggestions/", {"q": "cantine"})
    assert suggestions.status_code == 503
    assert suggestions.json()["results"] == []
