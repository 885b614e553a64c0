"""Browser journey of the site search: an agent types three letters of a colleague's name and an
acronym in the header search, picks a suggestion with the keyboard, then runs a full search,
narrows it by year and opens the deliberation found by a word that is only inside its PDF."""

import pytest
from playwright.sync_api import expect

from directory.models import Agent, DirectoryPage
from home.demo import ensure_child, section_root
from home.models import Section
from tests.e2e.conftest import login
from tests.search.search_corpus import PDF_ONLY_WORD, build_corpus

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def intranet(site_tree, make_user):
    make_user("agent")
    ensure_child(section_root(Section.DIRECTORY), DirectoryPage, slug="agents", title="Annuaire des agents")
    Agent.objects.create(matricule="A010", first_name="Hélène", last_name="Quintard", job_title="Archiviste")
    return build_corpus()


def test_agent_uses_suggestions_then_a_full_search_narrowed_by_year(page, live_server, intranet):
    login(page, live_server, "agent")
    header_search = page.get_by_label("Rechercher dans l'intranet")
    suggestions = page.get_by_role("listbox", name="Suggestions")

    header_search.press_sequentially("Hél", delay=40)
    expect(suggestions.get_by_role("option", name="Hélène Quintard")).to_be_visible()

    header_search.fill("")
    header_search.press_sequentially("CCAS", delay=40)
    option = suggestions.get_by_role("option", name="Centre communal d'action sociale")
    expect(option).to_be_visible()
    for _ in range(_index_of(suggestions.get_by_role("option"), "Centre communal d'action sociale") + 1):
        header_search.press("ArrowDown")
    header_search.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Centre communal d'action sociale")).to_be_visible()

    header_search = page.get_by_label("Rechercher dans l'intranet")
    header_search.fill(PDF_ONLY_WORD)
    header_search.press("Enter")  # no suggestion chosen: the form is sent
    # The act that attaches the PDF, and the PDF itself (documents are searched by their text).
    expect(page.get_by_role("heading", name=f"2 résultats pour « {PDF_ONLY_WORD} »")).to_be_visible()

    page.get_by_role("complementary").get_by_role("link", name="2024").click()
    expect(page.get_by_text("2024 (1)")).to_be_visible()
    result = page.get_by_role("link", name="Marché de travaux de la toiture de l'école")
    expect(page.locator(".snippet mark")).to_have_text(PDF_ONLY_WORD)
    result.click()
    expect(page.get_by_role("heading", level=1, name="Marché de travaux de la toiture de l'école")).to_be_visible()


def _index_of(options, title):
    return next(index for index in range(options.count()) if options.nth(index).inner_text().startswith(title))
