"""Journeys of the foundation: logging in, and an editor publishing what agents then read."""

import re

import pytest
from playwright.sync_api import expect

from home.roles import EDITORS
from portal import services as portal_services
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_anonymous_visitor_logs_in_and_lands_on_the_french_home_page(page, live_server, site_tree, make_user):
    make_user("agent", first_name="Hélène", last_name="Dupont")
    page.goto(f"{live_server.url}/services/")
    expect(page).to_have_url(re.compile(r"/connexion/\?next=/services/"))
    expect(page.get_by_role("heading", name="Connexion à l'intranet")).to_be_visible()
    page.get_by_label("Identifiant").fill("agent")
    page.get_by_label("Mot de passe").fill("motdepasse-de-test")
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(f"{live_server.url}/services/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_test_id("user-name")).to_have_text("Hélène Dupont")
    page.get_by_role("link", name="Accueil").first.click()
    expect(page.get_by_test_id("editorial")).to_contain_text("Bienvenue")


def test_editor_publishes_the_home_editorial_and_the_agent_reads_it(page, browser, live_server, site_tree, make_user):
    make_user("redaction", EDITORS)
    # Already welcomed: the first-login welcome has its own journey (tests/e2e/test_portal.py).
    portal_services.finish_welcome(user=make_user("agent"))
    login(page, live_server, "redaction", next_path="/admin/")
    page.goto(f"{live_server.url}/admin/snippets/home/homeeditorial/")
    page.get_by_role("link", name="Bienvenue sur l'intranet de la mairie").first.click()
    page.locator("#id_title").fill("Le nouvel intranet est ouvert")
    editor = page.locator(".public-DraftEditor-content").first
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("Prenez cinq minutes pour choisir vos canaux.")
    # Draftail writes its hidden input after a short debounce.
    expect(page.locator('input[name="body"]')).to_have_value(re.compile("Prenez cinq minutes"))
    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name="Publier").click()
    expect(page.locator(".messages")).to_contain_text("publié")

    agent_context = browser.new_context(locale="fr-FR")
    agent_page = agent_context.new_page()
    login(agent_page, live_server, "agent")
    expect(agent_page.get_by_test_id("editorial")).to_contain_text("Le nouvel intranet est ouvert")
    expect(agent_page.get_by_test_id("editorial")).to_contain_text("Prenez cinq minutes pour choisir vos canaux.")
    agent_context.close()
