"""Editors' side: the aggregate dashboard, snippets, default subscriptions, demo data."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from home.roles import EDITORS, setup_roles
from portal import services
from portal.models import Announcement, Application, DefaultSubscriptions, PortalProfile

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(make_user):
    setup_roles()
    client = Client()
    client.force_login(make_user("redacteur", EDITORS))
    return client


def test_dashboard_shows_aggregate_figures_only(editor_client, make_user, make_channel):
    channel = make_channel("presse", "Presse territoriale")
    agent = make_user("hdupont-lecteur", first_name="Héloïse", last_name="Dupontel")
    services.follow(user=agent, page=channel)
    client = Client()
    client.force_login(agent)
    client.get("/")
    response = editor_client.get(reverse("portal_dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Presse territoriale" in html and "Agents actifs par semaine" in html
    assert agent.username not in html and agent.get_full_name() not in html


def test_dashboard_is_refused_to_a_plain_agent(agent_client):
    response = agent_client.get(reverse("portal_dashboard"))
    assert response.status_code in (302, 403)


def test_editors_manage_announcements_applications_and_default_subscriptions(editor_client):
    assert editor_client.get(reverse("wagtailsnippets_portal_announcement:list")).status_code == 200
    assert editor_client.get(reverse("wagtailsnippets_portal_application:add")).status_code == 200
    settings_url = reverse("wagtailsettings:edit", args=["portal", "defaultsubscriptions"])
    settings_page = editor_client.get(settings_url, follow=True)
    assert settings_page.status_code == 200 and 'name="services"' in settings_page.content.decode()


def test_applications_are_found_by_the_search_backend():
    from wagtail.search.backends import get_search_backend

    Application.objects.create(name="Parapheur électronique", url="https://parapheur.example/")
    backend = get_search_backend()
    backend.add(Application.objects.get())
    assert [a.name for a in backend.search("parapheur", Application)] == ["Parapheur électronique"]


def test_demo_gives_the_agent_subscriptions_shares_and_an_announcement_idempotently(site_tree, make_user):
    from newsfeeds import demo as newsfeeds_demo
    from portal import demo

    make_user("agent")
    make_user("redaction")
    newsfeeds_demo.load()
    demo.load(stdout=StringIO())
    counts = (
        PortalProfile.objects.get(user__username="agent").user.portal_subscriptions.count(),
        Announcement.objects.count(),
        Application.objects.count(),
        DefaultSubscriptions.load().channels.count(),
    )
    demo.load(stdout=StringIO())
    assert counts == (
        PortalProfile.objects.get(user__username="agent").user.portal_subscriptions.count(),
        Announcement.objects.count(),
        Application.objects.count(),
        DefaultSubscriptions.load().channels.count(),
    )
    assert counts[0] >= 5 and counts[1] == 1
    from portal.models import Share

    assert Share.objects.count() == 2
    assert Group.objects.filter(name=EDITORS).exists()
