import difflib
import logging
import re
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, Paginator
from django.db.models import F
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query

from core.params import YEARS, choice, page_number, positive_int
from core.text import fold, html_to_text
from council.nomenclature import LEVEL_2

from . import engine, sources
from .limits import SearchTooLong, rate_limited, time_limit
from .models import SearchQueryLog
from .text import clean_query

logger = logging.getLogger(__name__)
SORTS = {"pertinence": "relevance", "date": "date"}
DISPLAYS = ("mixte", "groupes")


def search(request):
    if rate_limited(request):
        return TemplateResponse(request, "search/rate_limited.html", status=429)
    query = clean_query(request.GET.get("q"))
    kind = request.GET.get("type")
    kind = engine.DOCUMENTS if kind == engine.DOCUMENTS else positive_int(kind)
    filters = engine.Filters(
        kind=kind,
        year=positive_int(request.GET.get("annee"), **YEARS),
        service=positive_int(request.GET.get("service")),
        matter=choice(request.GET.get("matiere"), LEVEL_2),
    )
    sort = choice(request.GET.get("tri"), SORTS, "pertinence")
    display = choice(request.GET.get("affichage"), DISPLAYS, "mixte")
    context = {"search_query": query, "filters": filters, "kind": kind, "year": filters.year, "sort": sort,
               "display": display}
    if not query:
        return TemplateResponse(request, "search/search.html", context)
    try:
        with time_limit():
            searched = Query.get(query)  # read once: the editors' picks, then the hit counted
            context.update(_results(request, query, searched, filters, sort, display))
    except engine.SearchUnavailable:
        logger.error("search engine unreachable for query %r", query)
        return TemplateResponse(request, "search/unavailable.html", context, status=503)
    except SearchTooLong:
        logger.warning("search stopped at its time limit for query %r", query)
        return TemplateResponse(request, "search/too_long.html", context, status=503)
    _record(query, searched, context["total"])
    return TemplateResponse(request, "search/search.html", context)


def _results(request, query, searched, filters, sort, display):
    """What the search page shows: results, facets, boxes, promotions, spelling suggestions."""
    kind = filters.kind
    number = page_number(request.GET.get("page"))
    found = engine.search(request, query, filters=filters, sort=SORTS[sort], page=number)
    total = found["total"]
    paginator = Paginator(found["results"], engine.PAGE_SIZE)
    try:
        page = paginator.page(number)
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
    page.object_list = engine.with_snippets(page.object_list, query)
    grouped = display == "groupes" and kind is None
    links = Links(query, filters, sort, display)
    return dict(
        links=links,
        facet_groups=facet_groups(found["facets"], filters, links),
        groups=[dict(group, hits=engine.with_snippets(group["hits"], query)) for group in found["groups"]()]
        if grouped else [],
        search_results=page,
        total=total,
        more=found["more"],
        facets=found["facets"],
        documents=engine.with_snippets(found["documents"], query),
        boxes=sources.boxes(request, query, engine.visible_pages(request)) if kind is None else [],
        promoted=_promoted(request, searched),
        suggestions=[] if total else _spelling_suggestions(request, query),
    )


class Links:
    """Search URLs keeping the agent's choices (filters, sort, display), so that all works without JS."""

    def __init__(self, query, filters, sort, display):
        self.params = {"q": query, "type": filters.kind, "annee": filters.year, "service": filters.service,
                       "matiere": filters.matter, "tri": sort, "affichage": display}

    def to(self, **changes):
        params = {**self.params, **changes}
        return "?" + urlencode({key: value for key, value in params.items() if value not in (None, "")})


def facet_groups(facets, filters, links):
    """Each facet as a titled list of links; the chosen value is marked and can be removed."""
    kinds = [(key, facet["label"], facet["count"]) for key, facet in facets["kinds"].items()]
    years = [(year, year, count) for year, count in facets["years"].items()]
    groups = []
    for title, param, current, items, none_label in (
        ("Type de contenu", "type", filters.kind, kinds, ""),
        ("Année", "annee", filters.year, years, "Sans date"),
        ("Service", "service", filters.service, facets["services"], "Sans service"),
        ("Matière (délibérations)", "matiere", filters.matter, facets["matters"], "Autres contenus"),
    ):
        if not items:
            continue
        groups.append({
            "title": title,
            "items": [
                {
                    "label": label if key is not None else none_label,
                    "count": count,
                    "current": key is not None and key == current,
                    "href": links.to(**{param: key}) if key is not None else None,
                    "clear_href": links.to(**{param: None}),
                }
                for key, label, count in items
            ],
        })
    return groups


def _record(query, searched, total):
    searched.add_hit()
    log, _ = SearchQueryLog.objects.get_or_create(query=fold(query), day=timezone.localdate())
    SearchQueryLog.objects.filter(pk=log.pk).update(searches=F("searches") + 1, results=total)


def _promoted(request, searched):
    """Editors' picks for this query (`searched`, wagtail's Query), only those the user may see."""
    picks = list(searched.editors_picks.select_related("page"))
    if not picks:
        return []
    candidates = engine.visible_pages(request).filter(pk__in=[pick.page_id for pick in picks])
    visible = set(candidates.values_list("pk", flat=True))
    return [pick for pick in picks if pick.page_id in visible]


LETTERS = re.compile(r"[^\W\d_]+")


def _spelling_suggestions(request, query):
    """Close words from the titles the user may see ("urbanime" → "urbanisme"), compared
    folded and offered as the titles spell them ("deliberaton" → "délibération")."""
    spellings = {}
    for title in engine.visible_pages(request).values_list("title", flat=True)[:5000]:
        for word in LETTERS.findall(title):
            folded = fold(word)
            if len(folded) > 3:
                spellings.setdefault(folded, word.lower())
    suggestions = []
    for word in fold(query).split():
        if word not in spellings:
            suggestions += [spellings[match] for match in difflib.get_close_matches(word, spellings, n=1, cutoff=0.75)]
    return suggestions[:3]


def autocomplete(request):
    """The first pages whose title starts like what the agent is typing (JSON)."""
    if rate_limited(request, bucket="autocomplete"):
        return JsonResponse({"results": [], "error": "Trop de requêtes, patientez une minute."}, status=429)
    query = clean_query(request.GET.get("q"))
    if len(query) < 2:
        return JsonResponse({"results": []})
    try:
        with time_limit():
            results = _suggestions(request, query)
        return JsonResponse({"results": results})
    except SearchTooLong:
        return JsonResponse({"results": [], "error": "Recherche trop longue, précisez-la."}, status=503)
    except Exception as error:  # the engine's client errors differ per backend
        if engine.is_connection_error(error):
            return JsonResponse({"results": [], "error": "Recherche momentanément indisponible."}, status=503)
        raise


def _suggestions(request, query):
    pages, documents = engine.autocomplete(request, query)
    results = [
        {"title": page.title, "url": page.get_url(request), "kind": engine.kind_label(page.content_type_id)}
        for page in pages
    ] + [{"title": document.title, "url": document.url, "kind": "Document"} for document in documents]
    for box in sources.boxes(request, query, engine.visible_pages(request)):
        results += [{"title": html_to_text(hit.title_html), "url": hit.url, "kind": box.label} for hit in box.hits[:3]]
    return results
