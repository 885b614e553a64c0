"""Every CSV export neutralises spreadsheet formulas (issue 18, class 2): a cell starting with
= + - @, a tab or a carriage return is written as text; numbers and telephone numbers stay intact."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.csv_writer import neutralise, write_csv

FORMULAS = ['=HYPERLINK("http://evil.example","clic")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
            "\t=1+1", "\r=1+1", "=1"]


@pytest.mark.parametrize("value", FORMULAS)
def test_a_cell_a_spreadsheet_would_evaluate_is_written_as_text(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["-0.570000", "+33 1 49 71 92 10", "48.945000", "Salle = 3", "", 25, None])
def test_numbers_telephones_and_ordinary_text_are_left_as_they_are(value):
    assert neutralise(value) == ("" if value is None else str(value))


def test_write_csv_takes_lists_or_dicts_in_the_header_s_order():
    text = write_csv(["A", "B"], [["=1", 2], {"B": "@x", "A": "ok"}])
    assert list(csv.reader(io.StringIO(text))) == [["A", "B"], ["'=1", "2"], ["ok", "'@x"]]
    assert text.endswith("\r\n")


@pytest.fixture
def formula_titles(site_tree):
    """A facility and an adopted act whose titles are formulas, published where the exports read them."""
    from council.models import CouncilIndexPage, CouncilMember, CouncilSessionPage, DeliberationPage, SessionAttendance
    from home.demo import ensure_child, section_root
    from home.models import Section
    from places.models import FacilityPage, MapPage
    from places.themes import Theme

    services = section_root(Section.SERVICES)
    map_page = ensure_child(services, MapPage, slug="plan-csv", title="Plan")
    ensure_child(map_page, FacilityPage, slug="formule", title=FORMULAS[0], facility_type="Gymnase", theme=Theme.SPORTS,
                 street_name="=rue du Calcul", postcode="93800", commune="Bellerive-sur-Seine",
                 equipment_code="05010101-001", latitude=Decimal("48.95"), longitude=Decimal("-0.57"),
                 phone="+33 1 49 71 92 10")
    index = ensure_child(section_root(Section.COUNCIL), CouncilIndexPage, slug="seances-csv", title="Séances")
    members = [CouncilMember.objects.create(first_name="Élu", last_name=f"N{n}") for n in range(3)]
    session = CouncilSessionPage(title="Séance", slug="seance-csv", members_in_office=3,
                                 date=timezone.make_aware(datetime.datetime(2024, 3, 12, 19)),
                                 president=members[0], secretary=members[1])
    for member in members:
        session.attendances.add(SessionAttendance(member=member, status="present"))
    index.add_child(instance=session)
    act = DeliberationPage(title=FORMULAS[1], slug="acte-formule", number=1, order=1, matter="7.5",
                           votes_for=3, result="adopted")
    session.add_child(instance=act)
    act.save_revision().publish()


# Every CSV the intranet serves; a new export is added here (and so tested for the whole class).
CSV_EXPORTS = ["places_csv", "council:deliberations_csv"]


@pytest.mark.django_db
@pytest.mark.parametrize("route", CSV_EXPORTS)
def test_every_csv_export_neutralises_formulas_in_titles(agent_client, formula_titles, route):
    response = agent_client.get(reverse(route))
    assert response.status_code == 200
    cells = [cell for row in csv.reader(io.StringIO(response.content.decode("utf-8"))) for cell in row]
    assert cells, "the export is empty: the test would prove nothing"
    assert not [cell for cell in cells if cell.startswith(("=", "+", "@", "\t", "\r"))
                and not cell.startswith("+33")]
    assert any(cell in ("'" + FORMULAS[0], "'" + FORMULAS[1]) for cell in cells)
