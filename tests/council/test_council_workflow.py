"""Clerks work through a workflow: draft → review by the general secretariat → published."""

import pytest
from council_builders import deliberation_post, make_deliberation
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowState

from council.models import DeliberationPage
from council.workflow import SECRETARIAT, setup_council_workflow
from home.roles import CLERKS, setup_roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def workflow(council_root):
    setup_roles()
    return setup_council_workflow(council_root)


def test_workflow_setup_is_idempotent(council_root, workflow):
    again, _group = setup_council_workflow(council_root)
    assert again.pk == workflow[0].pk
    assert council_root.get_workflow().pk == workflow[0].pk


def test_the_workflow_grants_the_reviewers_nothing_their_role_does_not(council_root):
    """The Secrétariat général's rights have one source, the council's role grant (setup_roles)."""
    setup_roles()
    group = Group.objects.get(name=SECRETARIAT)
    group.permissions.clear()
    GroupPagePermission.objects.filter(group=group).delete()
    setup_council_workflow(council_root)
    assert not group.permissions.exists()
    assert not GroupPagePermission.objects.filter(group=group).exists()


def test_clerk_cannot_publish_directly_but_submits_and_the_secretariat_approves(
    client, make_user, workflow, session
):
    clerk = make_user("greffier", CLERKS)
    reviewer = make_user("secretaire", SECRETARIAT)
    draft = make_deliberation(session, 1, title="Tarifs du conservatoire", publish=False)
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])

    client.force_login(clerk)
    client.post(url, {**deliberation_post(draft), "action-publish": "action-publish"})
    assert not DeliberationPage.objects.get(pk=draft.pk).live

    response = client.post(url, {**deliberation_post(draft), "action-submit": "action-submit"})
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__isnull=False, object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    client.force_login(reviewer)
    task_state = state.current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[draft.pk, "approve", task_state.pk]), {"comment": ""}
    )
    assert response.status_code in (200, 302)
    published = DeliberationPage.objects.get(pk=draft.pk)
    assert published.live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
