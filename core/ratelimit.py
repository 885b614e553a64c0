"""One rate limit for every endpoint that must not be hammered (search, suggestions, password
reset, feed address tests): a sliding-window counter in the shared cache.

This window's count plus the previous window's, weighted by how much of it still lies within the
last `window_seconds`: a fixed window would let twice the rate through across a window boundary.
The cache must be shared by the processes (Redis in production).
"""

import time

from django.core.cache import cache


def over_limit(bucket, key, limit, window_seconds, *, now=None):
    """Count one more request for `key` in `bucket`; True once more than `limit` were made in the
    last `window_seconds`."""
    now = time.time() if now is None else now
    window, elapsed = divmod(now, window_seconds)
    window = int(window)
    cache_key = f"ratelimit:{bucket}:{key}:{window}"
    timeout = 2 * window_seconds + 10
    count = 1
    if not cache.add(cache_key, count, timeout):
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add() and incr()
            cache.set(cache_key, count, timeout)
    previous = cache.get(f"ratelimit:{bucket}:{key}:{window - 1}", 0)
    return count + previous * (1 - elapsed / window_seconds) > limit


def rate_limited(request, bucket, per_minute, now=None):
    """True once the agent (or, logged out, the address) has made more than `per_minute` requests
    to `bucket` in the last minute."""
    who = request.user.pk if request.user.is_authenticated else request.META.get("REMOTE_ADDR", "")
    return over_limit(bucket, who, per_minute, 60, now=now)
