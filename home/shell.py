"""The site shell every page shares (menu, breadcrumb, editorial, town settings), cached across requests.

Every cached entry is keyed on one generation number, moved when something the shell shows may
change: a page published, unpublished, moved or deleted, a site, the editorial or the town
settings saved. Entries hold plain values (titles and URLs), never model instances with state.
Nothing here depends on the agent: the menu lists the section roots, which every agent sees.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "shell:generation"
PERMISSIONS_GENERATION_KEY = "shell:permissions-generation"
TIMEOUT = 24 * 3600


def generation(request):
    """Read once per request: the menu, the breadcrumb and the settings share it."""
    if not hasattr(request, "_shell_generation"):
        request._shell_generation = cache.get(GENERATION_KEY, 0)
    return request._shell_generation


def _bump(key):
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, None)


def bump_generation(**kwargs):
    _bump(GENERATION_KEY)


def bump_permissions_generation(**kwargs):
    _bump(PERMISSIONS_GENERATION_KEY)


def cached(request, name, build):
    """`build()` once per generation (and per host, URLs being relative to the site)."""
    key = f"shell:{generation(request)}:{request.get_host()}:{name}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def _link(page, request):
    return {"pk": page.pk, "path": page.path, "depth": page.depth, "title": page.title, "url": page.get_url(request)}


def menu_items(request):
    """The section roots shown in menus: [{pk, path, depth, title, url, search_description}]."""

    def build():
        site = Site.find_for_request(request)
        if site is None:
            return []
        root = site.root_page
        pages = (
            Page.objects.filter(depth=root.depth + 1, path__startswith=root.path)
            .live()
            .in_menu()
            .only("title", "url_path", "path", "depth", "search_description")
        )
        return [{**_link(page, request), "search_description": page.search_description} for page in pages]

    if not hasattr(request, "_menu_items"):
        request._menu_items = cached(request, "menu", build)
    return request._menu_items


def ancestors(request, page):
    """The breadcrumb above `page`, from the home page down: [{pk, path, depth, title, url}]."""
    if page.depth <= 2:
        return []

    def build():
        pages = page.get_ancestors().filter(depth__gte=2).only("title", "url_path", "path", "depth")
        return [_link(ancestor, request) for ancestor in pages]

    return cached(request, f"ancestors:{page.path}", build)


def editorial(request):
    """The published word of welcome (a HomeEditorial), or None."""
    from .models import HomeEditorial

    # A cached None is indistinguishable from a miss: store a list.
    return cached(request, "editorial", lambda: [HomeEditorial.current()])[0]


def town_settings(request):
    """The TownSettings of the footer and the titles (created on first use, as Wagtail does)."""
    from .models import TownSettings

    return cached(request, "town-settings", TownSettings._get_or_create)


def can_access_admin(request):
    """Whether the agent sees the admin link and the Wagtail user bar, without the two permission
    queries on every page: per agent, keyed on what the answer depends on (superuser, active, and a
    generation moved when groups or permissions change)."""
    user = request.user
    if not user.is_authenticated:
        return False
    generation = cache.get(PERMISSIONS_GENERATION_KEY, 0)
    key = f"shell:admin:{generation}:{user.pk}:{user.date_joined.timestamp()}:{user.is_superuser}:{user.is_active}"
    allowed = cache.get(key)
    if allowed is None:
        allowed = user.has_perm("wagtailadmin.access_admin")
        cache.set(key, allowed, TIMEOUT)
    return allowed


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        bump_generation()


def _page_created(sender, instance, created, **kwargs):
    # Pages created live without a publication (the demo, imports) reach the menu only at the
    # level of the section roots; deeper ones (thousands of imported items) change no shell entry.
    if created and isinstance(instance, Page) and instance.depth <= 3:
        bump_generation()


def connect():
    from .models import HomeEditorial, TownSettings

    for name, signal in (("published", page_published), ("unpublished", page_unpublished), ("moved", post_page_move)):
        signal.connect(bump_generation, dispatch_uid=f"shell_page_{name}")
    post_delete.connect(_page_deleted, dispatch_uid="shell_page_deleted")
    post_save.connect(_page_created, dispatch_uid="shell_page_created")
    for model in (Site, HomeEditorial, TownSettings):
        post_save.connect(bump_generation, sender=model, dispatch_uid=f"shell_saved_{model.__name__}")
        post_delete.connect(bump_generation, sender=model, dispatch_uid=f"shell_deleted_{model.__name__}")
    user_model = get_user_model()
    for relation in (user_model.groups, user_model.user_permissions, Group.permissions):
        m2m_changed.connect(
            bump_permissions_generation, sender=relation.through, dispatch_uid=f"shell_{relation.through.__name__}"
        )
    for model in (Group, Permission):
        post_delete.connect(
            bump_permissions_generation, sender=model, dispatch_uid=f"shell_permissions_{model.__name__}"
        )
