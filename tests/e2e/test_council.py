"""Browser journey of the council: a clerk submits a deliberation with a PDF annex, the general
secretariat approves it, and an agent finds it by a word that is only inside the annex."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page

from council.models import (
    CouncilIndexPage,
    CouncilMember,
    CouncilSessionPage,
    DeliberationAnnex,
    DeliberationPage,
    SessionAttendance,
)
from council.registers import text_pdf
from council.workflow import SECRETARIAT, setup_council_workflow
from home.demo import ensure_child, ensure_home_page
from home.models import Section, SectionPage
from home.roles import AGENTS, CLERKS, setup_roles
from tests.conftest import PASSWORD
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e

SECRET_WORD = "hippocampe"


def build_council():
    # A transactional test flushes the tables, Wagtail's root page and locale with them.
    Locale.objects.get_or_create(language_code="fr")
    if not Page.get_first_root_node():
        Page.add_root(instance=Page(title="Root", slug="root"))
    root = ensure_child(ensure_home_page(), SectionPage, slug="conseil", title="Conseil municipal",
                        section=Section.COUNCIL)
    setup_roles()
    setup_council_workflow(root)
    index = ensure_child(root, CouncilIndexPage, slug="seances", title="Séances et délibérations")
    members = [CouncilMember.objects.create(first_name="Élu", last_name=f"N{n}") for n in range(5)]
    session = CouncilSessionPage(
        title="Séance du 12/03/2024", slug="seance-2024-03-12", members_in_office=5,
        date=timezone.make_aware(datetime.datetime(2024, 3, 12, 19)),
    )
    for member in members:
        session.attendances.add(SessionAttendance(member=member, status="present"))
    index.add_child(instance=session)
    session.save_revision().publish()
    annex = get_document_model()(title="Grille tarifaire", collection=Collection.get_first_root_node())
    annex.file.save("grille.pdf", ContentFile(text_pdf("Grille tarifaire", [
        f"Tarifs par tranche de quotient familial ; mascotte du conservatoire : {SECRET_WORD}."])), save=False)
    annex.save()
    draft = DeliberationPage(title="Tarifs du conservatoire de musique", slug="tarifs-conservatoire", number=1,
                             matter="8.9", live=False)
    draft.annexes.add(DeliberationAnnex(document=annex, title="Grille tarifaire"))
    session.add_child(instance=draft)
    draft.save_revision()
    return draft


def make_user(username, *groups):
    user = get_user_model().objects.create_user(username, password=PASSWORD, first_name=username.capitalize())
    for name in (AGENTS, *groups):
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


def click_hidden(page, selector):
    """Footer actions sit in a dropdown; click the real button whatever the menu's state."""
    with page.expect_navigation():
        page.locator(selector).first.evaluate("button => button.click()")
    page.wait_for_load_state()


def test_clerk_submits_secretariat_approves_agent_finds_word_in_annex(browser, live_server, transactional_db):
    draft = build_council()
    make_user("greffier", CLERKS)
    make_user("secretaire", SECRETARIAT)
    make_user("agent")
    edit_path = f"/admin/pages/{draft.pk}/edit/"

    clerk = browser.new_page()
    login(clerk, live_server, "greffier", next_path=edit_path)
    assert "Grille tarifaire" in clerk.content()
    click_hidden(clerk, 'button[name="action-submit"]')
    assert draft.__class__.objects.get(pk=draft.pk).workflow_in_progress
    clerk.close()

    secretary = browser.new_page()
    login(secretary, live_server, "secretaire", next_path=edit_path)
    click_hidden(secretary, 'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])')
    secretary.wait_for_timeout(500)
    assert DeliberationPage.objects.get(pk=draft.pk).live
    secretary.close()

    agent = browser.new_page()
    login(agent, live_server, "agent", next_path=f"/recherche/?q={SECRET_WORD}")
    results = agent.locator("main")
    assert "Tarifs du conservatoire de musique" in results.inner_text()
    agent.close()
