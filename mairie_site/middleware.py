"""Session idle timeout without a database write on every request."""

import time

SESSION_TOUCH_KEY = "_last_touch"
TOUCH_INTERVAL_SECONDS = 60


class SessionIdleRefreshMiddleware:
    """Renew the session cookie and its expiry at most once a minute.

    `SESSION_SAVE_EVERY_REQUEST` would write the session row on every page view; this keeps the
    idle timeout (`SESSION_COOKIE_AGE`) accurate to a minute for a fraction of the writes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.is_empty() and request.user.is_authenticated:
            now = int(time.time())
            if now - session.get(SESSION_TOUCH_KEY, 0) >= TOUCH_INTERVAL_SECONDS:
                session[SESSION_TOUCH_KEY] = now
        return response
