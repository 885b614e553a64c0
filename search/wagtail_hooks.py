from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.snippets.models import register_snippet

from home.roles import EDITORS, RoleGrant

from .models import SearchQueryLog, Synonym

register_snippet(Synonym)
VIEW_PERMISSION = "search.view_searchquerylog"


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


class UnansweredQueriesView(WagtailAdminTemplateMixin, TemplateView):
    """Queries that found nothing, most asked first: what to add as synonyms or promotions."""

    page_title = _("Recherches sans résultat")
    template_name = "search/admin/unanswered_queries.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["queries"] = (
            SearchQueryLog.objects.filter(results=0)
            .values("query")
            .annotate(total=Sum("searches"))
            .order_by("-total")[:100]
        )
        return context


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("recherches-sans-resultat/", UnansweredQueriesView.as_view(), name="search_unanswered")]


@hooks.register("register_reports_menu_item")
def register_unanswered_menu_item():
    return ReportMenuItem(_("Recherches sans résultat"), reverse("search_unanswered"), icon_name="search")


@hooks.register("register_role_permissions")
def search_roles():
    """The Rédaction tunes the site search: synonyms, promoted results, and the queries' report."""
    return {EDITORS: RoleGrant(model_permissions=[
        *[f"search.{action}_synonym" for action in ("add", "change", "delete")],
        "search.view_searchquerylog",
        *[f"wagtailsearchpromotions.{action}_searchpromotion" for action in ("add", "change", "delete")],
    ])}
