"""gunicorn settings for the intranet (see docs/deployment.md). Values can be overridden with
GUNICORN_* environment variables or command-line options."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Synchronous workers, 2 per core + 1, as Wagtail recommends for WSGI.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Recycle workers now and then so that a slow leak never grows.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "127.0.0.1")
wsgi_app = "mairie_site.wsgi:application"
