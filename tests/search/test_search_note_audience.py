"""A note de service targeted at some services is found by its audience only, on the search page
and in the suggestions (on the OpenSearch node under OPENSEARCH_URL, on the database otherwise):
the engine's queryset carries core.visibility's refused paths, the audience's included."""

import pytest
from django.test import Client
from note_builders import agent_of, make_note, organisation

pytestmark = [pytest.mark.django_db, pytest.mark.engine]

WORD = "thermorégulation"


def found(user, text):
    client = Client()
    client.force_login(user)
    response = client.get("/recherche/", {"q": text})
    assert response.status_code == 200
    suggestions = client.get("/recherche/suggestions/", {"q": "Thermo"}).json()["results"]
    return [page.title for page in response.context["search_results"]], [hit["title"] for hit in suggestions]


def test_a_targeted_note_is_found_by_its_audience_and_by_nobody_else(site_tree, make_user):
    org = organisation()
    reader, outsider = make_user("lectrice"), make_user("autre")
    agent_of(reader, org["paie"])
    agent_of(outsider, org["st"])
    note = make_note(services=[org["rh"]], title="Thermostats des bureaux",
                     summary=f"<p>La {WORD} des bureaux est réglée à dix-neuf degrés.</p>")
    assert found(reader, WORD) == ([note.title], [note.title])
    assert found(outsider, WORD) == ([], [])
