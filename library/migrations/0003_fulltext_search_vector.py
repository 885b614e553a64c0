"""On PostgreSQL, a generated tsvector of the folded search column with a GIN index.

The simple search asks `search_tsv @@ 'word:*' & ...`: PostgreSQL's planner estimates a full-text
match well, where it misjudges a trigram LIKE and falls back to scanning the table. The column
is invisible to Django (PostgreSQL fills it); SQLite keeps the LIKE search.
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE library_bibliographicrecord ADD COLUMN IF NOT EXISTS search_tsv tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS library_record_search_tsv ON library_bibliographicrecord USING gin (search_tsv)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS library_record_isbns_trgm ON library_bibliographicrecord "
        "USING gin (isbns gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS library_record_isbns_trgm")
    schema_editor.execute("ALTER TABLE library_bibliographicrecord DROP COLUMN IF EXISTS search_tsv")


class Migration(migrations.Migration):
    dependencies = [("library", "0002_trigram_search_index")]

    operations = [migrations.RunPython(create, drop)]
