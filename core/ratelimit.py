"""A per-user sliding-window rate limit, shared by every endpoint that needs one."""

import time

from django.core.cache import cache


def rate_limited(request, bucket, per_minute, now=None):
    """True once the user has made more than `per_minute` requests to `bucket` in the last minute.

    A sliding-window counter: this minute's count plus the previous minute's,
    weighted by how much of it still lies within the last 60 seconds. A fixed
    window would let twice the rate through across a minute boundary.
    """
    who = request.user.pk if request.user.is_authenticated else request.META.get("REMOTE_ADDR", "")
    now = time.time() if now is None else now
    minute, elapsed = divmod(now, 60)
    key = f"ratelimit:{bucket}:{who}:{int(minute)}"
    if cache.add(key, 1, 130):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, 130)
            count = 1
    previous = cache.get(f"ratelimit:{bucket}:{who}:{int(minute) - 1}", 0)
    return count + previous * (1 - elapsed / 60) > per_minute
