"""PostgreSQL: the GIN index on (title || body) goes; the search now matches each word in the title
or the body, which have their own GIN indexes, and no query uses the concatenation any more."""

from importlib import import_module

from django.db import migrations

previous = import_module("search.migrations.0003_indexentry_document_gin")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_indexentry_document_gin")]

    operations = [migrations.RunPython(previous.drop_index, previous.create_index)]
