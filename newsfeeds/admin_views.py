"""Admin views: fetch one source now, test an address, and the health report of every source."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Sum
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.ratelimit import rate_limited

from .models import FeedFetchDay, FeedSource
from .probe import probe_feed
from .tasks import fetch_source

REPORT_DAYS = 7
# « Tester l'adresse » fetches from the web server: a handful per editor and minute is plenty.
PROBES_PER_MINUTE = 6


@require_POST
def probe(request):
    """« Tester l'adresse » on the channel form: fetch the address once, answer in French (JSON)."""
    if not request.user.has_perm("newsfeeds.add_feedsource"):
        raise PermissionDenied
    if rate_limited(request, "feed-probe", PROBES_PER_MINUTE):
        message = _("Vous avez testé beaucoup d'adresses en peu de temps : réessayez dans une minute.")
        return JsonResponse({"ok": False, "message": message}, status=429)
    result = probe_feed(request.POST.get("url", ""))
    return JsonResponse({"ok": result.ok, "message": result.message, "title": result.title, "items": result.items})


def fetch_now(request, pk):
    """GET asks for confirmation, POST fetches (through a django-tasks task)."""
    if not request.user.has_perm("newsfeeds.change_feedsource"):
        raise PermissionDenied
    source = get_object_or_404(FeedSource, pk=pk)
    if request.method == "POST":
        result = fetch_source.enqueue(source.pk, True)
        source.refresh_from_db()
        if not getattr(result, "is_finished", False):
            # A worker backend runs it later; the immediate backend (default) has already run it.
            messages.info(request, f"« {source.name} » sera récupéré dans quelques instants.")
        elif source.consecutive_errors:
            messages.error(request, f"« {source.name} » : {source.last_error}")
        else:
            messages.success(request, f"« {source.name} » récupéré : {source.items_imported} article(s) au total.")
        return redirect("newsfeeds_health")
    return TemplateResponse(request, "newsfeeds/admin/fetch_now.html", {"source": source, "page_title": source.name})


def health_report(request):
    """Status of every source, bytes per day over the last week, errors."""
    if not request.user.has_perm("newsfeeds.view_feedsource"):
        raise PermissionDenied
    today = timezone.localdate()
    days = [today - timedelta(days=offset) for offset in range(REPORT_DAYS - 1, -1, -1)]
    sources = list(FeedSource.objects.select_related("channel").order_by("-consecutive_errors", "name"))
    per_day = {}
    for row in FeedFetchDay.objects.filter(day__gte=days[0]).values("source_id", "day", "bytes", "errors", "fetches"):
        per_day[(row["source_id"], row["day"])] = row
    for source in sources:
        source.week = [per_day.get((source.pk, day), {"bytes": 0, "errors": 0, "fetches": 0}) for day in days]
    totals = FeedFetchDay.objects.filter(day__gte=days[0]).values("day").annotate(bytes=Sum("bytes")).order_by("day")
    total_by_day = {row["day"]: row["bytes"] for row in totals}
    context = {
        "page_title": "Santé des flux",
        "header_icon": "pick",
        "sources": sources,
        "days": days,
        "day_totals": [total_by_day.get(day, 0) for day in days],
        "failing": sum(1 for source in sources if source.consecutive_errors),
        "paused": sum(1 for source in sources if not source.active),
        "can_fetch": request.user.has_perm("newsfeeds.change_feedsource"),
    }
    return TemplateResponse(request, "newsfeeds/admin/health_report.html", context)
