"""The home page readable offline: a small service worker keeps the last home page the agent
loaded, and shows it when the network is gone. Nothing else is kept.

- The worker is served from this origin at /service-worker.js (scope "/", no Service-Worker-Allowed
  header needed); the CSP names it in `worker-src 'self'` (settings), nothing is loosened.
- It stores a page only when the server marked it (OFFLINE_HEADER): the HomePage answers an agent
  with it, no other page does, so the admin, exports, documents and other agents' pages are never
  stored, whatever the worker sees.
- The store is the agent's own browser's, and is emptied when anyone logs in or out on it
  (`Clear-Site-Data`, plus site.js on the login page for browsers that ignore the header), so the
  next agent on a shared computer never reads the previous one's home page.
"""

from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

OFFLINE_HEADER = "X-Offline-Home"
CACHE_NAME = "accueil-hors-ligne-v1"
# Logging in or out clears what this origin stored in the browser: caches, and the worker itself.
CLEAR_SITE_DATA = '"cache", "storage"'


def mark_for_offline(response):
    """Let the worker keep this response (the home page of the agent who asked for it)."""
    response[OFFLINE_HEADER] = "1"
    return response


def clear_offline_copy(response):
    response["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response


@require_GET
@never_cache
def service_worker(request):
    return TemplateResponse(
        request,
        "offline/service-worker.js",
        {"cache_name": CACHE_NAME, "header": OFFLINE_HEADER.lower()},
        content_type="text/javascript; charset=utf-8",
    )
