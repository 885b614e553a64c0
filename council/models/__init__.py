"""Council pages and records; one module per concern (as Wagtail core splits wagtail/models/)."""

from .base import CHANGE_REASON_ACTION
from .deliberations import CastingVote, DeliberationAnnex, DeliberationPage, NamedVote, VoteResult
from .lists import DeliberationList
from .mayoral_acts import MayoralActIndexPage, MayoralActKind, MayoralActNature, MayoralActPage
from .members import CouncilMember
from .notes import OfficialNoteIndexPage, OfficialNotePage, PressReviewIndexPage, PressReviewPage
from .reading import NoteAcknowledgement, NoteReminder
from .sessions import AgendaItem, AttendanceStatus, CouncilIndexPage, CouncilSessionPage, SessionAttendance, SessionKind

__all__ = [
    "CHANGE_REASON_ACTION",
    "AgendaItem",
    "AttendanceStatus",
    "CastingVote",
    "CouncilIndexPage",
    "CouncilMember",
    "CouncilSessionPage",
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
]
