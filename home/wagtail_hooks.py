from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import dashboard, service_home
from .models import HomeEditorial

register_snippet(HomeEditorial)
hooks.register("register_service_page_block", service_home.documents_block, order=40)


@hooks.register("construct_homepage_panels")
def add_shortcuts_panel(request, panels):
    found = dashboard.shortcuts(request)
    if found:
        panels.insert(0, dashboard.ShortcutsPanel(found))
