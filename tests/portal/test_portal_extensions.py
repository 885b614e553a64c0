"""Home blocks filled by other apps, read defensively through the app registry."""

import datetime

import pytest
from django.apps import apps
from django.core.cache import cache

from home.demo import ensure_child, section_root
from home.models import Section
from portal import extensions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_library_new_acquisitions_show_on_the_home_page(agent_client):
    Catalogue = apps.get_model("library", "LibraryCatalogPage")
    Record = apps.get_model("library", "BibliographicRecord")
    catalogue = ensure_child(section_root(Section.LIBRARY), Catalogue, slug="catalogue", title="Catalogue")
    record = Record.objects.create(title="Le Petit Prince", acquired_on=datetime.date.today())
    Record.objects.create(title="Retiré du fonds", acquired_on=datetime.date.today(), withdrawn=True)
    html = agent_client.get("/").content.decode()
    assert 'data-testid="block-bibliotheque"' in html
    assert "Le Petit Prince" in html and "Retiré du fonds" not in html
    assert f"{catalogue.url}notice/{record.pk}/" in html


def test_a_failing_block_is_skipped_and_the_home_page_still_answers(agent_client, monkeypatch):
    def broken(request, *, now, private_q):
        raise KeyError("champ renommé")

    monkeypatch.setattr(extensions, "HOME_EXTENSIONS", [broken, *extensions.HOME_EXTENSIONS])
    response = agent_client.get("/")
    assert response.status_code == 200
    assert 'data-testid="portal"' in response.content.decode()


def test_a_missing_app_hides_its_block(monkeypatch, rf, agent):
    def no_app(app_label, name):
        raise LookupError(app_label)

    monkeypatch.setattr(extensions.apps, "get_model", no_app)
    request = rf.get("/")
    request.user = agent
    assert extensions.extension_blocks(request, now=None, refused=[]) == []
