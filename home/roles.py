"""The intranet's roles: which group may do what, and where.

Home names the roles (the constants below: apps above home import them) and applies what the
apps grant them. Each app declares its part in its `wagtail_hooks.py` through the
`register_role_permissions` hook, a function returning `{role name: RoleGrant(...)}`:

    @hooks.register("register_role_permissions")
    def library_roles():
        return {LIBRARIANS: RoleGrant(sections=[Section.LIBRARY], model_permissions=["library.view_catalogueimport"])}

A grant binds the role to the roots of the sections it owns (page permissions flow down the
tree), to the index pages it owns inside another role's section (`pages`: page models, each found
by type), and gives it the app's model permissions. Every role but Agents enters the admin and has
the collection of documents of its name. `setup_roles` applies the grants idempotently, binding
what exists: run it again after creating an index page named in a grant. An app's own set-up (the
council's review workflow) runs after, through the `after_setup_roles` hook. A fresh install has
no section roots yet: `setup_roles` creates the home page and the section roots first, so that
every role is bound.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
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
from .service_roles import COLLECTION_PERMISSIONS, permission, setup_service_roles

AGENTS = "Agents"
EDITORS = "Rédaction"
CLERKS = "Greffe"
LIBRARIANS = "Bibliothèque"
HUMAN_RESOURCES = "Ressources humaines"
# Reviews the clerks' acts in the council workflow (draft → review → published).
SECRETARIAT = "Secrétariat général"
# Every agent is in Agents, which only reads the intranet; the other roles work in the admin.
ADMIN_ROLES = [EDITORS, CLERKS, SECRETARIAT, LIBRARIANS, HUMAN_RESOURCES]
ROLES = [AGENTS, *ADMIN_ROLES]

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
# Pages whose publication goes through a review workflow: the authors submit, the reviewers publish.
REVIEWED_PAGE_PERMISSIONS = [codename for codename in PAGE_PERMISSIONS if codename != "publish_page"]
# Created by Wagtail's migrations and bound to the root page: its group, Moderators, is no intranet role.
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


@dataclass(frozen=True)
class RoleGrant:
    """What one app grants one role; `page_permissions` apply to the grant's sections and pages."""

    model_permissions: Sequence[str] = ()  # "app_label.codename"
    sections: Sequence[Section] = ()
    pages: Sequence[type[Page]] = ()
    page_permissions: Sequence[str] = tuple(PAGE_PERMISSIONS)


def role_grants():
    """Every app's grants (hook `register_role_permissions`), by role: {role name: [RoleGrant, …]}."""
    grants = {name: [] for name in ROLES}
    for declare in hooks.get_hooks("register_role_permissions"):
        for name, grant in declare().items():
            if name not in grants:
                raise ImproperlyConfigured(f"{declare.__module__} grants {name!r}, which is no role of home/roles.py")
            grants[name].append(grant)
    return grants


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


def _page_permissions(grants):
    """{page: page permissions} over the section roots and index pages the grants name, those that exist so far."""
    granted = {}
    for grant in grants:
        pages = [SectionPage.objects.filter(section=section).first() for section in grant.sections]
        pages += [model.objects.first() for model in grant.pages]
        for page in pages:
            if page is not None:
                granted.setdefault(page, set()).update(grant.page_permissions)
    return granted


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
    access_admin = permission("wagtailadmin.access_admin")
    for name, grants in role_grants().items():
        group, _ = Group.objects.get_or_create(name=name)
        if name in ADMIN_ROLES:
            group.permissions.add(access_admin)
        group.permissions.add(*[permission(p) for grant in grants for p in grant.model_permissions])
        for page, granted in _page_permissions(grants).items():
            for codename in granted:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=permission(f"wagtailcore.{codename}")
                )
            # An install set up before a permission was withdrawn from the role loses it here.
            GroupPagePermission.objects.filter(
                group=group, page=page, permission__content_type__app_label="wagtailcore",
                permission__codename__in=set(PAGE_PERMISSIONS) - granted,
            ).delete()
        if name in ADMIN_ROLES:
            collection = _role_collection(name)
            for dotted in COLLECTION_PERMISSIONS:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission(dotted)
                )
    setup_service_roles()
    retire_default_workflow()
    for fn in hooks.get_hooks("after_setup_roles"):
        fn()
