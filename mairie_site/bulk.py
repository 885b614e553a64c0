"""Bulk work around the ORM: inserts for the imports (feeds, catalogue), and lookups of a thousand
values (the imports' batches, the search's facet rows). The one place that chooses how each
database takes them.

Django's bulk_create prepares every value of every row in Python and lets psycopg escape them one
by one; for tens of thousands of rows that costs more than the database's own work. The imports
give plain rows (values already in the database's form); on PostgreSQL their primary keys are
drawn in one query and the rows sent with COPY, elsewhere one statement is executed for every row.
Likewise `__in` with a thousand values prepares each and makes psycopg split a statement of a
thousand placeholders.
"""

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL


def among_sql(column, values):
    """Raw SQL and its parameters: the quoted `column` is one of `values`; on PostgreSQL one array parameter.

    An array is one value to send and to plan, where a list of hundreds of parameters is formatted
    into the statement one by one.
    """
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(values)]
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def among(model, field_name, values):
    """A filter: the model's `field_name` is one of `values`; on PostgreSQL one array parameter."""
    field = model._meta.pk if field_name == "pk" else model._meta.get_field(field_name)
    if connection.vendor != "postgresql":
        return Q(**{f"{field_name}__in": values})
    quote = connection.ops.quote_name
    sql, params = among_sql(f"{quote(model._meta.db_table)}.{quote(field.column)}", values)
    return RawSQL(sql, params, output_field=BooleanField())


def reserve_ids(model, count):
    """`count` primary keys for new rows of the model, known before the rows are written.

    On PostgreSQL they are drawn from the table's sequence in one query. On SQLite they follow the
    table's largest key and AUTOINCREMENT's counter, which the explicit keys then advance: call it
    only inside a transaction that has already written, so that it holds the database's write lock
    and no other connection inserts meanwhile.
    """
    table, pk_column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk_column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        quote = connection.ops.quote_name
        cursor.execute(
            f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
            f"coalesce((SELECT max({quote(pk_column)}) FROM {quote(table)}), 0))",
            [table],
        )
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


def _table(model, columns):
    quote = connection.ops.quote_name
    return f"{quote(model._meta.db_table)} ({', '.join(quote(column) for column in columns)})"


def _placeholders(columns):
    return f"({', '.join(['%s'] * len(columns))})"


def insert_rows(model, columns, rows):
    """Plain rows (an iterable of sequences, one value per column) into the model's table, reading nothing back.

    COPY on PostgreSQL; elsewhere one statement executed for every row (executemany), which SQLite
    prepares once, instead of Django's compiled multi-row INSERT.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {_table(model, columns)} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        cursor.executemany(f"INSERT INTO {_table(model, columns)} VALUES {_placeholders(columns)}", list(rows))


def insert_rows_returning_pks(model, columns, rows, chunk=250):
    """Insert plain rows (as for `insert_rows`); their new primary keys, in the rows' order.

    PostgreSQL draws the keys first (`reserve_ids`) and sends them with the rows by COPY. SQLite
    inserts `chunk` rows per statement with RETURNING, whose keys come back in the rows' order as
    Django's bulk_create relies on; this needs no write lock held beforehand, unlike `reserve_ids`.
    """
    rows = list(rows)
    if connection.vendor == "postgresql":
        pks = reserve_ids(model, len(rows))
        insert_rows(model, [model._meta.pk.column, *columns], [(pk, *row) for pk, row in zip(pks, rows, strict=True)])
        return pks
    returning = connection.ops.quote_name(model._meta.pk.column)
    pks = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), chunk):
            part = rows[start : start + chunk]
            cursor.execute(
                f"INSERT INTO {_table(model, columns)} VALUES {', '.join([_placeholders(columns)] * len(part))}"
                f" RETURNING {returning}",
                [value for row in part for value in row],
            )
            pks.extend(row[0] for row in cursor.fetchall())
    return pks
