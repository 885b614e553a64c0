"""What the benchmarks that serve the site with gunicorn share."""

import socket

# The production settings served over plain HTTP on loopback (no TLS proxy in front): what
# benchmarks/load.py and benchmarks/middleware.py serve with gunicorn.
PRODUCTION_LIKE_SETTINGS = """
from mairie_site.settings.production import *  # noqa: F403

# Plain HTTP on loopback: no TLS proxy in front, so no Secure cookies, no HTTPS redirect.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"
STATIC_ROOT = {static!r}
MEDIA_ROOT = Path({media!r})  # noqa: F405
if "KEY_PREFIX" in CACHES["default"]:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = {prefix!r}  # noqa: F405
"""


def redis_available():
    """Whether the machine's Redis answers on 127.0.0.1:6379 (the production-like cache)."""
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False
