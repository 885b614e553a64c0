"""Rules of a facility: inside the town, valid opening hours shown in French, SCDL codes."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from places_factories import facility, make_map_page

from places import opening_hours
from places.models import FacilityPage, PlacesSettings


@pytest.fixture
def map_page(db):
    return make_map_page()


def test_point_inside_the_town_is_accepted(map_page):
    page = facility(map_page, "Gymnase Léo-Lagrange", latitude=Decimal("48.951"), longitude=Decimal("2.301"))
    page.full_clean()


def test_point_outside_the_town_is_refused_with_a_french_message(map_page):
    page = facility(map_page, "Gymnase Léo-Lagrange")
    page.latitude, page.longitude = Decimal("48.8566"), Decimal("2.3522")  # Paris, not Bellerive
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    message = error.value.message_dict["latitude"][0]
    assert "hors du territoire de la commune" in message
    assert "entre 48,935000 et 48,965000" in message
    assert "longitude" in error.value.message_dict


def test_swapped_latitude_and_longitude_are_pointed_out(map_page):
    page = facility(map_page, "Gymnase Léo-Lagrange")
    page.latitude, page.longitude = Decimal("2.31"), Decimal("48.95")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "semblent inversées" in error.value.message_dict["latitude"][0]


def test_saving_a_point_outside_the_town_is_refused(map_page):
    with pytest.raises(ValidationError):
        facility(map_page, "Ailleurs", latitude=Decimal("43.2965"), longitude=Decimal("5.3698"))
    assert not FacilityPage.objects.filter(title="Ailleurs").exists()


def test_bounding_box_must_not_be_inverted(db):
    settings = PlacesSettings.load()
    settings.south, settings.north = Decimal("48.97"), Decimal("48.93")
    with pytest.raises(ValidationError) as error:
        settings.full_clean()
    assert "north" in error.value.message_dict


def test_tile_url_needs_its_placeholders(db):
    settings = PlacesSettings.load()
    settings.tile_url = "https://tiles.example/carte.png"
    with pytest.raises(ValidationError) as error:
        settings.full_clean()
    assert "{z}, {x} et {y}" in error.value.message_dict["tile_url"][0]


def test_default_tiles_are_openstreetmap_with_its_attribution(db):
    options = PlacesSettings.load().map_options()
    assert options["tileUrl"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert options["attribution"] == "© OpenStreetMap contributors"


@pytest.mark.parametrize(
    "value",
    [
        "Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off",
        "24/7",
        "Tu,Th 09:00-12:00",
        "Jul-Aug Mo-Fr 10:00-12:00",
        "Mo-Su sunrise-sunset",
    ],
)
def test_valid_opening_hours_are_accepted(value):
    opening_hours.validate_opening_hours(value)


@pytest.mark.parametrize("value", ["Mo-Fr 8h-12h", "lundi 9:00-12:00", "Mo-Fr 08:00-", "tous les jours"])
def test_invalid_opening_hours_are_refused_with_an_example(value):
    with pytest.raises(ValidationError) as error:
        opening_hours.validate_opening_hours(value)
    message = error.value.messages[0]
    assert "syntaxe OpenStreetMap" in message
    assert opening_hours.EXAMPLE in message


def test_invalid_opening_hours_say_where_the_error_is():
    with pytest.raises(ValidationError) as error:
        opening_hours.validate_opening_hours("Mo-Fr 8h-12h")
    assert "caractère 7" in error.value.messages[0]


def test_facility_with_invalid_opening_hours_is_refused(map_page):
    page = facility(map_page, "Gymnase")
    page.opening_hours = "du lundi au vendredi"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "opening_hours" in error.value.message_dict


@pytest.mark.parametrize(
    "value, lines",
    [
        (
            "Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off",
            ["Du lundi au vendredi : 8 h 30 – 12 h, 13 h 30 – 17 h 30", "Samedi : 9 h – 12 h", "Jours fériés : fermé"],
        ),
        ("24/7", ["Ouvert 24 h/24, 7 j/7"]),
        ("Mo,We,Fr 14:00-18:00", ["Lundi, mercredi et vendredi : 14 h – 18 h"]),
        ("08:00-20:00", ["Tous les jours : 8 h – 20 h"]),
        ("Sa 20:00-24:00", ["Samedi : 20 h – minuit"]),
    ],
)
def test_common_opening_hours_are_read_in_french(value, lines):
    assert opening_hours.describe(value) == lines


def test_opening_hours_beyond_the_common_subset_have_no_sentence_but_a_week():
    value = "Jan-Jun,Sep-Dec Mo-Fr 09:00-17:00; Jul-Aug Mo-Fr 10:00-12:00"
    assert opening_hours.describe(value) is None
    week = opening_hours.week(value, datetime.date(2026, 7, 13))  # a Monday in July
    assert week[0][1] == "lundi" and week[0][2] == ["10 h – 12 h"]


def test_week_is_closed_on_french_public_holidays():
    week = opening_hours.week("Mo-Fr 08:30-17:00; PH off", datetime.date(2026, 12, 21))
    days = {day: spans for day, _name, spans in week}
    assert days[datetime.date(2026, 12, 24)] == ["8 h 30 – 17 h"]
    assert days[datetime.date(2026, 12, 25)] == []  # Christmas


@pytest.mark.parametrize("code", ["0501010-001", "05010101001", "05010101-1", "ABCDEFGH-001"])
def test_equipment_code_follows_the_scdl_pattern(map_page, code):
    page = facility(map_page, "Gymnase")
    page.equipment_code = code
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "equipment_code" in error.value.message_dict
