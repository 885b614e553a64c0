"""Admin customisation of the council: members as snippets, logged change reasons, legal guards."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.dashboard import Shortcut, add_page_url
from home.models import Section
from home.roles import CLERKS, EDITORS, REVIEWED_PAGE_PERMISSIONS, SECRETARIAT, RoleGrant

from . import admin_views, audience, home_blocks, legal
from .deliberation_lists import overdue_minutes, overdue_sessions
from .models import (
    CHANGE_REASON_ACTION,
    CouncilIndexPage,
    CouncilMember,
    CouncilSessionPage,
    OfficialNotePage,
    PressReviewIndexPage,
)
from .models.documents import DocumentTextMixin
from .workflow import setup_council_workflow


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


def _refuse(request, message, page):
    messages.error(request, message)
    return redirect("wagtailadmin_pages:edit", page.pk) if page.depth > 1 else redirect("wagtailadmin_home")


@hooks.register("before_unpublish_page")
def refuse_early_unpublish(request, page):
    refusal = legal.hold_refusal_for(page, include_descendants=True)
    return _refuse(request, refusal, page) if refusal else None


@hooks.register("before_delete_page")
def refuse_early_delete(request, page):
    refusal = legal.hold_refusal_for(page, include_descendants=True)
    return _refuse(request, refusal, page) if refusal else None


@hooks.register("before_move_page")
def refuse_move_out_of_section(request, page, destination):
    refusal = legal.move_refusal_for(page, destination)
    return _refuse(request, refusal, page) if refusal else None


@hooks.register("before_copy_page")
def refuse_copy_of_acts(request, page):
    recursive = request.method == "POST" and bool(request.POST.get("copy_subpages"))
    refusal = legal.copy_refusal_for(page, recursive=recursive)
    return _refuse(request, refusal, page) if refusal else None


def _bulk_refusal(request, action_type, pages, action_view):
    form = action_view.cleaned_form
    if action_type == "publish":
        include_descendants = bool(form and form.cleaned_data.get("include_descendants"))
        for page in pages:
            targets = [page] + (list(page.get_descendants().not_live()) if include_descendants else [])
            for target in targets:
                refusal = legal.publication_refusal_for(request.user, target)
                if refusal:
                    return refusal
    elif action_type in ("unpublish", "delete"):
        include_descendants = action_type == "delete" or bool(form and form.cleaned_data.get("include_descendants"))
        for page in pages:
            refusal = legal.hold_refusal_for(page, include_descendants=include_descendants)
            if refusal:
                return refusal
    elif action_type == "move" and form is not None:
        for page in pages:
            refusal = legal.move_refusal_for(page, form.cleaned_data["chooser"])
            if refusal:
                return refusal
    return None


@hooks.register("before_bulk_action")
def refuse_unlawful_bulk_action(request, action_type, objects, action_view):
    """Wagtail's bulk actions run no page hooks: the same rules, asked once for the whole selection."""
    if not isinstance(action_view, PageBulkAction):
        return None
    refusal = _bulk_refusal(request, action_type, objects, action_view)
    if refusal:
        messages.error(request, _("Action refusée, aucune page n'a été modifiée. %(reason)s") % {"reason": refusal})
        if action_view.next_url != request.path:
            return redirect(action_view.next_url)
        return redirect("wagtailadmin_explore", objects[0].get_parent().pk)
    return None


@hooks.register("before_publish_page")
def require_secretariat_review(request, page):
    """A clerk submits an act to the secretariat's review; only the reviewers publish it directly."""
    refusal = legal.publication_refusal_for(request.user, page)
    return _refuse(request, refusal, page) if refusal else None


def _confirm_online(request, page):
    model = page.specific_class
    if model is not None and issubclass(model, legal.LegalActMixin):
        stored = model.objects.filter(pk=page.pk, live=True).first()
        confirmation = legal.online_confirmation(stored) if stored else None
        if confirmation:
            messages.success(request, confirmation)


@hooks.register("after_publish_page")
def confirm_publication(request, page):
    _confirm_online(request, page)


