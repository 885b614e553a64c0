"""What the council's landing shows before its archive, and what the Conseil municipal section
shows of it: the next session (date, place, its agenda) and the latest acts, as the agent may see
them (core.visibility). Each is one query."""

from django.utils import timezone

from core.visibility import refused_paths, visible_pages

from .models import CouncilSessionPage, DeliberationPage

LATEST_ACTS = 5


def next_session(index_page, user, *, paths=None, now=None):
    """The first live session of `index_page` still to come, or None."""
    sessions = visible_pages(CouncilSessionPage.objects.live().descendant_of(index_page), user, paths=paths)
    return (
        sessions.filter(date__gte=now or timezone.now())
        .only("title", "date", "place", "url_path", "path", "depth")
        .order_by("date", "pk")
        .first()
    )


def latest_acts(index_page, user, *, paths=None, count=LATEST_ACTS):
    """The last deliberations of `index_page`, by their session's date."""
    acts = visible_pages(DeliberationPage.objects.live().descendant_of(index_page), user, paths=paths)
    return list(
        acts.only("title", "year", "number", "session_date", "url_path", "path", "depth")
        .order_by("-session_date", "order", "-number")[:count]
    )


def landing(index_page, request):
    paths = refused_paths(request.user)
    return {
        "next_session": next_session(index_page, request.user, paths=paths),
        "latest_acts": latest_acts(index_page, request.user, paths=paths),
    }
