"""The clerks' workflow: a draft act is reviewed by the general secretariat before it is published.

`setup_council_workflow()` runs from `setup_roles` (hook `after_setup_roles`), so a production
install (`migrate`, `setup_roles`) gets the same task and workflow as the demo, bound to the council
section. The reviewers' group and its rights are the roles' (council/wagtail_hooks.py grants them);
the Greffe has no publish permission there: its acts reach the public only through this workflow.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

from home.models import Section, SectionPage
from home.roles import SECRETARIAT

WORKFLOW_NAME = "Validation des actes du conseil"
TASK_NAME = "Relecture par le secrétariat général"


@transaction.atomic
def setup_council_workflow(council_root=None):
    """Create the review task and workflow, and bind them to the council section; idempotent.

    The reviewers are the Secrétariat général as `setup_roles` made it: its rights (the admin, the
    council section's pages, `council.review_acts`) are the council's role grant
    (council/wagtail_hooks.py), so this runs after it and grants nothing itself.
    Returns (workflow, group); the workflow stays unbound while the council section does not exist.
    """
    council_root = council_root or SectionPage.objects.filter(section=Section.COUNCIL).first()
    group = Group.objects.get(name=SECRETARIAT)
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(group)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if council_root is not None:
        WorkflowPage.objects.update_or_create(page=council_root, defaults={"workflow": workflow})
    return workflow, group
