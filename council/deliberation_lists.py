"""The liste des délibérations of each session (CGCT L2121-25), generated when the session is closed.

A closed, published session gets its list as a Wagtail document (so it is searchable and served
like every act), regenerated whenever one of its acts is published or unpublished. Regeneration is
idempotent: the PDF is deterministic (its dates are the session's and the date it went online), so
the same acts give the same bytes and the document is left untouched.
"""

import datetime
import hashlib

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection

from home.roles import CLERKS

from . import rules
from .models import CouncilSessionPage, DeliberationList
from .registers import deliberation_list_pdf

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def list_pdf_bytes(session, *, online_on):
    """The PDF of the list; `online_on` None gives a provisional list (not yet online)."""
    return deliberation_list_pdf(session, list(session.deliberations()), online_on=online_on)


def clerks_collection():
    """The Greffe's collection of documents when the site has one, else the root collection."""
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=CLERKS).first() or root


def _write_file(document, session, content):
    old_name = document.file.name if document.file else None
    document.file.save(f"liste-deliberations-{session.date:%Y-%m-%d}.pdf", ContentFile(content), save=False)
    document.file_size = len(content)
    document.file_hash = ""  # recomputed by Wagtail on demand (get_file_hash)
    document.save()
    if old_name and old_name != document.file.name:
        document.file.storage.delete(old_name)


def publish_deliberation_list(session, *, online_on=None, today=None):
    """Generate (or refresh) the session's list document; returns CREATED, UPDATED or UNCHANGED.

    The date it went online is set the first time (`online_on`, else today) and then kept.
    """
    record = DeliberationList.objects.filter(session=session).select_related("document").first()
    first_online = record.online_on if record else (online_on or today or timezone.localdate())
    content = list_pdf_bytes(session, online_on=first_online)
    digest = hashlib.sha256(content).hexdigest()
    if record and record.sha256 == digest and record.document is not None:
        return UNCHANGED
    document = record.document if record and record.document else None
    if document is None:
        document = get_document_model()(
            title=f"Liste des délibérations - séance du {timezone.localtime(session.date):%d/%m/%Y}",
            collection=clerks_collection(),
        )
    _write_file(document, session, content)
    DeliberationList.objects.update_or_create(
        session=session, defaults={"document": document, "online_on": first_online, "sha256": digest}
    )
    return UPDATED if record else CREATED


def sessions_due():
    """Closed, live sessions: their list must be online and up to date."""
    return CouncilSessionPage.objects.live().filter(closed=True).order_by("date")


def overdue_sessions(today):
    """Live sessions held more than a week ago whose list is not online (closed or not)."""
    limit = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    candidates = (
        CouncilSessionPage.objects.live().filter(date__lt=limit, published_deliberation_list__isnull=True)
        .only("id", "title", "date", "closed", "path", "depth", "url_path").order_by("date")
    )
    return [
        session for session in candidates
        if rules.list_overdue(session_date=timezone.localdate(session.date), list_online_on=None, today=today)
    ]


def overdue_minutes(today):
    """Sessions whose procès-verbal was approved over a week ago and is still not online (L2121-15)."""
    limit = timezone.make_aware(datetime.datetime.combine(today, datetime.time.min))
    candidates = (
        CouncilSessionPage.objects.filter(
            minutes_approved_in__isnull=False, minutes_online_on__isnull=True, minutes_approved_in__date__lt=limit
        )
        .select_related("minutes_approved_in").order_by("date")
    )
    return [
        session for session in candidates
        if rules.minutes_overdue(
            approved_on=timezone.localdate(session.minutes_approved_in.date), minutes_online_on=None, today=today
        )
    ]


def refresh_session_list(session):
    """Called on publication of a session or of one of its acts: keep a closed session's list current."""
    if session is not None and session.live and session.closed:
        publish_deliberation_list(session)
