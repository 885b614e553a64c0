"""Guards: a per-user rate limit on the search endpoints."""

import time

from django.conf import settings
from django.core.cache import cache


def rate_limited(request, bucket="search"):
    """True once the user has made more than SEARCH_RATE_PER_MINUTE requests in this minute."""
    who = request.user.pk if request.user.is_authenticated else request.META.get("REMOTE_ADDR", "")
    key = f"ratelimit:{bucket}:{who}:{int(time.time() // 60)}"
    if cache.add(key, 1, 70):
        return False
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, 70)
        return False
    return count > settings.SEARCH_RATE_PER_MINUTE
