"""Who may see which page: Wagtail's view restrictions, applied the same way everywhere a page can
surface (page, listing, count, facet, suggestion, export, feed, follow button, chooser, cache).

The rule is Wagtail's (`PageViewRestriction.accept_request`), for listings:
- a page restricted to groups, and everything below it, is visible to the members of one of those
  groups and to superusers, to nobody else;
- a page restricted to logged-in users is visible to every logged-in user;
- a page restricted by a shared password is never listed: only its own URL asks for the password.
  A listing built for one agent must not depend on what was typed in one browser session, and a
  cached block would carry it to the agent's other sessions.

An app may refuse more pages to some agents (the audience of a note de service): it registers a
Wagtail hook `visibility_refused_paths`, a function `(user) -> [path, ...]` of the pages `user`
may not see (every page it may refuse to someone when `user` is None), in one query. Its pages
are then refused wherever this module's rule applies, like a restriction to groups.

Never filter restricted pages by hand (`.public()` hides login-restricted pages from logged-in
agents, a prefix list read once and cached goes stale): call `visible_pages`.

Documents follow their collection's view restrictions (and those of the collections above it), read
for one request: `visible_documents`.
"""

import hashlib

from django.db.models import Exists, OuterRef, Q
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.models import BaseViewRestriction, Collection, CollectionViewRestriction, Page, PageViewRestriction

REFUSED_PATHS_HOOK = "visibility_refused_paths"


def refused_by_apps(user):
    """The paths the apps' own rules refuse to `user` (to someone, when `user` is None)."""
    return [path for rule in hooks.get_hooks(REFUSED_PATHS_HOOK) for path in rule(user)]


def refused_paths(user):
    """The tree paths of the view restrictions `user` does not pass and of the pages the apps refuse
    them (one query each), shortest first."""
    accepted = Q(restriction_type=BaseViewRestriction.NONE)
    if user is not None and user.is_authenticated:
        accepted |= Q(restriction_type=BaseViewRestriction.LOGIN)
        if user.is_superuser:
            accepted |= Q(restriction_type=BaseViewRestriction.GROUPS)
        else:
            membership = PageViewRestriction.groups.through.objects.filter(
                pageviewrestriction_id=OuterRef("pk"), group__user=user
            )
            accepted |= Q(Exists(membership), restriction_type=BaseViewRestriction.GROUPS)
    paths = [*PageViewRestriction.objects.exclude(accepted).values_list("page__path", flat=True),
             *refused_by_apps(user)]
    return sorted(set(paths), key=lambda path: (len(path), path))


def under_q(paths, field="path"):
    """A Q matching the rows at or under one of the tree `paths` (through the path field `field`);
    with no path, a Q matching nothing."""
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{field}__startswith": path})
    return query


def visible_pages(queryset, user, *, field="path", paths=None):
    """`queryset` (pages, or rows pointing to a page through `field`, e.g. "page__path") without
    what `user` may not see. Give `paths` (from `refused_paths`) to share one read between listings."""
    paths = refused_paths(user) if paths is None else paths
    return queryset.exclude(under_q(paths, field)) if paths else queryset


def is_visible(page, user, *, paths=None):
    """Whether `user` may see `page` under the listing rule (live pages only)."""
    if page is None or not page.live:
        return False
    paths = refused_paths(user) if paths is None else paths
    return not any(page.path.startswith(path) for path in paths)


def live_pages_for(user):
    """Every live page `user` may see, the root excluded."""
    return visible_pages(Page.objects.live().filter(depth__gt=1), user)


def signature(paths):
    """A short, stable text naming a set of refused paths: a cache key part shared by the agents
    who are refused the same restrictions (most agents refuse the same ones)."""
    return hashlib.sha256("|".join(paths).encode()).hexdigest()[:16] if paths else "all"


def refused_to_some_agent():
    """The paths that at least one logged-in agent may not see (group and password restrictions,
    the apps' own rules)."""
    paths = [*PageViewRestriction.objects.exclude(
        restriction_type__in=[BaseViewRestriction.NONE, BaseViewRestriction.LOGIN]
    ).values_list("page__path", flat=True), *refused_by_apps(None)]
    return sorted(set(paths), key=lambda path: (len(path), path))


def visible_to_every_agent(queryset, *, field="path"):
    """`queryset` without what some agent may not see: for what is published or shared whoever
    asks (open data, the liste des délibérations, documents generated once for all)."""
    return visible_pages(queryset, None, field=field, paths=refused_to_some_agent())


def visible_documents(request):
    """Documents outside the private collections (and their sub-collections) the user is refused."""
    documents = get_document_model().objects.all()
    refused_paths = [
        restriction.collection.path
        for restriction in CollectionViewRestriction.objects.select_related("collection").prefetch_related("groups")
        if not restriction.accept_request(request)
    ]
    if refused_paths:
        refused_ids = set()
        for path in refused_paths:
            refused_ids |= set(Collection.objects.filter(path__startswith=path).values_list("pk", flat=True))
        documents = documents.exclude(collection_id__in=refused_ids)
    return documents


def may_see_q(page, *, user_field="user"):
    """The rule read the other way round: a Q keeping the rows (agents, accounts: `user_field` names
    their account, "" for the users themselves) whose account passes the view restrictions on `page`
    and above it. For what is sent to people rather than asked for (reminders, read reports)."""
    from django.contrib.auth import get_user_model

    prefix = f"{user_field}__" if user_field else ""
    account = OuterRef(f"{user_field}_id" if user_field else "pk")
    ancestors = [page.path[:end] for end in range(Page.steplen, len(page.path) + 1, Page.steplen)]
    passes = Q()
    for restriction in PageViewRestriction.objects.filter(page__path__in=ancestors).prefetch_related("groups"):
        if restriction.restriction_type == BaseViewRestriction.PASSWORD:
            return Q(pk__in=[])  # never listed, so never sent either
        if restriction.restriction_type == BaseViewRestriction.GROUPS:
            member = get_user_model().groups.through.objects.filter(
                user_id=account, group__in=[group.pk for group in restriction.groups.all()]
            )
            passes &= Q(Exists(member)) | Q(**{f"{prefix}is_superuser": True})
    return passes
