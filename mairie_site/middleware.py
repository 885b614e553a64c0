"""Session lifetime (an idle timeout without a write per request, and an absolute limit) and
private caching of authenticated responses."""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.cache import patch_cache_control

SESSION_TOUCH_KEY = "_last_touch"
SESSION_START_KEY = "_started"
# Set in the fresh session after the absolute limit, so that the login page can say why.
SESSION_EXPIRED_KEY = "_expired"
TOUCH_INTERVAL_SECONDS = 60


class SessionLifetimeMiddleware:
    """Renew the session at most once a minute, and end it after SESSION_ABSOLUTE_SECONDS.

    `SESSION_SAVE_EVERY_REQUEST` would write the session row on every page view; renewing once a
    minute keeps the idle timeout (`SESSION_COOKIE_AGE`) accurate to a minute for a fraction of
    the writes. The absolute limit ends even an active session (a shared or stolen computer).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and request.user.is_authenticated:
            now = int(time.time())
            started = session.setdefault(SESSION_START_KEY, now)
            if now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                request.session[SESSION_EXPIRED_KEY] = True
                return redirect_to_login(request.get_full_path())
            if now - session.get(SESSION_TOUCH_KEY, 0) >= TOUCH_INTERVAL_SECONDS:
                session[SESSION_TOUCH_KEY] = now
        return self.get_response(request)


class PrivateCacheMiddleware:
    """Mark every response to a logged-in agent `Cache-Control: private`, unless it says `public`.

    What an agent sees depends on who they are (restricted pages, their portal, their
    subscriptions): no shared cache (a proxy, a CDN) may keep it and hand it to someone else.
    Directives a view sets (`no-store`, `max-age`) are kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and "public" not in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True)
        return response
