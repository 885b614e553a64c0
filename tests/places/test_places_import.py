"""Import of a SCDL Équipements CSV: idempotent, dry run, bad rows rejected with their line."""

from io import StringIO

import pytest
from django.core.management import call_command
from places_factories import make_map_page

from places.exports import SCDL_COLUMNS, facilities_csv
from places.importer import import_facilities
from places.models import FacilityPage


def csv_text(*rows):
    lines = [",".join(SCDL_COLUMNS)]
    for row in rows:
        values = {
            "COLL_NOM": "Ville de Bellerive-sur-Seine",
            "COLL_SIRET": "21930099900017",
            "EQUIP_THEME": "sportif",
            "EQUIP_TYPE": "Gymnase",
            "ADR_NUMERO": "10",
            "ADR_NOMVOIE": "rue Léo-Lagrange",
            "ADR_CODEPOSTAL": "93800",
            "ADR_COMMUNE": "Bellerive-sur-Seine",
            "EQUIP_LAT": "48.95",
            "EQUIP_LONG": "2.31",
            "EQUIP_OUVERTURE": "Mo-Fr 08:00-22:00; PH off",
            **row,
        }
        lines.append(",".join(f'"{values.get(column, "")}"' for column in SCDL_COLUMNS))
    return "\n".join(lines) + "\n"


GYM = {"EQUIP_UID": "93099-05010101-001", "EQUIP_NOM": "Gymnase Léo-Lagrange"}
POOL = {"EQUIP_UID": "93099-05030101-001", "EQUIP_NOM": "Piscine", "EQUIP_TYPE": "Piscine", "ERP_CATEGORIE": "3"}


@pytest.fixture
def map_page(db):
    return make_map_page()


def test_import_creates_published_facilities_under_the_map(map_page):
    report = import_facilities(csv_text(GYM, POOL))
    assert report.summary() == "2 créés, 0 mis à jour, 0 inchangé, 0 rejeté"
    pool = FacilityPage.objects.get(equipment_code="05030101-001")
    assert pool.live and pool.get_parent().pk == map_page.pk
    assert pool.erp_category == 3 and str(pool.latitude) == "48.950000"


def test_second_import_of_the_same_file_changes_nothing(map_page):
    import_facilities(csv_text(GYM, POOL))
    revisions = sorted(FacilityPage.objects.values_list("latest_revision_id", flat=True))
    report = import_facilities(csv_text(GYM, POOL))
    assert report.summary() == "0 créé, 0 mis à jour, 2 inchangés, 0 rejeté"
    assert sorted(FacilityPage.objects.values_list("latest_revision_id", flat=True)) == revisions


def test_changed_row_updates_the_facility(map_page):
    import_facilities(csv_text(GYM))
    report = import_facilities(csv_text({**GYM, "EQUIP_TEL": "01 49 71 92 10"}))
    assert report.updated == 1
    assert FacilityPage.objects.get().phone == "01 49 71 92 10"


def test_bad_rows_are_rejected_with_line_and_reason_and_the_others_imported(map_page):
    report = import_facilities(
        csv_text(
            {**GYM, "EQUIP_LAT": "43.2965", "EQUIP_LONG": "5.3698"},
            {"EQUIP_UID": "93099-06010101-001", "EQUIP_NOM": "École", "EQUIP_THEME": "scolaire"},
            {"EQUIP_UID": "93099-07010101-001", "EQUIP_NOM": "Médiathèque", "EQUIP_OUVERTURE": "lundi 9h"},
            {"EQUIP_UID": "court", "EQUIP_NOM": "Sans identifiant"},
            POOL,
        )
    )
    assert (report.created, report.rejected) == (1, 4)
    line_2, line_3, line_4, line_5 = report.rejections
    assert line_2.startswith("ligne 2 : ") and "hors du territoire" in line_2
    assert line_3.startswith("ligne 3 : ") and "n'est pas un thème SCDL" in line_3
    assert line_4.startswith("ligne 4 : ") and "syntaxe OpenStreetMap" in line_4
    assert line_5.startswith("ligne 5 : EQUIP_UID")
    assert FacilityPage.objects.get().title == "Piscine"


def test_a_rejected_update_leaves_the_page_as_it_was(map_page):
    import_facilities(csv_text(GYM))
    report = import_facilities(csv_text({**GYM, "EQUIP_LAT": "40.0", "EQUIP_NOM": "Renommé"}))
    assert report.rejected == 1
    assert FacilityPage.objects.get().title == "Gymnase Léo-Lagrange"


def test_dry_run_counts_without_writing(map_page):
    import_facilities(csv_text(GYM))
    report = import_facilities(
        csv_text(
            {**GYM, "EQUIP_TEL": "01 00 00 00 00"},
            POOL,
            {**POOL, "EQUIP_UID": "93099-05030101-002", "EQUIP_LAT": "50.0"},
        ),
        dry_run=True,
    )
    assert (report.created, report.updated, report.rejected) == (1, 1, 1)
    assert FacilityPage.objects.count() == 1
    assert FacilityPage.objects.get().phone == ""


def test_semicolon_files_and_missing_columns(map_page):
    header, rows = csv_text(GYM).split("\n", 1)
    semicolon = header.replace(",", ";") + "\n" + rows.replace('","', '";"')
    assert import_facilities(semicolon).created == 1
    report = import_facilities("EQUIP_NOM,EQUIP_LAT\nGymnase,48.95\n")
    assert report.rejections[0].startswith("ligne 1 : en-tête incomplet") and "EQUIP_UID" in report.rejections[0]
    assert import_facilities(b"\xff\xfe\x00").rejections == ["fichier : le fichier n'est pas en UTF-8"]


def test_export_then_import_round_trips(map_page):
    import_facilities(csv_text(GYM, POOL))
    report = import_facilities(facilities_csv())
    assert report.unchanged == 2 and not report.rejected


def test_command_reports_and_supports_dry_run(map_page, tmp_path):
    path = tmp_path / "equipements.csv"
    path.write_text(csv_text(GYM, {"EQUIP_UID": "93099-09010101-001", "EQUIP_NOM": "Gare", "EQUIP_LAT": "x"}))
    out, err = StringIO(), StringIO()
    call_command("import_facilities", str(path), "--dry-run", stdout=out, stderr=err)
    assert out.getvalue() == "Simulation : 1 créé, 0 mis à jour, 0 inchangé, 1 rejeté (rien n'a été enregistré)\n"
    assert "Rejeté : ligne 3 : EQUIP_LAT n'est pas un nombre" in err.getvalue()
    assert not FacilityPage.objects.exists()
    call_command("import_facilities", str(path), stdout=out, stderr=err)
    assert FacilityPage.objects.count() == 1
