"""Cache generations: a value cached across requests is stored with the generation(s) it was built
under, and is stale as soon as one of them has moved. Moving a generation is one cache write, so
an import or a save invalidates thousands of entries at once without knowing their keys.

A generation is a nanosecond timestamp, never a counter restarting at 0 or 1: when the cache evicts
a generation's key, the next read starts a new one, so an entry built under an older generation can
never match again. The cache must be shared by the processes (Redis in production).

VISIBILITY moves whenever a view restriction, its groups, or an agent's groups change: every cache
whose content depends on who may see a page lists it among its generations.
"""

import time

from django.core.cache import cache
from django.db import transaction


class Generation:
    def __init__(self, key):
        self.key = key

    def __repr__(self):
        return f"Generation({self.key!r})"

    def current(self):
        value = cache.get(self.key)
        if value is None:
            value = time.time_ns()
            if not cache.add(self.key, value, None):
                value = cache.get(self.key, value)
        return value

    def bump(self, **signal_kwargs):
        """Start a new generation (usable as a signal receiver)."""
        cache.set(self.key, time.time_ns(), None)

    def bump_now_and_on_commit(self, **signal_kwargs):
        """Now, so that this process's next read sees the change, and again once the transaction
        commits, so that an entry built from the old rows in the meantime (another process) is not kept."""
        self.bump()
        transaction.on_commit(self.bump)


def lookup(key, generations):
    """(current generations, whether `key` holds a value built under them, that value), in one
    cache round trip once the generations exist."""
    found = cache.get_many([generation.key for generation in generations] + [key])
    current = [found.get(generation.key) for generation in generations]
    if None in current:
        current = [value if value is not None else generation.current()
                   for value, generation in zip(current, generations, strict=True)]
    entry = found.get(key)
    if isinstance(entry, dict) and entry.get("generations") == current:
        return current, True, entry["value"]
    return current, False, None


def store(key, current, value, timeout):
    cache.set(key, {"generations": current, "value": value}, timeout)


def cached(key, build, *, generations, timeout):
    """`build()` once per state of `generations`; a warm read is one cache round trip."""
    current, hit, value = lookup(key, generations)
    if not hit:
        value = build()
        store(key, current, value, timeout)
    return value


VISIBILITY = Generation("core:visibility-generation")


def connect():
    from django.contrib.auth import get_user_model
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.models import PageViewRestriction

    post_save.connect(VISIBILITY.bump, sender=PageViewRestriction, dispatch_uid="core_visibility_saved")
    post_delete.connect(VISIBILITY.bump, sender=PageViewRestriction, dispatch_uid="core_visibility_deleted")
    for through in (PageViewRestriction.groups.through, get_user_model().groups.through):
        m2m_changed.connect(VISIBILITY.bump, sender=through, dispatch_uid=f"core_visibility_{through.__name__}")
