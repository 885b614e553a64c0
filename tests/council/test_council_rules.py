"""The legal rules of council acts, as pure functions (council/rules.py)."""

import datetime

import pytest

from council import rules
from council.nomenclature import LEVEL_2, MATTER_CHOICES, scdl_matter_name
from council.rules import Attendance


def test_quorum_with_33_in_office_needs_17_present():
    assert rules.quorum_threshold(33) == 17
    assert rules.quorum_reached(in_office=33, present=17)
    assert not rules.quorum_reached(in_office=33, present=16)


def test_proxies_do_not_count_for_quorum():
    members = list(range(33))
    rows = [Attendance(m, rules.PRESENT) for m in members[:16]]
    rows += [Attendance(m, rules.REPRESENTED, proxy_holder=members[i]) for i, m in enumerate(members[16:21])]
    assert rules.check_attendance(rows, in_office=33) == []
    assert rules.attendance_counts(rows, in_office=33) == (16, 5, 12, False)  # 21 attend, 16 count
    rows.append(Attendance(members[21], rules.PRESENT))
    assert rules.attendance_counts(rows, in_office=33)[3] is True


def test_quorum_with_29_in_office():
    assert not rules.quorum_reached(in_office=29, present=14)
    assert rules.quorum_reached(in_office=29, present=15)


def test_second_proxy_for_same_holder_is_refused():
    rows = [
        Attendance("A", rules.PRESENT),
        Attendance("B", rules.REPRESENTED, proxy_holder="A"),
        Attendance("C", rules.REPRESENTED, proxy_holder="A"),
    ]
    errors = rules.check_attendance(rows, in_office=33)
    assert len(errors) == 1
    assert "qu'un seul pouvoir" in errors[0]


def test_proxy_holder_must_be_present_and_not_the_giver():
    assert "n'est pas présent" in rules.check_attendance(
        [Attendance("A", rules.ABSENT), Attendance("B", rules.REPRESENTED, proxy_holder="A")], in_office=5
    )[0]
    assert "ne peut pas se donner pouvoir" in rules.check_attendance(
        [Attendance("B", rules.REPRESENTED, proxy_holder="B")], in_office=5
    )[0]
    assert "indiquez l'élu(e) qui détient son pouvoir" in rules.check_attendance(
        [Attendance("B", rules.REPRESENTED)], in_office=5
    )[0]


def test_member_listed_twice_and_more_rows_than_in_office_are_refused():
    errors = rules.check_attendance([Attendance("A", rules.PRESENT), Attendance("A", rules.ABSENT)], in_office=1)
    assert any("deux fois" in e for e in errors)
    assert any("en exercice" in e for e in errors)


def test_votes_cannot_exceed_present_and_represented():
    assert rules.check_votes(votes_for=20, against=5, abstention=3, not_voting=1, present=25, represented=4) == []
    errors = rules.check_votes(votes_for=20, against=6, abstention=3, not_voting=1, present=25, represented=4)
    assert "dépasse" in errors[0]


def test_majority_of_votes_cast_excludes_abstentions():
    assert rules.vote_result(votes_for=10, against=9) == (rules.ADOPTED, None)
    assert rules.vote_result(votes_for=9, against=10) == (rules.REJECTED, None)


def test_tie_follows_the_presidents_casting_vote():
    assert rules.vote_result(votes_for=10, against=10, casting_vote="for") == (rules.ADOPTED, None)
    assert rules.vote_result(votes_for=10, against=10, casting_vote="against") == (rules.REJECTED, None)
    result, error = rules.vote_result(votes_for=10, against=10)
    assert result is None and "voix prépondérante" in error


def test_tie_in_secret_ballot_rejects():
    assert rules.vote_result(votes_for=10, against=10, casting_vote="for", secret_ballot=True) == (
        rules.REJECTED, None)


def test_actes_identifier_is_parsed_into_its_parts():
    parts = rules.parse_actes_identifier("095-219501426-20240105-032024-DE")
    assert parts.department == "095"
    assert parts.siren == "219501426"
    assert parts.date == datetime.date(2024, 1, 5)
    assert parts.number == "032024"
    assert parts.nature == "DE"


def test_actes_identifier_accepts_corsica():
    assert rules.parse_actes_identifier("02A-212000046-20240105-2024_12-AR").department == "02A"


@pytest.mark.parametrize(
    "value",
    ["", "095-21950142-20240105-032024-DE", "095-219501426-20240231-032024-DE", "095-219501426-20240105-032024-XX",
     "95-219501426-20240105-032024-DE"],
)
def test_invalid_actes_identifiers_are_refused(value):
    with pytest.raises(rules.InvalidActesIdentifier):
        rules.parse_actes_identifier(value)


def test_enforceable_date_is_the_later_of_publication_and_acknowledgement():
    online, ack = datetime.date(2024, 3, 15), datetime.date(2024, 3, 18)
    assert rules.enforceable_date(online_on=online, acknowledged_on=ack) == ack
    assert rules.enforceable_date(online_on=ack, acknowledged_on=online) == ack
    assert rules.enforceable_date(online_on=online, acknowledged_on=None) is None
    assert rules.enforceable_date(online_on=online, acknowledged_on=None, transmission_required=False) == online
    assert rules.enforceable_date(online_on=None, acknowledged_on=ack) is None


def test_act_cannot_be_unpublished_within_two_months():
    since = datetime.date(2024, 12, 31)
    refusal = rules.unpublish_refusal(online_since=since, today=datetime.date(2025, 2, 27))
    assert "deux mois" in refusal and "28/02/2025" in refusal
    assert rules.unpublish_refusal(online_since=since, today=datetime.date(2025, 2, 28)) is None


def test_minutes_are_approved_at_a_later_session():
    day = datetime.date(2024, 3, 1)
    assert rules.check_minutes_approval(session_date=day, approving_session_date=day)
    assert rules.check_minutes_approval(session_date=day, approving_session_date=datetime.date(2024, 4, 1)) == []


def test_matter_choices_offer_only_codes_1_1_to_9_4():
    codes = [code for _group, options in MATTER_CHOICES for code, _label in options]
    assert codes[0] == "1.1" and codes[-1] == "9.4"
    assert len(codes) == 7 + 3 + 6 + 5 + 8 + 5 + 10 + 9 + 4
    assert set(codes) == set(LEVEL_2)


def test_scdl_matter_name_is_lowercase_without_commas_or_parentheses():
    assert scdl_matter_name("8.4") == "domaines de compétences par thèmes/aménagement du territoire"
    assert scdl_matter_name("7.9") == "finances locales/prise de participation sem etc."


def test_list_of_deliberations_is_overdue_a_week_after_the_session_closed_or_not():
    day = datetime.date(2024, 3, 12)
    assert not rules.list_overdue(session_date=day, list_online_on=None, today=datetime.date(2024, 3, 19))
    assert rules.list_overdue(session_date=day, list_online_on=None, today=datetime.date(2024, 3, 20))
    assert not rules.list_overdue(session_date=day, list_online_on=day, today=datetime.date(2024, 4, 1))
