import logging

from django.core.exceptions import DisallowedHost

from . import shell

logger = logging.getLogger(__name__)


class CachedSiteMiddleware:
    """Hand Wagtail the request's Site from the shell's cache.

    Wagtail looks the Site up with one of its costliest queries on every request (a third of the
    cached home page's time); Wagtail reads `request._wagtail_site` first when it is set. The Site
    and its root page change only through saves and publications, which move the shell generation.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request._wagtail_site = shell.site(request)
        except DisallowedHost:
            pass  # CommonMiddleware answers 400 for it
        except Exception as error:  # noqa: BLE001 -- whatever the cache backend raises
            # The cache is unreachable: Wagtail looks the Site up itself, and /health/ says what fails.
            logger.warning("Site from the cache unavailable: %s", error)
        return self.get_response(request)
