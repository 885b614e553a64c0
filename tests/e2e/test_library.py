"""Browser journeys of the library: the librarian imports a file; an agent searches, narrows, opens a record."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import login
from tests.library.library_files import catalog_page, import_records, iso, unimarc

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue(site_tree, make_user):
    make_user("agent")
    make_user("lucas", "Bibliothèque")
    return catalog_page()


def test_librarian_uploads_a_file_in_the_admin_and_sees_the_summary(page, live_server, catalogue):
    login(page, live_server, "lucas", next_path="/admin/library/catalogueimport/")
    page.get_by_role("link", name="Importer un fichier").first.click()
    data = iso(unimarc(record_id="A"), unimarc(record_id="B", title="Vol de nuit"), b"cassee\x1d")
    page.set_input_files("input[name=file]", files=[
        {"name": "export.mrc", "mimeType": "application/octet-stream", "buffer": data}])
    page.get_by_role("button", name="Importer").click()
    summary = page.get_by_test_id("import-summary")
    expect(summary).to_contain_text("2 créées")
    expect(summary).to_contain_text("1 rejetée")
    expect(page.get_by_test_id("import-report")).to_contain_text("notice n°3")


def test_agent_searches_narrows_with_a_facet_and_sees_available_copies(page, live_server, catalogue):
    import_records(
        unimarc(record_id="R1", title="Le jardin des étoiles", isbn=None, authors=(("Dupont", "Marie"),),
                copies=[[("c", "Bibliobus"), ("f", "C1"), ("k", "843 DUP"), ("n", "20261224")],
                        [("c", "Médiathèque centrale"), ("e", "Adultes"), ("f", "C2"), ("k", "843 DUP")]]),
        unimarc(record_id="R2", title="Jardins de France", isbn=None, authors=(("Martin", "Paul"),), leader_type="gm"),
    )
    login(page, live_server, "agent", next_path=catalogue.url)
    page.get_by_label("Rechercher un titre, un auteur, un sujet ou un ISBN").fill("JARDIN")
    page.get_by_role("button", name="Rechercher").last.click()
    expect(page.get_by_test_id("hit-count")).to_contain_text("2 résultats")
    page.get_by_test_id("facet-type").get_by_role("link", name="Livre").click()
    expect(page.get_by_test_id("hit-count")).to_contain_text("1 résultat")
    page.get_by_test_id("hit").get_by_role("link", name="Le jardin des étoiles").click()
    copies = page.get_by_test_id("record").get_by_test_id("copies")
    expect(copies.locator("tbody tr")).to_have_count(2)
    available = copies.locator("tr", has_text="Médiathèque centrale")
    expect(available).to_contain_text("Disponible")
    expect(available).to_contain_text("Adultes")
    expect(copies.locator("tr", has_text="Bibliobus")).to_contain_text("En prêt")
