"""The welcome: at the first login, three short steps (channels, services, applications), once,
skippable, plain forms that work without JavaScript."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from portal import services
from portal.models import Application, FavouriteApplication, PortalProfile
from tests.conftest import PASSWORD, restrict_to_group

pytestmark = pytest.mark.django_db


def log_in(client, username):
    """Through the login form, as an agent does; returns the last response of the redirects."""
    return client.post("/connexion/", {"username": username, "password": PASSWORD}, follow=True)


def test_first_login_leads_to_the_welcome(client, agent):
    response = log_in(client, "agent")
    assert response.redirect_chain[-1][0] == reverse("portal:welcome")
    assert 'data-testid="welcome-form"' in response.content.decode()


def test_the_welcome_is_shown_once(client, agent):
    log_in(client, "agent")
    assert client.get("/").status_code == 200  # the home page itself, this time
    client.post(reverse("logout"))
    response = log_in(client, "agent")
    assert response.redirect_chain[-1][0] == "/"
    # Not finished: the home page still invites the agent to compose their portal.
    assert 'data-testid="welcome"' in response.content.decode()


def test_an_agent_who_went_through_the_welcome_lands_on_the_home_page(client, agent):
    services.finish_welcome(user=agent)
    response = log_in(client, "agent")
    assert response.redirect_chain[-1][0] == "/"


def test_a_login_to_another_page_keeps_it(client, agent):
    response = client.post("/connexion/?next=/services/", {"username": "agent", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/services/"
    assert client.get("/").status_code == 200  # the welcome waits for a login that lands on the home page
    client.post(reverse("logout"))
    assert log_in(client, "agent").redirect_chain[-1][0] == reverse("portal:welcome")


def test_the_welcome_needs_a_logged_in_agent(client, site_tree):
    for name in ("welcome", "welcome_services", "welcome_applications"):
        response = Client().get(reverse(f"portal:{name}"))
        assert response.status_code == 302 and "/connexion/" in response["Location"]


def test_three_steps_choose_channels_services_applications_and_digest(agent_client, agent, make_channel, service_pages):
    presse, sport = make_channel("presse"), make_channel("sport")
    application = Application.objects.create(name="Congés", url="https://conges.example/")
    services.follow(user=agent, page=sport)

    html = agent_client.get(reverse("portal:welcome")).content.decode()
    assert 'aria-current="step">1. Vos canaux' in html
    response = agent_client.post(reverse("portal:welcome"), {"pages": [presse.pk]})
    assert response["Location"] == reverse("portal:welcome_services")
    assert services.followed_ids(agent) == ([presse.pk], [])

    response = agent_client.post(reverse("portal:welcome_services"), {"pages": [service_pages[2].pk]})
    assert response["Location"] == reverse("portal:welcome_applications")
    assert services.followed_ids(agent) == ([presse.pk], [service_pages[2].pk])

    response = agent_client.post(
        reverse("portal:welcome_applications"), {"applications": [application.pk], "digest_frequency": "daily"}
    )
    assert response["Location"] == "/"
    assert list(FavouriteApplication.objects.filter(user=agent).values_list("application", flat=True)) == [
        application.pk
    ]
    profile = PortalProfile.objects.get(user=agent)
    assert profile.welcomed and profile.digest_frequency == "daily"
    home = agent_client.get("/").content.decode()
    assert 'data-testid="welcome"' not in home and "Congés" in home


def test_the_first_step_starts_from_the_editors_default_set(agent_client, make_channel):
    from portal.models import DefaultSubscriptions

    presse = make_channel("presse")
    make_channel("sport")
    DefaultSubscriptions.load().channels.set([presse])
    html = agent_client.get(reverse("portal:welcome")).content.decode()
    assert re.search(rf'<input [^>]*value="{presse.pk}"[^>]* checked', html)


def test_skipping_a_step_changes_nothing(agent_client, agent, make_channel):
    presse = make_channel("presse")
    services.follow(user=agent, page=presse)
    html = agent_client.get(reverse("portal:welcome")).content.decode()
    assert f'href="{reverse("portal:welcome_services")}">Passer cette étape' in html
    agent_client.get(reverse("portal:welcome_services"))
    assert services.followed_ids(agent) == ([presse.pk], [])


def test_later_ends_the_welcome_and_the_invitation(agent_client, agent):
    assert 'data-testid="welcome"' in agent_client.get("/").content.decode()
    response = agent_client.post(reverse("portal:skip_welcome"))
    assert response["Location"] == "/"
    assert PortalProfile.objects.get(user=agent).welcomed
    assert 'data-testid="welcome"' not in agent_client.get("/").content.decode()


def test_an_application_of_another_group_cannot_be_pinned(agent_client, agent):
    hidden = Application.objects.create(name="Paie", url="https://paie.example/")
    hidden.groups.add(Group.objects.create(name="Service paie"))
    html = agent_client.get(reverse("portal:welcome_applications")).content.decode()
    assert "Paie" not in html
    response = agent_client.post(
        reverse("portal:welcome_applications"), {"applications": [hidden.pk], "digest_frequency": "none"}
    )
    assert response.status_code == 200  # the form again, with the error
    assert not FavouriteApplication.objects.filter(user=agent).exists()


def test_a_private_channel_is_not_offered_nor_accepted(agent_client, agent, make_channel):

    secret = make_channel("cabinet", title="Cabinet du maire")
    restrict_to_group(secret)
    assert "Cabinet du maire" not in agent_client.get(reverse("portal:welcome")).content.decode()
    response = agent_client.post(reverse("portal:welcome"), {"pages": [secret.pk]})
    assert response.status_code == 200
    assert services.followed_ids(agent) == ([], [])
