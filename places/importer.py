"""Import facilities from a SCDL Équipements CSV (the format of /equipements.csv).

read → validate → map → store → report. A facility is identified by EQUIP_CODE (the part of
EQUIP_UID after the INSEE code): a second run of the same file changes nothing. A bad row is
rejected with its line number and reason, and never stops the others nor touches a page.
"""

import csv
import io
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Page

from core.imports import ImportReport

from .models import FacilityPage, MapPage, PlacesSettings
from .themes import SCDL_THEMES, theme_from_scdl

# SCDL column → FacilityPage field, for the plain text columns.
TEXT_COLUMNS = {
    "EQUIP_NOM": "title",
    "EQUIP_TYPE": "facility_type",
    "ADR_NUMERO": "street_number",
    "ADR_NOMVOIE": "street_name",
    "ADR_CODEPOSTAL": "postcode",
    "ADR_COMMUNE": "commune",
    "EQUIP_OUVERTURE": "opening_hours",
    "EQUIP_TEL": "phone",
    "EQUIP_EMAIL": "email",
    "EQUIP_WEB": "website",
    "ERP_TYPE": "erp_type",
}
REQUIRED_COLUMNS = ["EQUIP_UID", "EQUIP_THEME", "EQUIP_NOM", "EQUIP_LAT", "EQUIP_LONG"]
MAX_BYTES = 20 * 1024 * 1024


class RowError(Exception):
    pass


def _decimal(value, column):
    try:
        return Decimal(value.strip().replace(",", "."))
    except (InvalidOperation, AttributeError):
        raise RowError(f"{column} n'est pas un nombre : « {value} »") from None


def map_row(row):
    """The FacilityPage field values of one CSV row, or RowError saying what is wrong."""
    missing = [column for column in REQUIRED_COLUMNS if not (row.get(column) or "").strip()]
    if missing:
        raise RowError("colonne(s) obligatoire(s) vide(s) : " + ", ".join(missing))
    uid = row["EQUIP_UID"].strip()
    if len(uid) != 18 or uid[5] != "-":
        raise RowError(f"EQUIP_UID « {uid} » ne suit pas le motif 93066-12345678-001")
    theme = theme_from_scdl(row["EQUIP_THEME"])
    if theme is None:
        raise RowError(
            f"EQUIP_THEME « {row['EQUIP_THEME'].strip()} » n'est pas un thème SCDL ({', '.join(SCDL_THEMES.values())})"
        )
    values = {name: (row.get(column) or "").strip() for column, name in TEXT_COLUMNS.items()}
    values.update(
        theme=theme,
        equipment_code=uid[6:],
        latitude=_decimal(row["EQUIP_LAT"], "EQUIP_LAT").quantize(Decimal("0.000001")),
        longitude=_decimal(row["EQUIP_LONG"], "EQUIP_LONG").quantize(Decimal("0.000001")),
    )
    category = (row.get("ERP_CATEGORIE") or "").strip()
    values["erp_category"] = int(category) if category.isdigit() else None
    return values


def _messages(error):
    if hasattr(error, "message_dict"):
        return "; ".join(f"{name} : {' '.join(messages)}" for name, messages in error.message_dict.items())
    return " ".join(error.messages)


def import_facilities(data, *, map_page=None, dry_run=False):
    """Import SCDL CSV bytes or text under `map_page` (the first MapPage by default)."""
    report = ImportReport(dry_run=dry_run)  # équipements: masculine; an import never removes one
    if isinstance(data, bytes):
        if len(data) > MAX_BYTES:
            report.reject("fichier", "fichier de plus de 20 Mo")
            return report
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            report.reject("fichier", "le fichier n'est pas en UTF-8")
            return report
    map_page = map_page or MapPage.objects.first()
    if map_page is None:
        report.reject("fichier", "aucune page « Plan des équipements » où ranger les équipements")
        return report
    reader = csv.DictReader(io.StringIO(data), delimiter=";" if data.split("\n", 1)[0].count(";") > 1 else ",")
    absent = [column for column in REQUIRED_COLUMNS if column not in (reader.fieldnames or [])]
    if absent:
        report.reject("ligne 1", "en-tête incomplet, colonnes manquantes : " + ", ".join(absent))
        return report
    existing = {page.equipment_code: page for page in FacilityPage.objects.child_of(map_page)}
    for line, row in enumerate(reader, start=2):
        try:
            values = map_row(row)
            _store(map_page, existing, values, report, dry_run)
        except RowError as error:
            report.reject(f"ligne {line}", str(error))
        except ValidationError as error:
            report.reject(f"ligne {line}", _messages(error))
    return report


def _store(map_page, existing, values, report, dry_run):
    page = existing.get(values["equipment_code"])
    if page is None:
        page = FacilityPage(slug=_free_slug(map_page, values["title"]), **values)
        if dry_run:
            _validate_new(page)
        else:
            with transaction.atomic():
                map_page.add_child(instance=page)
                page.save_revision().publish()
            existing[page.equipment_code] = page
        report.created += 1
        return
    changed = {key: value for key, value in values.items() if getattr(page, key) != value}
    if not changed:
        report.unchanged += 1
        return
    for key, value in changed.items():
        setattr(page, key, value)
    try:
        page.full_clean()
    except ValidationError:
        page.refresh_from_db()  # the next row with this code compares with what is stored
        raise
    if dry_run:
        page.refresh_from_db()
    else:
        with transaction.atomic():
            page.save_revision().publish()
    report.updated += 1


def _validate_new(page):
    """What saving would check, for a page not yet in the tree (dry run)."""
    own_fields = {f.name for f in FacilityPage._meta.fields} - {f.name for f in Page._meta.fields}
    page.clean_fields(exclude=[f.name for f in FacilityPage._meta.fields if f.name not in own_fields | {"title"}])
    PlacesSettings.load().check_point(page.latitude, page.longitude)


def _free_slug(parent, title):
    base = slugify(title)[:240] or "equipement"
    slug, number = base, 1
    siblings = set(parent.get_children().values_list("slug", flat=True))
    while slug in siblings:
        number += 1
        slug = f"{base}-{number}"
    return slug
