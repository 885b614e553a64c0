"""The council's blocks on the agents' home page ("Mon portail", contract in `portal/extensions.py`):
the notes de service they must read and have not acknowledged yet, with the button to do so (hook
`portal_home_blocks`: the agent's own); the next council session and the latest notes de service
(hook `portal_shared_home_blocks`: the same for every agent refused the same pages)."""

from django.urls import reverse

from mairie_site.dates import french_date

from .models import CouncilSessionPage, OfficialNotePage
from .reading import awaiting_acknowledgement

MAX_NOTES = 5
LATEST_NOTES = 3


def notes_to_read(request, *, now, private_q):
    """One query whatever the number of notes (the refused paths come with `private_q`)."""
    notes = awaiting_acknowledgement(request.user, refused_q=private_q)
    notes = list(notes.only("title", "number", "reading_deadline", "url_path", "path", "depth")[:MAX_NOTES])
    if not notes:
        return None
    return {
        "key": "lecture",
        "pinned": True,
        "title": "Notes de service à lire",
        "items": [
            {
                "title": note.title,
                "url": note.get_url(request),
                "meta": f"Note n° {note.number} — à lire avant le {french_date(note.reading_deadline, 'j F Y')}",
                "acknowledge_url": reverse("council:acknowledge_note", args=[note.pk]),
            }
            for note in notes
        ],
    }


def next_session(request, *, now, private_q):
    sessions = CouncilSessionPage.objects.live().filter(date__gte=now).order_by("date")
    if private_q:
        sessions = sessions.exclude(private_q)
    session = sessions.only("title", "date", "place", "url_path", "path", "depth").first()
    if session is None:
        return None
    when = french_date(session.date, "l j F Y à H:i")
    return {
        "key": "conseil",
        "pinned": True,
        "title": "Prochaine séance du conseil",
        "items": [{"title": session.title, "url": session.get_url(request), "meta": f"{when} — {session.place}"}],
    }


def latest_notes(request, *, now, private_q):
    notes = OfficialNotePage.objects.live().order_by("-effective_date", "-pk")
    if private_q:
        notes = notes.exclude(private_q)
    notes = list(notes.only("title", "number", "effective_date", "url_path", "path", "depth")[:LATEST_NOTES])
    if not notes:
        return None
    return {
        "key": "notes",
        "title": "Dernières notes de service",
        "items": [
            {
                "title": note.title,
                "url": note.get_url(request),
                "meta": f"Note n° {note.number} — effet le {french_date(note.effective_date, 'j F Y')}",
            }
            for note in notes
        ],
    }
