"""The public space of the acts, as a visitor without an account sees it: at 390 px and on a desktop,
no serious axe-core violation, nothing wider than the screen, and an act found from the list."""

import io

import pytest

from council import demo
from council.models import DeliberationPage, MayoralActPage
from tests.e2e.test_accessibility import serious_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_public_space_is_accessible_at_phone_and_desktop_widths_without_an_account(page, live_server, site_tree):
    demo.load(stdout=io.StringIO())
    act = DeliberationPage.objects.live().first()
    order = MayoralActPage.objects.live().filter(nature="2").first()
    session = act.council_session
    paths = ["/actes/", "/actes/?type=arrete", f"/actes/deliberations/{act.year}/{act.number}/",
             f"/actes/arretes/{order.year}/{order.number}/", "/actes/seances/", f"/actes/seances/{session.pk}/"]
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        found = {}
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            assert "/connexion/" not in page.url
            found[path] = serious_violations(page)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{path} overflows at {width}px"
        assert found == {path: [] for path in paths}
    page.goto(f"{live_server.url}/actes/")
    page.get_by_label("Rechercher").fill("quotient")
    page.get_by_role("button", name="Filtrer").click()
    page.get_by_role("link", name="Tarifs de la restauration scolaire").click()
    assert page.get_by_test_id("minimum-end").is_visible()
