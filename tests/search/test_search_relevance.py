"""Relevance, as specifications: a query, the pages an agent expects first. They run on SQLite and,
with DATABASE_URL, on PostgreSQL, over a small French intranet (search_corpus.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from search_corpus import PDF_ONLY_WORD, build_corpus

pytestmark = [pytest.mark.django_db, pytest.mark.engine]


@pytest.fixture
def corpus(site_tree):
    return build_corpus()


def titles(client, query, **params):
    response = client.get("/recherche/", {"q": query, **params})
    assert response.status_code == 200
    return [page.title for page in response.context["search_results"]]


def test_deliberation_cantine_tarifs_2024_finds_the_2024_tariffs_first(agent_client, corpus):
    found = titles(agent_client, "délibération cantine tarifs 2024")
    assert found[0] == "Tarifs de la cantine scolaire pour l'année 2024"
    assert "Tarifs des services publics pour 2023" not in found


def test_l_etat_civil_finds_the_service_first_elision_and_accents_ignored(agent_client, corpus):
    for query in ("l'état civil", "etat civil", "ÉTAT CIVIL"):
        found = titles(agent_client, query)
        assert found[0] == "État civil", query
        assert "Départ en retraite d'Hélène Dupont" in found


def test_ccas_finds_the_service_then_what_says_centre_communal_d_action_sociale(agent_client, corpus):
    found = titles(agent_client, "CCAS")
    assert found[0] == "Centre communal d'action sociale"
    assert {"Domiciliation", "Création de postes au centre communal d'action sociale",
            "Plan canicule : le CCAS appelle les seniors isolés"} <= set(found)


def test_helene_with_or_without_accent(agent_client, corpus):
    for query in ("Hélène", "helene", "HELENE"):
        assert titles(agent_client, query)[0] == "Départ en retraite d'Hélène Dupont", query


def test_canton_also_finds_cantonal_and_plurals_find_the_singular(agent_client, corpus):
    found = titles(agent_client, "canton")
    assert set(found[:2]) == {"Nouveau canton après le redécoupage", "Avis sur le redécoupage cantonal"}
    assert "Conseil communautaire" in found
    assert "Modification du plan local d'urbanisme" in titles(agent_client, "délibérations urbanisme")


def test_a_word_only_in_a_pdf_finds_its_deliberation_with_the_word_highlighted(agent_client, corpus):
    response = agent_client.get("/recherche/", {"q": PDF_ONLY_WORD})
    results = list(response.context["search_results"])
    assert [page.title for page in results] == ["Marché de travaux de la toiture de l'école"]
    assert f"<mark>{PDF_ONLY_WORD}</mark>" in results[0].snippet_html


def test_service_and_matter_facets_add_up_and_narrow(agent_client, corpus):
    response = agent_client.get("/recherche/", {"q": "tarifs"})
    total, facets = response.context["total"], response.context["facets"]
    assert sum(count for _key, _label, count in facets["matters"]) == total
    matters = {key: count for key, _label, count in facets["matters"]}
    assert matters["7.10"] == 2
    narrowed = agent_client.get("/recherche/", {"q": "tarifs", "matiere": "7.10"})
    assert {page.title for page in narrowed.context["search_results"]} == {
        "Tarifs de la cantine scolaire pour l'année 2024", "Tarifs des services publics pour 2023",
    }
    assert narrowed.context["total"] == 2


def test_service_facet_counts_the_pages_below_each_service(agent_client, corpus):
    from home.models import ServicePage

    civil = ServicePage.objects.get(title="État civil")
    response = agent_client.get("/recherche/", {"q": "naissance"})
    services = {key: count for key, _label, count in response.context["facets"]["services"]}
    assert sum(services.values()) == response.context["total"]
    assert services[civil.pk] >= 2
    narrowed = agent_client.get("/recherche/", {"q": "naissance", "service": civil.pk})
    assert narrowed.context["total"] == services[civil.pk]
    assert {page.title for page in narrowed.context["search_results"]} >= {
        "Livret de famille", "Demander un acte de naissance",
    }


def test_results_grouped_by_kind_or_mixed_the_choice_kept_in_the_links(agent_client, corpus, search_engine):
    mixed = agent_client.get("/recherche/", {"q": "tarifs"})
    assert mixed.context["groups"] == []
    assert "affichage=groupes" in mixed.content.decode()
    with CaptureQueriesContext(connection) as queries:
        grouped = agent_client.get("/recherche/", {"q": "tarifs", "affichage": "groupes"})
        groups = {group["label"]: group for group in grouped.context["groups"]}
    for group in groups.values():  # each kind ranked from its own index rows, not among every match
        assert search_engine or any(f"e.content_type_id IN ({group['kind']})" in query["sql"]
                                    for query in queries.captured_queries)
    assert {page.title for page in groups["Délibération"]["hits"]} == {
        "Tarifs de la cantine scolaire pour l'année 2024", "Tarifs des services publics pour 2023",
    }
    html = grouped.content.decode()
    assert 'name="affichage" value="groupes"' in html  # a new query keeps the display
    assert "affichage=groupes" in next(item for group in grouped.context["facet_groups"]
                                       for item in group["items"])["href"]
