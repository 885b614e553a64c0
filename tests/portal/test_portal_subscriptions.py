"""Following channels and services: the rules, the views with and without JavaScript."""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from portal import services
from portal.models import DefaultSubscriptions, PortalProfile, Subscription
from tests.conftest import restrict_to_group

pytestmark = pytest.mark.django_db


def test_a_subscription_is_a_channel_or_a_service_never_both_nor_none(agent, make_channel, service_pages):
    channel = make_channel("presse")
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(user=agent, channel=channel, service=service_pages[0])
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(user=agent)


def test_following_twice_keeps_one_subscription(agent, make_channel):
    channel = make_channel("presse")
    services.follow(user=agent, page=channel)
    services.follow(user=agent, page=channel)
    assert Subscription.objects.filter(user=agent, channel=channel).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(user=agent, channel=channel)


def test_new_agent_starts_with_the_editors_default_set(make_user, make_channel, service_pages):
    chosen, other = make_channel("presse"), make_channel("sport")
    setting = DefaultSubscriptions.load()
    setting.channels.set([chosen])
    setting.services.set([service_pages[0]])
    newcomer = make_user("nouvel-agent")
    services.get_profile(newcomer)
    assert services.followed_ids(newcomer) == ([chosen.pk], [service_pages[0].pk])
    assert other.pk not in services.followed_ids(newcomer)[0]
    assert PortalProfile.objects.get(user=newcomer).bouquet_chosen is False


def test_follow_without_javascript_posts_and_redirects_back(agent_client, agent, make_channel):
    channel = make_channel("presse")
    response = agent_client.post(
        reverse("portal:follow"), {"page_id": channel.pk, "action": "follow", "next": channel.url}
    )
    assert response.status_code == 302
    assert response["Location"] == channel.url
    assert services.is_following(user=agent, page=channel)
    assert PortalProfile.objects.get(user=agent).bouquet_chosen

    agent_client.post(reverse("portal:follow"), {"page_id": channel.pk, "action": "unfollow"})
    assert not services.is_following(user=agent, page=channel)


def test_follow_from_javascript_gets_json(agent_client, agent, service_pages):
    response = agent_client.post(
        reverse("portal:follow"), {"page_id": service_pages[1].pk, "action": "follow"}, HTTP_ACCEPT="application/json"
    )
    assert response.json()["following"] is True
    assert "Vous suivez" in response.json()["message"]


def test_follow_redirect_never_leaves_the_site(agent_client, make_channel):
    channel = make_channel("presse")
    response = agent_client.post(
        reverse("portal:follow"), {"page_id": channel.pk, "action": "follow", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("portal:subscriptions")


def test_follow_needs_post_and_csrf(agent, make_channel):
    channel = make_channel("presse")
    client = Client(enforce_csrf_checks=True)
    client.force_login(agent)
    assert client.get(reverse("portal:follow")).status_code == 405
    assert client.post(reverse("portal:follow"), {"page_id": channel.pk}).status_code == 403
    assert not services.is_following(user=agent, page=channel)


def test_only_channels_and_services_can_be_followed(agent_client, bouquet):
    response = agent_client.post(reverse("portal:follow"), {"page_id": bouquet.pk, "action": "follow"})
    assert response.status_code == 404
    assert agent_client.post(reverse("portal:follow"), {"page_id": "abc"}).status_code == 404


def test_follow_needs_login(client, make_channel):
    channel = make_channel("presse")
    response = client.post(reverse("portal:follow"), {"page_id": channel.pk})
    assert response.status_code == 302
    assert "/connexion/" in response["Location"]


def test_subscriptions_page_lists_the_bouquet_with_descriptions(agent_client, agent, make_channel, service_pages):
    followed = make_channel("presse", "Presse territoriale", description="Finances et statut.")
    make_channel("sport", "Sport")
    services.follow(user=agent, page=followed)
    response = agent_client.get(reverse("portal:subscriptions"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Presse territoriale" in html and "Finances et statut." in html and "Sport" in html
    assert service_pages[0].title in html
    assert html.count('value="unfollow"') == 1


def test_the_follow_button_plugged_in_a_channel_shows_the_state(rf, agent, make_channel):
    from django.template import Context, Template

    channel = make_channel("presse")
    request = rf.get(channel.url)
    request.user = agent
    template = Template('{% load plugged_in %}{% plugged_in "register_page_heading_fragment" page %}')
    assert "Suivre" in template.render(Context({"request": request, "page": channel}))
    services.follow(user=agent, page=channel)
    html = template.render(Context({"request": request, "page": channel}))
    assert "Ne plus suivre" in html and "data-follow" in html


def test_the_follow_script_is_loaded_once_by_the_base_template(agent_client):
    html = agent_client.get("/").content.decode()
    assert html.count("portal/follow.js") == 1


def test_the_follow_endpoint_never_names_a_channel_the_agent_may_not_see(agent_client, agent, make_channel):
    secret = make_channel("cabinet", title="Cabinet du maire")
    restrict_to_group(secret)
    for action in ("follow", "unfollow"):
        response = agent_client.post(reverse("portal:follow"), {"page_id": secret.pk, "action": action},
                                     HTTP_ACCEPT="application/json")
        assert response.status_code == 404 and "Cabinet du maire" not in response.content.decode()
    assert not Subscription.objects.filter(user=agent).exists()


def test_a_member_of_the_group_may_follow_its_restricted_channel(make_user, make_channel):
    secret = make_channel("cabinet", title="Cabinet du maire")
    restrict_to_group(secret)
    member = make_user("rh", "Ressources humaines")
    client = Client()
    client.force_login(member)
    response = client.post(reverse("portal:follow"), {"page_id": secret.pk, "action": "follow"})
    assert response.status_code == 302 and services.is_following(user=member, page=secret)
