"""E-mail digests: one message per agent with what is new in what they follow."""

import logging
import smtplib
from dataclasses import dataclass, field

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from core.visibility import visible_pages
from mairie_site.dates import french_date
from mairie_site.mailing import absolute, close_quietly

from . import services
from .models import DigestFrequency, DigestLog, PortalProfile, Share

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "portal.digest.unsubscribe"
PERIODS = {DigestFrequency.DAILY: timezone.timedelta(days=1), DigestFrequency.WEEKLY: timezone.timedelta(days=7)}
MAX_ITEMS = 50


def unsubscribe_token(user_id):
    return signing.dumps(user_id, salt=UNSUBSCRIBE_SALT)


def unsubscribe_user_id(token):
    try:
        return int(signing.loads(token, salt=UNSUBSCRIBE_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def already_sent(profile, frequency, now):
    """A digest per calendar day (daily) or per week starting Monday (weekly), Paris time."""
    last = profile.last_digest_at
    if last is None:
        return False
    if frequency == DigestFrequency.DAILY:
        return timezone.localtime(last).date() == timezone.localtime(now).date()
    return services.week_start(last) == services.week_start(now)


@dataclass
class Summary:
    sent: int = 0
    empty: int = 0
    skipped: int = 0
    failed: list = field(default_factory=list)

    def __str__(self):
        text = (
            f"{self.sent} lettre(s) envoyée(s), {self.empty} sans nouveauté, "
            f"{self.skipped} déjà envoyée(s) pour cette période, {len(self.failed)} échec(s)"
        )
        return text + "".join(f"\n  échec : {who} — {error}" for who, error in self.failed)


def digest_content(profile, *, since, now):
    """New items of what the agent follows and new shares with the services they follow."""
    channel_ids, service_ids = services.followed_ids(profile.user)
    items = list(
        services.items_for(user=profile.user, channel_ids=channel_ids, service_ids=service_ids, since=since, until=now,
                           limit=MAX_ITEMS)
    )
    shares = Share.objects.filter(
        service_id__in=service_ids, created_at__gt=since, created_at__lte=now, page__live=True
    )
    shares = list(
        visible_pages(shares, profile.user, field="page__path")
        .select_related("page", "service", "shared_by")
        .order_by("-created_at")[:MAX_ITEMS]
    )
    return items, shares


def build_message(profile, *, frequency, items, shares, now):
    user = profile.user
    context = {
        "user": user,
        "frequency_label": "du jour" if frequency == DigestFrequency.DAILY else "de la semaine",
        "date": french_date(now, "j F Y"),
        "items": [
            {
                "title": item.title,
                "url": absolute(item.get_url()),
                "summary": item.summary,
                "where": (item.channel.title if item.channel else "") or (item.service.title if item.service else ""),
                "published_at": timezone.localtime(item.published_at),
            }
            for item in items
        ],
        "shares": [
            {
                "title": share.page.title,
                "url": absolute(share.page.get_url()),
                "service": share.service.title,
                "note": share.note,
                "by": share.shared_by.get_full_name() if share.shared_by else "",
            }
            for share in shares
        ],
        "unsubscribe_url": absolute(reverse("portal:unsubscribe", args=[unsubscribe_token(user.pk)])),
        "preferences_url": absolute(reverse("portal:preferences")),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    subject = f"Vos nouveautés {context['frequency_label']} — {context['date']}"
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("portal/emails/digest.txt", context),
        to=[user.email],
        headers={"List-Unsubscribe": f"<{context['unsubscribe_url']}>"},
    )
    message.attach_alternative(render_to_string("portal/emails/digest.html", context), "text/html")
    return message


def send_digests(*, frequency=None, dry_run=False, now=None, stdout=None):
    """Send the due digests; one agent's failure never stops the others. Returns a Summary."""
    now = now or timezone.now()
    frequencies = [frequency] if frequency else [DigestFrequency.DAILY, DigestFrequency.WEEKLY]
    summary = Summary()
    profiles = (
        PortalProfile.objects.filter(digest_frequency__in=frequencies, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id")
    )
    connection = None
    for profile in profiles:
        freq = profile.digest_frequency
        if already_sent(profile, freq, now):
            summary.skipped += 1
            continue
        since = profile.last_digest_at or now - PERIODS[freq]
        items, shares = digest_content(profile, since=since, now=now)
        if dry_run:
            if stdout:
                stdout.write(f"{profile.user.email} : {len(items)} article(s), {len(shares)} partage(s)")
            summary.sent += 1 if items or shares else 0
            summary.empty += 0 if items or shares else 1
            continue
        if not items and not shares:
            _record(profile, freq, DigestLog.Status.EMPTY, since, now)
            summary.empty += 1
            continue
        message = build_message(profile, frequency=freq, items=items, shares=shares, now=now)
        try:
            connection = connection or get_connection()
            connection.send_messages([message])
        except (smtplib.SMTPException, OSError) as error:
            logger.warning("Lettre d'information non envoyée à %s : %s", profile.user.email, error)
            DigestLog.objects.create(
                user=profile.user,
                frequency=freq,
                status=DigestLog.Status.FAILED,
                period_start=since,
                period_end=now,
                item_count=len(items) + len(shares),
                error=str(error)[:2000],
            )
            summary.failed.append((profile.user.email, str(error)))
            # The SMTP session may be unusable after an error: start a fresh one for the next agent.
            close_quietly(connection)
            connection = None
            continue
        _record(profile, freq, DigestLog.Status.SENT, since, now, item_count=len(items) + len(shares))
        summary.sent += 1
    close_quietly(connection)
    return summary


def _record(profile, frequency, status, since, now, item_count=0):
    DigestLog.objects.create(
        user=profile.user, frequency=frequency, status=status, period_start=since, period_end=now, item_count=item_count
    )
    PortalProfile.objects.filter(pk=profile.pk).update(last_digest_at=now)
