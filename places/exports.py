"""The facilities as open data: SCDL Équipements 0.1.5 (CSV) and GeoJSON (RFC 7946)."""

import re

from core.csv_writer import write_csv
from core.visibility import visible_to_every_agent
from home.models import TownSettings

from .models import FacilityPage, PlacesSettings
from .themes import SCDL_THEMES

# The schema's columns, in its order (schema.data.gouv.fr/scdl/equipements, version 0.1.5).
SCDL_COLUMNS = [
    "COLL_NOM",
    "COLL_SIRET",
    "EQUIP_UID",
    "EQUIP_THEME",
    "EQUIP_CODE",
    "EQUIP_TYPE",
    "EQUIP_NOM",
    "ADR_NUMERO",
    "ADR_NOMVOIE",
    "ADR_CODEPOSTAL",
    "ADR_COMMUNE",
    "ADR_CLE_INTEROP",
    "ERP_ID",
    "ERP_TYPE",
    "ERP_CATEGORIE",
    "EQUIP_LAT",
    "EQUIP_LONG",
    "EQUIP_OUVERTURE",
    "EQUIP_TEL",
    "EQUIP_EMAIL",
    "EQUIP_WEB",
]


def published_facilities():
    """Live facilities that every agent may see, in a stable order (name, then id). Open data is
    published: it holds what every agent may see, whoever downloads it."""
    return visible_to_every_agent(FacilityPage.objects.live()).order_by("title", "pk")


# ADR_NUMERO is required; the schema asks for 99999 for a place on a street without numbers.
NO_STREET_NUMBER = "99999"


def scdl_phone(phone):
    """The number without separators, French numbers in their national form: "+33 1 49 71 92 10" ->
    "0149719210". EQUIP_TEL has 13 characters at most, and a cell starting with "+" would be neutralised
    as a formula (mairie_site/spreadsheet.py), which would make it longer."""
    digits = re.sub(r"[\s.\-/()]", "", phone)
    if re.fullmatch(r"\+33\d{9}", digits):
        return f"0{digits[3:]}"
    return digits


def scdl_street(name):
    """Typographic apostrophes as the schema's ASCII one (ADR_NOMVOIE allows ' but not ’)."""
    return name.replace("\u2019", "'").replace("\u02bc", "'")


def scdl_record(facility, *, town, places):
    """One facility as a SCDL row (a dict keyed by the schema's column names)."""
    return {
        "COLL_NOM": town.town_name,
        "COLL_SIRET": town.siret,
        "EQUIP_UID": f"{places.insee_code}-{facility.equipment_code}" if places.insee_code else "",
        "EQUIP_THEME": SCDL_THEMES.get(facility.theme, facility.theme),
        "EQUIP_CODE": facility.equipment_code,
        "EQUIP_TYPE": facility.facility_type,
        "EQUIP_NOM": facility.title,
        "ADR_NUMERO": facility.street_number or NO_STREET_NUMBER,
        "ADR_NOMVOIE": scdl_street(facility.street_name),
        "ADR_CODEPOSTAL": facility.postcode,
        "ADR_COMMUNE": facility.commune,
        "ADR_CLE_INTEROP": "",
        "ERP_ID": "",
        "ERP_TYPE": facility.erp_type,
        "ERP_CATEGORIE": facility.erp_category if facility.erp_category else "",
        "EQUIP_LAT": f"{facility.latitude:.6f}",
        "EQUIP_LONG": f"{facility.longitude:.6f}",
        "EQUIP_OUVERTURE": facility.opening_hours,
        "EQUIP_TEL": scdl_phone(facility.phone),
        "EQUIP_EMAIL": facility.email,
        "EQUIP_WEB": facility.website,
    }


def _context(request):
    return TownSettings.load(request), PlacesSettings.load(request)


def facilities_csv(request=None):
    """The SCDL CSV as text: UTF-8, comma-separated, a header row with the schema's names."""
    town, places = _context(request)
    records = (scdl_record(facility, town=town, places=places) for facility in published_facilities())
    return write_csv(SCDL_COLUMNS, records)


def facilities_geojson(request=None):
    """A GeoJSON FeatureCollection; coordinates are [longitude, latitude] as RFC 7946 requires."""
    town, places = _context(request)
    features = []
    for facility in published_facilities():
        properties = scdl_record(facility, town=town, places=places)
        properties["EQUIP_LAT"] = float(facility.latitude)
        properties["EQUIP_LONG"] = float(facility.longitude)
        properties["ERP_CATEGORIE"] = facility.erp_category
        properties["url"] = facility.get_full_url(request)
        features.append(
            {
                "type": "Feature",
                "id": facility.pk,
                "geometry": {"type": "Point", "coordinates": [float(facility.longitude), float(facility.latitude)]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}
