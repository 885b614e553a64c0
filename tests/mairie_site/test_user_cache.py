"""The request's agent is read from the cache, not the database, and never outlives a change of
their account: a deactivation, a new password, a group, Wagtail's bulk actions on users."""

import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mairie_site.auth import USER_CACHE_SECONDS, ModelBackend, user_key


def test_the_agent_of_a_second_request_costs_no_query(agent_client, agent, django_assert_num_queries):
    backend = ModelBackend()
    assert backend.get_user(agent.pk) == agent  # read once, then kept
    with django_assert_num_queries(0):
        assert backend.get_user(agent.pk).username == agent.username


def test_a_deactivated_agent_is_logged_out_at_the_next_request(agent_client, agent):
    assert agent_client.get("/").status_code == 200
    agent.is_active = False
    agent.save()
    assert agent_client.get("/").status_code == 302


def test_a_new_password_ends_the_other_sessions(agent_client, agent):
    assert agent_client.get("/").status_code == 200
    agent.set_password("Un tout autre mot de passe 2026")
    agent.save()
    assert agent_client.get("/").status_code == 302


def test_a_change_of_groups_or_permissions_forgets_the_cached_agent(agent_client, agent):
    group = Group.objects.create(name="Élus")
    for change in (lambda: agent.groups.add(group), lambda: group.user_set.remove(agent),
                   lambda: agent.user_permissions.clear()):
        assert agent_client.get("/").status_code == 200
        assert cache.get(user_key(agent.pk)) is not None
        change()
        assert cache.get(user_key(agent.pk)) is None


def test_deactivating_agents_in_bulk_from_the_admin_logs_them_out(agent_client, agent, make_user):
    admin = make_user("admin", is_superuser=True, is_staff=True)
    assert agent_client.get("/").status_code == 200
    client = Client()
    client.force_login(admin)
    url = reverse("wagtail_bulk_action", args=("auth", "user", "set_active_state"))
    response = client.post(f"{url}?id={agent.pk}", {"mark_as_active": False})
    assert response.status_code == 302
    assert not get_user_model().objects.get(pk=agent.pk).is_active  # Wagtail updated the row without a signal
    assert agent_client.get("/").status_code == 302


def test_a_write_without_any_signal_is_seen_within_the_cache_lifetime(agent_client, agent):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        assert agent_client.get("/").status_code == 200
        get_user_model().objects.filter(pk=agent.pk).update(is_active=False)
        traveller.shift(USER_CACHE_SECONDS + 1)
        assert agent_client.get("/").status_code == 302
