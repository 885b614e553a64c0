"""The clerks' workflow: a draft act is reviewed by the general secretariat before it is published."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupApprovalTask, GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

from home.roles import SECRETARIAT

WORKFLOW_NAME = "Validation des actes du conseil"
TASK_NAME = "Relecture par le secrétariat général"


@transaction.atomic
def setup_council_workflow(council_root):
    """Create the review group, task and workflow, and bind them to the council section; idempotent."""
    group, _created = Group.objects.get_or_create(name=SECRETARIAT)
    group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    # Reviewers open the act in the admin to approve it: they need to see and, if asked, correct it.
    for codename in ("change_page", "publish_page"):
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=council_root,
            permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
        )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(group)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=council_root, defaults={"workflow": workflow})
    return workflow, group
