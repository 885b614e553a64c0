"""Acts restricted to a group are shown to its members and to nobody else, everywhere the council
lists them: the session page, its liste des délibérations (page and published PDF), the archive,
the calendar, the RSS of new acts and the open-data exports (issue 18, class 4)."""

import io

import pytest
from council_builders import make_deliberation
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from council.deliberation_lists import list_pdf_bytes
from tests.conftest import restrict_to_group

pytestmark = pytest.mark.django_db

SECRET = "Protocole transactionnel confidentiel"


@pytest.fixture
def restricted_act(session):
    make_deliberation(session, 1, title="Budget primitif", votes_for=25, result="adopted")
    act = make_deliberation(session, 2, title=SECRET, votes_for=25, result="adopted")
    restrict_to_group(act)
    return act


@pytest.fixture
def member_client(make_user):
    client = Client()
    client.force_login(make_user("rh", "Ressources humaines"))
    return client


@pytest.mark.parametrize("suffix", ["", "liste/"])
def test_session_page_and_its_list_show_a_restricted_act_to_members_only(
    reader_client, member_client, session, restricted_act, suffix
):
    others = reader_client.get(session.url + suffix).content.decode()
    assert "Budget primitif" in others and SECRET not in others
    assert SECRET in member_client.get(session.url + suffix).content.decode()


def test_published_list_holds_only_what_every_agent_may_see(session, restricted_act):
    pdf = PdfReader(io.BytesIO(list_pdf_bytes(session, online_on=None)))
    text = "".join(page.extract_text() for page in pdf.pages)
    assert "Budget primitif" in text and "confidentiel" not in text


def test_open_data_leaves_out_a_restricted_act_even_for_members(member_client, restricted_act):
    for url in (reverse("council:deliberations_csv"), reverse("council:deliberations_json")):
        assert SECRET not in member_client.get(url).content.decode()


@pytest.mark.parametrize("route", ["acts_rss", "sessions_ics"])
def test_feeds_and_calendar_follow_the_agent_s_visibility(reader_client, member_client, session, route):
    restrict_to_group(session)
    url = reverse(f"council:{route}")
    make_deliberation(session, 3, title="Acte de la séance réservée", votes_for=25, result="adopted")
    shown = "Acte de la séance réservée" if route == "acts_rss" else "20240312"  # the act, or the session's day
    assert shown in member_client.get(url).content.decode()
    assert shown not in reader_client.get(url).content.decode()
