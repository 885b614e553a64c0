"""The site shell every page shares, cached across requests: the Wagtail Site, the menu, the
breadcrumbs, what apps show in it (home's editorial and town settings, through `cached` and
`follow`), and per agent the admin link.

Every cached entry is stored with the generation it was built under, a number moved when something
the shell shows may change: a page published, unpublished, moved, deleted or created at the section
level, a site, the editorial or the town settings saved, a view restriction or a group membership
changed. Nothing cached here depends on the agent: the menu is cached once with the restrictions that
cover its entries, and each request drops the entries its agent may not see (core.visibility's rule;
a query only in a town that restricts a section root), the admin link is cached per agent.
"""


from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import generations
from core.visibility import refused_paths, refused_to_some_agent

GENERATION = generations.Generation("shell:generation")
PERMISSIONS_GENERATION = generations.Generation("shell:permissions-generation")
TIMEOUT = 24 * 3600


# This process's copies of the entries it read, with their generation: an entry unchanged since
# the last request is neither fetched nor unpickled again (a Site with its root page costs more to
# unpickle than to route). Bounded: emptied when it passes LOCAL_MAX entries (breadcrumbs are per page).
_local = {}
LOCAL_MAX = 1000


bump_generation = GENERATION.bump
bump_permissions_generation = PERMISSIONS_GENERATION.bump


def generation(request):
    """The shell generation, read once per request: one cache round trip, whatever the page shows."""
    current = getattr(request, "_shell_generation", None)
    if current is None:
        current = request._shell_generation = GENERATION.current()
    return current


def cached(request, name, build):
    """`build()` once per generation and per host (URLs are relative to the site).

    The generation is read once per request; an entry this process already holds for it costs no
    round trip; otherwise it comes from the shared cache, built and stored there when missing or
    older. The values are shared by the requests of a process: they are read, never changed.
    """
    key = f"shell:{request.get_host()}:{name}"
    current = generation(request)
    local = _local.get(key)
    if local is not None and local[0] == current:
        return local[1]
    entry = cache.get(key)
    if entry is not None and entry["generation"] == current:
        value = entry["value"]
    else:
        value = build()
        cache.set(key, {"generation": current, "value": value}, TIMEOUT)
    if len(_local) >= LOCAL_MAX:
        _local.clear()
    _local[key] = (current, value)
    return value


def site(request):
    """The request's Wagtail Site with its root page ready to route (see CachedSiteMiddleware)."""

    def build():
        found = Site._find_for_request(request)
        if found is not None:
            found.root_page.specific  # noqa: B018 -- cached on the instance, kept with it in the cache
        return found

    return cached(request, f"site:{request.get_port()}", build)


def _link(page, request):
    return {"pk": page.pk, "path": page.path, "depth": page.depth, "title": page.title, "url": page.get_url(request)}


def menu_items(request):
    """The section roots shown in menus, then the pages apps add to the main menu through the
    `register_main_menu_page` hook (a function returning a page or None, such as the map), without
    those the agent may not see: [{pk, path, depth, title, url, search_description}]."""

    def build():
        site = Site.find_for_request(request)
        if site is None:
            return {"items": [], "restricted": []}
        root = site.root_page
        pages = (
            Page.objects.filter(depth=root.depth + 1, path__startswith=root.path)
            .live()
            .in_menu()
            .only("title", "url_path", "path", "depth", "search_description")
        )
        pages = list(pages)
        for hook in hooks.get_hooks("register_main_menu_page"):
            extra = hook(site)
            if extra is not None and extra.pk not in {page.pk for page in pages}:
                pages.append(extra)
        items = [{**_link(page, request), "search_description": page.search_description} for page in pages]
        # The restrictions some agent does not pass that cover an entry (on it or above it).
        restricted = [path for path in refused_to_some_agent() if any(item["path"].startswith(path) for item in items)]
        return {"items": items, "restricted": restricted}

    if not hasattr(request, "_menu_items"):
        menu = cached(request, "menu", build)
        items = menu["items"]
        if menu["restricted"]:
            refused = [path for path in refused_paths(request.user) if path in menu["restricted"]]
            items = [item for item in items if not any(item["path"].startswith(path) for path in refused)]
        request._menu_items = items
    return request._menu_items


def ancestors(request, page):
    """The breadcrumb above `page`, from the home page down: [{pk, path, depth, title, url}]."""
    if page.depth <= 2:
        return []

    def build():
        pages = page.get_ancestors().filter(depth__gte=2).only("title", "url_path", "path", "depth")
        return [_link(ancestor, request) for ancestor in pages]

    return cached(request, f"ancestors:{page.path}", build)


def can_access_admin(request):
    """Whether the agent sees the admin link and the Wagtail user bar, without the two permission
    queries on every page: per agent, keyed on what the answer depends on (superuser, active, and a
    generation moved when groups or permissions change)."""
    user = request.user
    if not user.is_authenticated:
        return False
    generation = PERMISSIONS_GENERATION.current()
    key = f"shell:admin:{generation}:{user.pk}:{user.date_joined.timestamp()}:{user.is_superuser}:{user.is_active}"
    allowed = cache.get(key)
    if allowed is None:
        allowed = user.has_perm("wagtailadmin.access_admin")
        cache.set(key, allowed, TIMEOUT)
    return allowed


def _page_changed(sender, instance, **kwargs):
    """Published, unpublished or deleted: the menu shows the section level, breadcrumbs show pages
    that have children. Items (thousands, imported) change neither: the shell stays cached."""
    if not isinstance(instance, Page):
        return
    if instance.depth <= 3 or Page.objects.filter(pk=instance.pk, numchild__gt=0).exists():
        bump_generation()


def _page_created(sender, instance, created, **kwargs):
    # Pages created live without a publication (the demo, imports) reach the menu only at the
    # level of the section roots; deeper ones (thousands of imported items) change no shell entry.
    if created and isinstance(instance, Page) and instance.depth <= 3:
        bump_generation()


def follow(*models):
    """Move the generation when one of these models (what an app shows in the shell: the home's
    editorial, the town settings) is saved or deleted; the app reads them through `cached`."""
    for model in models:
        post_save.connect(bump_generation, sender=model, dispatch_uid=f"shell_saved_{model._meta.label}")
        post_delete.connect(bump_generation, sender=model, dispatch_uid=f"shell_deleted_{model._meta.label}")


def connect():
    page_published.connect(_page_changed, dispatch_uid="shell_page_published")
    page_unpublished.connect(_page_changed, dispatch_uid="shell_page_unpublished")
    post_delete.connect(_page_changed, dispatch_uid="shell_page_deleted")
    post_page_move.connect(bump_generation, dispatch_uid="shell_page_moved")
    post_save.connect(_page_created, dispatch_uid="shell_page_created")
    # The menu keeps the restrictions that cover its entries (see menu_items).
    post_save.connect(bump_generation, sender=PageViewRestriction, dispatch_uid="shell_restriction_saved")
    post_delete.connect(bump_generation, sender=PageViewRestriction, dispatch_uid="shell_restriction_deleted")
    m2m_changed.connect(
        bump_generation, sender=PageViewRestriction.groups.through, dispatch_uid="shell_restriction_groups"
    )
    follow(Site)
    user_model = get_user_model()
    for relation in (user_model.groups, user_model.user_permissions, Group.permissions):
        m2m_changed.connect(
            bump_permissions_generation, sender=relation.through, dispatch_uid=f"shell_{relation.through.__name__}"
        )
    for model in (Group, Permission):
        post_delete.connect(
            bump_permissions_generation, sender=model, dispatch_uid=f"shell_permissions_{model.__name__}"
        )
