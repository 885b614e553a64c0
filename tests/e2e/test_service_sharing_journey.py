"""Browser journey of issue 17: the editor of the Urbanisme publishes a news item and a document in
their service; an agent of another service finds the document by a word only inside it through the
site search, then acknowledges, from their home page, a note de service that must be read."""

import pytest
from note_builders import agent_of, make_note, organisation
from playwright.sync_api import expect
from wagtail.documents import get_document_model

from council.models import NoteAcknowledgement
from home.models import ServicePage
from home.service_roles import group_name
from newsfeeds.models import NewsItemPage
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WORD = "bryophytes"  # only inside the document's file


def publish(page):
    """Footer actions sit in a dropdown; click the real button whatever the menu's state."""
    with page.expect_navigation():
        page.locator('button[name="action-publish"]').first.evaluate("button => button.click()")
    page.wait_for_load_state()


def test_service_editor_publishes_agent_of_another_service_finds_and_acknowledges(
    browser, live_server, site_tree, make_user, tmp_path
):
    urbanisme = ServicePage.objects.get(slug="urbanisme")
    make_user("redacteur-urba", group_name(urbanisme))
    org = organisation()
    reader = make_user("paie", first_name="Paula", last_name="Paie")
    agent_of(reader, org["paie"])
    note = make_note(services=[org["rh"]], title="Entretiens annuels : calendrier")

    editor = browser.new_page()
    login(editor, live_server, "redacteur-urba",
          next_path=f"/admin/pages/add/newsfeeds/newsitempage/{urbanisme.pk}/")
    editor.locator("#id_title").fill("Nouveau plan local d'urbanisme")
    editor.locator("#id_title").blur()  # the slug follows the title when the field is left
    expect(editor.locator("#id_slug")).not_to_have_value("")
    publish(editor)
    item = NewsItemPage.objects.get(title="Nouveau plan local d'urbanisme")
    assert item.live and item.service_id == urbanisme.pk

    upload = tmp_path / "mousses-et-toitures.txt"
    upload.write_text(f"Les {WORD} colonisent les toitures anciennes du centre-ville.\n", encoding="utf-8")
    editor.goto(f"{live_server.url}/admin/documents/add/")
    editor.locator("#id_title").fill("Guide des toitures végétalisées")
    editor.set_input_files("input[name=file]", str(upload))
    with editor.expect_navigation():
        editor.locator("footer.footer button[type=submit]").first.click()
    document = get_document_model().objects.get(title="Guide des toitures végétalisées")
    assert document.collection == urbanisme.editors.collection

    agent = browser.new_page(viewport={"width": 390, "height": 844})
    login(agent, live_server, "paie")
    agent.goto(f"{live_server.url}/recherche/?q={WORD}")
    expect(agent.get_by_role("link", name="Guide des toitures végétalisées")).to_be_visible()

    agent.goto(f"{live_server.url}/")
    block = agent.get_by_test_id("block-lecture")
    expect(block.get_by_role("link", name="Entretiens annuels : calendrier")).to_be_visible()
    block.get_by_role("button", name="J'ai pris connaissance").click()
    agent.wait_for_load_state()
    confirmation = f"Votre prise de connaissance de la note n° {note.number} est enregistrée."
    expect(agent.get_by_text(confirmation)).to_be_visible()
    expect(agent.get_by_test_id("block-lecture")).to_have_count(0)
    assert NoteAcknowledgement.objects.filter(note=note, user=reader, version=1).exists()
