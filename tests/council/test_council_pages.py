"""Council pages enforce the rules on save: quorum, proxies, votes, numbers, @CTES, dates."""

import datetime

import pytest
from council_builders import make_deliberation, make_session
from django.core.exceptions import ValidationError

from council.models import CouncilSessionPage, DeliberationPage, SessionAttendance

pytestmark = pytest.mark.django_db


def test_session_with_16_present_and_5_proxies_has_no_quorum(council_index, members):
    session = make_session(council_index, members, present=16, represented=5)
    session.refresh_from_db()
    assert (session.present_count, session.represented_count, session.absent_count) == (16, 5, 12)
    assert session.quorum_reached is False


def test_session_with_17_present_has_quorum(council_index, members):
    session = make_session(council_index, members, present=17)
    session.refresh_from_db()
    assert session.quorum_reached is True
    assert session.quorum_threshold == 17


def test_second_proxy_for_same_member_is_refused(council_index, members):
    session = make_session(council_index, members, present=20, represented=1)
    session.attendances.add(SessionAttendance(member=members[-1], status="represented", proxy_holder=members[0]))
    with pytest.raises(ValidationError) as error:
        session.full_clean()
    assert "qu'un seul pouvoir" in str(error.value)


def test_deliberation_takes_its_year_and_date_from_the_session(session):
    deliberation = make_deliberation(session, 1)
    assert deliberation.year == 2024
    assert deliberation.session_date == datetime.date(2024, 3, 12)
    assert deliberation.council_session_id == session.pk
    assert deliberation.reference == "2024-001"


def test_deliberation_number_is_unique_per_year(council_index, members, session):
    make_deliberation(session, 1)
    clash = DeliberationPage(title="Doublon", slug="doublon", number=1, order=2, matter="7.1")
    clash._session = session
    with pytest.raises(ValidationError) as error:
        session.add_child(instance=clash)
    assert "déjà attribué en 2024" in str(error.value)
    next_year = make_session(council_index, members, present=20, day=datetime.date(2025, 1, 20))
    assert make_deliberation(next_year, 1).reference == "2025-001"


def test_next_number_follows_the_last_of_the_year(session):
    make_deliberation(session, 1)
    make_deliberation(session, 7)
    assert DeliberationPage.next_number(2024) == 8
    assert DeliberationPage.next_number(2030) == 1


def test_votes_cannot_exceed_members_present_or_represented(session):
    with pytest.raises(ValidationError) as error:
        make_deliberation(session, 1, votes_for=25, votes_against=4, abstentions=1)
    assert "dépasse" in str(error.value)
    ok = make_deliberation(session, 2, votes_for=25, votes_against=3, abstentions=1)
    assert ok.result == "adopted"


def test_tie_needs_the_presidents_casting_vote(session):
    with pytest.raises(ValidationError) as error:
        make_deliberation(session, 1, votes_for=12, votes_against=12)
    assert "voix prépondérante" in str(error.value)
    rejected = make_deliberation(session, 2, votes_for=12, votes_against=12, casting_vote="against")
    assert rejected.result == "rejected"


def test_result_contradicting_the_vote_is_refused(session):
    with pytest.raises(ValidationError) as error:
        make_deliberation(session, 1, votes_for=5, votes_against=20, result="adopted")
    assert "ne correspond pas au vote" in str(error.value)


def test_actes_identifier_fills_its_parts_and_the_acknowledgement_date(session):
    deliberation = make_deliberation(session, 1, actes_id="095-219501426-20240315-032024-DE")
    assert deliberation.actes_department == "095"
    assert deliberation.actes_siren == "219501426"
    assert deliberation.actes_date == datetime.date(2024, 3, 15)
    assert deliberation.actes_number == "032024"
    assert deliberation.actes_nature == "DE"
    assert deliberation.acknowledged_on == datetime.date(2024, 3, 15)


def test_invalid_actes_identifier_is_refused_with_a_french_message(session):
    with pytest.raises(ValidationError) as error:
        make_deliberation(session, 1, actes_id="095-219501426-2024-DE")
    assert "Identifiant @CTES invalide" in str(error.value)


def test_enforceable_date_is_computed(session):
    deliberation = make_deliberation(
        session, 1, online_on=datetime.date(2024, 3, 14), acknowledged_on=datetime.date(2024, 3, 18)
    )
    assert deliberation.enforceable_on == datetime.date(2024, 3, 18)


def test_act_cannot_go_online_before_its_session(session):
    with pytest.raises(ValidationError) as error:
        make_deliberation(session, 1, online_on=datetime.date(2024, 3, 1))
    assert "avant la séance" in str(error.value)


def test_minutes_approval_needs_a_later_session(council_index, members):
    from council_builders import make_pdf

    first = make_session(council_index, members, present=20, day=datetime.date(2024, 3, 12))
    second = make_session(council_index, members, present=20, day=datetime.date(2024, 4, 9))
    second.minutes_document = make_pdf("Procès-verbal")
    second.minutes_approved_in = first
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "postérieure" in str(error.value)
    first.minutes_document = make_pdf("Procès-verbal du 12 mars")
    first.minutes_approved_in = second
    first.full_clean()


def test_council_index_only_goes_under_the_council_section(council_root):
    from council.models import CouncilIndexPage
    from home import demo
    from home.models import Section, SectionPage

    assert CouncilIndexPage.can_create_at(SectionPage.objects.get(section=Section.COUNCIL))
    library = demo.ensure_child(council_root.get_parent(), SectionPage, slug="bibliotheque", title="Bibliothèque",
                                section=Section.LIBRARY)
    assert not CouncilIndexPage.can_create_at(library)


def test_session_page_lists_its_deliberations_in_order(reader_client, session):
    make_deliberation(session, 3, title="Troisième point", order=3)
    make_deliberation(session, 1, title="Premier point", order=1)
    make_deliberation(session, 2, title="Deuxième point", order=2)
    response = reader_client.get(session.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Premier point") < html.index("Deuxième point") < html.index("Troisième point")
    assert "atteint" in html


def test_session_list_of_deliberations_as_page_and_pdf(reader_client, session):
    make_deliberation(session, 1, title="Tarifs de la cantine", votes_for=20, votes_against=2)
    response = reader_client.get(session.url + "liste/")
    assert response.status_code == 200
    assert "Tarifs de la cantine" in response.content.decode()
    assert "adoptée" in response.content.decode()
    pdf = reader_client.get(session.url + "liste/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    from documents.extraction.pdf import extract_pdf_text

    text = extract_pdf_text(pdf.content).text
    assert "Tarifs de la cantine" in text and "2024-001" in text


def test_session_pages_are_a_session_type(session):
    assert isinstance(session, CouncilSessionPage)
