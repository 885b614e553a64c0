"""The archive of deliberations: filters by year, session, matter, rapporteur, result and kind, with counts.

Each facet counts the deliberations matching every *other* active filter, so that a clerk sees
how many acts a second choice would leave. The number of queries does not depend on the archive's size.
"""

import hashlib
import time

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.translation import gettext as _

from .models import CouncilMember, CouncilSessionPage, DeliberationPage, SessionKind, VoteResult
from .nomenclature import LEVEL_2

PAGE_SIZE = 25
# Facet counts are cached per set of filters; any change to an act, a session, a move or a view
# restriction starts a new generation (council/signals.py), so a count is never stale.
GENERATION_KEY = "council:archive:generation"
FACETS_TIMEOUT = 3600


class CountedPaginator(Paginator):
    """A paginator given its total (known from the cached facet counts): no COUNT query."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self):
        return self._known_count


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def read_filters(params):
    """Turn the query string into ORM lookups, ignoring values that are not valid choices."""
    lookups = {}
    year = _int(params.get("annee"))
    if year:
        lookups["annee"] = {"year": year}
    session = _int(params.get("seance"))
    if session:
        lookups["seance"] = {"council_session_id": session}
    matter = params.get("matiere")
    if matter in LEVEL_2:
        lookups["matiere"] = {"matter": matter}
    rapporteur = _int(params.get("rapporteur"))
    if rapporteur:
        lookups["rapporteur"] = {"rapporteur_id": rapporteur}
    result = params.get("resultat")
    if result in VoteResult.values:
        lookups["resultat"] = {"result": result}
    kind = params.get("nature")
    if kind in SessionKind.values:
        lookups["nature"] = {"council_session__kind": kind}
    return lookups


def _filtered(queryset, lookups, skip=None):
    for key, lookup in lookups.items():
        if key != skip:
            queryset = queryset.filter(**lookup)
    return queryset


def _counts(queryset, field):
    rows = queryset.order_by().values(field).annotate(n=Count("pk")).order_by()
    return {row[field]: row["n"] for row in rows if row[field] not in (None, "")}


def archive_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = time.time_ns()
        cache.set(GENERATION_KEY, generation, None)
    return generation


def bump_archive_generation(**kwargs):
    cache.set(GENERATION_KEY, time.time_ns(), None)


def facet_counts(base, lookups):
    """Six dicts value → count, each ignoring its own filter (one grouped query per facet)."""
    return {
        "annee": _counts(_filtered(base, lookups, "annee"), "year"),
        "seance": _counts(_filtered(base, lookups, "seance"), "council_session_id"),
        "matiere": _counts(_filtered(base, lookups, "matiere"), "matter"),
        "rapporteur": _counts(_filtered(base, lookups, "rapporteur"), "rapporteur_id"),
        "resultat": _counts(_filtered(base, lookups, "resultat"), "result"),
        "nature": _counts(_filtered(base, lookups, "nature"), "council_session__kind"),
    }


def cached_facet_counts(index_page, base, lookups):
    signature = hashlib.sha256(repr(sorted((k, sorted(v.items())) for k, v in lookups.items())).encode()).hexdigest()
    key = f"council:archive:{index_page.pk}:{archive_generation()}:{signature[:32]}"
    counts = cache.get(key)
    if counts is None:
        counts = facet_counts(base, lookups)
        cache.set(key, counts, FACETS_TIMEOUT)
    return counts


def archive_context(index_page, request):
    base = DeliberationPage.objects.live().public().descendant_of(index_page)
    lookups = read_filters(request.GET)

    counts = cached_facet_counts(index_page, base, lookups)
    year_counts, session_counts, matter_counts = counts["annee"], counts["seance"], counts["matiere"]
    rapporteur_counts, result_counts, kind_counts = counts["rapporteur"], counts["resultat"], counts["nature"]

    sessions = CouncilSessionPage.objects.filter(pk__in=session_counts).only("id", "title", "date").order_by("-date")
    members = CouncilMember.objects.filter(pk__in=rapporteur_counts).only("id", "first_name", "last_name")
    selected = {key: request.GET.get(key, "") for key in lookups}

    def option(value, label, count, key):
        return {"value": str(value), "label": label, "count": count, "selected": selected.get(key) == str(value)}

    facets = [
        {
            "key": "annee",
            "label": _("Année"),
            "options": [option(y, str(y), n, "annee") for y, n in sorted(year_counts.items(), reverse=True)],
        },
        {
            "key": "seance",
            "label": _("Séance"),
            "options": [option(s.pk, s.title, session_counts[s.pk], "seance") for s in sessions],
        },
        {
            "key": "matiere",
            "label": _("Matière"),
            "options": [
                option(code, f"{code} {LEVEL_2[code]}", matter_counts[code], "matiere")
                for code in LEVEL_2
                if code in matter_counts
            ],
        },
        {
            "key": "rapporteur",
            "label": _("Rapporteur"),
            "options": [option(m.pk, str(m), rapporteur_counts[m.pk], "rapporteur") for m in members],
        },
        {
            "key": "resultat",
            "label": _("Résultat"),
            "options": [
                option(value, label, result_counts[value], "resultat")
                for value, label in VoteResult.choices
                if value in result_counts
            ],
        },
        {
            "key": "nature",
            "label": _("Nature de la séance"),
            "options": [
                option(value, label, kind_counts[value], "nature")
                for value, label in SessionKind.choices
                if value in kind_counts
            ],
        },
    ]

    results = (
        _filtered(base, lookups)
        .select_related("rapporteur", "council_session")
        .defer("text", "document_text", "council_session__summary", "council_session__document_text")
        .order_by("-session_date", "order", "-number")
    )
    # Every act has a year (its session's), so the year facet, which ignores only the year filter,
    # gives the total of the current selection.
    year_counts_total = (
        year_counts.get(lookups["annee"]["year"], 0) if "annee" in lookups else sum(year_counts.values())
    )
    page = CountedPaginator(results, PAGE_SIZE, count=year_counts_total).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "facets": facets,
        "deliberations": page,
        "active_filters": bool(lookups),
        "filter_query": query.urlencode(),
        "sessions": CouncilSessionPage.objects.child_of(index_page).live().public().order_by("-date")[:12],
    }
