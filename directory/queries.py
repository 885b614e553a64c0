"""The querysets the directory's pages need, built once and guarded by query-count tests.

Every function here starts from `Agent.objects.visible()`: no public output may list an agent
who is inactive or on the liste rouge.
"""

from core.collation import sort_key

from .chart import descendant_ids
from .models import Agent, Service
from .text import search_tokens


def all_services():
    """Every service with its head, in display order (one query; the tree is small)."""
    return list(Service.objects.select_related("head"))


def search_agents(query="", *, service=None, building="", services=None):
    """Visible agents matching every word of `query`, optionally within a service (and its
    sub-services) and a building."""
    agents = Agent.objects.visible().matching(query)
    if service is not None:
        ids = descendant_ids(services if services is not None else all_services(), service.pk)
        agents = agents.filter(service_id__in=ids)
    if building:
        agents = agents.filter(building=building)
    return agents.select_related("service")


def service_team(service_page):
    """The active, listed agents of the directory's services linked to this page, heads first."""
    agents = list(
        Agent.objects.visible().filter(service__service_page=service_page)
        .select_related("service__head")
        .order_by("sort_name", "pk")
    )
    return sorted(agents, key=lambda agent: agent.service.head_id != agent.pk)


def search_services(query, services):
    """Services whose name or acronym contain every word of `query`, from a loaded list."""
    tokens = search_tokens(query)
    if not tokens:
        return []
    return [s for s in services if all(token in s.search_key for token in tokens)]


def buildings():
    """The buildings where visible agents work, for the filter."""
    names = Agent.objects.visible().exclude(building="").order_by().values_list("building", flat=True).distinct()
    return sorted(names, key=sort_key)


def suggestions(query, limit=10):
    """Autocomplete: a few visible agents for a partial name (at least two letters)."""
    if len("".join(search_tokens(query))) < 2:
        return Agent.objects.none()
    return Agent.objects.visible().matching(query).select_related("service")[:limit]


def heads_of(service_pages):
    """The visible heads of the directory services linked to these service pages (facilities
    show them as their contacts)."""
    return (
        Agent.objects.visible()
        .filter(headed_services__service_page__in=service_pages)
        .select_related("service")
        .distinct()
        .order_by("sort_name")
    )
