"""After approving or asking for changes, from the page's editor or from the dashboard's modal, the
reviewer reads a French confirmation and the author gets an e-mail."""

import datetime

import pytest
from council_builders import deliberation_post, make_deliberation
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState

from council.models import DeliberationPage
from council.workflow import SECRETARIAT
from home.roles import CLERKS, setup_roles

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def users(make_user, council_root):
    setup_roles()
    return {
        "greffe": make_user("greffier", CLERKS, first_name="Paul", last_name="Greffe"),
        "secretariat": make_user("secretaire", SECRETARIAT),
    }


@pytest.fixture
def submitted(client, users, session):
    """An act the Greffe submitted to the secretariat's review; the secretariat is logged in."""
    draft = make_deliberation(session, 1, publish=False, transmission_required=False)
    client.force_login(users["greffe"])
    client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]),
                {**deliberation_post(draft, transmission_required=""), "action-submit": "1"})
    state = WorkflowState.objects.get(object_id=str(draft.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    list(get_messages(client.get(reverse("wagtailadmin_home")).wsgi_request))  # the Greffe reads its own
    client.force_login(users["secretariat"])
    mail.outbox.clear()
    return draft, state


def from_the_dashboard_modal(client, draft, state, action, **data):
    """What the « En attente de votre relecture » panel's modal posts (JavaScript, then the dashboard)."""
    url = reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, action, state.current_task_state.pk])
    response = client.post(url + "?next=" + reverse("wagtailadmin_home"), data,
                           headers={"x-requested-with": "XMLHttpRequest"})
    assert response.status_code == 200 and response.json()["step"] == "success"
    return [str(message) for message in get_messages(response.wsgi_request)]


def from_the_editor(client, draft, action):
    response = client.post(reverse("wagtailadmin_pages:edit", args=[draft.pk]),
                           {**deliberation_post(draft, transmission_required=""), "action-workflow-action": "1",
                            "workflow-action-name": action})
    assert response.status_code == 302
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_dashboard_modal_confirms_an_approval_and_tells_the_author(client, submitted):
    draft, state = submitted
    said = from_the_dashboard_modal(client, draft, state, "approve", comment="")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED and DeliberationPage.objects.get(pk=draft.pk).live
    assert f"Vous avez approuvé « {draft.title} » : la page est publiée. Un courriel prévient Paul Greffe." in said
    assert any(f"est en ligne depuis le {TODAY:%d/%m/%Y}" in message for message in said)
    assert [message.to for message in mail.outbox] == [["greffier@mairie.example"]]


def test_the_dashboard_modal_confirms_a_request_for_changes_and_tells_the_author(client, submitted):
    draft, state = submitted
    said = from_the_dashboard_modal(client, draft, state, "reject", comment="Le visa manque.")
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES and not DeliberationPage.objects.get(pk=draft.pk).live
    assert said == [f"Vous avez demandé des modifications sur « {draft.title} » : la page revient à son auteur. "
                    "Un courriel prévient Paul Greffe."]
    assert [message.to for message in mail.outbox] == [["greffier@mairie.example"]]


def test_the_editor_confirms_an_approval_and_a_request_for_changes(client, submitted, session):
    draft, _state = submitted
    said = from_the_editor(client, draft, "approve")
    assert f"Vous avez approuvé « {draft.title} » : la page est publiée. Un courriel prévient Paul Greffe." in said
    assert any(f"est en ligne depuis le {TODAY:%d/%m/%Y}" in message for message in said)
    assert [message.to for message in mail.outbox] == [["greffier@mairie.example"]]


def test_the_editor_confirms_a_request_for_changes(client, submitted):
    draft, _state = submitted
    said = from_the_editor(client, draft, "reject")
    assert f"Vous avez demandé des modifications sur « {draft.title} » : la page revient à son auteur. " \
           "Un courriel prévient Paul Greffe." in said
    assert len(mail.outbox) == 1


def test_an_author_without_an_address_is_said_to_find_it_on_the_dashboard(client, users, submitted):
    draft, state = submitted
    users["greffe"].email = ""
    users["greffe"].save()
    said = from_the_dashboard_modal(client, draft, state, "reject", comment="")
    assert said[0].endswith("Paul Greffe le verra sur son tableau de bord.")


def test_reviewers_are_known_by_their_permission_not_by_their_group_name(make_user, council_root):
    from django.contrib.auth.models import Group, Permission

    from council.legal import is_reviewer

    setup_roles()
    renamed = Group.objects.create(name="Direction générale des services")
    renamed.permissions.add(Permission.objects.get(codename="review_acts"))
    assert is_reviewer(make_user("dgs", renamed.name))
    assert is_reviewer(make_user("secretaire", SECRETARIAT))
    lookalike = make_user("faux", "Secrétariat général (ancien)")
    assert not is_reviewer(lookalike) and not is_reviewer(make_user("greffier", CLERKS))
