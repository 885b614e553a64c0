"""A confirmation after every moderation decision, whichever route the reviewer took.

A reviewer approves or asks for changes from the page's editor (Wagtail's edit view, then the
`after_edit_page` hook) or from the dashboard's « En attente de votre relecture » modal (Wagtail's
workflow action view, which adds no message and runs no hook: the reviewer saw nothing). Both routes
end in `confirm_workflow_action`, which says in French what happened and who is told, then runs
the `after_workflow_action` hooks (request, page, action name), where apps add their own words.
The author is told by Wagtail's own e-mail notifications (approval, request for changes).
"""

from django.contrib import messages
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.models import Page, TaskState

APPROVE, REJECT = "approve", "reject"


def _author_notice(page, workflow_state):
    author = workflow_state.requested_by if workflow_state else None
    if author is None:
        return ""
    name = author.get_full_name() or author.get_username()
    if author.email:
        return " " + _("Un courriel prévient %(name)s.") % {"name": name}
    return " " + _("%(name)s le verra sur son tableau de bord.") % {"name": name}


def confirm_workflow_action(request, page, action_name, workflow_state=None):
    """Tell the reviewer, in French, what their decision did; then run the apps' hooks."""
    page = Page.objects.get(pk=page.pk).specific
    title = page.get_admin_display_title()
    current = page.current_workflow_state
    if action_name == APPROVE:
        if current is not None and current.current_task_state:
            message = _("Vous avez approuvé « %(title)s » : elle passe à l'étape « %(task)s ».") % {
                "title": title, "task": current.current_task_state.task.name}
        elif page.live and not page.has_unpublished_changes:
            message = _("Vous avez approuvé « %(title)s » : la page est publiée.") % {"title": title}
        else:
            message = _("Vous avez approuvé « %(title)s ».") % {"title": title}
        messages.success(request, message + _author_notice(page, workflow_state))
    elif action_name == REJECT:
        message = _("Vous avez demandé des modifications sur « %(title)s » : la page revient à son auteur.") % {
            "title": title}
        messages.warning(request, message + _author_notice(page, workflow_state))
    for hook in hooks.get_hooks("after_workflow_action"):
        hook(request, page, action_name)


class ConfirmedWorkflowActionView(WorkflowActionView):
    """Wagtail's view (same URL and name), with the confirmation once the task state has moved on."""

    def post(self, request, *args, **kwargs):
        workflow_state = self.task_state.workflow_state
        response = super().post(request, *args, **kwargs)
        if TaskState.objects.get(pk=self.task_state.pk).status != TaskState.STATUS_IN_PROGRESS:
            confirm_workflow_action(request, self.object, self.action_name, workflow_state)
        return response


def confirm_from_the_editor(request, page):
    """`after_edit_page`: the reviewer decided from the page's editor."""
    if request.POST.get("action-workflow-action"):
        action_name = request.POST.get("workflow-action-name")
        state = page.workflow_states.order_by("-created_at").first()
        confirm_workflow_action(request, page, action_name, state)
