"""Sharing a page with a service: "Partagé avec nous" on the service page, removal rules."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from wagtail.models import GroupPagePermission

from portal.models import Share

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(make_channel, make_item):
    return make_item(make_channel("presse"), "Plan canicule : relais dans les crèches")


def render_shares(user, service, rf):
    request = rf.get(service.url)
    request.user = user
    return Template('{% load plugged_in %}{% plugged_in "register_service_page_end_fragment" page %}').render(
        Context({"request": request, "page": service})
    )


def test_agent_shares_an_item_with_a_service_and_it_shows_there(agent_client, agent, item, service_pages, rf):
    creches = service_pages[7]
    form = agent_client.get(reverse("portal:share", args=[item.pk]))
    assert form.status_code == 200 and creches.title in form.content.decode()
    response = agent_client.post(
        reverse("portal:share", args=[item.pk]), {"service": creches.pk, "note": "À relayer aux familles."}
    )
    assert response.status_code == 302
    share = Share.objects.get()
    assert (share.page_id, share.service_id, share.shared_by, share.note) == (
        item.pk,
        creches.pk,
        agent,
        "À relayer aux familles.",
    )
    html = render_shares(agent, creches, rf)
    assert "Partagé avec nous" in html and item.title in html and "À relayer aux familles." in html


def test_sharing_twice_with_the_same_service_keeps_one_share(agent_client, item, service_pages):
    for _ in range(2):
        agent_client.post(reverse("portal:share", args=[item.pk]), {"service": service_pages[0].pk})
    assert Share.objects.count() == 1


def test_share_note_is_limited_and_escaped(agent_client, item, service_pages, agent, rf):
    too_long = agent_client.post(
        reverse("portal:share", args=[item.pk]), {"service": service_pages[0].pk, "note": "x" * 501}
    )
    assert too_long.status_code == 200 and not Share.objects.exists()
    agent_client.post(
        reverse("portal:share", args=[item.pk]), {"service": service_pages[0].pk, "note": "<script>alert(1)</script>"}
    )
    assert "<script>alert(1)" not in render_shares(agent, service_pages[0], rf)


def test_share_can_be_removed_by_its_author_and_the_service_editors_only(agent, make_user, item, service_pages):
    service = service_pages[0]
    share = Share.objects.create(page=item, service=service, shared_by=agent)
    colleague, editor = make_user("collegue"), make_user("editeur-service")
    group = Group.objects.create(name="Éditeurs DGS")
    GroupPagePermission.objects.create(
        group=group, page=service, permission=Permission.objects.get(codename="change_page")
    )
    editor.groups.add(group)

    client = Client()
    client.force_login(colleague)
    assert client.post(reverse("portal:remove_share", args=[share.pk])).status_code == 403
    client.force_login(editor)
    assert client.post(reverse("portal:remove_share", args=[share.pk])).status_code == 302
    assert not Share.objects.exists()

    share = Share.objects.create(page=item, service=service, shared_by=agent)
    client.force_login(agent)
    client.post(reverse("portal:remove_share", args=[share.pk]))
    assert not Share.objects.exists()


def test_the_share_link_plugged_in_pages_points_to_the_share_form(item, agent, rf):
    request = rf.get(item.url)
    request.user = agent
    html = Template('{% load plugged_in %}{% plugged_in "register_page_share_fragment" page %}').render(
        Context({"request": request, "page": item})
    )
    assert reverse("portal:share", args=[item.pk]) in html


def test_a_share_mails_each_editor_of_the_service_once_and_not_the_sharer(agent_client, agent, item, make_user,
                                                                          service_pages, mailoutbox):
    from home.service_roles import group_name

    creches = service_pages[7]
    editors = [make_user(f"redac-creche-{n}", group_name(creches)) for n in range(2)]
    agent.groups.add(creches.editors.group)  # the sharer edits for the service too: not told of its own share
    payload = {"service": creches.pk, "note": "À relayer aux familles d'accueil."}
    agent_client.post(reverse("portal:share", args=[item.pk]), payload)
    agent_client.post(reverse("portal:share", args=[item.pk]), payload)  # already shared: no new mail
    assert sorted(message.to[0] for message in mailoutbox) == sorted(editor.email for editor in editors)
    message = mailoutbox[0]
    assert message.subject == f"Partagé avec le service {creches.title} : {item.title}"
    assert "À relayer aux familles d'accueil." in message.body and item.url in message.body
