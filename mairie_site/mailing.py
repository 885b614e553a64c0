"""What the e-mails cron sends share (portal's digests, council's reading reminders): absolute
addresses to the intranet, and an SMTP session closed without letting its error stop the run."""

import smtplib
from urllib.parse import urljoin

from django.conf import settings


def absolute(path):
    return urljoin(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/", path or "/")


def close_quietly(connection):
    if connection is None:
        return
    try:
        connection.close()
    except (smtplib.SMTPException, OSError):
        pass
