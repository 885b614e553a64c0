"""Security audit log: logins, failures, lockouts and refusals, with user, IP and UTC time.

Records go to the `mairie_site.audit` logger (stdout in production, collected with the rest of
the logs). Wagtail records privacy changes in its own admin log (`wagtail.view_restriction.*`).
"""

import logging
from datetime import UTC, datetime

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .security import client_ip

logger = logging.getLogger("mairie_site.audit")


def audit(event, request, username):
    logger.info(
        "%s user=%s ip=%s at=%s path=%s",
        event,
        username or "-",
        client_ip(request) if request is not None else "-",
        datetime.now(UTC).isoformat(timespec="seconds"),
        getattr(request, "path", "-"),
        extra={"event": event, "username": username},
    )


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    audit("login", request, user.get_username())


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    audit("logout", request, user.get_username() if user else None)


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    audit("login_failed", request, credentials.get("username"))


@receiver(user_locked_out)
def on_locked_out(sender, request, username, ip_address, **kwargs):
    # The account itself (too many failures from any address) or the user name from one address.
    audit("account_lockout" if getattr(request, "axes_account_locked", False) else "lockout", request, username)
