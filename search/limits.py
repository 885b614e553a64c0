"""Guards: a per-user rate limit on the search endpoints, and a time limit on a search."""

import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import OperationalError, connection, transaction

from core import ratelimit


def rate_limited(request, bucket="search", now=None):
    """True once the agent has made more than SEARCH_RATE_PER_MINUTE search requests in the last minute."""
    return ratelimit.rate_limited(request, bucket, settings.SEARCH_RATE_PER_MINUTE, now=now)


class SearchTooLong(Exception):
    """The search took longer than SEARCH_TIME_LIMIT_MS: it was stopped, the page says so."""


_deadline = ContextVar("search_deadline", default=None)


def remaining_seconds():
    """The time left to the search under way (time_limit), None outside one: the search engines'
    requests are sent with it as their timeout (search.backends)."""
    deadline = _deadline.get()
    return None if deadline is None else deadline - time.monotonic()


@contextmanager
def time_limit(milliseconds=None):
    """Bound the database and search engine work of the block to `milliseconds` (SEARCH_TIME_LIMIT_MS by default), so
    that an expensive query cannot hold a worker and the database. No statement starts after the
    deadline; a statement running past it is stopped: PostgreSQL cancels any statement running
    longer than the limit (`SET LOCAL statement_timeout`, in a transaction of its own), SQLite's
    progress handler interrupts the statement running once the deadline has passed. Raises
    SearchTooLong."""
    if milliseconds is None:
        milliseconds = settings.SEARCH_TIME_LIMIT_MS
    deadline = time.monotonic() + milliseconds / 1000
    token = _deadline.set(deadline)

    def before_each_statement(execute, sql, params, many, context):
        if time.monotonic() > deadline:
            raise SearchTooLong
        return execute(sql, params, many, context)

    try:
        if connection.vendor == "postgresql":
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT set_config('statement_timeout', %s, true)", [str(max(1, milliseconds))])
                with connection.execute_wrapper(before_each_statement):
                    yield
                cursor.execute("SET LOCAL statement_timeout TO DEFAULT")
        else:
            connection.ensure_connection()
            connection.connection.set_progress_handler(lambda: time.monotonic() > deadline, 1000)
            try:
                with connection.execute_wrapper(before_each_statement):
                    yield
            finally:
                connection.connection.set_progress_handler(None, 0)
    except OperationalError as error:
        if not _interrupted(error):
            raise
        raise SearchTooLong from error
    finally:
        _deadline.reset(token)


def _interrupted(error):
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) == "57014" or "interrupted" in str(error)
