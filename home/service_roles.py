"""Each service publishes for itself: one group per service page ("Rédacteurs · État civil"),
with rights on that page's subtree (its pages and news) and on the service's own collection of
documents and images (Services › État civil). The Rédaction keeps its rights everywhere and can,
per service, require its review before publication: the service's group then loses
`publish_page`, and a workflow bound to the service page sends its drafts to the Rédaction.

`setup_service_roles` (from `setup_roles`) and the saving of a service page keep the groups in
step; renaming a service renames its group and collection.

When a service page is deleted (its delete view, a bulk delete, an ancestor's deletion, the
shell), `service_editors_deleted` removes its group (and so its members' rights) and its unused
review workflow. Its collection is removed only when empty; one that still holds documents,
images or sub-collections is kept where it is, renamed « Urbanisme (service supprimé le
3 décembre 2026) »: nothing is lost, the Rédaction keeps its rights on it (the whole Services
collection), and a new service of the same name gets a collection of its own.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from mairie_site.dates import french_date

from .models import ServiceEditors, ServicePage

GROUP_PREFIX = "Rédacteurs · "
SERVICES_COLLECTION = "Services"
REVIEW_TASK = "Relecture par la Rédaction"
REVIEW_WORKFLOW_PREFIX = "Relecture par la Rédaction · "
EDITING = ["add_page", "change_page", "lock_page", "unlock_page"]
PUBLISHING = ["publish_page"]
COLLECTION_PERMISSIONS = [
    "wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.choose_document",
    "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image",
]


def permission(dotted):
    """The permission named "app_label.codename"."""
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def group_name(page):
    """Named after the service; a copy of a service page (same title) gets its key in brackets."""
    name = (GROUP_PREFIX + page.title)[:140]
    if ServiceEditors.objects.filter(group__name=name).exclude(service_page=page).exists():
        name = f"{name} ({page.pk})"
    return name


def services_collection():
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=SERVICES_COLLECTION).first() or root.add_child(name=SERVICES_COLLECTION)


def _rename(obj, name):
    if obj.name != name:
        obj.name = name
        obj.save()


def _review_workflow(page, reviewers):
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first() or GroupApprovalTask.objects.create(
        name=REVIEW_TASK
    )
    task.groups.add(reviewers)
    workflow, _created = Workflow.objects.get_or_create(name=(REVIEW_WORKFLOW_PREFIX + page.title)[:255])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


@transaction.atomic
def ensure_service_role(page):
    """Create or complete the group, collection, rights and review of one service page; idempotent."""
    from .roles import EDITORS

    link = ServiceEditors.objects.filter(service_page=page).select_related("group", "collection").first()
    if link is None:
        group, _created = Group.objects.get_or_create(name=group_name(page))
        parent = services_collection()
        name = group.name.removeprefix(GROUP_PREFIX)
        collection = parent.get_children().filter(name=name).first() or parent.add_child(name=name)
        link = ServiceEditors.objects.create(service_page=page, group=group, collection=collection)
    else:
        _rename(link.group, group_name(page))
        _rename(link.collection, link.group.name.removeprefix(GROUP_PREFIX))
    group = link.group
    group.permissions.add(permission("wagtailadmin.access_admin"))
    for codename in EDITING + ([] if page.review_required else PUBLISHING):
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission(f"wagtailcore.{codename}")
        )
    if page.review_required:
        GroupPagePermission.objects.filter(group=group, page=page, permission__codename__in=PUBLISHING).delete()
    for dotted in COLLECTION_PERMISSIONS:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=link.collection, permission=permission(dotted)
        )
    reviewers = Group.objects.filter(name=EDITORS).first()
    if reviewers is not None:
        _bind_review(page, reviewers)
    return link


def _bind_review(page, reviewers):
    """The service page's review workflow, bound while the service's review is required."""
    if page.review_required:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": _review_workflow(page, reviewers)})
    else:
        WorkflowPage.objects.filter(page=page, workflow__name__startswith=REVIEW_WORKFLOW_PREFIX).delete()


def setup_service_roles():
    """The services' groups, and the Rédaction's rights on every service's collection."""
    from .roles import EDITORS

    for page in ServicePage.objects.order_by("path"):
        ensure_service_role(page)
    reviewers = Group.objects.filter(name=EDITORS).first()
    if reviewers is not None:
        reviewers.permissions.add(permission("home.require_service_review"))
        for dotted in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=reviewers, collection=services_collection(), permission=permission(dotted)
            )


def service_page_saved(sender, instance, raw=False, **kwargs):
    """A service page created, renamed or published with its review changed (not Wagtail's partial saves)."""
    if not raw and kwargs.get("update_fields") is None:
        ensure_service_role(instance)


def collection_is_empty(collection):
    """Empty as Wagtail's own collection delete view judges it: no content any app describes
    (documents, images, sub-collections...)."""
    described = (hook(collection) for hook in hooks.get_hooks("describe_collection_contents"))
    return not any(item and item["count"] for item in described)


def service_editors_deleted(sender, instance, **kwargs):
    """A service page is gone: its group goes; its collection goes if empty, else is kept, renamed."""
    Group.objects.filter(pk=instance.group_id).delete()
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is not None:
        if collection_is_empty(collection):
            collection.delete()
        else:
            _rename(collection, _("%(name)s (service supprimé le %(date)s)") % {
                "name": collection.name, "date": french_date(timezone.localdate())})
    # Its review workflow, once bound to no page and with no history left (the page's own
    # workflow states went with it).
    Workflow.objects.filter(
        name__startswith=REVIEW_WORKFLOW_PREFIX, workflow_pages__isnull=True, workflow_states__isnull=True
    ).delete()
