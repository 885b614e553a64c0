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
    from home.models import Section, SectionPage
    from library.models import LibraryCatalogPage
    from newsfeeds.models import ChannelIndexPage, NewsItemPage
    from places.models import MapPage

    for app_demo in (newsfeeds.demo, council.demo, directory.demo, places.demo, library.demo):
        app_demo.load(stdout=StringIO())
    first = {
        model: model.objects.live().order_by("path").first().url
        for model in (NewsItemPage, CouncilIndexPage, CouncilSessionPage, DirectoryPage, LibraryCatalogPage, MapPage,
                      ChannelIndexPage)
    }
    # The section landings whose children bring their content (latest news, next session, search boxes).
    landings = [SectionPage.objects.get(section=section).url
                for section in (Section.NEWS, Section.COUNCIL, Section.DIRECTORY, Section.LIBRARY)]
    return [*landings,
        "/",
        "/recherche/?q=budget",
        "/recherche/?q=introuvablissime",
        first[DirectoryPage],
        first[CouncilIndexPage],
        first[CouncilSessionPage],
        first[NewsItemPage],
        first[LibraryCatalogPage] + "?q=le",
        first[MapPage],
        first[ChannelIndexPage],
        first[ChannelIndexPage] + "?mois=2000-01",
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


def test_phone_news_list_is_one_column_with_thumbnails_above_their_text(agent_page, live_server):
    from django.utils import timezone
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from home.models import Section, SectionPage
    from newsfeeds.models import ChannelIndexPage, ChannelPage, NewsItemPage

    image = get_image_model().objects.create(title="photo.png", description="Le marché de Noël",
                                             file=get_test_image_file())
    bouquet = SectionPage.objects.get(section=Section.NEWS).add_child(
        instance=ChannelIndexPage(title="Toutes les actualités", slug="toutes"))
    channel = bouquet.add_child(instance=ChannelPage(title="Vie municipale", slug="vie"))
    for number in range(4):
        channel.add_child(instance=NewsItemPage(title=f"Marché de Noël, épisode {number}", slug=f"marche-{number}",
                                                summary="Les chalets ouvrent place de la mairie.",
                                                image=image, published_at=timezone.now()))
    login(agent_page, live_server, "agent")
    for viewport in (PHONE, DESKTOP):
        agent_page.set_viewport_size(viewport)
        agent_page.goto(f"{live_server.url}{bouquet.url}")
        agent_page.wait_for_load_state("networkidle")
        boxes = agent_page.evaluate(
            "() => [...document.querySelectorAll('.news-summary')].map(s => {"
            " const i = s.querySelector('img').getBoundingClientRect();"
            " const t = s.querySelector('h2').getBoundingClientRect();"
            " return {left: Math.round(s.getBoundingClientRect().left), imgBottom: i.bottom, textTop: t.top,"
            " imgLeft: i.left, textLeft: t.left, loaded: s.querySelector('img').naturalWidth > 0}; })"
        )
        assert len(boxes) == 4 and all(box["loaded"] for box in boxes)
        assert len({box["left"] for box in boxes}) == 1  # one column of items
        if viewport is PHONE:
            assert all(box["imgBottom"] <= box["textTop"] for box in boxes)  # thumbnail above its text
        else:
            assert all(box["imgLeft"] < box["textLeft"] for box in boxes)  # thumbnail beside its text
        found = measure(agent_page)
        assert found["scroll"] <= found["width"]
        assert serious_violations(agent_page) == []


def test_the_last_home_page_stays_readable_offline_and_logging_out_forgets_it(agent_page, live_server):
    login(agent_page, live_server, "agent")
    agent_page.evaluate("() => navigator.serviceWorker.ready")
    agent_page.goto(f"{live_server.url}/")  # now through the worker, which keeps it
    agent_page.wait_for_load_state("networkidle")
    heading = agent_page.locator("h1").first.inner_text()
    context = agent_page.context
    context.set_offline(True)
    agent_page.goto(f"{live_server.url}/")
    assert agent_page.locator("h1").first.inner_text() == heading
    expect(agent_page.get_by_test_id("favourite-apps")).to_be_visible()
    with pytest.raises(Exception, match="ERR_INTERNET_DISCONNECTED|ERR_FAILED"):
        agent_page.goto(f"{live_server.url}/admin/")  # nothing but the home page is kept
    context.set_offline(False)
    agent_page.goto(f"{live_server.url}/")
    agent_page.get_by_role("button", name="Se déconnecter").click()
    agent_page.wait_for_load_state("networkidle")
    kept = agent_page.evaluate("async () => (await caches.keys()).length")
    workers = agent_page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length")
    assert kept == 0 and workers == 0
    context.set_offline(True)
    with pytest.raises(Exception, match="ERR_INTERNET_DISCONNECTED|ERR_FAILED"):
        agent_page.goto(f"{live_server.url}/")
    context.set_offline(False)
