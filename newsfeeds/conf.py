"""The importer's operator settings: Django settings first, then the environment, then defaults.

The project settings are not ours to edit, so each value may come from a setting of the same
name or from an environment variable; tests override them with `override_settings`.
"""


from django.conf import settings

from core.env import env, parse_bool

DEFAULTS = {
    # Comma-separated host[:port] allowed to resolve to private addresses (internal feed servers).
    "NEWSFEEDS_TRUSTED_HOSTS": "",
    "NEWSFEEDS_CONNECT_TIMEOUT": 10.0,
    "NEWSFEEDS_DEADLINE": 30.0,
    "NEWSFEEDS_MAX_BYTES": 5 * 1024 * 1024,
    "NEWSFEEDS_MAX_REDIRECTS": 5,
    "NEWSFEEDS_MAX_UPDATES_PER_ITEM": 5,
    "NEWSFEEDS_BACKOFF_MAX_HOURS": 24,
    "NEWSFEEDS_LEASE_MINUTES": 10,
    # Each document is parsed in a child process killed after this many seconds...
    "NEWSFEEDS_PARSE_TIMEOUT": 20.0,
    # ...whose address space may grow by at most this much while parsing.
    "NEWSFEEDS_PARSE_MEMORY_MB": 512,
    "NEWSFEEDS_USER_AGENT": "IntranetMairie-Flux/1.0 (+intranet municipal)",
}


def get(name):
    if hasattr(settings, name):
        return getattr(settings, name)
    value = env(name)
    if value is None:
        return DEFAULTS[name]
    default = DEFAULTS[name]
    if isinstance(default, bool):
        return parse_bool(value)
    if isinstance(default, int):
        return int(value)
    if isinstance(default, float):
        return float(value)
    return value


def trusted_hosts():
    """The set of trusted `host` and `host:port` strings, lower-cased."""
    raw = get("NEWSFEEDS_TRUSTED_HOSTS")
    if isinstance(raw, list | tuple | set):
        items = raw
    else:
        items = str(raw).split(",")
    return {item.strip().lower() for item in items if item.strip()}
