"""Login and password-reset throttling.

django-axes locks a user name out from one address after AXES_FAILURE_LIMIT failures
(AXES_LOCKOUT_PARAMETERS). Axes compares every lockout parameter with one limit, so a second,
higher limit for the user name alone (an attacker spreading guesses over many addresses) needs
the handler below. The password-reset form sends mail to whoever asks: it is limited per address
and per e-mail (core.ratelimit).
"""

from datetime import datetime, timedelta

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db.models import Sum
from django.shortcuts import render
from django.utils.timesince import timesince

from core.ratelimit import over_limit

from .audit import audit
from .security import client_ip


class AccountAndAddressHandler(AxesDatabaseHandler):
    """Axes' database handler with a second limit: AXES_ACCOUNT_FAILURE_LIMIT failures for one
    user name within the cool-off time, whatever the addresses they come from, lock the account."""

    def account_failures(self, request, credentials=None):
        username = get_client_username(request, credentials)
        if not username:
            return 0
        attempts = AccessAttempt.objects.filter(username=username, attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0

    def account_locked(self, request, credentials=None):
        locked = self.account_failures(request, credentials) >= settings.AXES_ACCOUNT_FAILURE_LIMIT
        if locked:
            request.axes_account_locked = True
        return locked

    def is_locked(self, request, credentials=None):
        return super().is_locked(request, credentials) or self.account_locked(request, credentials)

    def user_login_failed(self, sender, credentials, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None or getattr(request, "axes_locked_out", False):
            return
        if self.account_locked(request, credentials):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes",
                request=request,
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
            )


def duration_in_words(delta):
    """"15 minutes", "1 heure", "1 heure, 30 minutes" (French through Django's translations)."""
    now = datetime(2000, 1, 1)
    return timesince(now - delta, now, depth=2)


def lockout_response(request, original_response=None, credentials=None):
    """The French 429 page of a lockout, with its duration in words."""
    context = {
        "account_locked": getattr(request, "axes_account_locked", False),
        "duration": duration_in_words(get_cool_off(request) or timedelta(minutes=15)),
    }
    return render(request, "registration/locked_out.html", context, status=429)


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Django's password-reset form, limited to PASSWORD_RESET_PER_ADDRESS requests per address and
    PASSWORD_RESET_PER_EMAIL per e-mail address every PASSWORD_RESET_WINDOW_MINUTES: it sends mail
    to whoever asks and must not become a way to flood an agent's inbox or the mail server."""

    def form_valid(self, form):
        window = settings.PASSWORD_RESET_WINDOW_MINUTES * 60
        email = form.cleaned_data["email"].strip().lower()
        by_address = over_limit("reset-ip", client_ip(self.request), settings.PASSWORD_RESET_PER_ADDRESS, window)
        by_email = over_limit("reset-email", email, settings.PASSWORD_RESET_PER_EMAIL, window)
        if by_address or by_email:
            audit("password_reset_throttled", self.request, email)
            context = self.get_context_data(
                form=form, throttled=True, duration=duration_in_words(timedelta(seconds=window))
            )
            return self.render_to_response(context, status=429)
        return super().form_valid(form)
