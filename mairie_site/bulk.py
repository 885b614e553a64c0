"""Bulk work around the ORM on PostgreSQL: inserts for the imports (feeds, catalogue), and lookups
of a thousand values (the imports' batches, the search's facet rows).

Django's bulk_create prepares every value of every row in Python and lets psycopg escape them one
by one; for tens of thousands of rows that costs more than the database's own work. The imports
draw their primary keys in one query and send the rows with COPY. Likewise `__in` with a thousand
values prepares each and makes psycopg split a statement of a thousand placeholders.
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


def reserve_ids(cursor, model, count):
    """`count` primary keys drawn from the model's PostgreSQL sequence in one query."""
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
        [model._meta.db_table, model._meta.pk.column, count],
    )
    return [row[0] for row in cursor.fetchall()]


def copy_rows(cursor, model, columns, rows):
    """Plain rows (values already in the database's form) into the model's table with COPY."""
    quote = connection.ops.quote_name
    statement = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(column) for column in columns)}) FROM STDIN"
    with cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
