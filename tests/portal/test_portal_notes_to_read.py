"""« Mon portail » shows an agent the notes de service they must read until they acknowledge
them, within a fixed number of queries; an agent outside a note's audience never sees it there."""

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from note_builders import agent_of, make_note, organisation

from core.visibility import refused_paths, under_q

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(site_tree):
    return organisation()


@pytest.fixture
def paie(org, make_user):
    user = make_user("paie")
    agent_of(user, org["paie"])
    return user


@pytest.fixture
def tech(org, make_user):
    user = make_user("tech")
    agent_of(user, org["st"])
    return user


def home(user, client=None):
    client = client or Client()
    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_note_to_read_waits_on_the_home_page_until_acknowledged(org, paie):
    note = make_note(services=[org["rh"]], title="Consignes du plan grand froid")
    client = Client()
    page = home(paie, client)
    assert 'data-testid="block-lecture"' in page and "Consignes du plan grand froid" in page
    assert reverse("council:acknowledge_note", args=[note.pk]) in page
    home(paie, client)  # the blocks are now cached for this browser
    response = client.post(reverse("council:acknowledge_note", args=[note.pk]), {"next": "/"})
    assert response["Location"] == "/"
    page = home(paie, client)
    assert 'data-testid="block-lecture"' not in page
    assert "est enregistrée" in page


def test_an_agent_outside_the_audience_sees_the_note_in_no_home_block(org, tech):
    make_note(services=[org["rh"]], title="Consignes du plan grand froid")
    page = home(tech)
    assert 'data-testid="block-lecture"' not in page
    assert "Consignes du plan grand froid" not in page  # nor among the latest notes


def test_a_note_without_lecture_obligatoire_asks_no_acknowledgement(org, paie):
    make_note(services=[org["rh"]], required=False, title="Information sans lecture obligatoire")
    assert 'data-testid="block-lecture"' not in home(paie)


@pytest.mark.parametrize("notes", [1, 8])
def test_the_block_costs_the_same_queries_whatever_the_number_of_notes(notes, org, paie,
                                                                     django_assert_max_num_queries):
    from council.home_blocks import notes_to_read

    for number in range(notes):
        make_note(f"NS-Q-{number:02d}", services=[org["paie"]])
    request = RequestFactory().get("/")
    request.user = paie
    private_q = under_q(refused_paths(paie))
    # One for the notes, two for the site's root paths of the links (read once per request).
    with django_assert_max_num_queries(3):
        block = notes_to_read(request, now=timezone.now(), private_q=private_q)
    assert len(block["items"]) == min(notes, 5)


@pytest.mark.parametrize("notes", [0, 6])
def test_the_home_page_stays_within_its_bound_with_notes_to_read(notes, org, paie, django_assert_max_num_queries):
    for number in range(notes):
        make_note(f"NS-H-{number:02d}", services=[org["rh"]])
    client = Client()
    home(paie, client)  # first visit: profile written, CSRF cookie set
    cache.clear()
    # The shell and the portal blocks (tests/portal/test_portal_home.py), the agent's directory
    # entry and service, one query for the notes to read, whatever their number, and, the cache
    # being cold, one for whether any note is targeted.
    with django_assert_max_num_queries(31):
        home(paie, client)
