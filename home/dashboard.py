"""The admin dashboard's shortcuts panel: each app offers the shortcuts of its own work through the
`register_dashboard_shortcut` hook, a function `(request) -> Shortcut | None` (None when the
agent's role may not do it), so that an editor writes an article without walking the page tree.
"""

from dataclasses import dataclass

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component


@dataclass(frozen=True)
class Shortcut:
    label: str
    url: str
    description: str = ""
    icon: str = "arrow-right"


def add_page_url(user, parent_model, child_model, *, parents=None):
    """The admin's form to add a `child_model` page under the first `parent_model` page (or the
    first of `parents`, a queryset) where `user` may add it; None when there is none."""
    candidates = parents if parents is not None else parent_model.objects.all()
    for parent in candidates.order_by("path"):
        if parent.permissions_for_user(user).can_add_subpage():
            meta = child_model._meta
            return reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])
    return None


def shortcuts(request):
    found = [hook(request) for hook in hooks.get_hooks("register_dashboard_shortcut")]
    return [shortcut for shortcut in found if shortcut is not None]


class ShortcutsPanel(Component):
    name = "shortcuts"
    template_name = "home/admin/shortcuts_panel.html"
    order = 10

    def __init__(self, shortcuts):
        self.shortcuts = shortcuts

    def get_context_data(self, parent_context):
        return {"shortcuts": self.shortcuts}
