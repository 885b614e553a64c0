from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogueImport(models.Model):
    """The report of one import of a catalogue file, from the admin or the command line."""

    created_at = models.DateTimeField(_("date"), auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("par"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    filename = models.CharField(_("fichier"), max_length=255)
    file_format = models.CharField(_("format demandé"), max_length=20, default="auto")
    dry_run = models.BooleanField(_("simulation"), default=False)
    withdraw_missing = models.BooleanField(_("retrait des notices absentes"), default=False)
    created = models.PositiveIntegerField(_("créées"), default=0)
    updated = models.PositiveIntegerField(_("mises à jour"), default=0)
    unchanged = models.PositiveIntegerField(_("inchangées"), default=0)
    withdrawn = models.PositiveIntegerField(_("retirées"), default=0)
    rejected = models.PositiveIntegerField(_("rejetées"), default=0)
    rejections = models.JSONField(_("notices rejetées"), default=list, blank=True)
    duration = models.FloatField(_("durée (s)"), default=0)

    class Meta:
        verbose_name = _("import de catalogue")
        verbose_name_plural = _("imports de catalogue")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.created_at:%d/%m/%Y %H:%M})" if self.created_at else self.filename
