"""Browser journey of the directory: find a colleague from part of their name, open the card, save the vCard."""

import pytest
import vobject
from playwright.sync_api import expect

from directory.models import Agent, DirectoryPage, Service
from home.demo import ensure_child, section_root
from home.models import Section
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def directory(site_tree, make_user):
    make_user("agent")
    page = ensure_child(section_root(Section.DIRECTORY), DirectoryPage, slug="agents", title="Annuaire des agents")
    service = Service.objects.create(code="etat-civil", name="État civil")
    Agent.objects.create(
        matricule="A002",
        first_name="Hélène",
        last_name="Dupont",
        job_title="Officière d'état civil",
        service=service,
        phone="01 49 71 43 21",
        extension="4321",
        email="helene.dupont@mairie.example",
    )
    Agent.objects.create(matricule="A003", first_name="Hélène", last_name="Cachée", do_not_list=True)
    return page


def test_agent_finds_a_colleague_opens_the_card_and_downloads_the_vcard(page, live_server, directory):
    login(page, live_server, "agent", next_path=directory.url)
    field = page.get_by_label("Nom, fonction, service, sigle ou poste")
    field.press_sequentially("helene du", delay=30)
    # The suggestions come from the autocomplete endpoint (only visible agents).
    expect(page.locator("#annuaire-suggestions option")).to_have_count(1)
    expect(page.locator("#annuaire-suggestions option").first).to_have_attribute("value", "Hélène Dupont")
    field.press("Enter")
    results = page.get_by_test_id("agent-result")
    expect(results).to_have_count(1)
    results.get_by_role("link", name="Hélène Dupont").click()

    card = page.get_by_test_id("agent-card")
    expect(card.get_by_role("heading", name="Hélène Dupont")).to_be_visible()
    expect(card.locator('a[href="mailto:helene.dupont@mairie.example"]')).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_test_id("vcard-link").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".vcf")
    with open(download.path(), encoding="utf-8") as vcf:
        parsed = vobject.readOne(vcf.read())
    assert parsed.fn.value == "Hélène Dupont"
    assert parsed.email.value == "helene.dupont@mairie.example"
