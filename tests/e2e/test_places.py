"""Browser journeys on the facilities' map: theme filter, tiles unreachable, 500 facilities clustered.

Tile requests never leave the machine: each test answers them itself (a blank tile) or aborts them.
"""

import base64
import time
from io import StringIO

import pytest

from places import demo
from places.models import FacilityPage
from places.themes import Theme
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e

TILES = "https://tile.openstreetmap.org/**"
BLANK_TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg=="
)


@pytest.fixture
def csp_violations(page):
    """Console messages of the Content-Security-Policy: the map must need no exception to it."""
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    return lambda: [text for text in messages if "Content Security Policy" in text]


def build_town():
    """The Services section, the map and the demo facilities (41, 8 of them sports facilities)."""
    from wagtail.models import Locale, Page

    from home.demo import ensure_child, ensure_home_page
    from home.models import Section, SectionPage

    # A transactional test flushes the tables, Wagtail's root page and locale with them.
    Locale.objects.get_or_create(language_code="fr")
    if not Page.get_first_root_node():
        Page.add_root(instance=Page(title="Root", slug="root"))
    if not SectionPage.objects.filter(section=Section.SERVICES).exists():
        ensure_child(ensure_home_page(), SectionPage, slug="services", title="Services", section=Section.SERVICES)
    return demo.load(stdout=StringIO())


def sign_in(page, live_server, make_user):
    make_user("agent-carte")
    login(page, live_server, "agent-carte")


def cluster_themes(page):
    return page.evaluate(
        "() => document.getElementById('carte').placesCluster.getLayers().map(m => m.options.facility.theme)"
    )


def visible_list_themes(page):
    return page.locator(".facility-item:visible").evaluate_all("items => items.map(i => i.dataset.theme)")


def test_agent_filters_the_map_to_sports_facilities(page, live_server, transactional_db, make_user, csp_violations):
    map_page = build_town()
    sports = FacilityPage.objects.filter(theme=Theme.SPORTS).count()
    page.route(TILES, lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_TILE))
    sign_in(page, live_server, make_user)
    page.goto(live_server.url + map_page.url)
    page.wait_for_selector("#carte[data-ready=true]")
    assert len(cluster_themes(page)) == FacilityPage.objects.count()

    page.get_by_label("Sportif").check()

    page.wait_for_function(f"() => document.getElementById('carte').dataset.markerCount === '{sports}'")
    assert set(cluster_themes(page)) == {"sportif"}
    assert visible_list_themes(page) == ["sportif"] * sports
    assert page.get_by_test_id("facility-count").inner_text() == f"{sports} équipements affichés sur 41"
    assert "theme=sportif" in page.url
    # The markers drawn on the map, single or in clusters, are sports facilities only.
    for marker in page.locator(".facility-marker").all():
        assert "marker-sportif" in marker.get_attribute("class")
    assert page.get_by_test_id("tile-error").is_hidden()
    assert "© OpenStreetMap contributors" in page.locator(".leaflet-control-attribution").inner_text()

    # A marker's popup: name (a link to its page), address, hours in French, phone.
    stadium = FacilityPage.objects.get(title="Stade municipal Jean-Bouin")
    # Zoomed in without animation (markercluster's zoomToShowLayer callback is lost under load),
    # the stadium is a marker of its own; its popup is what a click opens.
    page.evaluate(
        """title => {
            const cluster = document.getElementById('carte').placesCluster;
            window.stadium = cluster.getLayers().find(m => m.options.facility.title === title);
            cluster._map.setView(window.stadium.getLatLng(), cluster._map.getMaxZoom(), {animate: false});
        }""",
        stadium.title,
    )
    page.wait_for_function("() => Boolean(window.stadium._icon)")
    page.evaluate("window.stadium.openPopup()")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible")
    text = popup.inner_text()
    assert stadium.title in text and "1 allée du Stade, 93800 Bellerive-sur-Seine" in text
    assert "Horaires : Du lundi au vendredi : 9 h – 22 h" in text and "Téléphone : 01 49 71 92 30" in text
    assert popup.get_by_role("link", name=stadium.title).get_attribute("href") == stadium.url

    # The filter is in the URL: reloading the page keeps it, even for the list rendered by the server.
    page.reload()
    page.wait_for_selector("#carte[data-ready=true]")
    assert page.get_by_label("Sportif").is_checked()
    assert visible_list_themes(page) == ["sportif"] * sports
    assert csp_violations() == []


def test_without_tiles_a_message_shows_and_the_list_still_works(page, live_server, transactional_db, make_user):
    map_page = build_town()
    page.route(TILES, lambda route: route.abort())
    sign_in(page, live_server, make_user)
    page.goto(live_server.url + map_page.url)

    message = page.get_by_test_id("tile-error")
    message.wait_for(state="visible")
    assert "Le fond de carte n'a pas pu être chargé" in message.inner_text()

    page.get_by_label("Sportif").check()
    page.get_by_label("Culturel").check()
    page.wait_for_function("() => document.querySelectorAll('.facility-item:not([hidden])').length < 41")
    assert set(visible_list_themes(page)) == {"sportif", "culturel"}

    # Keyboard: the first facility of the list is reachable and opens its page with Enter.
    first = page.locator(".facility-item:visible h3 a").first
    title = first.inner_text()
    first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("h1")
    assert page.locator("h1").inner_text() == title
    page.get_by_test_id("facility-minimap").wait_for(state="visible")
    page.get_by_test_id("tile-error").wait_for(state="visible")


def test_five_hundred_facilities_render_clustered_without_freezing(page, live_server, transactional_db, make_user):
    map_page = build_town()
    demo.fill_to(map_page, 500)
    assert FacilityPage.objects.count() == 500
    page.route(TILES, lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_TILE))
    sign_in(page, live_server, make_user)
    page.add_init_script(
        "window.__longTasks = [];"
        "new PerformanceObserver(list => list.getEntries().forEach(e => window.__longTasks.push(e.duration)))"
        ".observe({type: 'longtask', buffered: true});"
    )

    started = time.perf_counter()
    page.goto(live_server.url + map_page.url)
    page.wait_for_selector("#carte[data-ready=true]", timeout=30_000)
    interactive = time.perf_counter() - started
    clusters = page.locator(".marker-cluster").count()
    singles = page.locator(".facility-marker").count()

    sports = FacilityPage.objects.filter(theme=Theme.SPORTS).count()
    started = time.perf_counter()
    page.get_by_label("Sportif").check()
    page.wait_for_function(f"() => document.getElementById('carte').dataset.markerCount === '{sports}'")
    filtering = time.perf_counter() - started
    longest = max(page.evaluate("window.__longTasks") or [0])

    print(
        f"\n500 équipements : interactif en {interactive * 1000:.0f} ms (navigation comprise), "
        f"{clusters} groupes et {singles} repères isolés affichés, filtre « sportif » en {filtering * 1000:.0f} ms, "
        f"tâche la plus longue {longest:.0f} ms"
    )
    assert clusters > 0, "500 points must be clustered"
    assert clusters + singles < 200
    assert page.locator(".facility-item").count() == 500
