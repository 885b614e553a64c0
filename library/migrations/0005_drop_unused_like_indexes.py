"""On PostgreSQL, drop the `varchar_pattern_ops` ("_like") indexes Django adds to indexed character columns.

They serve `LIKE 'prefix%'` lookups, which nothing in the library app makes (the search matches the
tsvector and `LIKE '% word%'`, the admin `UPPER(...) LIKE`); each one only slowed every import's
inserts down. The plain btree indexes stay.
"""

from django.db import migrations

LIKE_INDEXED = {
    "bibliographicrecord": ["record_id", "isbn", "title_sort", "language", "document_type", "availability"],
    "recordauthor": ["name"],
    "recordsubject": ["label"],
    "copy": ["barcode", "branch"],
}


def _like_indexes(apps, schema_editor):
    for model_name, names in LIKE_INDEXED.items():
        model = apps.get_model("library", model_name)
        for name in names:
            yield model, model._meta.get_field(name)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, field in _like_indexes(apps, schema_editor):
        index = schema_editor._create_index_name(model._meta.db_table, [field.column], suffix="_like")
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(index)}")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model, field in _like_indexes(apps, schema_editor):
        schema_editor.execute(schema_editor._create_like_index_sql(model, field))


class Migration(migrations.Migration):
    dependencies = [("library", "0004_drop_search_text_trigram")]

    operations = [migrations.RunPython(drop, create)]
