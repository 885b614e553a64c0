"""The agent's home page: merged items, "nouveau" marks, blocks, and a bounded number of queries."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone

from portal import services
from portal.home import SESSION_SINCE_KEY
from portal.models import Announcement, Application, DefaultSubscriptions, FavouriteApplication, PortalProfile
from tests.conftest import restrict_to_group

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def home_html(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_home_merges_the_latest_items_of_followed_channels_and_services(
    agent_client, agent, make_channel, make_item, service_pages
):
    presse, sport, services_channel = make_channel("presse"), make_channel("sport"), make_channel("services")
    make_item(presse, "Réforme de la fonction publique", age=timedelta(hours=3))
    make_item(sport, "Résultats du tournoi", age=timedelta(hours=1))
    make_item(services_channel, "Coupure réseau jeudi", age=timedelta(hours=2), service=service_pages[4])
    services.follow(user=agent, page=presse)
    services.follow(user=agent, page=service_pages[4])
    html = home_html(agent_client)
    assert "Réforme de la fonction publique" in html
    assert "Coupure réseau jeudi" in html
    assert "Résultats du tournoi" not in html
    assert html.index("Coupure réseau jeudi") < html.index("Réforme de la fonction publique")


def test_items_published_since_the_previous_visit_are_marked_new(agent_client, agent, make_channel, make_item):
    presse = make_channel("presse")
    services.follow(user=agent, page=presse)
    make_item(presse, "Article ancien", age=timedelta(days=2))
    make_item(presse, "Article récent", age=timedelta(hours=1))
    PortalProfile.objects.filter(user=agent).update(last_visit_at=timezone.now() - timedelta(days=1))
    html = home_html(agent_client)
    new_part = html[html.index("Article récent") : html.index("Article ancien")]
    assert "nouveau" in new_part
    assert "nouveau" not in html[html.index("Article ancien") :].split("</li>")[0]
    # The mark stays for the session, and the visit is recorded for the next one.
    assert agent_client.session[SESSION_SINCE_KEY]
    assert PortalProfile.objects.get(user=agent).last_visit_at > timezone.now() - timedelta(minutes=1)


def test_first_visit_marks_nothing_new(agent_client, agent, make_channel, make_item):
    presse = make_channel("presse")
    services.follow(user=agent, page=presse)
    make_item(presse, "Premier article")
    assert "tag-new" not in home_html(agent_client)


def test_agent_following_nothing_sees_the_default_set_and_an_invitation(agent_client, agent, make_channel, make_item):
    services.get_profile(agent)  # an agent who had a profile before the editors chose a default set
    presse = make_channel("presse")
    make_item(presse, "Choisi par la rédaction")
    DefaultSubscriptions.load().channels.set([presse])
    html = home_html(agent_client)
    assert "Choisi par la rédaction" in html
    assert "Vous ne suivez encore aucun canal ni service" in html


def test_unfollowed_channel_leaves_the_home_page(agent_client, agent, make_channel, make_item):
    presse = make_channel("presse")
    make_item(presse, "Article du canal")
    services.follow(user=agent, page=presse)
    assert "Article du canal" in home_html(agent_client)
    services.unfollow(user=agent, page=presse)
    assert "Article du canal" not in home_html(agent_client)


def test_pinned_announcement_shows_until_its_end_date(agent_client):
    Announcement.objects.create(title="Fermeture le 24 décembre", ends_at=timezone.now() + timedelta(days=1))
    Announcement.objects.create(title="Annonce expirée", ends_at=timezone.now() - timedelta(minutes=1))
    Announcement.objects.create(title="Annonce non épinglée", pinned=False, ends_at=timezone.now() + timedelta(days=1))
    html = home_html(agent_client)
    assert "Fermeture le 24 décembre" in html
    assert "Annonce expirée" not in html and "Annonce non épinglée" not in html


def test_new_agent_is_invited_to_compose_their_portal_until_done(agent_client, agent):
    assert 'data-testid="welcome"' in home_html(agent_client)
    agent_client.post("/portail/bienvenue/plus-tard/")
    assert 'data-testid="welcome"' not in home_html(agent_client)


def test_pinned_applications_show_on_home_for_the_agents_groups_only(agent_client, agent, make_user):
    everyone = Application.objects.create(name="Messagerie", url="https://webmail.example/")
    hr_only = Application.objects.create(name="Paie", url="https://paie.example/")
    hr_only.groups.add(Group.objects.get(name="Ressources humaines"))
    response = agent_client.get("/portail/applications/")
    assert "Messagerie" in response.content.decode() and "Paie" not in response.content.decode()
    assert agent_client.post(f"/portail/applications/{hr_only.pk}/epingler/").status_code == 404
    agent_client.post(f"/portail/applications/{everyone.pk}/epingler/", {"action": "pin"})
    assert FavouriteApplication.objects.filter(user=agent, application=everyone).exists()
    assert "https://webmail.example/" in home_html(agent_client)
    agent_client.post(f"/portail/applications/{everyone.pk}/epingler/", {"action": "unpin"})
    assert "https://webmail.example/" not in home_html(agent_client)


def test_own_service_news_come_from_the_directory(agent_client, agent, make_channel, make_item, service_pages):
    from django.apps import apps

    Service = apps.get_model("directory", "Service")
    Agent = apps.get_model("directory", "Agent")
    field_names = {f.name for f in Agent._meta.get_fields()}
    service = Service.objects.create(code="dsi-test", name="Informatique", service_page=service_pages[4])
    values = {"service": service, "user": agent, "first_name": "Hélène", "last_name": "Dupont"}
    Agent.objects.create(**{k: v for k, v in values.items() if k in field_names})
    make_item(make_channel("services"), "Nouvelle imprimante au 2e étage", service=service_pages[4])
    html = home_html(agent_client)
    assert 'data-testid="own-service"' in html
    assert "Nouvelle imprimante au 2e étage" in html


def test_home_blocks_are_cached_per_agent_and_refreshed_when_content_changes(
    agent_client, agent, make_user, make_channel, make_item
):
    from django.test import Client

    presse = make_channel("presse")
    services.follow(user=agent, page=presse)
    make_item(presse, "Premier article")
    assert "Premier article" in home_html(agent_client)
    colleague = Client()
    colleague.force_login(make_user("collegue"))
    assert "Premier article" not in home_html(colleague)
    make_item(presse, "Deuxième article")
    assert "Deuxième article" in home_html(agent_client)


@pytest.mark.parametrize("subscriptions", [0, 5, 50])
def test_home_page_stays_within_a_fixed_number_of_queries(
    subscriptions, agent_client, agent, make_channel, make_item, service_pages, django_assert_max_num_queries
):
    pages = [make_channel(f"canal-{n}") for n in range(max(subscriptions - len(service_pages), 0))]
    pages += service_pages[: subscriptions - len(pages)]
    services_channel = make_channel("services")
    for n, page in enumerate(pages):
        if hasattr(page, "description"):
            make_item(page, f"Article du canal {n}", age=timedelta(minutes=n + 1))
            make_item(page, f"Autre article {n}", age=timedelta(minutes=n + 2))
        else:
            make_item(services_channel, f"Article du service {n}", service=page, age=timedelta(minutes=n + 1))
        services.follow(user=agent, page=page)
    Announcement.objects.create(title="Annonce", ends_at=timezone.now() + timedelta(days=1))
    FavouriteApplication.objects.create(
        user=agent, application=Application.objects.create(name="Messagerie", url="https://webmail.example/")
    )
    home_html(agent_client)  # first visit: profile and weekly activity are written
    cache.clear()
    # About 12 queries are the shell (session, user, site, page, editorial, settings, menu), the
    # rest the portal blocks (the notes de service to read among them, and the notes refused to the
    # agent); the bound is the same whatever the number of subscriptions.
    with django_assert_max_num_queries(25):
        html = home_html(agent_client)
    assert ("Article du" in html) == bool(subscriptions)
    with django_assert_max_num_queries(14):
        home_html(agent_client)  # cached blocks


def test_whole_home_page_is_cached_per_agent_and_browser(
    agent_client, agent, make_channel, make_item, django_assert_max_num_queries
):
    from home.models import HomeEditorial

    presse = make_channel("presse")
    services.follow(user=agent, page=presse)
    make_item(presse, "Article en cache")
    home_html(agent_client)  # sets the CSRF cookie
    first = home_html(agent_client)
    # Session, user, site, page routing and privacy check: nothing of the portal's own.
    with django_assert_max_num_queries(7):
        assert home_html(agent_client) == first
    editorial = HomeEditorial.current()
    editorial.title = "Nouveau mot d'accueil"
    editorial.save()
    assert "Nouveau mot d&#x27;accueil" in home_html(agent_client)


def test_page_with_a_pending_message_is_not_served_from_cache(agent_client, agent, make_channel):
    presse = make_channel("presse")
    home_html(agent_client)
    home_html(agent_client)
    response = agent_client.post(
        "/portail/suivre/", {"page_id": presse.pk, "action": "follow", "next": "/"}, follow=True
    )
    assert "Vous suivez « Presse »" in response.content.decode()


def test_home_blocks_drop_a_channel_as_soon_as_it_is_restricted_and_show_it_again_when_lifted(
    agent_client, agent, make_channel, make_item
):
    presse = make_channel("presse")
    services.follow(user=agent, page=presse)
    make_item(presse, "Article bientôt réservé")
    assert "Article bientôt réservé" in home_html(agent_client)  # now cached
    restriction = restrict_to_group(presse)
    assert "Article bientôt réservé" not in home_html(agent_client)
    restriction.delete()
    assert "Article bientôt réservé" in home_html(agent_client)


def test_home_blocks_follow_the_agent_s_groups(agent_client, agent, make_channel, make_item):
    presse = make_channel("presse")
    services.follow(user=agent, page=presse)
    make_item(presse, "Article des RH")
    restrict_to_group(presse)
    assert "Article des RH" not in home_html(agent_client)
    agent.groups.add(Group.objects.get(name="Ressources humaines"))
    assert "Article des RH" in home_html(agent_client)
