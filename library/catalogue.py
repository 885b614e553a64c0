"""The catalogue search: simple and advanced criteria, facets, sort and pagination.

Facets are counted on the same criteria as the hits, so the single-valued facets (type,
language, year range, availability) always add up to the number of hits; a multi-valued
facet (author, subject, branch) counts the hits that choosing it would leave, among the
first FACET_CANDIDATES hits when there are more.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction
from django.db.models import BooleanField, Exists, IntegerField, OuterRef, Prefetch, Q, Value
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext_lazy as _

from core import generations
from core.collation import COLLATION, sort_key
from core.params import YEARS, positive_int, search_text
from mairie_site.bulk import among_sql

from .choices import LANGUAGES, YEAR_RANGES, Availability, DocumentType
from .generation import CATALOGUE
from .isbn import normalize_isbn
from .models import BibliographicRecord, Copy, RecordAuthor, RecordSubject
from .text import search_terms

MAX_QUERY_LENGTH = 200
PER_PAGE = 20
FACET_SIZE = 10
# Author, subject and branch facets are counted over at most this many of the best-ranked hits.
FACET_CANDIDATES = 500
SCAN_CACHE_TIMEOUT = 3600
SORTS = {
    "pertinence": _("Pertinence"),
    "titre": _("Titre"),
    "annee": _("Année (récent d'abord)"),
    "annee-asc": _("Année (ancien d'abord)"),
}
# Advanced search: GET parameter → folded column searched word by word.
ADVANCED_TEXT = {"titre": "title_sort", "auteur_nom": "authors_text", "sujet_mot": "subjects_text"}
FACET_PARAMS = ["type", "langue", "annees", "disponibilite", "auteur", "sujet", "bibliotheque"]
UNKNOWN = "inconnu"


def _words_filter(column, text):
    query = Q()
    for word in search_terms(text):
        query &= Q(**{f"{column}__contains": f" {word}"})
    return query


def _year_range(year):
    if year is None:
        return UNKNOWN
    for key, _label, start, end in YEAR_RANGES:
        if (start is None or year >= start) and (end is None or year <= end):
            return key
    return UNKNOWN


# Multi-valued facets: (model, column), counted in that order by _multi_valued_counts.
MULTI_VALUED = [(RecordAuthor, "name"), (RecordSubject, "label"), (Copy, "branch")]


def _multi_valued_counts(candidates):
    """[(value, number of candidates)] for authors, subjects and branches, the FACET_SIZE commonest, in one query."""
    counts = [[] for _facet in MULTI_VALUED]
    if not candidates:
        return counts
    quote = connection.ops.quote_name
    among_candidates, params = among_sql("record_id", candidates)
    parts = []
    for number, (model, column) in enumerate(MULTI_VALUED):
        name = quote(column)
        parts.append(
            f"SELECT * FROM (SELECT {number} AS facet, {name} AS value, COUNT(DISTINCT record_id) AS n "
            f"FROM {quote(model._meta.db_table)} WHERE {among_candidates} AND {name} <> '' "
            f"GROUP BY {name} ORDER BY n DESC, {name} COLLATE {quote(COLLATION)} LIMIT {FACET_SIZE}) AS facet{number}"
        )
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params * len(MULTI_VALUED))
        for number, value, count in cursor.fetchall():
            counts[number].append((value, count))
    # Equal counts in French alphabetical order ("Écologie" among the Es).
    return [sorted(rows, key=lambda row: (-row[1], sort_key(row[0]))) for rows in counts]


@dataclass
class Results:
    total: int
    facets: list
    records: list
    page_number: int
    pages: int
    sampled: int = 0  # when the multi-valued facets count only the first `sampled` hits


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str


@dataclass
class Facet:
    param: str
    label: str
    values: list = field(default_factory=list)

    @property
    def total(self):
        return sum(v.count for v in self.values)



def scan_cache_timeout():
    """How long a scan is kept. A per-process cache (no REDIS_URL) never hears of another process's
    import or edit: a minute there. A shared cache hears of them at once (library/generation.py)."""
    return 60 if isinstance(caches["default"], LocMemCache) else SCAN_CACHE_TIMEOUT

class CatalogueSearch:
    """Built from a request's GET parameters; every criterion is optional."""

    def __init__(self, params):
        self.params = params
        self.query = search_text(params.get("q"), max_length=MAX_QUERY_LENGTH)
        self.sort = params.get("tri") if params.get("tri") in SORTS else "pertinence"
        self.terms = search_terms(self.query)
        self.isbn = normalize_isbn(self.query) or normalize_isbn(search_text(params.get("isbn"), max_length=40))
        self.advanced = {name: search_text(params.get(name), max_length=MAX_QUERY_LENGTH) for name in ADVANCED_TEXT}
        self.year_from = positive_int(params.get("de"), **YEARS)
        self.year_to = positive_int(params.get("a"), **YEARS)
        self.publisher = search_text(params.get("editeur"), max_length=MAX_QUERY_LENGTH)
        self.selected = {name: search_text(params.get(name), max_length=255) for name in FACET_PARAMS}

    @property
    def is_active(self):
        return bool(self.query or self.isbn or any(self.advanced.values()) or self.year_from or self.year_to
                    or self.publisher or any(self.selected.values()))

    def criteria(self):
        """The hits' queryset before ordering."""
        records = BibliographicRecord.objects.visible()
        if self.isbn:
            records = records.filter(isbns__contains=self.isbn)
        elif self.terms:
            records = records.filter(self._text_filter())
        for name, column in ADVANCED_TEXT.items():
            if self.advanced[name]:
                records = records.filter(_words_filter(column, self.advanced[name]))
        if self.publisher:
            records = records.filter(publisher__icontains=self.publisher)
        if self.year_from:
            records = records.filter(year__gte=self.year_from)
        if self.year_to:
            records = records.filter(year__lte=self.year_to)
        return self._facet_filters(records)

    def _text_filter(self):
        if connection.vendor == "postgresql":
            # Folded words are [0-9a-z] only: nothing in them is tsquery syntax.
            query = " & ".join(f"{word}:*" for word in self.terms)
            return RawSQL("search_tsv @@ to_tsquery('simple', %s)", [query], output_field=BooleanField())
        return _words_filter("search_text", self.query)

    def _facet_filters(self, records):
        chosen = self.selected
        if chosen["type"]:
            records = records.filter(document_type=chosen["type"])
        if chosen["langue"]:
            records = records.filter(language="" if chosen["langue"] == UNKNOWN else chosen["langue"])
        if chosen["disponibilite"]:
            records = records.filter(availability=chosen["disponibilite"])
        if chosen["annees"]:
            if chosen["annees"] == UNKNOWN:
                records = records.filter(year__isnull=True)
            for key, _label, start, end in YEAR_RANGES:
                if key == chosen["annees"]:
                    records = records.filter(**({"year__gte": start} if start else {}),
                                             **({"year__lte": end} if end else {}))
        if chosen["auteur"]:
            records = records.filter(Exists(RecordAuthor.objects.filter(record=OuterRef("pk"), name=chosen["auteur"])))
        if chosen["sujet"]:
            records = records.filter(
                Exists(RecordSubject.objects.filter(record=OuterRef("pk"), label=chosen["sujet"])))
        if chosen["bibliotheque"]:
            records = records.filter(Exists(Copy.objects.filter(record=OuterRef("pk"), branch=chosen["bibliotheque"])))
        return records

    def results(self, page_number=1):
        """Hits, facets and one page of records, in 5 queries whatever the number of hits.

        The database counts and ranks in one pass over the hits (`_scan`): the number of hits and
        the single-valued facets, and the first FACET_CANDIDATES hits in the chosen order. The page
        is a slice of those (deeper pages cost one more pass), and the multi-valued facets are
        counted over them: exact up to FACET_CANDIDATES hits, over the best hits beyond (as Koha
        does; the page says so).
        """
        hits = self.criteria().order_by()
        groups, candidates = self._scan(hits, FACET_CANDIDATES)
        total = sum(group[-1] for group in groups)
        pages = max(1, -(-total // PER_PAGE))
        number = min(max(1, page_number), pages)
        start = (number - 1) * PER_PAGE
        ids = candidates[start : start + PER_PAGE]
        if not ids and total:
            ids = self._scan(hits, PER_PAGE, offset=start)[1]
        facets = self._facets(groups, candidates)
        found = BibliographicRecord.objects.filter(pk__in=ids).prefetch_related(
            "authors", Prefetch("copies", queryset=Copy.objects.order_by("sort_order", "pk"))
        ).in_bulk() if ids else {}
        return Results(total=total, facets=facets, records=[found[pk] for pk in ids if pk in found],
                       page_number=number, pages=pages, sampled=len(candidates) if total > len(candidates) else 0)

    def _rank(self):
        """Relevance: 2 if every word starts a word of the title, 1 if of the authors, else 0."""
        if self.sort != "pertinence" or self.isbn or not self.terms:
            return Value(0, output_field=IntegerField())
        # Folded words are [0-9a-z] only: nothing in them is a LIKE wildcard.
        patterns = [f"% {word}%" for word in self.terms]
        in_title = " AND ".join(["(' ' || title_sort) LIKE %s"] * len(patterns))
        in_authors = " AND ".join(["authors_text LIKE %s"] * len(patterns))
        return RawSQL(f"CASE WHEN {in_title} THEN 2 WHEN {in_authors} THEN 1 ELSE 0 END", [*patterns, *patterns],
                      output_field=IntegerField())

    def _scan(self, hits, limit, offset=0):
        """One pass over the hits: (facet groups, ids of the hits ranked offset to offset + limit).

        The hits are materialised once; the groups (type, language, availability, year → count)
        and the best hits with their sort keys come back as the two parts of one result. The
        best hits are put in order here, with the same keys as the database's ORDER BY.

        The result is cached per statement for the current catalogue generation (generation.py):
        the broad queries that cost the most (one letter, stop words) are also the commonest.
        """
        columns = ["pk", "document_type", "language", "availability", "year", "title_sort", "rank"]
        inner, params = hits.annotate(rank=self._rank()).values_list(*columns).query.sql_with_params()
        title = 'title_sort COLLATE "C"' if connection.vendor == "postgresql" else "title_sort"
        order = {
            "titre": [title, "id"],
            "annee-asc": ["year IS NULL", "year", title, "id"],
        }.get(self.sort, ["rank DESC", "year IS NULL", "year DESC", title, "id"])
        sql = (
            "WITH hits (id, document_type, language, availability, year, title_sort, rank) AS MATERIALIZED "
            f"({inner}) "
            "SELECT 0, document_type, language, availability, year, COUNT(*), NULL FROM hits "
            "GROUP BY document_type, language, availability, year "
            "UNION ALL SELECT * FROM ("
            f"SELECT 1, title_sort, NULL, NULL, year, rank, id FROM hits ORDER BY {', '.join(order)} LIMIT %s OFFSET %s"
            ") AS best"
        )
        params = [*params, limit, offset]
        key = "library:scan:" + hashlib.sha1(repr((sql, params)).encode(), usedforsecurity=False).hexdigest()
        current, hit, value = generations.lookup(key, [CATALOGUE])
        if hit:
            return value
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # The catalogue's pages are in memory: with the default cost of a random read, the
                # planner scans the whole table and matches every record's words rather than
                # reading the index's hits (3 to 4 times slower for a word in 10 % of the records).
                # The hits of a broad query (tens of thousands) are kept in memory, not on disk.
                # Matching a word's start against every record's tsvector costs far more per row
                # than the planner assumes: with cheaper parallel workers it shares the scan of a
                # broad query between two processes (100,000 hits: 147 → 99 ms), and still scans
                # a word's few thousand hits by its index alone (benchmarks/catalogue.py).
                cursor.execute(  # SET LOCAL, the four in one round trip
                    "SELECT set_config('random_page_cost', '1.1', true), set_config('work_mem', '32MB', true), "
                    "set_config('parallel_setup_cost', '100', true), set_config('parallel_tuple_cost', '0.01', true)"
                )
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        groups = [row[1:6] for row in rows if row[0] == 0] if not offset else []
        best = [row for row in rows if row[0] == 1]
        best.sort(key=self._sort_key)
        value = (groups, [row[6] for row in best])
        generations.store(key, current, value, scan_cache_timeout())
        return value

    def _sort_key(self, row):
        _part, title, _n1, _n2, year, rank, pk = row
        if self.sort == "titre":
            return (title, pk)
        if self.sort == "annee-asc":
            return (year is None, year or 0, title, pk)
        return (-rank, year is None, -(year or 0), title, pk)

    # Facets

    def _url(self, **changes):
        params = self.params.copy()
        params.pop("page", None)
        for name, value in changes.items():
            params.pop(name, None)
            if value:
                params[name] = value
        return "?" + params.urlencode()

    def _facet(self, param, label, rows):
        facet = Facet(param=param, label=label)
        for value, text, count in rows:
            selected = self.selected[param] == value
            url = self._url(**{param: "" if selected else value})
            facet.values.append(FacetValue(value, text, count, selected, url))
        return facet

    def _facets(self, groups, candidates):
        """Single-valued facets from the aggregate groups; multi-valued ones over the candidates, in one query."""
        by_type, by_language, by_availability, year_counts = Counter(), Counter(), Counter(), Counter()
        for doc_type, language, availability, year, count in groups:
            by_type[doc_type] += count
            by_language[language] += count
            by_availability[availability] += count
            year_counts[_year_range(year)] += count
        types = dict(DocumentType.choices)
        availability = dict(Availability.choices)
        authors, subjects, branches = _multi_valued_counts(candidates)
        years = [(key, str(label), year_counts[key]) for key, label, _s, _e in YEAR_RANGES if year_counts[key]]
        if year_counts[UNKNOWN]:
            years.append((UNKNOWN, str(_("Non renseignée")), year_counts[UNKNOWN]))
        return [
            self._facet("type", _("Type de document"),
                        [(v, str(types.get(v, v)), n) for v, n in by_type.most_common()]),
            self._facet("disponibilite", _("Disponibilité"),
                        [(v, str(availability.get(v, v)), n) for v, n in by_availability.most_common()]),
            self._facet("auteur", _("Auteur"), [(v, v, n) for v, n in authors]),
            self._facet("sujet", _("Sujet"), [(v, v, n) for v, n in subjects]),
            self._facet("annees", _("Année de publication"), years),
            self._facet("langue", _("Langue"), [
                (v or UNKNOWN, str(LANGUAGES.get(v, v) if v else _("Non renseignée")), n)
                for v, n in by_language.most_common()
            ]),
            self._facet("bibliotheque", _("Bibliothèque"), [(v, v, n) for v, n in branches]),
        ]

    def sort_links(self):
        return [{"value": key, "label": label, "selected": key == self.sort, "url": self._url(tri=key)}
                for key, label in SORTS.items()]

    def chosen_filters(self, facets):
        """The selected facet values, each with the URL that removes it."""
        labels = {(f.param, v.value): v.label for f in facets for v in f.values}
        return [{"label": labels.get((name, value), value), "url": self._url(**{name: ""})}
                for name, value in self.selected.items() if value]

    def page_url(self, number):
        params = self.params.copy()
        params["page"] = str(number)
        return "?" + params.urlencode()
