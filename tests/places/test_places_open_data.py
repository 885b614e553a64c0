"""Open data: equipements.geojson (RFC 7946) and equipements.csv (SCDL Équipements 0.1.5)."""

import csv
import io
import json
import re
from decimal import Decimal

import geojson as geojson_lib
import pytest
from places_factories import facility, make_map_page

from home.models import TownSettings
from places import opening_hours
from places.exports import SCDL_COLUMNS
from places.themes import SCDL_THEMES, Theme
from tests.conftest import restrict_to_group

# Patterns of the schema (schema.data.gouv.fr/scdl/equipements 0.1.5).
PATTERNS = {
    "COLL_SIRET": r"^\d{14}$",
    "EQUIP_UID": r"^[0-9A-B]{5}-[0-9]{8}-[0-9]{3}$",
    "EQUIP_CODE": r"^[0-9]{8}-[0-9]{3}$",
    "ADR_CODEPOSTAL": r"^\d{5}$",
}
REQUIRED = [
    "COLL_NOM",
    "COLL_SIRET",
    "EQUIP_UID",
    "EQUIP_THEME",
    "EQUIP_CODE",
    "EQUIP_TYPE",
    "EQUIP_NOM",
    "ADR_NOMVOIE",
    "ADR_CODEPOSTAL",
    "ADR_COMMUNE",
    "EQUIP_LAT",
    "EQUIP_LONG",
]
THEMES = set(SCDL_THEMES.values())


@pytest.fixture
def map_page(db):
    town = TownSettings.load()
    town.town_name, town.siret = "Ville de Bellerive-sur-Seine", "21930099900017"
    town.save()
    page = make_map_page()
    facility(
        page,
        "Stade Jean-Bouin",
        Theme.SPORTS,
        publish=True,
        equipment_code="05020101-001",
        latitude=Decimal("48.955123"),
        longitude=Decimal("2.301987"),
    )
    facility(
        page,
        "Médiathèque Aimé-Césaire",
        Theme.CULTURE,
        publish=True,
        equipment_code="07010101-001",
        latitude=Decimal("48.945"),
        longitude=Decimal("2.32"),
        email="mediatheque@mairie.example",
        erp_type="S",
        erp_category=3,
    )
    facility(
        page,
        "Gare routière",
        Theme.MOBILITY,
        publish=True,
        equipment_code="09010101-001",
        street_number="",
        opening_hours="",
    )
    return page


@pytest.fixture
def agent_client(client, make_user):
    client.force_login(make_user("agent"))
    return client


def geojson(agent_client):
    response = agent_client.get("/equipements.geojson")
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_geojson_is_a_feature_collection_served_as_geo_json(agent_client, map_page):
    response, data = geojson(agent_client)
    assert response["Content-Type"].startswith("application/geo+json")
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 3
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        assert len(feature["geometry"]["coordinates"]) == 2
        assert all(isinstance(value, float) for value in feature["geometry"]["coordinates"])
        assert isinstance(feature["properties"], dict)
        assert "crs" not in data  # RFC 7946 drops it: WGS84 only


def test_geojson_passes_an_independent_validator(agent_client, map_page):
    response = agent_client.get("/equipements.geojson")
    collection = geojson_lib.loads(response.content.decode("utf-8"))
    assert isinstance(collection, geojson_lib.FeatureCollection)
    assert collection.is_valid, collection.errors()


def test_geojson_coordinates_are_longitude_then_latitude(agent_client, map_page):
    _response, data = geojson(agent_client)
    stade = next(f for f in data["features"] if f["properties"]["EQUIP_NOM"] == "Stade Jean-Bouin")
    assert stade["geometry"]["coordinates"] == [2.301987, 48.955123]
    assert stade["properties"]["EQUIP_LAT"] == 48.955123
    assert stade["properties"]["EQUIP_LONG"] == 2.301987


def test_geojson_features_are_in_alphabetical_order_with_their_page(agent_client, map_page):
    _response, data = geojson(agent_client)
    names = [f["properties"]["EQUIP_NOM"] for f in data["features"]]
    assert names == ["Gare routière", "Médiathèque Aimé-Césaire", "Stade Jean-Bouin"]
    assert all(f["properties"]["url"].startswith("http") for f in data["features"])


def test_csv_has_the_scdl_columns_in_order_and_is_utf8(agent_client, map_page):
    response = agent_client.get("/equipements.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="equipements.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert rows[0] == SCDL_COLUMNS
    assert len(rows) == 4


def test_csv_rows_follow_the_schema_patterns(agent_client, map_page):
    content = agent_client.get("/equipements.csv").content.decode("utf-8")
    for row in csv.DictReader(io.StringIO(content)):
        for column in REQUIRED:
            assert row[column], column
        for column, pattern in PATTERNS.items():
            assert re.match(pattern, row[column]), (column, row[column])
        assert row["EQUIP_THEME"] in THEMES
        assert -90 <= float(row["EQUIP_LAT"]) <= 90 and -180 <= float(row["EQUIP_LONG"]) <= 180
        assert row["ERP_CATEGORIE"] in ("", "1", "2", "3", "4", "5")
        if row["EQUIP_OUVERTURE"]:
            opening_hours.validate_opening_hours(row["EQUIP_OUVERTURE"])
        if row["EQUIP_EMAIL"]:
            assert re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", row["EQUIP_EMAIL"])


def test_csv_takes_the_town_from_town_settings_and_builds_the_uid(agent_client, map_page):
    content = agent_client.get("/equipements.csv").content.decode("utf-8")
    row = next(r for r in csv.DictReader(io.StringIO(content)) if r["EQUIP_NOM"] == "Médiathèque Aimé-Césaire")
    assert row["COLL_NOM"] == "Ville de Bellerive-sur-Seine"
    assert row["COLL_SIRET"] == "21930099900017"
    assert row["EQUIP_UID"] == "93099-07010101-001"
    assert row["EQUIP_THEME"] == "Equipement culturel"
    assert row["ERP_TYPE"] == "S" and row["ERP_CATEGORIE"] == "3"
    assert row["EQUIP_LAT"] == "48.945000" and row["EQUIP_LONG"] == "2.320000"


def test_exports_leave_out_drafts_and_restricted_facilities_even_for_the_group(client, make_user, map_page):
    facility(map_page, "Brouillon", Theme.OTHER, live=False)
    restricted = facility(map_page, "Local réservé", Theme.OTHER, publish=True)
    restrict_to_group(restricted)
    # Open data is published whoever downloads it: a member of the group does not get it either.
    agent_client = client
    agent_client.force_login(make_user("rh", "Ressources humaines"))
    _response, data = geojson(agent_client)
    names = {f["properties"]["EQUIP_NOM"] for f in data["features"]}
    assert "Brouillon" not in names and "Local réservé" not in names
    assert "Local réservé" not in agent_client.get("/equipements.csv").content.decode()


def test_exports_need_a_logged_in_agent(client, map_page):
    for url in ("/equipements.geojson", "/equipements.csv"):
        response = client.get(url)
        assert response.status_code == 302 and "/connexion/" in response["Location"]


def test_export_queries_do_not_grow_with_the_number_of_facilities(
    agent_client, map_page, django_assert_max_num_queries
):
    agent_client.get("/equipements.geojson")
    with django_assert_max_num_queries(20) as small:
        agent_client.get("/equipements.geojson")
    for number in range(20):
        facility(map_page, f"Équipement {number:02d}", Theme.OTHER, publish=True)
    for url in ("/equipements.geojson", "/equipements.csv"):
        with django_assert_max_num_queries(len(small.captured_queries)):
            agent_client.get(url)
