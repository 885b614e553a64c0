"""What a service page shows as the service's home. Besides its own content, the blocks other apps
plug in with the `register_service_page_block` hook, in the hooks' `order`: the service's latest
news (newsfeeds, 10), the latest news of the services it follows (portal, 20), its team from the
directory (30), its documents (home, 40). A block is a function `(page, request, *, refused)`
(`refused`: the agent's refused paths, read once for the whole page) returning `(template_name,
context)`: the page includes the template and renders with the context. Each block is one query
whatever the numbers of news, agents and documents (tests/home/test_service_home.py guards the
page's count).

An app may also serve a page below the service page (the service's news, actualites/) with the
`register_service_page_urls` hook: a function returning routes (`django.urls.path`) whose views
take `(page, request)`, as the page's own routes do."""

from django.db.models import Q
from wagtail import hooks

from core.visibility import visible_documents

DOCUMENTS_ON_HOME = 5


def blocks(page, request, *, refused):
    """The plugged-in blocks' templates, in display order, and the context they read."""
    templates, context = [], {}
    for block in hooks.get_hooks("register_service_page_block"):
        template_name, block_context = block(page, request, refused=refused)
        templates.append(template_name)
        context.update(block_context)
    return templates, context


def plugged_urls():
    return tuple(route for urls in hooks.get_hooks("register_service_page_urls") for route in urls())


def service_documents(service, request, *, kind=None, year=None):
    """The documents the service owns (its profile) or files in its collection, most recent first,
    outside the private collections the agent is refused."""
    documents = visible_documents(request).filter(
        Q(profile__owner_service=service) | Q(collection__service_editors__service_page=service)
    )
    if kind:
        documents = documents.filter(profile__kind=kind)
    if year:
        documents = documents.filter(Q(profile__document_date__year=year)
                                     | Q(profile__document_date__isnull=True, created_at__year=year))
    return documents.select_related("profile").order_by("-created_at", "-pk")


def documents_block(page, request, *, refused):
    return "home/includes/service_page_documents.html", {
        "documents": service_documents(page, request)[:DOCUMENTS_ON_HOME]
    }
