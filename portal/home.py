"""The agent's part of the home page, built in a fixed number of queries and cached per agent."""

import hashlib
from datetime import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from core import generations
from core.collation import french
from core.visibility import refused_paths

from . import services
from .extensions import extension_blocks
from .models import Announcement, FavouriteApplication, PortalProfile

HOME_ITEMS = 12
SERVICE_ITEMS = 5
CACHE_SECONDS = 120
SESSION_SINCE_KEY = "portal_since"
SESSION_PROFILE_KEY = "portal_profile"
SESSION_WELCOME_KEY = "portal_welcome"


def visit_since(request, profile):
    """The previous visit, frozen for the whole session: what is "nouveau" stays marked while
    the agent browses, and is no longer at their next session."""
    if SESSION_SINCE_KEY not in request.session:
        previous = profile.last_visit_at
        request.session[SESSION_SINCE_KEY] = previous.isoformat() if previous else ""
    value = request.session[SESSION_SINCE_KEY]
    return datetime.fromisoformat(value) if value else None


def build_context(request, *, profile, since, now=None):
    user = request.user
    now = now or timezone.now()
    refused = refused_paths(user)  # one query for every listing below
    channel_ids, service_ids = services.followed_ids(user)
    follows_nothing = not channel_ids and not service_ids
    if follows_nothing:
        channel_ids, service_ids = services.default_bouquet()
    items = list(
        services.items_for(user=user, channel_ids=channel_ids, service_ids=service_ids, limit=HOME_ITEMS,
                           refused=refused)
    )
    for item in items:
        item.is_new = bool(since and item.published_at > since)
    own_service = services.own_service_page(user, refused=refused)
    own_items = []
    if own_service:
        own_items = list(services.items_for(user=user, service_ids=[own_service.pk], limit=SERVICE_ITEMS,
                                            refused=refused))
    favourites = list(
        FavouriteApplication.objects.filter(user=user)
        .select_related("application", "application__icon")
        .order_by("application__position", french("application__name"))
    )
    return {
        "announcement": Announcement.objects.current(now).first(),
        "profile": profile,
        "items": items,
        "follows_nothing": follows_nothing,
        "own_service": own_service,
        "own_items": own_items,
        "favourites": [favourite.application for favourite in favourites],
        "extension_blocks": extension_blocks(request, now=now, refused=refused),
    }


def _visit(request):
    """The agent's profile and previous visit, once per request (the page cache and the blocks share it).

    What the home page needs of the profile is kept in the session between two visit records
    (every VISIT_GRANULARITY_SECONDS), which spares a query on most home page views.
    """
    if hasattr(request, "_portal_visit"):
        return request._portal_visit
    now = timezone.now()
    state = request.session.get(SESSION_PROFILE_KEY)
    last_visit = datetime.fromisoformat(state["last_visit"]) if state else None
    if last_visit and (now - last_visit).total_seconds() < services.VISIT_GRANULARITY_SECONDS:
        profile = PortalProfile(pk=state["pk"], user=request.user, welcomed=state["welcomed"], last_visit_at=last_visit)
        since = visit_since(request, profile)
    else:
        profile = services.get_profile(request.user)
        since = visit_since(request, profile)
        services.record_visit(profile=profile, now=now)
        request.session[SESSION_PROFILE_KEY] = {
            "pk": profile.pk,
            "welcomed": profile.welcomed,
            "last_visit": profile.last_visit_at.isoformat(),
        }
    request._portal_visit = (profile, since)
    return request._portal_visit


def forget_profile_state(request):
    """After a change of the profile that the home page shows (welcome)."""
    request.session.pop(SESSION_PROFILE_KEY, None)


def cache_lookup(request, kind, *extra):
    """(key, generations, cached value or None), in one cache round trip.

    The key is per agent and per state of what the blocks show (date_joined tells apart two
    accounts that reused a primary key); the value is stored with the generations it was built
    under, and is stale when one of them has moved since.
    """
    user = request.user
    profile, since = _visit(request)
    parts = [
        kind,
        user.pk,
        int(user.date_joined.timestamp() * 1e6),
        since.timestamp() if since else "",
        int(profile.welcomed),
        *extra,
    ]
    key = "portal:" + ":".join(str(part) for part in parts)
    watched = [services.GLOBAL_GENERATION, services.user_generation(user.pk), generations.VISIBILITY]
    current, hit, value = generations.lookup(key, watched)
    return key, current, value if hit else None


def _csrf_part(request):
    cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    return hashlib.sha256(cookie.encode()).hexdigest()[:16]


def cache_store(key, current, value):
    generations.store(key, current, value, CACHE_SECONDS)


def render_home_blocks(request):
    if not request.user.is_authenticated:
        return ""
    profile, since = _visit(request)
    if not request.COOKIES.get(settings.CSRF_COOKIE_NAME):
        # The blocks hold forms (« J'ai pris connaissance ») whose CSRF token is the browser's:
        # a browser without its cookie yet gets a fresh rendering, never a cached one.
        return render_to_string("portal/home_blocks.html", build_context(request, profile=profile, since=since),
                                request)
    key, current, html = cache_lookup(request, "blocks", _csrf_part(request))
    if html is None:
        context = build_context(request, profile=profile, since=since)
        html = render_to_string("portal/home_blocks.html", context, request)
        cache_store(key, current, html)
    return html


def offer_welcome_at_login(sender, request, user, **kwargs):
    """At an agent's first login through the login form, mark the session: the home page they
    land on leads them to the welcome (see lead_to_welcome). Logins without a form (the test
    client, the admin) are left alone."""
    if request is not None and request.method == "POST" and services.needs_welcome(user):
        request.session[SESSION_WELCOME_KEY] = True


def lead_to_welcome(page, request, serve_args, serve_kwargs):
    """Wagtail hook: a first login that lands on the home page redirects to the welcome, once. A
    login to another page (a link followed before logging in) keeps that page, and the welcome waits
    for a later login."""
    from django.shortcuts import redirect

    from home.models import HomePage

    if not request.session.pop(SESSION_WELCOME_KEY, False) or not isinstance(page, HomePage):
        return None
    services.offer_welcome(request.user)
    return redirect("portal:welcome")


def serve_cached_home(page, request, serve_args, serve_kwargs):
    """Serve the whole home page from the cache for a logged-in agent (Wagtail hook).

    Everything on it is either the agent's (their blocks, their name) or shared content whose
    changes move the global generation (pages, editorial, town settings). The key also holds the
    browser's CSRF cookie, since the page's forms (log out) carry a token for it. Not cached: a
    request with pending messages, a query string, or a browser without a CSRF cookie yet.
    """
    from django.contrib.messages import get_messages
    from django.http import HttpResponse

    from home.models import HomePage

    csrf_cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME)
    if (
        not isinstance(page, HomePage)
        or request.method != "GET"
        or request.GET
        or not request.user.is_authenticated
        or not csrf_cookie
        or len(get_messages(request))
    ):
        return None
    key, current, html = cache_lookup(request, "page", _csrf_part(request))
    if html is not None:
        from mairie_site.offline import mark_for_offline

        # As HomePage.serve marks it: the offline worker may keep the agent's own home page.
        return mark_for_offline(HttpResponse(html))
    response = page.serve(request, *serve_args, **serve_kwargs)
    if hasattr(response, "render"):
        response.render()
    if response.status_code == 200:
        cache_store(key, current, response.content)
    return response
