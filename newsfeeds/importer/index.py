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
from django.db.models import Avg
from django.db.models.functions import Length
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


# (database, entries table) → the average title length (in terms) of the index's entries, read once
# per run rather than per batch (a scan of the whole index), refreshed at the end of each run.
_title_lengths = {}


def _title_length_key(index):
    return index.write_connection.alias, index.entries.model._meta.db_table


def _measure_title_length(index):
    """The average title length as Wagtail's refresh computes it; None while no entry has a title."""
    average = (
        index.entries.annotate(title_length=Length("title"))
        .filter(title_length__gt=0)
        .aggregate(Avg("title_length"))["title_length__avg"]
    )
    if average is not None:
        _title_lengths[_title_length_key(index)] = average
    return average


def _average_title_length(index):
    return _title_lengths.get(_title_length_key(index)) or _measure_title_length(index)


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
    # The title norm (average title length / this title's length, as Wagtail's refresh computes it)
    # is written with the entry: refreshing it afterwards rewrote every new entry and its four GIN
    # index entries (≈ 1.5 s of the database's time at 10 000 items).
    sql = f"""
        INSERT INTO {index.entries.model._meta.db_table}
            (content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text)
        SELECT %s, v.object_id, v.title, v.autocomplete, v.body,
               CASE WHEN length(v.title) > 0 THEN coalesce(%s::float8 / length(v.title), 1.0) ELSE 1.0 END,
               v.title_text, v.body_text
        FROM (
            SELECT t.object_id, {vectors[0][0]} AS title, {vectors[1][0]} AS autocomplete, {vectors[2][0]} AS body,
                   t.title_text, t.body_text
            FROM unnest({arrays}) AS t(object_id, title_text, body_text{", " if names else ""}{names})
        ) AS v
        ON CONFLICT (content_type_id, object_id)
        DO UPDATE SET title = EXCLUDED.title, title_norm = EXCLUDED.title_norm, autocomplete = EXCLUDED.autocomplete,
                      body = EXCLUDED.body, title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text
    """
    params = [get_content_type_pk(model), _average_title_length(index)]
    params += [*vectors[0][1], *vectors[1][1], *vectors[2][1]]
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
    """Once per run on PostgreSQL: the norms of the entries written before any entry had a title
    (an empty index), and the average title length the next run's entries start from."""
    for backend in get_search_backends(with_auto_update=True):
        try:
            index = backend.get_index_for_model(model)
            if isinstance(index, PostgresIndex):
                index._refresh_title_norms()
                _measure_title_length(index)
        except Exception:
            logger.exception("Mise à jour des normes de titre de l'index impossible")
