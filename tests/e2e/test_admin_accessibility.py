"""The admin pages an editor uses pass axe-core at 390×844 and 1366×768 with no serious or critical
violation, and « Tester l'adresse » answers on the channel form in French."""

import pytest
from playwright.sync_api import expect

from home.demo import ensure_child, section_root
from home.models import Section
from home.roles import EDITORS
from newsfeeds.models import ChannelIndexPage, ChannelPage, FeedSource
from tests.e2e.conftest import login
from tests.e2e.test_accessibility import serious_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}


@pytest.fixture
def editor_page(page, live_server, site_tree, make_user):
    news = section_root(Section.NEWS)
    index = ensure_child(news, ChannelIndexPage, slug="canaux", title="Canaux")
    channel = ensure_child(index, ChannelPage, slug="presse", title="Presse territoriale")
    FeedSource.objects.create(name="Presse territoriale", url="https://www.exemple.fr/rss.xml", channel=channel)
    make_user("redacteur", EDITORS)
    login(page, live_server, "redacteur", next_path="/admin/")
    page.paths = {
        "tableau de bord": "/admin/",
        "arborescence": f"/admin/pages/{index.pk}/",
        "modifier un canal": f"/admin/pages/{channel.pk}/edit/",
        "nouveau canal": f"/admin/pages/add/newsfeeds/channelpage/{index.pk}/",
        "annonces": "/admin/snippets/portal/announcement/",
        "sources de flux": "/admin/newsfeeds/feedsource/",
        "santé des flux": "/admin/newsfeeds/sante/",
    }
    return page


def test_the_editors_admin_pages_have_no_serious_violation_on_a_phone_and_a_desktop(editor_page, live_server):
    # No exclusion: with Wagtail 8.0.1, its own markup shows no serious violation on these pages either.
    problems = []
    for viewport in (PHONE, DESKTOP):
        editor_page.set_viewport_size(viewport)
        for name, path in editor_page.paths.items():
            assert editor_page.goto(f"{live_server.url}{path}").status == 200, path
            editor_page.wait_for_load_state("networkidle")
            problems += [f"{viewport['width']} {name}: {v}" for v in serious_violations(editor_page)]
    assert problems == []


def test_the_address_test_answers_in_french_under_the_field(editor_page, live_server):
    editor_page.set_viewport_size(PHONE)
    editor_page.goto(f"{live_server.url}{editor_page.paths['nouveau canal']}")
    editor_page.get_by_role("textbox", name="Adresse du flux").fill("https://nexiste-pas.invalid/rss.xml")
    editor_page.get_by_role("button", name="Tester l'adresse").click()
    result = editor_page.get_by_test_id("feed-probe-result")
    expect(result).to_have_text(
        "Le serveur « nexiste-pas.invalid » est introuvable : vérifiez l'orthographe de l'adresse.")
    assert serious_violations(editor_page) == []
