"""Exports and feeds of the council: SCDL CSV and JSON, iCalendar of sessions, RSS of new acts.

The public space (publication/) answers with the same views, giving its own addresses for the links."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from core.params import page_number
from core.visibility import is_visible, visible_pages
from home.models import TownSettings

from . import reading
from .exports import ical, scdl
from .models import CouncilSessionPage, OfficialNotePage

JSON_PAGE_SIZE = 500


def _absolute(request):
    return request.build_absolute_uri


@require_GET
def deliberations_csv(request, *, act_url=None):
    content = scdl.to_csv(scdl.rows(request=request, act_url=act_url))
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="deliberations.csv"'
    return response


@require_GET
def deliberations_json(request, *, act_url=None):
    paginator = Paginator(scdl.exported_deliberations(), JSON_PAGE_SIZE)
    page = paginator.get_page(page_number(request.GET.get("page")))
    results = list(scdl.rows(page.object_list, request=request, act_url=act_url))
    next_url = None
    if page.has_next():
        next_url = request.build_absolute_uri(f"?page={page.next_page_number()}")
    return JsonResponse(
        {
            "schema": scdl.SCHEMA,
            "schema_version": scdl.SCHEMA_VERSION,
            "count": paginator.count,
            "next": next_url,
            "results": results,
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def sessions_ics(request, *, sessions=None, session_url=None):
    """The sessions an agent may see; the public space passes its own (public_sessions())."""
    if sessions is None:
        sessions = visible_pages(CouncilSessionPage.objects.live(), request.user)
    sessions = sessions.order_by("date").prefetch_related("agenda_items")
    content = ical.sessions_calendar(
        sessions,
        town_name=TownSettings.load().town_name,
        absolute_url=_absolute(request),
        host=request.get_host().split(":")[0],
        session_url=session_url,
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="seances-conseil-municipal.ics"'
    return response


@require_POST
def acknowledge_note(request, note_id):
    """« J'ai pris connaissance » (idempotent): back where the agent clicked, or to the note."""
    note = get_object_or_404(OfficialNotePage.objects.live(), pk=note_id)
    if not is_visible(note, request.user):  # view restrictions and audience (core.visibility)
        raise Http404
    if not reading.is_for(note, request.user):
        messages.info(request, "Cette note ne vous demande pas de prise de connaissance.")
    else:
        reading.acknowledge(note, request.user)
        messages.success(request, f"Votre prise de connaissance de la note n° {note.number} est enregistrée.")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        back = note.url
    return redirect(back)
