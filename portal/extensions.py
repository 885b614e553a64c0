"""Home page blocks that other apps' content fills: next council session, official notes,
library new acquisitions.

Each block reads the other app's models through the app registry, so that "Mon portail" keeps
working (without the block) while an app is absent or renamed. A block is a function
`(request, *, now, private_q) -> dict | None` returning {"key", "title", "items": [{"title",
"url", "meta", "acknowledge_url"}], "more_url", "pinned"}; an app adds one with the Wagtail hook
`portal_home_blocks` (`pinned` blocks come first on a phone). Each costs a fixed number of queries.
An item's `acknowledge_url` shows a « J'ai pris connaissance » button posting there.

The hooks' blocks may be the agent's own (the notes they must read). The blocks of this module show
shared content, filtered by nothing of the agent's but the pages refused to them: they are built
once for all the agents refused the same pages, and kept under the generations the agents' cached
blocks watch (portal/home.py), for as long.
"""

import logging

from django.apps import apps
from wagtail import hooks

from core import generations
from core.visibility import signature, under_q
from mairie_site.dates import french_date

from .services import GLOBAL_GENERATION

logger = logging.getLogger(__name__)


def _model(app_label, name):
    try:
        return apps.get_model(app_label, name)
    except LookupError:
        return None


def next_council_session(request, *, now, private_q):
    Session = _model("council", "CouncilSessionPage")
    if Session is None:
        return None
    sessions = Session.objects.live().filter(date__gte=now).order_by("date")
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


def latest_official_notes(request, *, now, private_q):
    Note = _model("council", "OfficialNotePage")
    if Note is None:
        return None
    notes = Note.objects.live().order_by("-effective_date", "-pk")
    if private_q:
        notes = notes.exclude(private_q)
    notes = list(notes.only("title", "number", "effective_date", "url_path", "path", "depth")[:3])
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


def library_new_acquisitions(request, *, now, private_q):
    Record = _model("library", "BibliographicRecord")
    Catalogue = _model("library", "LibraryCatalogPage")
    if Record is None or Catalogue is None:
        return None
    catalogue = Catalogue.objects.live().first()
    if catalogue is None:
        return None
    records = Record.objects.visible() if hasattr(Record.objects, "visible") else Record.objects.filter(withdrawn=False)
    records = records.filter(acquired_on__isnull=False).order_by("-acquired_on", "-pk")
    records = list(records.only("title", "responsibility", "acquired_on")[:4])
    if not records:
        return None
    base = catalogue.get_url(request)
    return {
        "key": "bibliotheque",
        "title": "Nouveautés de la bibliothèque",
        "items": [
            {
                "title": record.title,
                "url": base + catalogue.reverse_subpage("record", args=[record.pk]),
                "meta": record.responsibility,
            }
            for record in records
        ],
        "more_url": base + catalogue.reverse_subpage("new"),
    }


HOME_EXTENSIONS = [next_council_session, latest_official_notes, library_new_acquisitions]
SHARED_BLOCKS_SECONDS = 120


def extension_blocks(request, *, now, refused):
    """The blocks for an agent refused the pages under `refused` (core.visibility.refused_paths)."""
    private_q = under_q(refused)
    shared = generations.cached(
        # Per host: the blocks' links are relative to the request's site.
        f"portal:shared-blocks:{request.get_host()}:{signature(refused)}",
        lambda: _built(HOME_EXTENSIONS, request, now=now, private_q=private_q),
        generations=[GLOBAL_GENERATION, generations.VISIBILITY],
        timeout=SHARED_BLOCKS_SECONDS,
    )
    return [*_built(hooks.get_hooks("portal_home_blocks"), request, now=now, private_q=private_q), *shared]


def _built(extensions, request, *, now, private_q):
    blocks = []
    for extension in extensions:
        try:
            block = extension(request, now=now, private_q=private_q)
        except Exception:
            # Another app's change must not take the agents' home page down with it.
            logger.exception("Bloc d'accueil %s en échec", extension.__name__)
            continue
        if block:
            blocks.append(block)
    return blocks
