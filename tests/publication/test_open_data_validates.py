"""Both SCDL exports validate with frictionless against the official schemas vendored in the repository
(Délibérations 2.1.5 in council/schemas/, Équipements 0.1.5 in places/schemas/); a cell that a spreadsheet
would run as a formula is neutralised, and the file still validates."""

import csv
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from frictionless import Resource, Schema

from council import demo as council_demo
from council.exports import scdl
from council.models import DeliberationPage
from places import demo as places_demo
from places.models import FacilityPage

pytestmark = pytest.mark.django_db

DELIBERATIONS_SCHEMA = Path(settings.BASE_DIR) / "council" / "schemas" / "scdl-deliberations-2.1.5.json"
EQUIPEMENTS_SCHEMA = Path(settings.BASE_DIR) / "places" / "schemas" / "scdl-equipements-0.1.5.json"


def errors_of(content, schema_path, tmp_path):
    """frictionless' errors for the CSV `content` against the schema file (empty when it validates)."""
    (tmp_path / "export.csv").write_bytes(content)
    schema = Schema.from_descriptor(json.loads(schema_path.read_text(encoding="utf-8")))
    report = Resource(path="export.csv", basepath=str(tmp_path), schema=schema).validate()
    return [
        f"{error.type} row {getattr(error, 'row_number', '-')} {getattr(error, 'field_name', '')}: {error.note}"
        for error in report.tasks[0].errors
    ]


def rows(content):
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))


def test_the_vendored_schemas_are_the_versions_the_exports_declare():
    deliberations = json.loads(DELIBERATIONS_SCHEMA.read_text(encoding="utf-8"))
    assert (deliberations["name"], deliberations["version"]) == ("deliberations", scdl.SCHEMA_VERSION)
    assert [field["name"] for field in deliberations["fields"]] == scdl.COLUMNS
    equipements = json.loads(EQUIPEMENTS_SCHEMA.read_text(encoding="utf-8"))
    assert equipements["version"] == "0.1.5"


def test_the_deliberations_export_of_the_demo_validates_on_the_public_space_and_the_intranet(
    guest, agent_client, site_tree, tmp_path
):
    council_demo.load(stdout=io.StringIO())
    public = guest.get("/actes/deliberations.csv")
    assert public.status_code == 200
    assert errors_of(public.content, DELIBERATIONS_SCHEMA, tmp_path) == []
    found = rows(public.content)
    assert len(found) == DeliberationPage.objects.filter(result="adopted").count() == 29
    assert all(row["DELIB_URL"].startswith("http://testserver/actes/deliberations/") for row in found)
    intranet = agent_client.get("/conseil/deliberations.csv")
    assert errors_of(intranet.content, DELIBERATIONS_SCHEMA, tmp_path) == []
    assert [row["DELIB_ID"] for row in rows(intranet.content)] == [row["DELIB_ID"] for row in found]
    json_rows = guest.get("/actes/deliberations.json").json()["results"]
    assert [row["DELIB_URL"] for row in json_rows] == [row["DELIB_URL"] for row in found]


def test_the_equipements_export_of_the_demo_validates(agent_client, tmp_path):
    places_demo.load()
    response = agent_client.get("/equipements.csv")
    assert response.status_code == 200
    assert errors_of(response.content, EQUIPEMENTS_SCHEMA, tmp_path) == []
    assert len(rows(response.content)) == FacilityPage.objects.live().count() > 10


def test_formulas_in_cells_are_neutralised_and_both_exports_still_validate(guest, agent_client, site_tree, tmp_path):
    council_demo.load(stdout=io.StringIO())
    act = DeliberationPage.objects.filter(result="adopted").first()
    DeliberationPage.objects.filter(pk=act.pk).update(title='=HYPERLINK("http://example.org","clic")',
                                                      budget_name="+cmd|' /C calc'!A0")
    content = guest.get("/actes/deliberations.csv").content
    row = next(row for row in rows(content) if row["DELIB_ID"] == act.reference)
    assert row["DELIB_OBJET"] == "'=HYPERLINK(\"http://example.org\",\"clic\")"
    assert row["BUDGET_NOM"] == "'+cmd|' /C calc'!A0"
    assert errors_of(content, DELIBERATIONS_SCHEMA, tmp_path) == []

    places_demo.load()
    facility = FacilityPage.objects.live().first()
    FacilityPage.objects.filter(pk=facility.pk).update(title="@SUM(1+1)*cmd", facility_type="-2+3")
    content = agent_client.get("/equipements.csv").content
    row = next(row for row in rows(content) if row["EQUIP_CODE"] == facility.equipment_code)
    assert (row["EQUIP_NOM"], row["EQUIP_TYPE"]) == ("'@SUM(1+1)*cmd", "'-2+3")
    assert errors_of(content, EQUIPEMENTS_SCHEMA, tmp_path) == []
