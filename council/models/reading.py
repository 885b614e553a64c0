"""Notes de service that must be read: who acknowledged which version, and who was reminded."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NoteAcknowledgement(models.Model):
    """An agent's "J'ai pris connaissance" of one version of a note; kept when the note is revised."""

    note = models.ForeignKey(
        "council.OfficialNotePage", on_delete=models.CASCADE, related_name="acknowledgements",
        verbose_name=_("note de service"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("agent"),
    )
    version = models.PositiveIntegerField(_("version lue"))
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("révision lue"),
    )
    acknowledged_at = models.DateTimeField(_("pris connaissance le"), default=timezone.now)

    class Meta:
        verbose_name = _("prise de connaissance")
        verbose_name_plural = _("prises de connaissance")
        constraints = [
            models.UniqueConstraint(fields=["note", "user", "version"], name="council_one_acknowledgement_per_version"),
        ]

    def __str__(self):
        return f"{self.user} — {self.note_id} v{self.version}"


class NoteReminder(models.Model):
    """The reminder e-mail sent to an agent for one version of a note: at most one (the row says so)."""

    note = models.ForeignKey("council.OfficialNotePage", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("relance de lecture")
        verbose_name_plural = _("relances de lecture")
        constraints = [
            models.UniqueConstraint(fields=["note", "user", "version"], name="council_one_reminder_per_version"),
        ]

    def __str__(self):
        return f"{self.user} — {self.note_id} v{self.version}"
