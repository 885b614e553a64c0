"""Exports and feeds of the council: SCDL CSV and JSON, iCalendar of sessions, RSS of new acts.

The public space (publication/) answers with the same views, giving its own addresses for the links."""

from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from core.params import page_number
from core.visibility import visible_pages
from home.models import TownSettings

from .exports import ical, scdl
from .models import CouncilSessionPage

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
