from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.imports import ImportReport

from ..choices import FORMAT_LABELS


def catalogue_report(**counts):
    """A report on catalogue records: notices (feminine), withdrawn from the catalogue when missing."""
    return ImportReport(feminine=True, removal="retiré", **counts)


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("en attente")
    RUNNING = "running", _("en cours")
    DONE = "done", _("terminé")
    FAILED = "failed", _("échoué")


class CatalogueImport(models.Model):
    """One import of a catalogue file, from the admin (run by a background task) or the command line.

    An upload is recorded as soon as it is received (queued), then shows the records read while it
    runs, and finally its report. The command line records its report when it is done. An import
    is one transaction: until it ends, its progress is published through the cache.
    """

    created_at = models.DateTimeField(_("date"), auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("par"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    filename = models.CharField(_("fichier"), max_length=255)
    file_format = models.CharField(_("format demandé"), max_length=20, default="auto",
                                   choices=list(FORMAT_LABELS.items()))
    dry_run = models.BooleanField(_("simulation"), default=False)
    withdraw_missing = models.BooleanField(_("retrait des notices absentes"), default=False)
    status = models.CharField(_("état"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.DONE)
    records_read = models.PositiveIntegerField(_("notices lues"), default=0)
    error = models.TextField(_("erreur"), blank=True)
    created = models.PositiveIntegerField(_("créées"), default=0)
    updated = models.PositiveIntegerField(_("mises à jour"), default=0)
    unchanged = models.PositiveIntegerField(_("inchangées"), default=0)
    withdrawn = models.PositiveIntegerField(_("retirées"), default=0)
    rejected = models.PositiveIntegerField(_("rejetées"), default=0)
    rejections = models.JSONField(_("notices rejetées"), default=list, blank=True)
    warnings = models.JSONField(_("avertissements"), default=list, blank=True)
    duration = models.FloatField(_("durée (s)"), default=0)

    class Meta:
        verbose_name = _("import de catalogue")
        verbose_name_plural = _("imports de catalogue")
        ordering = ["-created_at"]

    def __str__(self):
        if not self.created_at:
            return self.filename
        return f"{self.filename} ({timezone.localtime(self.created_at):%d/%m/%Y %H:%M})"

    @property
    def is_pending(self):
        return self.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)

    @property
    def stale_after_minutes(self):
        return settings.TASKS_STALE_MINUTES

    @property
    def seems_interrupted(self):
        """Still pending long after it was uploaded: its worker died or never ran (see `stuck_tasks`)."""
        limit = timezone.now() - timedelta(minutes=self.stale_after_minutes)
        return self.is_pending and self.created_at < limit

    def progress_key(self):
        return f"library:import-progress:{self.pk}"

    def publish_progress(self, records_read):
        cache.set(self.progress_key(), records_read, settings.TASKS_STALE_MINUTES * 60)

    @property
    def records_read_so_far(self):
        return cache.get(self.progress_key(), self.records_read) if self.is_pending else self.records_read

    @property
    def report(self):
        """The stored report, as the importer made it (for its summary line and the admin page)."""
        return catalogue_report(
            dry_run=self.dry_run, created=self.created, updated=self.updated, unchanged=self.unchanged,
            removed=self.withdrawn, rejected=self.rejected, rejections=self.rejections, warnings=self.warnings,
            duration=self.duration,
        )

    def summary(self):
        return self.report.summary()

    def record(self, report):
        """Keep a finished import's report."""
        self.status = ImportStatus.DONE
        self.records_read = report.read
        self.created, self.updated, self.unchanged = report.created, report.updated, report.unchanged
        self.withdrawn, self.rejected = report.removed, report.rejected
        self.rejections, self.warnings = report.rejections, report.warnings
        self.duration = round(report.duration, 3)
        self.save()
