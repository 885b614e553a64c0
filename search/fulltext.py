"""Full-text matching and ranking straight on Wagtail's database index (modelsearch's IndexEntry).

Wagtail's database backends rank every match before cutting the first page: on PostgreSQL that is
one ts_rank per matching row (a second for a word found in 100,000 documents), and on SQLite a
correlated sub-query per row. Here a query is matched once, as an `IN (…)` sub-query that any
queryset (permissions, filters, facets) can use, and ranked on a bounded set of candidates: the
documents matching in their title and the first RANK_CANDIDATES others. Below that many matches
the ranking is exact.

Both backends stem the query's words and search them as prefixes, so that « canton » also finds
« cantonal » and « délibérations » finds « délibération »: PostgreSQL with the backend's text search
configuration (french_unaccent: unaccent, then the French Snowball stemmer) and `word:*`; SQLite,
whose FTS5 index does not stem, with Snowball's French stemmer (snowballstemmer) and `"stem"*`.
Words shorter than MIN_PREFIX letters are matched whole.
"""

import snowballstemmer
from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from modelsearch.backends.database.postgres.weights import get_sql_weights
from modelsearch.utils import get_descendants_content_types_pks
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from core.text import fold, tokens

from .text import MIN_PREFIX

RANK_CANDIDATES = 1000
TITLE_CANDIDATES = 300
TABLE = IndexEntry._meta.db_table
_stemmer = snowballstemmer.stemmer("french")


def _types(model, kind=None):
    """The content types of `model`'s index rows, as SQL: `kind` alone if given, else all of `model`'s."""
    if kind:
        return str(int(kind))
    return ",".join(str(pk) for pk in get_descendants_content_types_pks(model)) or "NULL"


def uses_database_index():
    """True on Wagtail's database backends (SQLite, PostgreSQL), False on Elasticsearch."""
    return get_search_backend().__class__.__module__.startswith("modelsearch.backends.database")


def fts5_term(word, stem=True):
    """One query word for FTS5: its folded French stem, as a prefix when long enough."""
    stem = fold(_stemmer.stemWord(word.lower()) if stem else word)
    return f'"{stem}"*' if len(stem) >= MIN_PREFIX else f'"{stem}"'


def tsquery_term(word):
    """One query word for PostgreSQL's to_tsquery (words are \\w+: no operator can slip in)."""
    return f"{word}:*" if len(word) >= MIN_PREFIX else word


def fts5_expression(alternatives, stem=True):
    """`alternatives` are word lists (the query, its synonyms): all words of one of them."""
    groups = [" AND ".join(fts5_term(word, stem) for word in words) for words in alternatives if words]
    return " OR ".join(f"({group})" for group in groups)