@hooks.register("after_bulk_action")
def confirm_bulk_publication(request, action_type, objects, action_view):
    if action_type == "publish" and isinstance(action_view, PageBulkAction):
        for page in objects:
            _confirm_online(request, page)


@hooks.register("register_role_permissions")
def council_roles():
    members = [f"council.{action}_councilmember" for action in ("add", "change", "delete", "view")]
    return {
        # The council's acts go online through the Secrétariat général's review (council/workflow.py).
        CLERKS: RoleGrant(
            sections=[Section.COUNCIL],
            page_permissions=REVIEWED_PAGE_PERMISSIONS,
            model_permissions=[*members, "council.follow_publication_deadlines"],
        ),
        SECRETARIAT: RoleGrant(sections=[Section.COUNCIL], model_permissions=["council.review_acts"]),
        # The communication team publishes the press review, filed with the council's documents.
        EDITORS: RoleGrant(pages=[PressReviewIndexPage]),
    }


@hooks.register("after_setup_roles")
def set_up_council_workflow():
    setup_council_workflow()


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


@hooks.register("after_workflow_action")
def confirm_approved_act_online(request, page, action_name):
    """From the editor or the dashboard's modal: the approved act's dates (mairie_site/workflow_actions.py)."""
    if action_name == "approve":
        _confirm_online(request, page)


class LateDeliberationListsPanel(Component):
    """On the clerks' dashboard: lists and minutes (PV) due online over a week ago and still not there."""

    name = "council_late_lists"
    template_name = "council/admin/late_lists_panel.html"
    order = 50

    def __init__(self, sessions, minutes):
        self.sessions = sessions
        self.minutes = minutes

    def get_context_data(self, parent_context):
        return {"sessions": self.sessions, "minutes": self.minutes}


@hooks.register("construct_homepage_panels")
def add_late_lists_panel(request, panels):
    user = request.user
    if not user.has_perm("council.follow_publication_deadlines"):
        return
    today = timezone.localdate()
    late, minutes = overdue_sessions(today), overdue_minutes(today)
    if late or minutes:
        panels.append(LateDeliberationListsPanel(late, minutes))


@hooks.register("register_dashboard_shortcut")
def enter_a_session(request):
    url = add_page_url(request.user, CouncilIndexPage, CouncilSessionPage)
    description = gettext_lazy("ordre du jour, présences, actes")
    return url and Shortcut(gettext_lazy("Saisir une séance"), url, description, icon="date")


@hooks.register("visibility_refused_paths")
def notes_outside_audience(user):
    """A targeted note is refused, wherever core.visibility applies, to agents outside its audience."""
    return audience.refused_note_paths(user)


@hooks.register("before_serve_page")
def refuse_note_outside_audience(page, request, serve_args, serve_kwargs):
    if isinstance(page, OfficialNotePage) and not audience.may_see(page, request.user):
        raise Http404


@hooks.register("register_admin_urls")
def read_report_urls():
    return [
        path("notes-de-service/<int:note_id>/lecture/", admin_views.ReadReportView.as_view(),
             name="council_note_readers"),
        path("notes-de-service/<int:note_id>/lecture.csv", admin_views.read_report_csv_view,
             name="council_note_readers_csv"),
    ]


class ReadReportButton(PageMenuItem):
    label = gettext_lazy("Suivi de lecture")
    icon_name = "list-ul"
    url_name = "council_note_readers"

    def is_shown(self, user):
        return self.page.specific_class is OfficialNotePage and audience.answers_for(self.page.pk, user)


@hooks.register("register_page_listing_more_buttons")
def read_report_in_listing(page, user, next_url=None):
    yield ReadReportButton(page=page, priority=55)


@hooks.register("register_page_header_buttons")
def read_report_in_header(page, user, view_name, next_url=None):
    yield ReadReportButton(page=page, priority=66)


# The order the home page has always shown them in: the notes to read (the agent's own), then the
# shared blocks: the next session, the latest notes, then the library (40).
hooks.register("portal_home_blocks", home_blocks.notes_to_read, order=10)
hooks.register("portal_shared_home_blocks", home_blocks.next_session, order=20)
hooks.register("portal_shared_home_blocks", home_blocks.latest_notes, order=30)
