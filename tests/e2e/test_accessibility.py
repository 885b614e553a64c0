"""Accessibility: axe-core finds no serious or critical violation on the pages agents use, and
the portal can be used with the keyboard alone."""

import base64
from io import StringIO
from pathlib import Path

import pytest
from playwright.sync_api import expect

from portal import services as portal_services
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg=="
)
PAGES = [
    "/",
    "/services/",
    "/services/etat-civil/",
    "/recherche/?q=service",
    "/recherche/?q=introuvablissime",
    "/portail/bienvenue/",
    "/portail/bienvenue/services/",
    "/portail/bienvenue/applications/",
    "/portail/abonnements/",
    "/portail/preferences/",
    "/portail/applications/",
]


def serious_violations(page):
    # evaluate() runs outside the page's CSP, so the strict policy stays on during the check.
    page.evaluate(AXE)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['nodes'][0]['target']}"
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def test_login_page_has_no_serious_violation(page, live_server, site_tree):
    page.goto(f"{live_server.url}/connexion/")
    assert serious_violations(page) == []


def test_main_pages_have_no_serious_violation(page, live_server, site_tree, make_user):
    make_user("agent")
    login(page, live_server, "agent")
    found = {}
    for path in PAGES:
        page.goto(f"{live_server.url}{path}")
        found[path] = serious_violations(page)
    assert found == {path: [] for path in PAGES}


def test_content_pages_of_each_app_have_no_serious_violation(page, live_server, site_tree, make_user):
    """A channel, a news item, a deliberation, the directory and the map, as the demo builds them."""
    import council.demo
    import directory.demo
    import newsfeeds.demo
    import places.demo
    from council.models import DeliberationPage
    from directory.models import DirectoryPage
    from newsfeeds.models import ChannelPage, NewsItemPage
    from places.models import MapPage

    for app_demo in (newsfeeds.demo, council.demo, directory.demo, places.demo):
        app_demo.load(stdout=StringIO())
    paths = [
        model.objects.live().order_by("path").first().url
        for model in (ChannelPage, NewsItemPage, DeliberationPage, DirectoryPage, MapPage)
    ]
    # The map's tiles come from OpenStreetMap: answer them locally, the test stays on loopback.
    page.route("https://*.openstreetmap.org/**", lambda route: route.fulfill(content_type="image/png", body=TILE))
    make_user("agent")
    login(page, live_server, "agent")
    found = {}
    for path in paths:
        assert page.goto(f"{live_server.url}{path}").status == 200, path
        page.wait_for_load_state("networkidle")
        found[path] = serious_violations(page)
    assert found == {path: [] for path in paths}


def test_keyboard_only_login_search_and_result(page, live_server, site_tree, make_user):
    # Already welcomed: the login lands on the home page (the first-login welcome: tests/e2e/test_portal.py).
    portal_services.finish_welcome(user=make_user("agent"))
    page.goto(f"{live_server.url}/connexion/")
    expect(page.get_by_label("Identifiant")).to_be_focused()  # autofocus
    page.keyboard.type("agent")
    page.keyboard.press("Tab")
    page.keyboard.type("motdepasse-de-test")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("user-name")).to_be_visible()
    page.wait_for_load_state("load")  # the suggestions script is in place
    page.keyboard.press("Tab")  # the skip link comes first
    expect(page.locator(".skip-link")).to_be_focused()
    page.keyboard.press("Tab")  # then the home link, then the search box
    page.keyboard.press("Tab")
    expect(page.get_by_label("Rechercher dans l'intranet")).to_be_focused()
    page.keyboard.type("urbanisme")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="résultat", exact=False).first).to_be_visible()
    first_result = page.locator(".results a").first
    first_result.focus()
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_contain_text("Urbanisme")
