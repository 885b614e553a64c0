"""The council's block on the agents' home page ("Mon portail", hook `portal_home_blocks`): the
notes de service they must read and have not acknowledged yet, with the button to do so."""

from django.urls import reverse

from mairie_site.dates import french_date

from .reading import awaiting_acknowledgement

MAX_NOTES = 5


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
