"""Reading configuration from the environment, with errors a person can act on."""

import os

import dj_database_url


class ConfigurationError(Exception):
    """A setting is missing or wrong; the message is one sentence for the operator."""


def env(name, default=None):
    value = os.environ.get(name, "")
    return value if value != "" else default


def env_bool(name, default=False):
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def env_list(name, default=""):
    return [item.strip() for item in (env(name, default) or "").split(",") if item.strip()]


def database_from_env(default_url):
    url = env("DATABASE_URL", default_url)
    try:
        config = dj_database_url.parse(url, conn_max_age=int(env("DB_CONN_MAX_AGE", "0")))
    except (ValueError, KeyError) as error:
        raise ConfigurationError(
            f"DATABASE_URL is not a database address Django can use ({error}); "
            "expected for example postgres://user@host:5432/name or sqlite:///path/db.sqlite3."
        ) from None
    if config["ENGINE"].endswith("sqlite3"):
        # Several writers (web, worker, cron) share one file: wait instead of failing.
        config.setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
    return config
