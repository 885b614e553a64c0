"""Every role is granted exactly what its job needs: model permissions, page permissions on the
pages it owns, and its collection of documents and images; `setup_roles` grants nothing more,
whichever app declares the grant (hook `register_role_permissions`)."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured
from wagtail import hooks

from council.models import PressReviewIndexPage
from home.demo import ensure_child
from home.models import Section, SectionPage
from home.roles import AGENTS, CLERKS, EDITORS, HUMAN_RESOURCES, LIBRARIANS, SECRETARIAT, RoleGrant, setup_roles
from home.service_roles import GROUP_PREFIX

pytestmark = pytest.mark.django_db

EVERY_PAGE_PERMISSION = ["add_page", "change_page", "lock_page", "publish_page", "unlock_page"]
# The council's acts go online through the Secrétariat général's review: the clerks do not publish.
REVIEWED_PAGE_PERMISSIONS = ["add_page", "change_page", "lock_page", "unlock_page"]
OWN_COLLECTION = [
    "wagtaildocs.add_document", "wagtaildocs.change_document", "wagtaildocs.choose_document",
    "wagtailimages.add_image", "wagtailimages.change_image", "wagtailimages.choose_image",
]
PRESS_REVIEW = "press review index"

GRANTS = {
    AGENTS: {"model_permissions": [], "pages": {}, "collections": {}},
    EDITORS: {
        "model_permissions": [
            "home.add_homeeditorial", "home.change_homeeditorial", "home.lock_homeeditorial",
            "home.publish_homeeditorial", "home.require_service_review", "home.unlock_homeeditorial",
            "newsfeeds.add_feedsource", "newsfeeds.change_feedsource", "newsfeeds.delete_feedsource",
            "newsfeeds.view_feedsource",
            "portal.add_announcement", "portal.add_application", "portal.change_announcement",
            "portal.change_application", "portal.change_defaultsubscriptions", "portal.delete_announcement",
            "portal.delete_application", "portal.view_announcement", "portal.view_application",
            "portal.view_portal_dashboard",
            "search.add_synonym", "search.change_synonym", "search.delete_synonym", "search.view_searchquerylog",
            "wagtailadmin.access_admin",
            "wagtailsearchpromotions.add_searchpromotion", "wagtailsearchpromotions.change_searchpromotion",
            "wagtailsearchpromotions.delete_searchpromotion",
        ],
        "pages": {
            Section.NEWS: EVERY_PAGE_PERMISSION,
            Section.SERVICES: EVERY_PAGE_PERMISSION,
            PRESS_REVIEW: EVERY_PAGE_PERMISSION,
        },
        # Their own collection, and the one above every service's collection (home/service_roles.py).
        "collections": {EDITORS: OWN_COLLECTION, "Services": OWN_COLLECTION},
    },
    CLERKS: {
        "model_permissions": [
            "council.add_councilmember", "council.change_councilmember", "council.delete_councilmember",
            "council.follow_publication_deadlines", "council.view_councilmember", "wagtailadmin.access_admin",
        ],
        "pages": {Section.COUNCIL: REVIEWED_PAGE_PERMISSIONS},
        "collections": {CLERKS: OWN_COLLECTION},
    },
    SECRETARIAT: {
        "model_permissions": ["council.review_acts", "wagtailadmin.access_admin"],
        "pages": {Section.COUNCIL: EVERY_PAGE_PERMISSION},
        "collections": {SECRETARIAT: OWN_COLLECTION},
    },
    LIBRARIANS: {
        "model_permissions": [
            "library.add_bibliographicrecord", "library.add_catalogueimport", "library.change_bibliographicrecord",
            "library.delete_bibliographicrecord", "library.view_bibliographicrecord",
            "library.view_catalogueimport", "wagtailadmin.access_admin",
        ],
        "pages": {Section.LIBRARY: EVERY_PAGE_PERMISSION},
        "collections": {LIBRARIANS: OWN_COLLECTION},
    },
    HUMAN_RESOURCES: {
        "model_permissions": [
            "directory.add_agent", "directory.add_service", "directory.change_agent", "directory.change_service",
            "directory.delete_agent", "directory.delete_service", "directory.view_agent",
            "directory.view_service", "wagtailadmin.access_admin",
        ],
        "pages": {Section.DIRECTORY: EVERY_PAGE_PERMISSION},
        "collections": {HUMAN_RESOURCES: OWN_COLLECTION},
    },
}


def page_label(page):
    """A section root by its section, another page by what it is."""
    specific = page.specific
    if isinstance(specific, SectionPage):
        return specific.section
    assert isinstance(specific, PressReviewIndexPage), specific
    return PRESS_REVIEW


def granted(group):
    pages, collections = {}, {}
    for grant in group.page_permissions.select_related("page", "permission"):
        pages.setdefault(page_label(grant.page), []).append(grant.permission.codename)
    for grant in group.collection_permissions.select_related("collection", "permission__content_type"):
        permission = grant.permission
        collections.setdefault(grant.collection.name, []).append(
            f"{permission.content_type.app_label}.{permission.codename}"
        )
    return {
        "model_permissions": sorted(
            f"{app_label}.{codename}"
            for app_label, codename in group.permissions.values_list("content_type__app_label", "codename")
        ),
        "pages": {label: sorted(codenames) for label, codenames in pages.items()},
        "collections": {name: sorted(dotted) for name, dotted in collections.items()},
    }


@pytest.fixture
def press_review_index(site_tree):
    council = SectionPage.objects.get(section=Section.COUNCIL)
    return ensure_child(council, PressReviewIndexPage, slug="revue-de-presse", title="Revue de presse")


@pytest.mark.parametrize("role", list(GRANTS))
def test_every_role_is_granted_exactly_its_permissions_pages_and_collections(press_review_index, role):
    setup_roles()
    assert granted(Group.objects.get(name=role)) == GRANTS[role]


def test_setup_roles_creates_no_group_beyond_the_roles_the_services_and_wagtails_own(press_review_index):
    setup_roles()
    others = set(Group.objects.exclude(name__startswith=GROUP_PREFIX).values_list("name", flat=True))
    assert others == set(GRANTS) | {"Editors", "Moderators"}


def test_an_app_granting_a_role_home_does_not_name_is_refused(site_tree):
    with hooks.register_temporarily("register_role_permissions", lambda: {"Direction générale": RoleGrant()}):
        with pytest.raises(ImproperlyConfigured, match="Direction générale"):
            setup_roles()
    assert not Group.objects.filter(name="Direction générale").exists()
