"""Each role can do its job in the admin and is refused (403) in the other roles' sections."""

import json

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from home.models import HomeEditorial, Section, SectionPage
from home.roles import AGENTS, CLERKS, EDITORS, HUMAN_RESOURCES, LIBRARIANS, ROLES

pytestmark = pytest.mark.django_db

OWNED_SECTIONS = {
    EDITORS: {Section.NEWS, Section.SERVICES},
    CLERKS: {Section.COUNCIL},
    LIBRARIANS: {Section.LIBRARY},
    HUMAN_RESOURCES: {Section.DIRECTORY},
}


def assert_refused(response):
    """Wagtail refuses with 403, or for a normal page load with a redirect to the dashboard."""
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response["Location"] == "/admin/"


def admin_client(client, make_user, role):
    client.force_login(make_user(f"user-{role[:4].lower()}", role))
    return client


@pytest.mark.parametrize("role", list(OWNED_SECTIONS))
@pytest.mark.parametrize("section", list(Section))
def test_role_edits_its_own_sections_and_is_refused_elsewhere(client, make_user, site_tree, role, section):
    client = admin_client(client, make_user, role)
    root = SectionPage.objects.get(section=section)
    for url in (f"/admin/pages/{root.pk}/edit/", f"/admin/pages/{root.pk}/add_subpage/"):
        response = client.get(url)
        if section in OWNED_SECTIONS[role]:
            assert response.status_code == 200, url
        else:
            assert_refused(response)
    if section not in OWNED_SECTIONS[role]:
        assert_refused(client.post(f"/admin/pages/{root.pk}/edit/", {"title": "x", "action-publish": "1"}))
        root.refresh_from_db()
        assert root.title != "x"


@pytest.mark.parametrize("role", list(OWNED_SECTIONS))
def test_every_admin_role_reaches_the_admin_dashboard(client, make_user, site_tree, role):
    assert admin_client(client, make_user, role).get("/admin/").status_code == 200


def test_agents_only_read_and_never_enter_the_admin(agent_client):
    response = agent_client.get("/admin/")
    assert response.status_code == 302
    assert agent_client.get("/").status_code == 200


def test_only_the_redaction_edits_and_publishes_the_home_editorial(client, make_user, site_tree):
    editorial = HomeEditorial.objects.get()
    url = f"/admin/snippets/home/homeeditorial/edit/{editorial.pk}/"
    assert_refused(admin_client(client, make_user, CLERKS).get(url))
    client.logout()
    editor = admin_client(client, make_user, EDITORS)
    assert editor.get(url).status_code == 200
    body = {"blocks": [{"key": "a", "type": "unstyled", "text": "Bonjour à tous", "depth": 0,
                        "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}
    response = editor.post(url, {"title": "Nouvel éditorial", "body": json.dumps(body), "action-publish": "publish"})
    assert response.status_code == 302
    assert HomeEditorial.current().title == "Nouvel éditorial"


def test_setup_roles_is_idempotent(site_tree):
    def snapshot():
        return {
            group.name: (
                sorted(group.permissions.values_list("codename", flat=True)),
                sorted(group.page_permissions.values_list("page_id", "permission__codename")),
                sorted(group.collection_permissions.values_list("collection__name", "permission__codename")),
            )
            for group in Group.objects.all()
        }

    before = snapshot()
    call_command("setup_roles")
    assert snapshot() == before
    assert set(ROLES) | {AGENTS} <= set(before)
