"""The intranet's roles: which group may do what, and where.

Each role is bound to the roots of the sections it owns (page permissions flow down the
tree) and to the collection of documents of the same name. `setup_roles` applies this table
idempotently; apps add their models' permissions in `model_permissions`.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from .models import Section, SectionPage

AGENTS = "Agents"
EDITORS = "Rédaction"
CLERKS = "Greffe"
LIBRARIANS = "Bibliothèque"
HUMAN_RESOURCES = "Ressources humaines"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
DOCUMENT_PERMISSIONS = ["add_document", "change_document", "choose_document"]
IMAGE_PERMISSIONS = ["add_image", "change_image", "choose_image"]

ROLES = {
    AGENTS: {"admin": False, "sections": [], "model_permissions": []},
    EDITORS: {
        "admin": True,
        "sections": [Section.NEWS, Section.SERVICES],
        "model_permissions": [
            "home.add_homeeditorial",
            "home.change_homeeditorial",
            "home.publish_homeeditorial",
            "home.lock_homeeditorial",
            "home.unlock_homeeditorial",
            "search.add_synonym",
            "search.change_synonym",
            "search.delete_synonym",
            "search.view_searchquerylog",
            "wagtailsearchpromotions.add_searchpromotion",
            "wagtailsearchpromotions.change_searchpromotion",
            "wagtailsearchpromotions.delete_searchpromotion",
        ],
    },
    CLERKS: {"admin": True, "sections": [Section.COUNCIL], "model_permissions": []},
    LIBRARIANS: {"admin": True, "sections": [Section.LIBRARY], "model_permissions": []},
    HUMAN_RESOURCES: {"admin": True, "sections": [Section.DIRECTORY], "model_permissions": []},
}


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _role_collection(name):
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


@transaction.atomic
def setup_roles():
    """Create or complete every role; running it again changes nothing."""
    access_admin = _permission("wagtailadmin.access_admin")
    for name, role in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        if role["admin"]:
            group.permissions.add(access_admin)
        group.permissions.add(*[_permission(p) for p in role["model_permissions"]])
        for section in role["sections"]:
            root = SectionPage.objects.filter(section=section).first()
            if root is None:
                continue
            for codename in PAGE_PERMISSIONS:
                GroupPagePermission.objects.get_or_create(
                    group=group, page=root, permission=_permission(f"wagtailcore.{codename}")
                )
        if role["admin"]:
            collection = _role_collection(name)
            for dotted in [f"wagtaildocs.{c}" for c in DOCUMENT_PERMISSIONS] + [
                f"wagtailimages.{c}" for c in IMAGE_PERMISSIONS
            ]:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=_permission(dotted)
                )
