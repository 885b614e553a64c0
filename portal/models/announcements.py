"""Announcements the editors pin at the top of every agent's home page."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel


class AnnouncementQuerySet(models.QuerySet):
    def current(self, now=None):
        now = now or timezone.now()
        return self.filter(Q(starts_at__isnull=True) | Q(starts_at__lte=now), pinned=True, ends_at__gt=now)


class Announcement(models.Model):
    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("texte"), max_length=1000, blank=True)
    link = models.URLField(_("lien"), blank=True)
    pinned = models.BooleanField(_("épinglée en haut de l'accueil"), default=True)
    starts_at = models.DateTimeField(_("affichée à partir du"), null=True, blank=True)
    ends_at = models.DateTimeField(_("affichée jusqu'au"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AnnouncementQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("link"),
        FieldPanel("pinned"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
    ]

    class Meta:
        verbose_name = _("Annonce")
        verbose_name_plural = _("Annonces")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title
