"""Elasticsearch 8 cannot run here: what can be checked without a server is checked — the French
index settings, the mappings, the query bodies, and behaviour when the server is unreachable."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from council.models import DeliberationPage, OfficialNotePage
from home.demo import ensure_child, section_root
from home.models import Section, ServicePage, StandardPage
from search.backends import FrenchElasticsearchBackend
from search.elastic import FacetedSearch
from search.engine import DOCUMENTS, Filters, Services, build_query, labelled_facets, visible_documents, visible_pages
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


def restrict_to_greffe(page):
    from django.contrib.auth.models import Group

    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Greffe"))


def agent_request(user):
    request = RequestFactory().get("/recherche/")
    request.user = user
    return request


def test_query_body_excludes_what_the_user_may_not_see(site_tree, make_user):
    private = ensure_child(section_root(Section.COUNCIL), StandardPage, slug="secret", title="Secret")
    restrict_to_greffe(private)
    request = agent_request(make_user("lambda"))
    compiler = backend().query_compiler_class(visible_pages(request), build_query("délibération cantine"))
    body = str(compiler.get_query())
    assert private.path in body  # the restricted subtree is filtered out in the query itself
    assert "délibération cantine" in body


def use_unreachable_server(settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends", "URLS": [UNREACHABLE], "INDEX_PREFIX": "test_",
                    "TIMEOUT": 1, "OPTIONS": {"max_retries": 0}}
    }


def test_unreachable_server_publishing_still_works_and_search_says_so_in_french(agent_client, settings):
    use_unreachable_server(settings)
    page = ensure_child(section_root(Section.NEWS), StandardPage, slug="publie", title="Publié malgré tout")
    page.save_revision().publish()
    assert StandardPage.objects.get(pk=page.pk).live
    response = agent_client.get("/recherche/", {"q": "cantine"})
    assert response.status_code == 503
    assert "Recherche momentanément indisponible" in response.content.decode()
    suggestions = agent_client.get("/recherche/suggestions/", {"q": "cantine"})
    assert suggestions.status_code == 503
    assert suggestions.json()["results"] == []


def test_every_filter_reaches_the_server_unreachable_server_or_not(agent_client, settings):
    # The filters are built into the request before it is sent: the page fails only for the server.
    use_unreachable_server(settings)
    civil = ServicePage.objects.get(title="État civil")
    for filters in ({"annee": 2024, "service": civil.pk, "matiere": "7.10"}, {"type": "documents", "annee": 2024}):
        response = agent_client.get("/recherche/", {"q": "cantine", **filters})
        assert response.status_code == 503


# The service, year and matter facets (issue #9): the fields they need are in the mappings, and
# the request bodies hold the filters and aggregations; counting needs a server, and is checked
# from responses shaped as Elasticsearch documents them.

def faceted_search(user, query="cantine", **filters):
    request = agent_request(user)
    pages, documents = visible_pages(request), visible_documents(request)
    return FacetedSearch(backend(), pages, documents, build_query(query), Filters(**filters), Services(pages))


def test_mappings_index_the_fields_the_facets_count_and_filter_on():
    from wagtail.documents import get_document_model
    from wagtail.models import Page

    mapping_of = backend().mapping_class
    pages = mapping_of(Page).get_mapping()["properties"]
    assert pages["content_type_id_filter"]["type"] == "integer"
    assert pages["first_published_at_filter"]["type"] == "date"
    assert pages["path_filter"]["type"] == "keyword"
    deliberations = mapping_of(DeliberationPage).get_mapping()["properties"]
    assert deliberations["council_deliberationpage__matter_filter"]["type"] == "keyword"
    notes = mapping_of(OfficialNotePage).get_mapping()["properties"]
    assert notes["council_officialnotepage__issuing_service_id_filter"]["type"] == "integer"
    documents = mapping_of(get_document_model()).get_mapping()["properties"]
    assert documents["created_at_filter"]["type"] == "date"


def test_a_note_is_indexed_with_its_issuing_service(site_tree):
    service = ServicePage.objects.get(title="Informatique")
    note = OfficialNotePage(title="Note", number="N-1", issuing_service=service)
    document = backend().mapping_class(OfficialNotePage).get_document(note)
    assert document["council_officialnotepage__issuing_service_id_filter"] == service.pk


def test_each_facet_counts_the_hits_of_the_other_filters_within_what_the_user_may_see(site_tree, make_user):
    civil = ServicePage.objects.get(title="État civil")
    private_service = ServicePage.objects.get(title="Ressources humaines")
    restrict_to_greffe(private_service)
    search = faceted_search(make_user("lambda"), year=2024, service=civil.pk, matter="7.10")
    body = search.page_facets_body()
    query = str(body["query"])
    assert private_service.path in query  # the restricted service's subtree is filtered out
    assert "cantine" in query
    aggregations = body["aggregations"]
    assert set(aggregations) == {"kind", "year", "service", "matter"}

    def filtered_on(name):
        return str(aggregations[name]["filter"])

    assert "first_published_at_filter" not in filtered_on("year")
    assert civil.path in filtered_on("year") and "'7.10'" in filtered_on("year")
    assert "2024-01-01T00:00:00+01:00" in filtered_on("kind")  # the year in the town's time zone
    assert civil.path not in filtered_on("service") and "'7.10'" not in filtered_on("matter")
    years = aggregations["year"]["aggregations"]["values"]["date_histogram"]
    assert (years["field"], years["calendar_interval"], years["time_zone"]) == (
        "first_published_at_filter", "year", "Europe/Paris")
    services = aggregations["service"]["aggregations"]["values"]["filters"]["filters"]
    assert str(civil.pk) in services and str(private_service.pk) not in services
    matters = aggregations["matter"]["aggregations"]["values"]["terms"]
    assert matters["field"] == "council_deliberationpage__matter_filter"


def test_a_service_is_its_subtree_or_the_notes_it_issued(site_tree, make_user):
    civil = ServicePage.objects.get(title="État civil")
    clause = faceted_search(make_user("lambda")).service_clause(civil.pk)["bool"]
    issuing = "council_officialnotepage__issuing_service_id_filter"
    assert {"term": {issuing: civil.pk}} in clause["should"]
    below = next(part for part in clause["should"] if "bool" in part)["bool"]
    assert below == {"filter": {"prefix": {"path_filter": civil.path}}, "must_not": {"exists": {"field": issuing}}}


def test_the_results_pass_every_filter_and_sort_by_date_when_asked(site_tree, make_user):
    civil = ServicePage.objects.get(title="État civil")
    search = faceted_search(make_user("lambda"), year=2024, service=civil.pk, matter="7.10")
    body = search.results()._get_es_body()
    filters = str(body["query"]["bool"]["filter"])
    assert "2024-01-01T00:00:00+01:00" in filters and "2025-01-01T00:00:00+01:00" in filters
    assert civil.path in filters
    assert "{'council_deliberationpage__matter_filter': '7.10'}" in filters
    assert "sort" not in body  # by relevance
    assert search.results(relevance=False)._get_es_body()["sort"] == [{"first_published_at_filter": "desc"}]


def test_the_grouped_display_asks_for_each_kind_with_the_other_filters(site_tree, make_user):
    search = faceted_search(make_user("lambda"), year=2024)
    deliberations = ContentType.objects.get_for_model(DeliberationPage).pk
    body = search.best_of_kind(deliberations)._get_es_body()
    filters = str(body["query"]["bool"]["filter"])
    assert f"{{'content_type_id_filter': {deliberations}}}" in filters
    assert "2024-01-01T00:00:00+01:00" in filters
    assert "sort" not in body  # by relevance


def test_the_documents_kind_lists_the_documents_of_the_year(site_tree, make_user):
    search = faceted_search(make_user("lambda"), kind=DOCUMENTS, year=2024)
    results = search.results()
    assert results.query_compiler.queryset.model is search.documents.model
    assert "created_at_filter" in str(results._get_es_body()["query"])


def test_counts_add_up_to_the_hits_with_the_documents_and_the_pages_without_a_value(site_tree, make_user):
    civil = ServicePage.objects.get(title="État civil")
    search = faceted_search(make_user("lambda"), year=2024)
    news, deliberations = 7, 9
    # Hits of "cantine": 2024: 3 news (État civil), 2 deliberations (7.10); 2023: 1 deliberation (7.10);
    # documents: 1 in 2024, 1 in 2023. Each facet's filter holds the other filters (here, the year).
    page_aggregations = {
        "kind": {"doc_count": 5, "values": {"buckets": [{"key": news, "doc_count": 3},
                                                        {"key": deliberations, "doc_count": 2}]}},
        "year": {"doc_count": 6, "values": {"buckets": [{"key_as_string": "2023", "doc_count": 1},
                                                        {"key_as_string": "2024", "doc_count": 5}]}},
        "service": {"doc_count": 5, "values": {"buckets": {str(civil.pk): {"doc_count": 3}}}},
        "matter": {"doc_count": 5, "values": {"buckets": [{"key": "7.10", "doc_count": 2}]}},
    }
    document_aggregations = {"year": {"buckets": [{"key_as_string": "2023", "doc_count": 1},
                                                  {"key_as_string": "2024", "doc_count": 1}]}}
    counts = search.counts_from(page_aggregations, document_aggregations)
    assert counts == {
        "kind": {news: 3, deliberations: 2, DOCUMENTS: 1},
        "year": {2023: 2, 2024: 6},
        "service": {civil.pk: 3, None: 3},
        "matter": {"7.10": 2, None: 4},
    }
    facets = labelled_facets(counts, search.services)
    assert facets["services"][0][:2] == (civil.pk, "État civil")
    assert facets["matters"][-1] == (None, None, 4)
    total = sum(facet["count"] for facet in facets["kinds"].values())
    assert total == 6 == sum(count for *_item, count in facets["services"]) == facets["years"][2024]
