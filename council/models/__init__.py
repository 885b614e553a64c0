"""Council pages and records; one module per concern (as Wagtail core splits wagtail/models/)."""

from .base import CHANGE_REASON_ACTION
from .deliberations import CastingVote, DeliberationAnnex, DeliberationPage, NamedVote, VoteResult
from .lists import DeliberationList
from .mayoral_acts import MayoralActIndexPage, MayoralActKind, MayoralActNature, MayoralActPage
from .members import CouncilMember
from .notes import OfficialNoteIndexPage, OfficialNotePage, PressReviewIndexPage, PressReviewPage
from .reading import NoteAcknowledgement, NoteReminder
from .sessions import AgendaItem, AttendanceStatus, CouncilIndexPage, CouncilSessionPage, SessionAttendance, SessionKind

# The page models of legal acts: reviewed before publication, online for two months at least, public.
LEGAL_ACT_MODELS = (DeliberationPage, MayoralActPage)


def held_online_until(page, *, today=None):
    """The last day of the two months online of the live acts at or below `page`, if not over; else None."""
    from django.utils import timezone

    from ..rules import minimum_online_until

    today = today or timezone.localdate()
    latest = None
    for model in LEGAL_ACT_MODELS:
        for act in model.objects.live().filter(path__startswith=page.path).defer("text", "document_text"):
            until = minimum_online_until(act.online_since())
            if until is not None and until > today and (latest is None or until > latest):
                latest = until
    return latest

__all__ = [
    "CHANGE_REASON_ACTION",
    "AgendaItem",
    "AttendanceStatus",
    "CastingVote",
    "CouncilIndexPage",
    "CouncilMember",
    "CouncilSessionPage",
    "LEGAL_ACT_MODELS",
    "MayoralActIndexPage",
    "MayoralActKind",
    "MayoralActNature",
    "MayoralActPage",
    "DeliberationAnnex",
    "DeliberationList",
    "DeliberationPage",
    "NamedVote",
    "NoteAcknowledgement",
    "NoteReminder",
    "OfficialNoteIndexPage",
    "OfficialNotePage",
    "PressReviewIndexPage",
    "PressReviewPage",
    "SessionAttendance",
    "SessionKind",
    "VoteResult",
    "held_online_until",
]
