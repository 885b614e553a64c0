"""The clerks' workflow: a draft act is reviewed by the general secretariat before it is published.

`setup_council_workflow()` runs from `setup_roles` (hook `after_setup_roles`), so a production
install (`migrate`, `setup_roles`) gets the same group, task and workflow as the demo, bound to the
council section. The Greffe has no publish permission there (council/wagtail_hooks.py): its acts reach the
public only through this workflow.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupApprovalTask, GroupPagePermission, Workflow, WorkflowPage, WorkflowTask

from home.models import Section, SectionPage
from home.roles import SECRETARIAT

WORKFLOW_NAME = "Validation des actes du conseil"
TASK_NAME = "Relecture par le secrétariat général"


@transaction.atomic
def setup_council_workflow(council_root=None):
    """Create the review group, task and workflow, and bind them to the council section; idempotent.

    Returns (workflow, group); the workflow stays unbound while the council section does not exist.
    """
    council_root = council_root or SectionPage.objects.filter(section=Section.COUNCIL).first()
    group, _created = Group.objects.get_or_create(name=SECRETARIAT)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"),
        # What makes them reviewers everywhere else (council.legal.is_reviewer), by codename.
        Permission.objects.get(content_type__app_label="council", codename="review_acts"),
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(group)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if council_root is not None:
        # Reviewers open the act in the admin to approve it: they need to see and, if asked, correct it.
        for codename in ("change_page", "publish_page"):
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=council_root,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=codename),
            )
        WorkflowPage.objects.update_or_create(page=council_root, defaults={"workflow": workflow})
    return workflow, group
