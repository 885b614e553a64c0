from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import dashboard, service_home
from .models import HomeEditorial, Section
from .roles import EDITORS, RoleGrant

register_snippet(HomeEditorial)
hooks.register("register_service_page_block", service_home.documents_block, order=40)


@hooks.register("construct_homepage_panels")
def add_shortcuts_panel(request, panels):
    found = dashboard.shortcuts(request)
    if found:
        panels.insert(0, dashboard.ShortcutsPanel(found))


@hooks.register("register_role_permissions")
def editorial_roles():
    """The Rédaction owns the services' section and writes the home page's editorial."""
    editorial = [f"home.{action}_homeeditorial" for action in ("add", "change", "publish", "lock", "unlock")]
    return {EDITORS: RoleGrant(sections=[Section.SERVICES], model_permissions=editorial)}
