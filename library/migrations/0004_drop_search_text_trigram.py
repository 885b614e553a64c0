"""On PostgreSQL, drop the trigram index of the whole folded search column.

The simple search uses the tsvector of migration 0003 since then; this index, the largest of
the table (every word of every summary), only slowed each import down.
"""

from django.db import migrations


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS library_record_search_text_trgm")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS library_record_search_text_trgm "
            "ON library_bibliographicrecord USING gin (search_text gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("library", "0003_fulltext_search_vector")]

    operations = [migrations.RunPython(drop, create)]
