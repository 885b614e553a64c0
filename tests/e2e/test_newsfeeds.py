"""An agent reads a channel of the bouquet: the imported item, its original link, nothing third-party."""

import re
from io import StringIO
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from newsfeeds import demo
from tests.e2e.conftest import login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_agent_reads_an_imported_item_without_any_third_party_request(page, live_server, site_tree, make_user):
    demo.load(stdout=StringIO())
    make_user("agent")
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    login(page, live_server, "agent", next_path="/actualites/administration/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Bouquet administration")
    page.get_by_role("link", name="Collectivités territoriales").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Collectivités territoriales")
    expect(page.get_by_test_id("news-items")).to_contain_text("Secrétaires de mairie")

    page.get_by_role("link", name=re.compile("^Budget 2027")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Budget 2027")
    expect(page.locator(".news-body")).to_contain_text("dotation globale de fonctionnement")
    original = page.get_by_test_id("original-link")
    expect(original).to_have_attribute("href", "https://www.lagazettedescommunes.com/exemple/budget-2027-communes/")
    expect(original).to_have_attribute("rel", "noopener noreferrer")
    # The sample item carries a tracking pixel: it was dropped on import, never loaded.
    expect(page.locator(".news-body img")).to_have_count(0)

    page.wait_for_load_state("networkidle")
    origin = urlsplit(live_server.url).netloc
    third_party = [url for url in requests if urlsplit(url).netloc not in {origin, ""} and not url.startswith("data:")]
    assert third_party == []
    assert any("/actualites/administration/collectivites/" in url for url in requests)
