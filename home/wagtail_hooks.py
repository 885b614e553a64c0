from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import dashboard
from .models import HomeEditorial

register_snippet(HomeEditorial)


@hooks.register("construct_homepage_panels")
def add_shortcuts_panel(request, panels):
    found = dashboard.shortcuts(request)
    if found:
        panels.insert(0, dashboard.ShortcutsPanel(found))
