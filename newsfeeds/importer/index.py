"""Search index entries of imported items, a batch at a time.

Wagtail's PostgreSQL search backend (modelsearch) builds one SQL expression per field and
object, reads every field five times per object, and averages the title lengths of the whole
index after each batch. For a batch of new items we read each field once and send one INSERT
whose vectors PostgreSQL computes from arrays (the same `setweight(to_tsvector(...))` terms,
so the entries are identical: tests/newsfeeds/test_feed_search_index.py); title norms are
refreshed once per run. Other backends (SQLite FTS, Elasticsearch) get Wagtail's `add_bulk`.
"""

import logging

from django.db import transaction
from django.utils.encoding import force_str
from modelsearch.backends.database.postgres.postgres import PostgresIndex
from modelsearch.backends.database.postgres.weights import get_weight
from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.utils import get_content_type_pk
from wagtail.search.backends import get_search_backends

logger = logging.getLogger(__name__)


def _text(value):
    return (value if isinstance(value, str) else force_str(value)).strip()


def _vector(columns, config):
    """`setweight(to_tsvector(config, t.cN), 'W') || ...` for these (column, weight) pairs."""
    if not columns:
        return "''::tsvector", []
    terms, params = [], []
    for column, weight in columns:
        if config:
            terms.append(f"setweight(to_tsvector(%s::regconfig, {column}), %s)")
            params += [config, weight]
        else:
            terms.append(f"setweight(to_tsvector({column}), %s)")
            params.append(weight)
    return " || ".join(terms), params


def _add_postgres(index, model, objs):
    fields = model.get_search_fields()
    if any(isinstance(field, RelatedFields) for field in fields):
        index.add_items(model, objs)
        return
    fields = [field for field in fields if isinstance(field, SearchField | AutocompleteField)]
    title, body, autocomplete = [], [], []
    for position, field in enumerate(fields):
        column = f"t.f{position}"
        if isinstance(field, AutocompleteField):
            autocomplete.append((column, "D"))
        elif field.field_name == "title":
            title.append((column, get_weight(field.boost)))
        else:
            body.append((column, get_weight(field.boost)))
    columns = [[] for _ in fields]
    title_texts, body_texts = [], []
    for obj in objs:
        texts = [_text(field.get_value(obj)) for field in fields]
        for values, text in zip(columns, texts, strict=True):
            values.append(text)
        searched = [(field, text) for field, text in zip(fields, texts, strict=True) if isinstance(field, SearchField)]
        title_texts.append(" ".join(text for field, text in searched if text and field.field_name == "title"))
        body_texts.append(" ".join(text for field, text in searched if text and field.field_name != "title"))
    backend = index.backend
    vectors = [
        _vector(title, backend.config),
        _vector(autocomplete, backend.autocomplete_config),
        _vector(body, backend.config),
    ]
    names = ", ".join(f"f{position}" for position in range(len(fields)))
    arrays = ", ".join("%s::text[]" for _ in range(3 + len(fields)))
    sql = f"""
        INSERT INTO {index.entries.model._meta.db_table}
            (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
        SELECT %s, t.object_id, {vectors[0][0]}, {vectors[1][0]}, {vectors[2][0]}, 1.0, t.title_text, t.body_text
        FROM unnest({arrays}) AS t(object_id, title_text, body_text{", " if names else ""}{names})
        ON CONFLICT (content_type_id, object_id)
        DO UPDATE SET title = EXCLUDED.title, title_norm = 1.0, autocomplete = EXCLUDED.autocomplete,
                      body = EXCLUDED.body, title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
    """
    params = [get_content_type_pk(model), *vectors[0][1], *vectors[1][1], *vectors[2][1]]
    params += [[force_str(obj.pk) for obj in objs], title_texts, body_texts, *columns]
    with index.write_connection.cursor() as cursor:
        cursor.execute(sql, params)


def add_to_index(model, objs):
    """Index these new or changed objects in every auto-updated search backend.

    A backend outage never loses the import (as in Wagtail): it is logged, and
    `manage.py update_index` repairs the index."""
    if not objs:
        return
    for backend in get_search_backends(with_auto_update=True):
        try:
            with transaction.atomic():
                index = backend.get_index_for_model(model)
                if isinstance(index, PostgresIndex):
                    _add_postgres(index, model, objs)
                else:
                    backend.add_bulk(model, objs)
        except Exception:
            logger.exception("Indexation des articles importés impossible")


def refresh_title_norms(model):
    """Once per run on PostgreSQL: the title length norms of the entries added since the last refresh."""
    for backend in get_search_backends(with_auto_update=True):
        try:
            index = backend.get_index_for_model(model)
            if isinstance(index, PostgresIndex):
                index._refresh_title_norms()
        except Exception:
            logger.exception("Mise à jour des normes de titre de l'index impossible")
