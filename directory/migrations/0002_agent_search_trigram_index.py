"""On PostgreSQL, a trigram index lets `search_key LIKE '%word%'` use an index instead of a scan.

pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it. If it cannot
be created, the migration goes on without the index (searches stay correct, only slower).
"""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)


def create_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                "CREATE INDEX IF NOT EXISTS directory_agent_search_key_trgm "
                "ON directory_agent USING gin (search_key gin_trgm_ops)"
            )
    except DatabaseError as error:
        logger.warning("Index trigramme de l'annuaire non créé (%s) : la recherche reste possible, plus lente.", error)


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS directory_agent_search_key_trgm")


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]

    operations = [migrations.RunPython(create_trigram_index, drop_trigram_index)]
