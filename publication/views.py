"""The public space's views: thin, login-free, showing only the public copy (council/publicity.py)."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from council import publicity
from council import views as council_views
from council.nomenclature import LEVEL_2

from . import listing
from .addresses import SEGMENT_KINDS, act_url, session_url

PAGE_SIZE = 25


def not_found(request, message):
    """A 404 in the public space's own layout: the intranet's pages (and their login link) stay out of it."""
    return render(request, "publication/404.html", {"message": message}, status=404)


@login_not_required
def unknown(request, rest):
    return not_found(request, "Cette adresse ne correspond à aucun acte publié.")


@login_not_required
@require_GET
def index(request):
    filters = listing.read_filters(request.GET)
    page = Paginator(listing.entries(filters), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "publication/index.html", {
        "entries": page,
        "filters": filters,
        "filter_query": query.urlencode(),
        "kinds": listing.KINDS.items(),
        "years": listing.years(),
        "matters": [(code, f"{code} {label}") for code, label in LEVEL_2.items()],
    })


@login_not_required
@require_GET
def deliberation(request, year, number):
    act = publicity.public_deliberations().filter(year=year, number=number).first()
    if act is None:
        return not_found(request, "Aucune délibération publiée sous ce numéro.")
    annexes = act.annexes.select_related("document", "document__extracted_text")
    return render(request, "publication/deliberation.html", {
        "act": act,
        "session": act.council_session,
        "annexes": [annex for annex in annexes if publicity.public_document(annex.document_id)],
        "document": publicity.public_document(act.document_id) if act.document_id else None,
        "minimum_end": publicity.minimum_end_of_publication(act),
    })


@login_not_required
@require_GET
def mayoral_act(request, kind, year, number):
    if kind not in SEGMENT_KINDS:
        return not_found(request, "Type d'acte inconnu.")
    act = publicity.public_mayoral_acts().filter(kind=SEGMENT_KINDS[kind], year=year, number=number).first()
    if act is None:
        return not_found(request, "Aucun acte publié sous ce numéro.")
    return render(request, "publication/mayoral_act.html", {
        "act": act,
        "document": publicity.public_document(act.document_id) if act.document_id else None,
        "minimum_end": publicity.minimum_end_of_publication(act),
    })


@login_not_required
@require_GET
def sessions(request):
    return render(request, "publication/sessions.html", {
        "sessions": publicity.public_sessions().order_by("-date").only("id", "title", "date", "place", "kind"),
        "now": timezone.now(),
    })


@login_not_required
@require_GET
def session(request, pk):
    found = publicity.public_sessions().filter(pk=pk).select_related("minutes_approved_in").first()
    if found is None:
        return not_found(request, "Séance inconnue.")
    published_list = publicity.public_lists().filter(session=found).first()
    minutes = None
    if found.minutes_approved_in_id and found.minutes_document_id:
        minutes = publicity.public_document(found.minutes_document_id)
    return render(request, "publication/session.html", {
        "session": found,
        "agenda": found.agenda_items.all(),
        "deliberations": publicity.public_deliberations().filter(council_session=found).order_by("order", "number"),
        "published_list": published_list,
        "minutes": minutes,
    })


@login_not_required
@require_GET
def document(request, document_id, filename):
    """A document of a public act, served from here: Wagtail's own view (/documents/) is the intranet's."""
    found = publicity.public_document(document_id)
    if found is None or found.filename != filename:
        return not_found(request, "Document inconnu.")
    response = FileResponse(found.file.open("rb"), content_type=found.content_type)
    response["Content-Disposition"] = found.content_disposition
    response["Content-Length"] = found.file.size
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Short: an act withdrawn after its two months must not linger in shared caches.
    response["Cache-Control"] = "public, max-age=300"
    return response


@login_not_required
def sessions_ics(request):
    return council_views.sessions_ics(request, sessions=publicity.public_sessions(), session_url=session_url)


@login_not_required
def deliberations_csv(request):
    return council_views.deliberations_csv(request, act_url=act_url)


@login_not_required
def deliberations_json(request):
    return council_views.deliberations_json(request, act_url=act_url)
