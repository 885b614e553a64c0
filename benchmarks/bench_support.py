"""What the benchmarks that serve the site with gunicorn share."""

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

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


def start_gunicorn(env, port, logfile, *extra_args):
    """gunicorn with the production configuration (deploy/gunicorn.conf.py) on 127.0.0.1:`port`,
    once its /health/ answers; exits with a French message when it does not within 30 s."""
    command = [str(Path(sys.executable).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py", *extra_args]
    server = subprocess.Popen(
        command, cwd=BASE_DIR, env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        stdout=logfile, stderr=subprocess.STDOUT,
    )  # fmt: skip
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=2).close()
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit(f"gunicorn ne répond pas sur le port {port} (journal : {logfile.name})")
