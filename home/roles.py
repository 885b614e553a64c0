"""The intranet's roles: which group may do what, and where.

Each role is bound to the roots of the sections it owns (page permissions flow down the
tree), to the index pages it owns inside another role's section (`pages`: page models, each
found by type), and to the collection of documents of the same name. `setup_roles` applies this
table idempotently, binding what exists: run it again after creating an index page named here.
Apps add their models' permissions in `model_permissions`, and their own set-up (the council's
review workflow) through the `after_setup_roles` hook. A fresh install has no section roots yet:
`setup_roles` creates the home page and the section roots first, so that every role is bound.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail import hooks
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
)

from .models import Section, SectionPage
from .service_roles import setup_service_roles

AGENTS = "Agents"
EDITORS = "Rédaction"
CLERKS = "Greffe"
LIBRARIANS = "Bibliothèque"
HUMAN_RESOURCES = "Ressources humaines"
# Reviews the clerks' acts in the council workflow (draft → review → published).
SECRETARIAT = "Secrétariat général"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
# Pages whose publication goes through a review workflow: the authors submit, the reviewers publish.
REVIEWED_PAGE_PERMISSIONS = [codename for codename in PAGE_PERMISSIONS if codename != "publish_page"]
# Created by Wagtail's migrations and bound to the root page: its group, Moderators, is no intranet role.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"
DOCUMENT_PERMISSIONS = ["add_document", "change_document", "choose_document"]
IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image"]

ROLES = {
    AGENTS: {"admin": False, "sections": [], "model_permissions": []},
    EDITORS: {
        "admin": True,
        "sections": [Section.NEWS, Section.SERVICES],
        # The communication team publishes the press review, filed with the council's documents.
        "pages": ["council.PressReviewIndexPage"],
        "model_permissions": [
            "home.add_homeeditorial",
            "home.change_homeeditorial",
            "home.publish_homeeditorial",
            "home.lock_homeeditorial",
            "home.unlock_homeeditorial",
            "newsfeeds.add_feedsource",
            "newsfeeds.change_feedsource",
            "newsfeeds.delete_feedsource",
            "newsfeeds.view_feedsource",
            *[f"portal.{a}_{m}" for m in ("announcement", "application") for a in ("add", "change", "delete", "view")],
            "portal.change_defaultsubscriptions",
            "portal.view_portal_dashboard",
            "search.add_synonym",
            "search.change_synonym",
            "search.delete_synonym",
            "search.view_searchquerylog",
            "wagtailsearchpromotions.add_searchpromotion",
            "wagtailsearchpromotions.change_searchpromotion",
            "wagtailsearchpromotions.delete_searchpromotion",
        ],
    },
    CLERKS: {
        "admin": True,
        "sections": [Section.COUNCIL],
        # The council's acts go online through the Secrétariat général's review (council/workflow.py).
        "page_permissions": REVIEWED_PAGE_PERMISSIONS,
        "model_permissions": [
            "council.add_councilmember",
            "council.change_councilmember",
            "council.delete_councilmember",
            "council.view_councilmember",
            "council.follow_publication_deadlines",
        ],
    },
    SECRETARIAT: {"admin": True, "sections": [Section.COUNCIL], "model_permissions": ["council.review_acts"]},
    LIBRARIANS: {
        "admin": True,
        "sections": [Section.LIBRARY],
        "model_permissions": [
            "library.add_bibliographicrecord",
            "library.change_bibliographicrecord",
            "library.delete_bibliographicrecord",
            "library.view_bibliographicrecord",
            "library.add_catalogueimport",
            "library.view_catalogueimport",
        ],
    },
    HUMAN_RESOURCES: {
        "admin": True,
        "sections": [Section.DIRECTORY],
        "model_permissions": [
            f"directory.{action}_{model}"
            for model in ("agent", "service")
            for action in ("add", "change", "delete", "view")
        ],
    },
}


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _role_collection(name):
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def retire_default_workflow():
    """Unbind Wagtail's "Moderators approval" from the root page, where every intranet page would meet it."""
    root = Page.get_first_root_node()
    if root is not None:
        names = [WAGTAIL_DEFAULT_WORKFLOW, DEFAULT_WORKFLOW_NAMES[WAGTAIL_DEFAULT_WORKFLOW]]
        WorkflowPage.objects.filter(page=root, workflow__name__in=names).delete()


def _owned_pages(role):
    """The section roots and index pages a role owns, those that exist so far."""
    pages = [SectionPage.objects.filter(section=section).first() for section in role["sections"]]
    pages += [apps.get_model(label).objects.first() for label in role.get("pages", [])]
    return [page for page in pages if page is not None]


# Wagtail's migrations create its default workflow and task under an English name, which the
# admin then shows to editors ("Soumettre à Moderators approval").
DEFAULT_WORKFLOW_NAMES = {"Moderators approval": "Validation par la rédaction"}


@transaction.atomic
def setup_roles():
    """Create or complete every role; running it again changes nothing."""
    for english, french in DEFAULT_WORKFLOW_NAMES.items():
        Workflow.objects.filter(name=english).update(name=french)
        Task.objects.filter(name=english).update(name=french)
    from .demo import ensure_section_roots

    ensure_section_roots()
    access_admin = _permission("wagtailadmin.access_admin")
    for name, role in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        if role["admin"]:
            group.permissions.add(access_admin)
        group.permissions.add(*[_permission(p) for p in role["model_permissions"]])
        granted = role.get("page_permissions", PAGE_PERMISSIONS)
        for root in _owned_pages(role):
            for codename in granted:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=_permission(f"wagtailcore.{codename}")
                )
            # An install set up before a permission was withdrawn from the role loses it here.
            GroupPagePermission.objects.filter(
                group=group, page=root, permission__content_type__app_label="wagtailcore",
                permission__codename__in=set(PAGE_PERMISSIONS) - set(granted),
            ).delete()
        if role["admin"]:
            collection = _role_collection(name)
            for dotted in [f"wagtaildocs.{c}" for c in DOCUMENT_PERMISSIONS] + [
                f"wagtailimages.{c}" for c in IMAGE_PERMISSIONS
            ]:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=_permission(dotted)
                )
    setup_service_roles()
    retire_default_workflow()
    for fn in hooks.get_hooks("after_setup_roles"):
        fn()
