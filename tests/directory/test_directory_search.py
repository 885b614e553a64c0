"""Searching the directory: names, jobs, services, acronyms and extensions, folded."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import Agent

pytestmark = pytest.mark.django_db


@pytest.fixture
def helene(make_agent, organisation):
    return make_agent(
        "Hélène",
        "Dupont",
        job_title="Officière des mariages",
        service=organisation["etat_civil"],
        extension="4321",
        phone="01 49 71 43 21",
        email="helene.dupont@mairie.example",
        building="Hôtel de ville",
    )


@pytest.mark.parametrize("query", ["helene dupont", "DUPONT Hélène", "  dupont,   HELENE ", "hél", "dup"])
def test_name_search_ignores_accents_case_and_word_order(helene, query):
    assert list(Agent.objects.visible().matching(query)) == [helene]


def test_every_word_must_match(helene):
    assert not Agent.objects.matching("helene durand").exists()


def test_extension_finds_the_agent(helene, make_agent):
    make_agent("Paul", "Durand", extension="1234")
    assert list(Agent.objects.matching("4321")) == [helene]


def test_service_name_and_acronym_find_its_agents(helene, make_agent, organisation):
    social = make_agent("Amina", "Diallo", service=organisation["ccas"])
    assert list(Agent.objects.matching("état civil")) == [helene]
    assert list(Agent.objects.matching("ccas")) == [social]


def test_job_title_finds_the_agent(helene):
    assert list(Agent.objects.matching("officiere")) == [helene]


def test_usual_name_is_searched_and_displayed(make_agent):
    agent = make_agent("Claire", "Morel", usual_name="Lambert")
    assert list(Agent.objects.matching("claire lambert")) == [agent]
    assert list(Agent.objects.matching("morel")) == [agent]
    assert agent.full_name == "Claire Lambert"


def test_renaming_a_service_updates_its_agents_search_keys(helene, organisation):
    service = organisation["etat_civil"]
    service.name = "Population et citoyenneté"
    service.save()
    assert list(Agent.objects.matching("citoyennete")) == [helene]
    assert not Agent.objects.matching("etat civil").exists()


def test_search_page_finds_by_accentless_name(agent_client, directory_page, helene):
    response = agent_client.get(directory_page.url, {"q": "helene dupont"})
    assert response.status_code == 200
    assert "Hélène Dupont" in response.content.decode()


def test_search_page_filters_by_service_including_sub_services(
    agent_client, directory_page, helene, organisation, make_agent
):
    make_agent("Paul", "Durand", service=organisation["urbanisme"])
    response = agent_client.get(directory_page.url, {"service": "population"})
    content = response.content.decode()
    assert "Hélène Dupont" in content
    assert "Paul Durand" not in content


def test_search_page_filters_by_building(agent_client, directory_page, helene, make_agent):
    make_agent("Paul", "Durand", building="Centre technique")
    response = agent_client.get(directory_page.url, {"batiment": "Centre technique"})
    content = response.content.decode()
    assert "Paul Durand" in content
    assert "Hélène Dupont" not in content


def test_search_page_lists_matching_services(agent_client, directory_page, organisation):
    response = agent_client.get(directory_page.url, {"q": "ccas"})
    assert "Centre communal d&#x27;action sociale" in response.content.decode()


def test_a_very_long_query_is_truncated_not_refused(agent_client, directory_page, helene):
    response = agent_client.get(directory_page.url, {"q": "a" * 10_000})
    assert response.status_code == 200


def _queries(client, url, params):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params).status_code == 200
    return len(queries)


def test_search_page_query_count_does_not_grow_with_results(
    agent_client, directory_page, make_agent, organisation, django_assert_max_num_queries
):
    for i in range(5):
        make_agent("Agent", f"Numéro {i}", service=organisation["urbanisme"], job_title="Instructeur")
    agent_client.get(directory_page.url)  # warm the site and routing caches
    few = _queries(agent_client, directory_page.url, {"q": "instructeur"})
    for i in range(5, 40):
        make_agent("Agent", f"Numéro {i}", service=organisation["urbanisme"], job_title="Instructeur")
    with django_assert_max_num_queries(few):
        response = agent_client.get(directory_page.url, {"q": "instructeur"})
    assert response.content.decode().count('data-testid="agent-result"') == 30
    assert few <= 24


def test_autocomplete_returns_visible_agents(agent_client, directory_page, helene):
    response = agent_client.get(directory_page.url + "suggestions/", {"q": "hel"})
    assert response.json()["results"][0]["name"] == "Hélène Dupont"
    assert response.json()["results"][0]["url"].endswith(f"/agents/{helene.pk}/")


def test_autocomplete_needs_two_letters(agent_client, directory_page, helene):
    assert agent_client.get(directory_page.url + "suggestions/", {"q": "h"}).json() == {"results": []}
