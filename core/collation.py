"""Alphabetical order as a French reader expects it: accents and case never decide where a word
goes ("eau", "Écoles", "Éducation", "État civil", "Urbanisme"), whereas a plain ORDER BY puts every
accented capital after "Z".

The database sorts with one collation name, `fr-x-icu`: on PostgreSQL it is the ICU collation
that Debian's PostgreSQL ships (`SELECT collname FROM pg_collation WHERE collname = 'fr-x-icu'`);
on SQLite a Python collation of the same name is registered on every new connection and compares
by `sort_key`. Lists sorted in Python use `sort_key` too, so both roads give the same order.
"""

from django.db.backends.signals import connection_created
from django.db.models import F
from django.db.models.functions import Collate

from .text import fold

COLLATION = "fr-x-icu"


def sort_key(text):
    """The key of `text` in French alphabetical order: folded first (accents, case and ligatures
    ignored), the exact text only to break ties, so that the order is the same on every run."""
    text = str(text or "")
    return (fold(text), text)


def french(field):
    """`field` (a name or an expression) in French alphabetical order, for order_by() and Meta.ordering;
    prefix the name with "-" for the reverse order."""
    if isinstance(field, str) and field.startswith("-"):
        return Collate(F(field[1:]), COLLATION).desc()
    return Collate(F(field) if isinstance(field, str) else field, COLLATION).asc()


def french_order(*fields):
    """order_by() arguments: each text field in French alphabetical order."""
    return [french(field) for field in fields]


def _compare(left, right):
    left, right = sort_key(left), sort_key(right)
    return (left > right) - (left < right)


def register_sqlite_collation(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation(COLLATION, _compare)


def connect():
    connection_created.connect(register_sqlite_collation, dispatch_uid="core.collation")
