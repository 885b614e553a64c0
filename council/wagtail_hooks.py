"""Admin customisation of the council: members as snippets, logged change reasons, legal guards."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.dashboard import Shortcut, add_page_url
from home.roles import CLERKS

from . import rules
from .deliberation_lists import overdue_sessions
from .models import (
    CHANGE_REASON_ACTION,
    LEGAL_ACT_MODELS,
    CouncilIndexPage,
    CouncilMember,
    CouncilSessionPage,
)
from .models.documents import DocumentTextMixin
from .workflow import SECRETARIAT


class CouncilMemberViewSet(SnippetViewSet):
    model = CouncilMember
    icon = "group"
    menu_label = gettext_lazy("Élus")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["__str__", "office", "political_group", "in_office"]
    list_filter = ["in_office"]
    search_fields = ["last_name", "first_name"]


register_snippet(CouncilMemberViewSet)


@hooks.register("register_log_actions")
def register_change_reason(actions):
    @actions.register_action(CHANGE_REASON_ACTION)
    class ChangeReasonFormatter(LogFormatter):
        label = gettext_lazy("Modification motivée d'un acte publié")

        def format_message(self, log_entry):
            return _("Motif de la modification : %(reason)s") % {"reason": log_entry.data.get("reason", "")}


def _acts_to_check(page, include_descendants):
    acts = [page.specific] if isinstance(page.specific, LEGAL_ACT_MODELS) else []
    if include_descendants:
        for model in LEGAL_ACT_MODELS:
            acts += list(model.objects.descendant_of(page).live())
    return acts


def unpublish_refusal_for(page, *, include_descendants=True, today=None):
    """The French message refusing to unpublish `page` (or an act below it) online for under two months."""
    today = today or timezone.localdate()
    for act in _acts_to_check(page, include_descendants):
        if not act.live:
            continue
        refusal = rules.unpublish_refusal(online_since=act.online_since(), today=today)
        if refusal:
            return f"{act.title} : {refusal}" if act.pk != page.pk else refusal
    return None


@hooks.register("before_unpublish_page")
def refuse_early_unpublish(request, page):
    refusal = unpublish_refusal_for(page, include_descendants=True)
    if refusal:
        messages.error(request, refusal)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


def _warn_about_documents(request, page):
    specific = page.specific
    if not isinstance(specific, DocumentTextMixin):
        return
    for document, message in specific.document_problems():
        messages.warning(request, format_html("{} : {}", document.title, message))


@hooks.register("after_create_page")
def warn_after_create(request, page):
    _warn_about_documents(request, page)


@hooks.register("after_edit_page")
def warn_after_edit(request, page):
    _warn_about_documents(request, page)


@hooks.register("before_publish_page")
def require_secretariat_review(request, page):
    """A clerk submits an act to the secretariat's review; only the reviewers publish it directly."""
    if not isinstance(page.specific, LEGAL_ACT_MODELS) or page.get_workflow() is None:
        return None
    user = request.user
    if user.is_superuser or user.groups.filter(name=SECRETARIAT).exists():
        return None
    messages.error(
        request,
        _("Un acte est publié après relecture du secrétariat général : utilisez « Soumettre à "
          "Validation des actes du conseil ». Vos modifications sont enregistrées comme brouillon."),
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


class LateDeliberationListsPanel(Component):
    """On the clerks' dashboard: sessions held over a week ago whose liste des délibérations is not online."""

    name = "council_late_lists"
    template_name = "council/admin/late_lists_panel.html"
    order = 50

    def __init__(self, sessions):
        self.sessions = sessions

    def get_context_data(self, parent_context):
        return {"sessions": self.sessions}


@hooks.register("construct_homepage_panels")
def add_late_lists_panel(request, panels):
    user = request.user
    if not (user.is_superuser or user.groups.filter(name=CLERKS).exists()):
        return
    late = overdue_sessions(timezone.localdate())
    if late:
        panels.append(LateDeliberationListsPanel(late))


@hooks.register("register_dashboard_shortcut")
def enter_a_session(request):
    url = add_page_url(request.user, CouncilIndexPage, CouncilSessionPage)
    description = gettext_lazy("ordre du jour, présences, actes")
    return url and Shortcut(gettext_lazy("Saisir une séance"), url, description, icon="date")
