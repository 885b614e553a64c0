"""The archive of deliberations: filters by year, session, matter, rapporteur, result and kind, with counts.

Each facet counts the deliberations matching every *other* active filter, so that a clerk sees
how many acts a second choice would leave. The number of queries does not depend on the archive's size.

What does not depend on the filters is read once per *generation* of the archive and cached: one
aggregate query counts the acts per combination of the six facets (every facet count, for any
filters, is a sum over those combinations), plus the labels of sessions and rapporteurs, the
recent sessions. It is cached per set of view restrictions the agent is refused (most agents share
one), so that a group's members count and find the acts restricted to their group and nobody else
does (core.visibility). Any change to an act, a session, a councillor or a move starts a new
archive generation (council/signals.py), any change of a view restriction or of an agent's groups
the visibility generation, so nothing shown is stale; a warm request only reads the agent's refused
restrictions and runs the query of the page of results.
"""

import hashlib
from collections import Counter

from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.translation import gettext as _

from core import generations
from core.params import page_number, positive_int
from core.visibility import refused_paths, signature, visible_pages

from .models import CouncilMember, CouncilSessionPage, DeliberationPage, SessionKind, VoteResult
from .nomenclature import LEVEL_2

PAGE_SIZE = 25
ARCHIVE = generations.Generation("council:archive:generation")
CACHE_TIMEOUT = 3600
# Query-string key → field of DeliberationPage, in the order of the aggregate's columns.
FACETS = {
    "annee": "year",
    "seance": "council_session_id",
    "matiere": "matter",
    "rapporteur": "rapporteur_id",
    "resultat": "result",
    "nature": "council_session__kind",
}


class CountedPaginator(Paginator):
    """A paginator given its total (known from the facet counts): no COUNT query."""

    def __init__(self, object_list, per_page, *, count):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self):
        return self._known_count


def read_filters(params):
    """The valid filters of the query string, as {facet key: value}; invalid values are ignored."""
    filters = {}
    for key in ("annee", "seance", "rapporteur"):
        number = positive_int(params.get(key))
        if number:
            filters[key] = number
    valid = {"matiere": LEVEL_2, "resultat": VoteResult.values, "nature": SessionKind.values}
    for key, choices in valid.items():
        if params.get(key) in choices:
            filters[key] = params[key]
    return filters


bump_archive_generation = ARCHIVE.bump


def _live_acts(index_page, refused):
    return visible_pages(DeliberationPage.objects.live().descendant_of(index_page), None, paths=refused)


def build_snapshot(index_page, refused):
    """Everything the archive shows that does not depend on the filters (a handful of queries),
    for an agent refused the restrictions at `refused` (paths)."""
    fields = list(FACETS.values())
    combinations = [
        (tuple(row[:-1]), row[-1])
        for row in _live_acts(index_page, refused).order_by().values(*fields)
        .annotate(n=Count("pk")).values_list(*fields, "n")
    ]
    session_ids = {values[1] for values, _n in combinations}
    member_ids = {values[3] for values, _n in combinations}
    sessions = CouncilSessionPage.objects.filter(pk__in=session_ids).only("id", "title", "date").order_by("-date")
    members = CouncilMember.objects.filter(pk__in=member_ids).only("id", "first_name", "last_name")
    recent = visible_pages(CouncilSessionPage.objects.child_of(index_page).live(), None, paths=refused)
    return {
        "combinations": combinations,
        "sessions": [(session.pk, session.title) for session in sessions],
        "members": [(member.pk, str(member)) for member in members],
        "recent_sessions": list(recent.only("id", "title", "date", "url_path", "path", "depth").order_by("-date")[:12]),
    }


def facet_counts(combinations, filters):
    """For each facet, value → number of acts matching every other filter (the facet's own is ignored)."""
    keys = list(FACETS)
    wanted = [(keys.index(key), value) for key, value in filters.items()]
    counts = {key: Counter() for key in keys}
    for values, n in combinations:
        failing = [position for position, value in wanted if values[position] != value]
        if len(failing) > 1:
            continue
        for position, key in enumerate(keys):
            if (not failing or failing[0] == position) and values[position] not in (None, ""):
                counts[key][values[position]] += n
    return {key: dict(counter) for key, counter in counts.items()}


def cached_archive_data(index_page, filters, refused):
    """(snapshot, facet counts for these filters), cached for the current generations and for the
    agents refused the same restrictions."""
    prefix = f"council:archive:{index_page.pk}:{signature(refused)}"
    filters_signature = hashlib.sha256(repr(sorted(filters.items())).encode()).hexdigest()[:32]
    watched = [ARCHIVE, generations.VISIBILITY]
    snapshot = generations.cached(f"{prefix}:snapshot", lambda: build_snapshot(index_page, refused),
                                  generations=watched, timeout=CACHE_TIMEOUT)
    counts = generations.cached(f"{prefix}:counts:{filters_signature}",
                                lambda: facet_counts(snapshot["combinations"], filters),
                                generations=watched, timeout=CACHE_TIMEOUT)
    return snapshot, counts


def _facets(snapshot, counts, selected):
    def option(key, value, label):
        selected_here = selected.get(key) == str(value)
        return {"value": str(value), "label": label, "count": counts[key][value], "selected": selected_here}

    def options(key, choices):
        return [option(key, value, label) for value, label in choices if value in counts[key]]

    return [
        {"key": "annee", "label": _("Année"), "all": _("Toutes les années"),
         "options": [option("annee", year, str(year)) for year in sorted(counts["annee"], reverse=True)]},
        {"key": "seance", "label": _("Séance"), "all": _("Toutes les séances"),
         "options": options("seance", snapshot["sessions"])},
        {"key": "matiere", "label": _("Matière"), "all": _("Toutes les matières"),
         "options": options("matiere", [(code, f"{code} {label}") for code, label in LEVEL_2.items()])},
        {"key": "rapporteur", "label": _("Rapporteur"), "all": _("Tous les rapporteurs"),
         "options": options("rapporteur", snapshot["members"])},
        {"key": "resultat", "label": _("Résultat"), "all": _("Tous les résultats"),
         "options": options("resultat", VoteResult.choices)},
        {"key": "nature", "label": _("Nature de la séance"), "all": _("Toutes les natures"),
         "options": options("nature", SessionKind.choices)},
    ]


def archive_context(index_page, request):
    filters = read_filters(request.GET)
    refused = refused_paths(request.user)
    snapshot, counts = cached_archive_data(index_page, filters, refused)
    selected = {key: request.GET.get(key, "") for key in filters}

    results = _live_acts(index_page, refused)
    for key, value in filters.items():
        results = results.filter(**{FACETS[key]: value})
    results = (
        results.select_related("rapporteur")
        .defer("text", "document_text")
        .order_by("-session_date", "order", "-number")
    )
    # Every act has a year (its session's), so the year facet, which ignores only the year filter,
    # gives the total of the current selection.
    year_counts = counts["annee"]
    total = year_counts.get(filters["annee"], 0) if "annee" in filters else sum(year_counts.values())
    page = CountedPaginator(results, PAGE_SIZE, count=total).get_page(page_number(request.GET.get("page")))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "facets": _facets(snapshot, counts, selected),
        "deliberations": page,
        "active_filters": bool(filters),
        "filter_query": query.urlencode(),
        "sessions": snapshot["recent_sessions"],
    }
