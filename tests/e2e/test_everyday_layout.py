"""Phone first: every page type fits 390 px (no sideways scroll, a header under a third of the
screen) and 1366 px, passes axe-core without a serious violation at both sizes, the main menu
folds and unfolds with the keyboard, and no English word shows in the front end or in the admin
pages each role uses."""

import re
from io import StringIO

import pytest
from playwright.sync_api import expect

from home.roles import CLERKS, EDITORS, LIBRARIANS
from portal import services as portal_services
from tests.e2e.conftest import login
from tests.e2e.test_accessibility import TILE, serious_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
# Words of Wagtail's, Django's or a browser's English that an untranslated string would show.
ENGLISH = re.compile(
    r"\b(Home|Search|Submit|Save|Cancel|Delete|Edit|Settings|Dashboard|Health|Embed|Moderators|approval|"
    r"results?|Previous|Next|True|False|None|Log ?out|Sign ?out|ago|Welcome|Loading|Page not found|"
    r"Add|Choose|Upload|Yes|No)\b"
)


def demo_paths():
    """One page of each type, as the demo builds them."""
    import council.demo
    import directory.demo
    import library.demo
    import newsfeeds.demo
    import places.demo
    from council.models import CouncilIndexPage, CouncilSessionPage
    from directory.models import DirectoryPage
    from library.models import LibraryCatalogPage
    from newsfeeds.models import NewsItemPage
    from places.models import MapPage

    for app_demo in (newsfeeds.demo, council.demo, directory.demo, places.demo, library.demo):
        app_demo.load(stdout=StringIO())
    first = {
        model: model.objects.live().order_by("path").first().url
        for model in (NewsItemPage, CouncilIndexPage, CouncilSessionPage, DirectoryPage, LibraryCatalogPage, MapPage)
    }
    return [
        "/",
        "/recherche/?q=budget",
        "/recherche/?q=introuvablissime",
        first[DirectoryPage],
        first[CouncilIndexPage],
        first[CouncilSessionPage],
        first[NewsItemPage],
        first[LibraryCatalogPage] + "?q=le",
        first[MapPage],
    ]


def measure(page):
    return page.evaluate(
        "() => ({scroll: document.documentElement.scrollWidth, width: window.innerWidth,"
        " header: document.querySelector('.site-header').getBoundingClientRect().height,"
        " height: window.innerHeight})"
    )


@pytest.fixture
def agent_page(page, live_server, site_tree, make_user):
    portal_services.finish_welcome(user=make_user("agent"))
    page.route("https://*.openstreetmap.org/**", lambda route: route.fulfill(content_type="image/png", body=TILE))
    return page


def test_every_page_type_fits_a_phone_and_a_desktop_without_serious_violation(agent_page, live_server):
    paths = demo_paths()
    login(agent_page, live_server, "agent")
    problems = []
    for viewport in (PHONE, DESKTOP):
        agent_page.set_viewport_size(viewport)
        for path in paths:
            assert agent_page.goto(f"{live_server.url}{path}").status == 200, path
            agent_page.wait_for_load_state("networkidle")
            found = measure(agent_page)
            if found["scroll"] > found["width"]:
                problems.append(f"{viewport['width']} {path}: {found['scroll']} px wide")
            if found["header"] >= found["height"] / 3:
                problems.append(f"{viewport['width']} {path}: header {found['header']} px")
            problems += [f"{viewport['width']} {path}: {v}" for v in serious_violations(agent_page)]
            text = agent_page.locator("main").inner_text()
            problems += [f"{viewport['width']} {path}: English « {m} »" for m in ENGLISH.findall(text)]
    assert problems == []


def test_phone_menu_unfolds_and_folds_with_the_keyboard(agent_page, live_server):
    agent_page.set_viewport_size(PHONE)
    login(agent_page, live_server, "agent")
    toggle = agent_page.get_by_role("button", name="Menu")
    menu = agent_page.get_by_role("navigation", name="Menu principal")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    toggle.focus()
    agent_page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link", name="Accueil")).to_be_visible()
    expect(agent_page.get_by_role("button", name="Se déconnecter")).to_be_visible()
    agent_page.keyboard.press("Tab")
    agent_page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    expect(menu).to_be_hidden()


def test_desktop_menu_is_always_unfolded(agent_page, live_server):
    agent_page.set_viewport_size(DESKTOP)
    login(agent_page, live_server, "agent")
    expect(agent_page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(agent_page.get_by_role("navigation", name="Menu principal")).to_be_visible()


def test_phone_home_puts_applications_before_the_news(agent_page, live_server):
    agent_page.set_viewport_size(PHONE)
    login(agent_page, live_server, "agent")
    apps_top = agent_page.get_by_test_id("favourite-apps").bounding_box()["y"]
    news_top = agent_page.get_by_test_id("portal-items").bounding_box()["y"]
    assert apps_top < news_top


@pytest.mark.parametrize(
    ("role", "paths"),
    [
        (EDITORS, ["/admin/", "/admin/pages/", "/admin/snippets/portal/announcement/", "/admin/newsfeeds/feedsource/"]),
        (CLERKS, ["/admin/", "/admin/pages/"]),
        (LIBRARIANS, ["/admin/", "/admin/library/catalogueimport/"]),
    ],
)
def test_admin_pages_of_each_role_show_no_english_and_no_broken_image(
    page, live_server, site_tree, make_user, role, paths
):
    make_user("role", role)
    login(page, live_server, "role", next_path="/admin/")
    problems = []
    for path in paths:
        assert page.goto(f"{live_server.url}{path}").status == 200, path
        page.wait_for_load_state("networkidle")
        text = page.locator("main").inner_text()
        problems += [f"{path}: English « {m} »" for m in ENGLISH.findall(text)]
        broken = page.evaluate("() => [...document.images].filter(i => !i.complete || !i.naturalWidth).map(i => i.src)")
        problems += [f"{path}: broken image {src}" for src in broken]
    assert problems == []
