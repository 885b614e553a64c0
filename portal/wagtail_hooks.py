from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.dashboard import Shortcut
from home.roles import EDITORS, RoleGrant

from . import fragments
from .dashboard import figures
from .home import lead_to_welcome, serve_cached_home
from .models import Announcement, Application
from .services import followed_ids, items_for

DASHBOARD_PERMISSION = "portal.view_portal_dashboard"
FOLLOWED_NEWS_ON_HOME = 5


class AnnouncementViewSet(SnippetViewSet):
    model = Announcement
    icon = "warning"
    menu_label = _("Annonces épinglées")
    add_to_admin_menu = True
    menu_order = 260
    list_display = ["title", "pinned", "starts_at", "ends_at"]


class ApplicationViewSet(SnippetViewSet):
    model = Application
    icon = "link"
    menu_label = _("Applications")
    add_to_admin_menu = True
    menu_order = 261
    list_display = ["name", "url", "position"]
    search_fields = ["name", "description"]


register_snippet(AnnouncementViewSet)
register_snippet(ApplicationViewSet)


class DashboardView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "portal/admin/dashboard.html"
    page_title = _("Tableau de bord du portail")
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(DASHBOARD_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "figures": figures()}


@hooks.register("register_admin_urls")
def register_portal_admin_urls():
    return [path("portail/tableau-de-bord/", DashboardView.as_view(), name="portal_dashboard")]


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(DASHBOARD_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_portal_dashboard_menu_item():
    return DashboardMenuItem(_("Tableau de bord du portail"), reverse("portal_dashboard"), icon_name="table", order=262)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def warn_when_several_announcements_are_pinned(request, instance):
    """The home page shows one announcement: say which, when several are pinned at the same time."""
    if not isinstance(instance, Announcement):
        return
    current = list(Announcement.objects.current()[:10])
    if len(current) > 1:
        messages.warning(
            request,
            _("%(count)d annonces sont épinglées en ce moment ; l'accueil n'en montre qu'une : « %(shown)s ». "
              "Retirez l'épingle des autres ou décalez leurs dates.") % {"count": len(current), "shown": current[0]},
        )


@hooks.register("register_dashboard_shortcut")
def new_announcement(request):
    if request.user.has_perm("portal.add_announcement"):
        url = reverse("wagtailsnippets_portal_announcement:add")
        return Shortcut(_("Nouvelle annonce"), url, _("épinglée en tête de l'accueil"), icon="warning")
    return None


# The spots other apps' pages open with `{% plugged_in %}`.
hooks.register("register_home_page_fragment", fragments.home_blocks)
hooks.register("register_page_heading_fragment", fragments.follow_button)
hooks.register("register_page_share_fragment", fragments.share_link)
hooks.register("register_service_page_end_fragment", fragments.service_shares)

# After Wagtail's own privacy check (order 0); the welcome before the cached page.
hooks.register("before_serve_page", lead_to_welcome, order=50)
hooks.register("before_serve_page", serve_cached_home, order=100)


@hooks.register("register_service_page_block", order=20)
def followed_news_block(page, request, *, refused):
    """The latest news the agent may see of the services this one follows (chosen by its editors),
    by the rule agents' own follows use."""
    followed = page.followed_services.exclude(pk=page.pk).values_list("pk", flat=True)
    news = items_for(user=request.user, service_ids=followed, limit=FOLLOWED_NEWS_ON_HOME, refused=refused)
    return "portal/includes/service_page_followed_news.html", {"followed_news": list(news)}


@hooks.register("followed_channel_ids")
def followed_channels(user):
    """The channels the agent follows, marked and listed first in the bouquet (newsfeeds)."""
    return followed_ids(user)[0]


@hooks.register("register_search_box", order=10)
def applications_search_box(request, query, pages):
    """The town's applications this agent's groups may use, matched in the site's full-text index."""
    return {
        "key": "applications",
        "label": "Applications",
        "indexed": Application.objects.visible_to(request.user),
        "hit": lambda application: (application.name, application.url, application.description),
        "more_url": reverse("portal:applications"),
    }


@hooks.register("register_role_permissions")
def portal_roles():
    """The Rédaction runs Mon portail: announcements, applications, default subscriptions, dashboard."""
    snippets = [f"portal.{action}_{model}" for model in ("announcement", "application")
                for action in ("add", "change", "delete", "view")]
    return {EDITORS: RoleGrant(
        model_permissions=[*snippets, "portal.change_defaultsubscriptions", "portal.view_portal_dashboard"],
    )}