class FullText:
    """The query's alternatives (the query and its synonyms), matched and ranked in SQL.

    With `autocomplete`, only the index's autocomplete column (titles, acronyms) is searched, its
    words unstemmed prefixes: what the agent is typing."""

    def __init__(self, alternatives, autocomplete=False):
        self.alternatives = [tokens(text) for text in alternatives]
        self.alternatives = [words for words in self.alternatives if words]
        self.postgres = connection.vendor == "postgresql"
        self.autocomplete = autocomplete
        self._significant = None

    # SQL pieces ---------------------------------------------------------------------------------
    def _config(self):
        backend = get_search_backend()
        return (backend.autocomplete_config if self.autocomplete else backend.config) or "simple"

    def _tsquery(self):
        """Each word stemmed by the configuration and searched as a prefix, like on SQLite."""
        config = self._config()
        parts = " || ".join(f"to_tsquery('{config}', %s)" for _ in self.alternatives)
        return f"({parts})", [" & ".join(tsquery_term(word) for word in words) for words in self.alternatives]

    def _pg_condition(self):
        """One condition per alternative: each of its words in the title or in the body. That is
        `(title || body) @@ all the words`, without concatenating the vectors of every row (several
        times slower), a row failing at its first missing word; each column has its GIN index."""
        tsquery = f"to_tsquery('{self._config()}', %s)"
        if self.autocomplete:
            return " OR ".join(f"e.autocomplete @@ {tsquery}" for _words in self.alternatives)
        word = f"(e.title @@ {tsquery} OR e.body @@ {tsquery})"
        return " OR ".join(f"({' AND '.join(word for _word in words)})" for words in self.significant()) or "FALSE"

    def _pg_params(self):
        if self.autocomplete:
            return [" & ".join(tsquery_term(word) for word in words) for words in self.alternatives]
        return [tsquery_term(word) for words in self.significant() for word in words for _column in ("title", "body")]

    def significant(self):
        """The alternatives without the words the configuration drops (stop words: « de », the « d »
        of « d'action »): alone, such a word makes an empty tsquery, which matches nothing. An
        alternative of stop words only is dropped, as to_tsquery would empty it."""
        if self._significant is None:
            words = sorted({word for words in self.alternatives for word in words})
            nodes = ", ".join(f"numnode(to_tsquery('{self._config()}', %s))" for _word in words)
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {nodes}", [tsquery_term(word) for word in words])
                dropped = {word for word, count in zip(words, cursor.fetchone(), strict=True) if not count}
            kept = [[word for word in words if word not in dropped] for words in self.alternatives]
            self._significant = [words for words in kept if words]
        return self._significant

    def _matching(self, model, kind=None):
        """FROM … WHERE … selecting the index rows (alias e) of `model` that match; of the content
        type `kind` only, if given (a page's index row has its specific type)."""
        types = _types(model, kind)
        if self.postgres:
            condition = self._pg_condition()
            return f"FROM {TABLE} e WHERE e.content_type_id IN ({types}) AND ({condition})", self._pg_params()
        sql = (
            f"FROM {TABLE}_fts JOIN {TABLE} e ON e.id = {TABLE}_fts.rowid "
            f"WHERE {TABLE}_fts MATCH %s AND e.content_type_id IN ({types})"
        )
        expression = fts5_expression(self.alternatives, stem=not self.autocomplete)
        return sql, [f"autocomplete : ({expression})" if self.autocomplete else expression]

    # What callers use ---------------------------------------------------------------------------
    def filter(self, queryset):
        """`queryset` narrowed to the objects that match (no ranking)."""
        if not self.alternatives:
            return queryset.none()
        sql, params = self._matching(queryset.model)
        return queryset.filter(pk__in=RawSQL(f"SELECT CAST(e.object_id AS INTEGER) {sql}", params))

    def filter_each(self, queryset):
        """`queryset` narrowed by a correlated EXISTS on the index rows (PostgreSQL). Ordered and
        sliced, it lets the planner walk `queryset` in its order and stop at the slice's last match,
        where `filter`'s semi-join matches the whole index first: a word in all of 100,000 documents
        sorted by date took 450 ms that way, 66 ms this way. SQLite's FTS5 cannot be asked row by
        row: `filter` there."""
        if not self.postgres or not self.alternatives:
            return self.filter(queryset)
        sql, params = self._matching(queryset.model)
        meta, quote = queryset.model._meta, connection.ops.quote_name
        # The outer table by its name: the result is only ordered and sliced, never nested in
        # another query (where Django would alias the table and this would no longer refer to it).
        own_id = f"CAST({quote(meta.db_table)}.{quote(meta.pk.column)} AS text)"
        return queryset.filter(RawSQL(f"EXISTS (SELECT 1 {sql} AND e.object_id = {own_id})", params,
                                      output_field=BooleanField()))

    def first_matches(self, queryset, limit):
        """(primary key, index row id) of `queryset`'s first `limit` matches, in the index's order. Read from the
        index with a LIMIT, a word found everywhere stops there; `filter` (a semi-join) lets the
        planner evaluate the query on every row of the index before joining."""
        if not self.alternatives or queryset.query.is_empty():
            return []
        sql, params = self._matching(queryset.model)
        within, allowed_params = self._within(queryset)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT CAST(e.object_id AS INTEGER), e.id {sql} {within} LIMIT {int(limit)}",
                           [*params, *allowed_params])
            return cursor.fetchall()

    def _within(self, queryset):
        allowed, allowed_params = queryset.order_by().values("pk").query.sql_with_params()
        return f"AND CAST(e.object_id AS INTEGER) IN ({allowed})", allowed_params

    def ranked_ids(self, queryset, offset, limit, found=None, kind=None):
        """Primary keys of `queryset`'s matching objects, best first, from `offset`. `found`, the
        first matches of `queryset` itself (first_matches), spares PostgreSQL reading them again.
        `kind`, the content type `queryset` is restricted to, lets the index be read for it alone:
        the few pages of a rare kind are not looked for among a common word's 100,000 matches."""
        if not self.alternatives or queryset.query.is_empty():  # e.g. documents filtered by service
            return []
        sql, params = self._matching(queryset.model, kind)
        within, allowed_params = self._within(queryset)
        if self.postgres:
            tsquery, query_params = self._tsquery()
            weights = get_sql_weights()
            if self.autocomplete:
                candidates = f"SELECT e.id {sql} {within} LIMIT {RANK_CANDIDATES}"
                candidate_params = [*params, *allowed_params]
                rank = f"ts_rank(e.autocomplete, {tsquery})"
                rank_params = query_params
            else:
                # A title holding all the words matches: its own condition, on the title's GIN index,
                # is far cheaper than the match's when few titles do.
                in_titles = (f"SELECT e.id FROM {TABLE} e WHERE e.content_type_id IN ({_types(queryset.model, kind)}) "
                             f"AND e.title @@ {tsquery} {within} LIMIT {TITLE_CANDIDATES}")
                others, other_params = f"SELECT e.id {sql} {within} LIMIT {RANK_CANDIDATES}", [*params, *allowed_params]
                if found is not None:
                    others = "SELECT unnest(%s::bigint[])"
                    other_params = [[row for _pk, row in found[:RANK_CANDIDATES]]]
                candidates = f"SELECT id FROM (({in_titles}) UNION ({others})) AS candidates(id)"
                candidate_params = [*query_params, *allowed_params, *other_params]
                rank = (
                    f"ts_rank(%s::float4[], e.title, {tsquery}) * e.title_norm "
                    f"+ ts_rank(%s::float4[], e.body, {tsquery})"
                )
                rank_params = [weights, *query_params, weights, *query_params]
            statement = (
                f"SELECT CAST(e.object_id AS INTEGER) FROM {TABLE} e WHERE e.id IN ({candidates}) "
                f"ORDER BY {rank} DESC, e.id DESC LIMIT %s OFFSET %s"
            )
            arguments = [*candidate_params, *rank_params, limit, offset]
        else:
            weights = "1.0, 0.0, 0.0" if self.autocomplete else "0.0, 1.0, 10.0"
            statement = (
                f"SELECT CAST(e.object_id AS INTEGER) {sql} {within} "
                f"ORDER BY bm25({TABLE}_fts, {weights}), e.id DESC LIMIT %s OFFSET %s"
            )
            arguments = [*params, *allowed_params, limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(statement, arguments)
            return [row[0] for row in cursor.fetchall()]

    def ranked(self, queryset, offset, limit, found=None, kind=None):
        """The objects themselves, best first."""
        ids = self.ranked_ids(queryset, offset, limit, found, kind)
        objects = queryset.in_bulk(ids)
        return [objects[pk] for pk in ids if pk in objects]
