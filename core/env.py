"""Reading configuration from the environment, with errors a person can act on: the one reader of
every setting and every app's variables (settings import it before the apps load: no Django model here).

Booleans are read alike everywhere: 1, true, yes, on, oui (any case, spaces ignored) are true."""

import os

import dj_database_url


class ConfigurationError(Exception):
    """A setting is missing or wrong; the message is one sentence for the operator."""


TRUE_WORDS = frozenset({"1", "true", "yes", "on", "oui"})


def env(name, default=None, *, environ=None):
    value = (os.environ if environ is None else environ).get(name, "")
    return value if value != "" else default


def parse_bool(value):
    return str(value).strip().lower() in TRUE_WORDS


def env_bool(name, default=False, *, environ=None):
    value = env(name, environ=environ)
    return default if value is None else parse_bool(value)


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
