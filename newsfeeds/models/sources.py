"""Feed sources, their health and the record of items editors deleted."""

import os
from datetime import timedelta

from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ModerationMode(models.TextChoices):
    PUBLISH = "publish", _("Publier directement")
    DRAFT = "draft", _("Créer des brouillons à relire")


class FeedSourceQuerySet(models.QuerySet):
    def due(self, now=None):
        """Active sources whose back-off (if any) has expired."""
        now = now or timezone.now()
        return self.filter(active=True).filter(
            models.Q(next_attempt_at__isnull=True) | models.Q(next_attempt_at__lte=now)
        )


class FeedSource(models.Model):
    """An external (or internal) RSS/Atom feed whose items land in one channel."""

    name = models.CharField(_("nom"), max_length=200)
    url = models.URLField(_("adresse du flux"), max_length=2000, unique=True)
    site_url = models.URLField(_("site de la source"), max_length=2000, blank=True)
    channel = models.ForeignKey(
        "newsfeeds.ChannelPage",
        verbose_name=_("canal"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="sources",
    )
    active = models.BooleanField(_("actif"), default=True)
    moderation = models.CharField(
        _("modération"), max_length=10, choices=ModerationMode.choices, default=ModerationMode.PUBLISH
    )
    retention_days = models.PositiveIntegerField(
        _("conservation (jours)"), default=90, help_text=_("0 : conserver les articles sans limite.")
    )
    first_import_max_items = models.PositiveIntegerField(
        _("articles au premier import"), default=20, help_text=_("Nombre maximal d'articles repris la première fois.")
    )

    # Health, written by the importer only.
    last_fetch_at = models.DateTimeField(_("dernière récupération"), null=True, blank=True, editable=False)
    last_success_at = models.DateTimeField(_("dernier succès"), null=True, blank=True, editable=False)
    last_status = models.PositiveSmallIntegerField(_("statut HTTP"), null=True, blank=True, editable=False)
    etag = models.CharField(max_length=500, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    body_hash = models.CharField(max_length=64, blank=True, editable=False)
    consecutive_errors = models.PositiveIntegerField(_("erreurs consécutives"), default=0, editable=False)
    next_attempt_at = models.DateTimeField(_("prochaine tentative"), null=True, blank=True, editable=False)
    last_error = models.TextField(_("dernière erreur"), blank=True, editable=False)
    items_imported = models.PositiveIntegerField(_("articles importés"), default=0, editable=False)
    bytes_downloaded = models.BigIntegerField(_("octets téléchargés"), default=0, editable=False)
    # A run claims a source until this time, so that overlapping runs never fetch it twice.
    lease_until = models.DateTimeField(null=True, blank=True, editable=False)

    objects = FeedSourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("source de flux")
        verbose_name_plural = _("sources de flux")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def attach(cls, channel, url):
        """Make `url` the feed of `channel` (the channel form's field): its one source is created, moved
        to the new address (its history starts again) or, when `url` is empty, paused."""
        source = channel.sources.order_by("pk").first()
        if not url:
            if source is not None and source.active:
                source.active = False
                source.save(update_fields=["active"])
            return source
        if source is None:
            return cls.objects.create(channel=channel, url=url, name=channel.title[:200])
        if source.url != url or not source.active:
            source.url, source.active = url, True
            source.etag = source.last_modified = source.body_hash = source.last_error = ""
            source.consecutive_errors, source.next_attempt_at = 0, None
            source.save()
        return source

    @property
    def host(self):
        from urllib.parse import urlsplit

        return (urlsplit(self.url).netloc or "").lower()

    @property
    def health(self):
        """A short French status for the health report."""
        if not self.active:
            return _("en pause")
        if self.last_fetch_at is None:
            return _("jamais récupéré")
        if self.consecutive_errors:
            return _("en erreur")
        return _("en bonne santé")

    @classmethod
    def claim_many(cls, sources, lease_minutes, now=None):
        """Claim these sources in one statement; return those this run now holds."""
        now = now or timezone.now()
        # A unique expiry (to the microsecond) tells our claims from another run's.
        until = now + timedelta(minutes=lease_minutes, microseconds=int.from_bytes(os.urandom(3)) % 999_983)
        pks = [source.pk for source in sources]
        cls.objects.filter(pk__in=pks).filter(
            models.Q(lease_until__isnull=True) | models.Q(lease_until__lt=now)
        ).update(lease_until=until)
        held = set(cls.objects.filter(pk__in=pks, lease_until=until).values_list("pk", flat=True))
        for source in sources:
            if source.pk in held:
                source.lease_until = until
        return [source for source in sources if source.pk in held]

    def release(self):
        FeedSource.objects.filter(pk=self.pk).update(lease_until=None)
        self.lease_until = None


class FeedFetchDay(models.Model):
    """Per source and per day: requests, answers and bytes, for the health report."""

    source = models.ForeignKey(FeedSource, on_delete=models.CASCADE, related_name="days")
    day = models.DateField()
    fetches = models.PositiveIntegerField(default=0)
    not_modified = models.PositiveIntegerField(default=0)
    errors = models.PositiveIntegerField(default=0)
    new_items = models.PositiveIntegerField(default=0)
    bytes = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("journée de récupération")
        constraints = [models.UniqueConstraint(fields=["source", "day"], name="newsfeeds_fetchday_unique")]

    def __str__(self):
        return f"{self.source_id} {self.day}"

    COUNTERS = ("fetches", "not_modified", "errors", "new_items", "bytes")

    @classmethod
    def record_many(cls, counts):
        """Add these counts to the days' rows, created as needed, in one statement.

        `counts` maps (source id, day) to a dict of COUNTERS (missing ones are 0)."""
        if not counts:
            return
        ops = connection.ops
        table = ops.quote_name(cls._meta.db_table)
        names = [ops.quote_name(name) for name in cls.COUNTERS]
        columns = ", ".join(names)
        additions = ", ".join(f"{name} = {table}.{name} + excluded.{name}" for name in names)
        rows, params = [], []
        for (source_id, day), values in counts.items():
            rows.append("(" + ", ".join(["%s"] * (2 + len(cls.COUNTERS))) + ")")
            params += [source_id, ops.adapt_datefield_value(day), *(values.get(name, 0) for name in cls.COUNTERS)]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (source_id, day, {columns}) VALUES {', '.join(rows)} "
                f"ON CONFLICT (source_id, day) DO UPDATE SET {additions}",
                params,
            )


class ItemTombstone(models.Model):
    """An imported item that was deleted (by an editor or by retention): never import it again."""

    channel_id = models.BigIntegerField()
    dedup_key = models.CharField(max_length=64)
    deleted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("article supprimé")
        constraints = [models.UniqueConstraint(fields=["channel_id", "dedup_key"], name="newsfeeds_tombstone_unique")]

    def __str__(self):
        return f"{self.channel_id}:{self.dedup_key}"
