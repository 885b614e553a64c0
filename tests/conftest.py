"""Shared fixtures: the intranet's tree, its roles and its users, built as the demo builds them."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from home import demo
from home.roles import AGENTS, setup_roles

PASSWORD = "motdepasse-de-test"


def build_site_tree():
    home = demo.load_tree()
    demo.load_town()
    demo.load_editorial()
    setup_roles()
    return home


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (rate limits, routing, settings)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the tree once: every `db` test starts from it and rolls back to it."""
    with django_db_blocker.unblock():
        build_site_tree()


@pytest.fixture
def site_tree(db):
    """Home page, section roots, services with their pages, town settings, editorial and roles.

    Transactional tests (live server, browser) flush the database after them, so the tree
    is rebuilt when it is missing.
    """
    return build_site_tree()


@pytest.fixture
def make_user(db):
    """make_user("nom", "Greffe") → an active user in Agents plus the given groups."""

    def make(username, *groups, **fields):
        user = get_user_model().objects.create_user(
            username=username,
            password=PASSWORD,
            email=f"{username}@mairie.example",
            first_name=fields.pop("first_name", username.capitalize()),
            last_name=fields.pop("last_name", "Test"),
            **fields,
        )
        for name in (AGENTS, *groups):
            user.groups.add(Group.objects.get_or_create(name=name)[0])
        return user

    return make


@pytest.fixture
def agent(make_user, site_tree):
    return make_user("agent")


@pytest.fixture
def agent_client(client, agent):
    client.force_login(agent)
    return client


def restrict_to_group(page, group_name="Ressources humaines"):
    """Restrict `page` (and what is below it) to one group, as an editor does in Wagtail's privacy dialog."""
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get_or_create(name=group_name)[0])
    return restriction
