"""Browser journey of issue 15: a clerk enters a session (the councillors in office already listed,
one marked absent) and a deliberation in the admin and submits them; the general secretariat
approves them from the editor; a visitor without an account finds the act on the public space."""

import pytest

from council.models import CouncilIndexPage, CouncilMember, CouncilSessionPage, DeliberationPage
from council.workflow import SECRETARIAT
from home.demo import ensure_child
from home.models import Section, SectionPage
from home.roles import CLERKS
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TITLE = "Création d'un jardin partagé rue des Tilleuls"


def ready(page):
    """The editor's scripts have run (a field filled before they start may be reset by them)."""
    page.wait_for_load_state("networkidle")


def submit(page, action="action-submit"):
    """Footer actions sit in a dropdown; click the real button whatever the menu's state. The form
    must be accepted: an editor sent back to the form says why."""
    with page.expect_navigation():
        page.locator(f'button[name="{action}"]').first.evaluate("button => button.click()")
    page.wait_for_load_state()
    errors = page.locator(".error-message, .w-field__errors, .messages .error").all_inner_texts()
    invalid = page.locator("[aria-invalid='true'], .w-field--error [name]").evaluate_all(
        "fields => fields.map(field => field.name || field.id)")
    assert not [error for error in errors if error.strip()], f"{page.url}: {invalid} {errors[:1]}"


def approve(page, live_server, pk):
    page.goto(f"{live_server.url}/admin/pages/{pk}/edit/")
    with page.expect_navigation():
        page.locator('button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])').first.evaluate(
            "button => button.click()")
    page.wait_for_load_state()


def test_clerk_enters_session_and_act_secretariat_approves_visitor_finds_it(browser, live_server, site_tree,
                                                                           make_user):
    root = SectionPage.objects.get(section=Section.COUNCIL)
    index = ensure_child(root, CouncilIndexPage, slug="seances", title="Séances et délibérations")
    for n in range(5):
        CouncilMember.objects.create(first_name="Élue", last_name=f"Conseillère {n}")
    CouncilMember.objects.create(first_name="Ancien", last_name="Élu", in_office=False)
    make_user("greffier", CLERKS)
    make_user("secretaire", SECRETARIAT)

    clerk = browser.new_page()
    login(clerk, live_server, "greffier", next_path=f"/admin/pages/add/council/councilsessionpage/{index.pk}/")
    ready(clerk)
    assert clerk.locator("#id_members_in_office").input_value() == "5"
    assert clerk.locator('select[name$="-status"]').count() == 5
    clerk.locator("#id_date").fill("2026-11-20 19:00")
    clerk.locator("#id_date").press("Escape")
    clerk.locator('select[name="attendances-4-status"]').select_option("absent")
    submit(clerk)
    session = CouncilSessionPage.objects.get()
    assert session.title == "Séance du 20/11/2026"
    assert session.workflow_in_progress and not session.live
    assert (session.present_count, session.absent_count) == (4, 1)

    clerk.goto(f"{live_server.url}/admin/pages/add/council/deliberationpage/{session.pk}/")
    ready(clerk)
    clerk.locator("#id_title").fill(TITLE)
    clerk.locator("#id_title").press("Tab")  # leaving the title fills the slug from it, as for an editor
    clerk.wait_for_function("() => document.querySelector('#id_slug').value !== ''")
    clerk.locator("#id_matter").select_option("8.8")
    for field, value in (("votes_for", "3"), ("votes_against", "1"), ("abstentions", "0")):
        clerk.locator(f"#id_{field}").fill(value)
    submit(clerk)
    act = DeliberationPage.objects.get()
    assert act.workflow_in_progress and not act.live
    clerk.close()

    secretary = browser.new_page()
    login(secretary, live_server, "secretaire", next_path="/admin/")
    approve(secretary, live_server, session.pk)
    approve(secretary, live_server, act.pk)
    assert "est en ligne depuis le" in secretary.content()
    act.refresh_from_db()
    assert act.live and act.online_on
    secretary.close()

    visitor_context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    assert visitor_context.cookies() == []
    visitor = visitor_context.new_page()
    visitor.goto(f"{live_server.url}/actes/")
    assert "/connexion/" not in visitor.url
    with visitor.expect_navigation():
        visitor.get_by_role("link", name=TITLE).click()
    assert "/connexion/" not in visitor.url
    main = visitor.locator("main").inner_text()
    assert TITLE in main
    assert "Mis en ligne le" in main
    assert visitor.get_by_test_id("online-on").inner_text() == act.online_on.strftime("%d/%m/%Y")
    visitor_context.close()
