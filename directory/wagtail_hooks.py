"""HR's admin for the directory: services and agents, as snippets grouped under "Annuaire"; the
agents' box in the site search and the team on each service page.

The admin lists every agent, including those on the liste rouge and inactive ones: HR must see
them; only the public outputs filter them out.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.dashboard import Shortcut
from home.models import Section
from home.roles import HUMAN_RESOURCES, RoleGrant

from .models import Agent, DirectoryPage, Service
from .queries import search_agents, service_team


class ServiceViewSet(SnippetViewSet):
    model = Service
    icon = "group"
    menu_label = _("Services")
    list_display = ["name", "acronym", "code", "parent", "head"]
    list_filter = ["parent"]
    search_fields = ["name", "acronym", "code"]
    search_backend_name = None
    ordering = ["position", "name"]


class AgentViewSet(SnippetViewSet):
    model = Agent
    icon = "user"
    menu_label = _("Agents")
    list_display = ["full_name", "matricule", "job_title", "service", "extension", "do_not_list", "is_active"]
    list_filter = ["service", "is_active", "do_not_list", "source", "photo_consent"]
    search_fields = ["last_name", "usual_name", "first_name", "matricule", "job_title", "extension", "email"]
    search_backend_name = None
    ordering = ["sort_name"]
    list_per_page = 50

    def get_queryset(self, request):
        return Agent.objects.select_related("service")


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (AgentViewSet, ServiceViewSet)
    menu_icon = "group"
    menu_label = _("Annuaire")
    menu_name = "annuaire"


register_snippet(DirectoryViewSetGroup)


@hooks.register("register_dashboard_shortcut")
def add_an_agent(request):
    if request.user.has_perm("directory.add_agent"):
        url = reverse("wagtailsnippets_directory_agent:add")
        return Shortcut(_("Ajouter un agent"), url, _("à l'annuaire"), icon="user")
    return None


@hooks.register("register_service_page_block", order=30)
def service_team_block(page, request, *, refused):
    return "directory/includes/service_page_team.html", {"team": service_team(page)}


@hooks.register("register_search_box", order=20)
def agents_search_box(request, query, pages):
    """Visible agents only: the directory's queries never return inactive or unlisted agents."""
    directory = DirectoryPage.objects.filter(pk__in=pages.values("pk")).first()  # one query, not specific()'s two
    if directory is None:
        return None
    base = directory.get_url(request)
    return {
        "key": "agents",
        "label": "Agents",
        "found": search_agents(query).order_by("sort_name"),
        "hit": lambda agent: (
            agent.full_name,
            base + directory.reverse_subpage("agent", args=[agent.pk]),
            " — ".join(part for part in (agent.job_title, str(agent.service or ""), agent.extension) if part),
        ),
        "more_url": f"{base}?{urlencode({'q': query})}",
    }


@hooks.register("register_role_permissions")
def directory_roles():
    """Human resources own the directory's section, its services and agents."""
    organisation = [f"directory.{action}_{model}" for model in ("agent", "service")
                    for action in ("add", "change", "delete", "view")]
    return {HUMAN_RESOURCES: RoleGrant(sections=[Section.DIRECTORY], model_permissions=organisation)}
