"""Reminders at the deadline of a note that must be read: one e-mail per agent and per version of
the note to those of its audience who have not acknowledged it, whatever the number of runs.

The row of `NoteReminder` is written before the message is sent (its unique constraint lets one
run only claim an agent and a version) and removed if sending fails, so the next run retries."""

import logging
import smtplib
from dataclasses import dataclass, field

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from mairie_site.dates import french_date
from mairie_site.mailing import absolute, close_quietly

from .models import NoteAcknowledgement, NoteReminder, OfficialNotePage
from .reading import audience_agents

logger = logging.getLogger(__name__)


@dataclass
class Summary:
    sent: int = 0
    skipped: int = 0
    failed: list = field(default_factory=list)

    def __str__(self):
        text = (f"{self.sent} relance(s) envoyée(s), {self.skipped} déjà envoyée(s) pour cette version, "
                f"{len(self.failed)} échec(s)")
        return text + "".join(f"\n  échec : {who} — {error}" for who, error in self.failed)


def due_notes(today):
    return OfficialNotePage.objects.live().filter(reading_required=True, reading_deadline__lte=today)


def unread_agents(note):
    """The agents of the audience, with an e-mail address, who have not acknowledged this version."""
    read = NoteAcknowledgement.objects.filter(note=note, version=note.reading_version).values("user_id")
    return (
        audience_agents(note).filter(user__isnull=False, user__is_active=True)
        .exclude(user__email="").exclude(user_id__in=read).select_related("user").order_by("user_id")
    )


def build_message(note, user):
    context = {
        "user": user,
        "note": note,
        "deadline": french_date(note.reading_deadline, "j F Y"),
        "url": absolute(note.url),
    }
    message = EmailMultiAlternatives(
        subject=f"Rappel : note de service n° {note.number} à lire — {note.title}",
        body=render_to_string("council/emails/reading_reminder.txt", context),
        to=[user.email],
    )
    return message


def _claim(note, user, now):
    try:
        with transaction.atomic():
            return NoteReminder.objects.create(note=note, user=user, version=note.reading_version, sent_at=now)
    except IntegrityError:
        return None


def send_reading_reminders(*, now=None, dry_run=False, stdout=None):
    """Remind the unread agents of each note whose deadline has come. Returns a Summary."""
    now = now or timezone.now()
    summary = Summary()
    connection = None
    for note in due_notes(timezone.localdate(now)):
        reminded = set(NoteReminder.objects.filter(note=note, version=note.reading_version)
                       .values_list("user_id", flat=True))
        for agent in unread_agents(note):
            user = agent.user
            if user.pk in reminded:
                summary.skipped += 1
                continue
            if dry_run:
                if stdout:
                    stdout.write(f"{user.email} : note n° {note.number}")
                summary.sent += 1
                continue
            reminder = _claim(note, user, now)
            if reminder is None:  # another run took it
                summary.skipped += 1
                continue
            try:
                connection = connection or get_connection()
                connection.send_messages([build_message(note, user)])
            except (smtplib.SMTPException, OSError) as error:
                logger.warning("Relance de lecture non envoyée à %s : %s", user.email, error)
                reminder.delete()
                summary.failed.append((user.email, str(error)))
                close_quietly(connection)
                connection = None
                continue
            summary.sent += 1
    close_quietly(connection)
    return summary
