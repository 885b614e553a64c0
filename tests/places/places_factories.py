"""Builders shared by the places tests: the town's settings, a map page and its facilities."""

from decimal import Decimal

from django.utils.text import slugify

from home.demo import ensure_child, ensure_home_page
from home.models import Section, SectionPage, ServicePage
from places.models import FacilityPage, MapPage, PlacesSettings
from places.themes import Theme

BOUNDS = {"south": Decimal("48.935"), "north": Decimal("48.965"), "west": Decimal("2.285"), "east": Decimal("2.335")}


def configure_town(insee_code="93099"):
    settings = PlacesSettings.load()
    settings.insee_code = insee_code
    for name, value in BOUNDS.items():
        setattr(settings, name, value)
    settings.save()
    return settings


def services_root():
    """The Services section root; a light stand-in for `site_tree` when roles are not needed."""
    existing = SectionPage.objects.filter(section=Section.SERVICES).first()
    if existing:
        return existing
    return ensure_child(ensure_home_page(), SectionPage, slug="services", title="Services", section=Section.SERVICES)


def make_service(title, acronym=""):
    return ensure_child(services_root(), ServicePage, slug=slugify(acronym or title), title=title, acronym=acronym)


def make_map_page(title="Plan des équipements", slug="plan-des-equipements"):
    configure_town()
    root = services_root()
    page = root.add_child(instance=MapPage(title=title, slug=slug))
    page.save_revision().publish()
    return page


def facility(map_page, title, theme=Theme.SPORTS, *, publish=False, **fields):
    values = {
        "facility_type": "Gymnase",
        "equipment_code": "05010101-001",
        "street_number": "10",
        "street_name": "rue Léo-Lagrange",
        "postcode": "93800",
        "commune": "Bellerive-sur-Seine",
        "latitude": Decimal("48.950000"),
        "longitude": Decimal("2.310000"),
        "opening_hours": "Mo-Fr 08:00-22:00; PH off",
        "phone": "01 49 71 92 10",
    }
    values.update(fields)
    page = map_page.add_child(instance=FacilityPage(title=title, theme=theme, **values))
    if publish:
        page.save_revision().publish()
    return page
