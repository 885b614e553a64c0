"""On PostgreSQL, trigram indexes make the catalogue's "contains" searches use an index.

SQLite has no equivalent; there the search scans the folded column (fine up to a few
tens of thousands of records, see docs/library.md).
"""

from django.db import migrations

COLUMNS = ["search_text", "title_sort", "authors_text", "subjects_text"]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS library_record_{column}_trgm "
            f"ON library_bibliographicrecord USING gin ({column} gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS library_record_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
