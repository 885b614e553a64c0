"""What a service page shows as the service's home: its latest news, the latest news of the
services it follows, its team from the directory (heads first), its documents. Each is one query
whatever the numbers of news, agents and documents (tests/home/test_service_home.py guards the
page's count)."""

from django.db.models import Q

NEWS_ON_HOME = 5
FOLLOWED_NEWS_ON_HOME = 5
DOCUMENTS_ON_HOME = 5


def service_news(service, user, *, refused=None):
    """The service's published news items `user` may read, newest first, with their thumbnails:
    written under its page or sent by it (`refused`: the user's refused paths when the caller
    already read them)."""
    from newsfeeds.listing import visible_news, with_thumbnails

    return with_thumbnails(
        visible_news(user, paths=refused)
        .filter(Q(service=service) | Q(path__startswith=service.path))
        .select_related("channel")
    )


def followed_news(service, user, *, refused=None):
    """The latest news `user` may see of the services this one follows (chosen by its editors)."""
    from portal.services import items_for  # the rule agents' own follows use (portal app)

    followed = service.followed_services.exclude(pk=service.pk).values_list("pk", flat=True)
    return list(items_for(user=user, service_ids=followed, limit=FOLLOWED_NEWS_ON_HOME, refused=refused))


def service_team(service):
    """The active, listed agents of the directory's services linked to this page, heads first."""
    from directory.models import Agent

    agents = list(
        Agent.objects.visible().filter(service__service_page=service)
        .select_related("service__head")
        .order_by("sort_name", "pk")
    )
    return sorted(agents, key=lambda agent: agent.service.head_id != agent.pk)


def service_documents(service, request, *, kind=None, year=None):
    """The documents the service owns (its profile) or files in its collection, most recent first,
    outside the private collections the agent is refused."""
    from search.engine import visible_documents  # the one collection-privacy rule of the site

    documents = visible_documents(request).filter(
        Q(profile__owner_service=service) | Q(collection__service_editors__service_page=service)
    )
    if kind:
        documents = documents.filter(profile__kind=kind)
    if year:
        documents = documents.filter(Q(profile__document_date__year=year)
                                     | Q(profile__document_date__isnull=True, created_at__year=year))
    return documents.select_related("profile").order_by("-created_at", "-pk")
