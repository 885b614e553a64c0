"""Request-level security helpers shared by the settings, the audit log and views."""

import ipaddress
import logging

from django.conf import settings
from django.http import Http404, HttpResponseForbidden
from django.template import loader
from django.views.static import serve as serve_static_file
from wagtail.documents.views.serve import serve as wagtail_serve_document

logger = logging.getLogger("mairie_site.audit")


def client_ip(request):
    """The client's address. X-Forwarded-For is believed only from a trusted reverse proxy,
    so that a client cannot forge its way around the login throttling."""
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and remote in settings.TRUSTED_PROXIES:
        candidate = forwarded.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            return remote
    return remote


def serve_document(request, document_id, document_filename):
    """Wagtail's document view (privacy checks included), never cached by a shared cache and
    never interpreted as a page by the browser."""
    response = wagtail_serve_document(request, document_id, document_filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# Under MEDIA_ROOT only image renditions may be sent as they are: images are never private
# (collection privacy covers documents only), while documents go through serve_document and
# original images are not shown on the site.
MEDIA_SERVED_PREFIXES = ("images/",)


def serve_media(request, path):
    """/media/ in every environment (nginx passes it here too, deploy/nginx.conf.example): login
    required like every view, image renditions only, never kept by a shared cache."""
    if not path.startswith(MEDIA_SERVED_PREFIXES) or ".." in path.split("/"):
        raise Http404
    response = serve_static_file(request, path, document_root=settings.MEDIA_ROOT)
    response["Cache-Control"] = "private, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def permission_denied(request, exception=None):
    """403 in French, and a line in the audit log."""
    user = request.user.get_username() if getattr(request, "user", None) and request.user.is_authenticated else "-"
    logger.warning("permission_denied user=%s ip=%s path=%s", user, client_ip(request), request.path)
    return HttpResponseForbidden(loader.render_to_string("403.html", request=request))
