"""An agent's portal preferences and the record of the digests sent to them."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DigestFrequency(models.TextChoices):
    NONE = "none", _("Jamais")
    DAILY = "daily", _("Chaque jour")
    WEEKLY = "weekly", _("Chaque semaine")


def new_feed_token():
    return secrets.token_urlsafe(32)


class PortalProfile(models.Model):
    """Per-agent state of "Mon portail": visits, private feed token, digest preference.

    Only the last visit is kept, never what the agent read.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_profile", verbose_name=_("agent")
    )
    last_visit_at = models.DateTimeField(_("dernière visite"), null=True, blank=True)
    welcomed = models.BooleanField(_("accueil terminé"), default=False)
    # The welcome is proposed once, at the first login: an agent who leaves it midway keeps the
    # invitation on the home page but is not led there again.
    welcome_offered_at = models.DateTimeField(_("accueil proposé le"), null=True, blank=True)
    bouquet_chosen = models.BooleanField(_("a choisi ses abonnements"), default=False)
    feed_token = models.CharField(_("jeton des flux"), max_length=64, unique=True, null=True, blank=True)
    digest_frequency = models.CharField(
        _("lettre d'information"), max_length=10, choices=DigestFrequency.choices, default=DigestFrequency.NONE
    )
    last_digest_at = models.DateTimeField(_("dernière lettre envoyée"), null=True, blank=True)

    class Meta:
        verbose_name = _("Profil du portail")
        verbose_name_plural = _("Profils du portail")
        permissions = [("view_portal_dashboard", _("Voir le tableau de bord du portail (chiffres agrégés)"))]

    def __str__(self):
        return str(self.user)

    def regenerate_feed_token(self):
        self.feed_token = new_feed_token()
        self.save(update_fields=["feed_token"])
        return self.feed_token

    def revoke_feed_token(self):
        self.feed_token = None
        self.save(update_fields=["feed_token"])


class DigestLog(models.Model):
    """One digest run for one agent: what was sent (or why not)."""

    class Status(models.TextChoices):
        SENT = "sent", _("envoyée")
        EMPTY = "empty", _("rien de nouveau")
        FAILED = "failed", _("échec")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_digests", verbose_name=_("agent")
    )
    frequency = models.CharField(_("fréquence"), max_length=10, choices=DigestFrequency.choices)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices)
    period_start = models.DateTimeField(_("début de la période"), null=True, blank=True)
    period_end = models.DateTimeField(_("fin de la période"))
    item_count = models.PositiveIntegerField(_("éléments"), default=0)
    error = models.TextField(_("erreur"), blank=True)
    created_at = models.DateTimeField(_("date"), auto_now_add=True)

    class Meta:
        verbose_name = _("Lettre d'information envoyée")
        verbose_name_plural = _("Lettres d'information envoyées")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.user} {self.period_end:%Y-%m-%d} {self.status}"
