"""Council pages and records; one module per concern (as Wagtail core splits wagtail/models/)."""

from .base import CHANGE_REASON_ACTION
from .deliberations import CastingVote, DeliberationAnnex, DeliberationPage, NamedVote, VoteResult
from .documents import DocumentText, refresh_document_text
from .lists import DeliberationList
from .members import CouncilMember
from .notes import OfficialNoteIndexPage, OfficialNotePage, PressReviewIndexPage, PressReviewPage
from .sessions import AgendaItem, AttendanceStatus, CouncilIndexPage, CouncilSessionPage, SessionAttendance, SessionKind

__all__ = [
    "CHANGE_REASON_ACTION",
    "AgendaItem",
    "AttendanceStatus",
    "CastingVote",
    "CouncilIndexPage",
    "CouncilMember",
    "CouncilSessionPage",
    "DeliberationAnnex",
    "DeliberationList",
    "DeliberationPage",
    "DocumentText",
    "NamedVote",
    "OfficialNoteIndexPage",
    "OfficialNotePage",
    "PressReviewIndexPage",
    "PressReviewPage",
    "SessionAttendance",
    "SessionKind",
    "VoteResult",
    "refresh_document_text",
]
