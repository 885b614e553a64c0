"""What an install's roles and workflows are, as plain data: compared between the documented
deployment steps run on an empty database and the demo's set-up. Run in the test process and in
the subprocess of the deployment (`python council_deployment.py` prints it as JSON)."""

import json


def snapshot():
    """Roles, page permissions and workflows; the services' own editor groups are left out: they
    follow the service pages, which a deployment creates later (tests/home/test_service_roles.py)."""
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission, Page, WorkflowPage

    from home.service_roles import GROUP_PREFIX

    page_permissions = sorted(
        (grant.group.name, grant.page.specific_class.__name__, grant.page.slug, grant.permission.codename)
        for grant in GroupPagePermission.objects.select_related("group", "page", "permission")
        if grant.group.name not in ("Moderators", "Editors")  # Wagtail's own groups, no intranet role
        and not grant.group.name.startswith(GROUP_PREFIX)
    )
    workflows = sorted(
        (binding.page.specific_class.__name__, binding.page.slug, binding.workflow.name, binding.workflow.active,
         [task.specific.name for task in binding.workflow.tasks], [
             sorted(group.name for group in task.specific.groups.all()) for task in binding.workflow.tasks
         ])
        for binding in WorkflowPage.objects.select_related("page", "workflow")
    )
    return {
        "groups": sorted(
            (group.name, sorted(f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()))
            for group in Group.objects.exclude(name__in=["Moderators", "Editors"]).exclude(
                name__startswith=GROUP_PREFIX
            )
        ),
        "page_permissions": [list(row) for row in page_permissions],
        "workflows": [list(row) for row in workflows],
        "root_workflow": Page.get_first_root_node().get_workflow() is not None,
    }


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(snapshot()))
