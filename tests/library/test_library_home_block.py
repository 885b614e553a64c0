"""The library's block on the agents' home page: the new acquisitions, withdrawn records left out."""

import datetime

import pytest
from django.core.cache import cache

from home.demo import ensure_child, section_root
from home.models import Section
from library.models import BibliographicRecord, LibraryCatalogPage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_library_new_acquisitions_show_on_the_home_page(agent_client):
    catalogue = ensure_child(section_root(Section.LIBRARY), LibraryCatalogPage, slug="catalogue", title="Catalogue")
    record = BibliographicRecord.objects.create(title="Le Petit Prince", acquired_on=datetime.date.today())
    BibliographicRecord.objects.create(title="Retiré du fonds", acquired_on=datetime.date.today(), withdrawn=True)
    html = agent_client.get("/").content.decode()
    assert 'data-testid="block-bibliotheque"' in html
    assert "Le Petit Prince" in html and "Retiré du fonds" not in html
    assert f"{catalogue.url}notice/{record.pk}/" in html


def test_without_a_catalogue_page_the_block_stays_away(agent_client):
    BibliographicRecord.objects.create(title="Le Petit Prince", acquired_on=datetime.date.today())
    assert 'data-testid="block-bibliotheque"' not in agent_client.get("/").content.decode()
