"""The catalogue of the town's applications, and the ones each agent pins."""

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.collation import french


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """No group means every agent; otherwise members of one of the groups."""
        if user.is_superuser:
            return self
        return self.filter(Q(groups__isnull=True) | Q(groups__in=user.groups.all())).distinct()


class Application(index.Indexed, models.Model):
    name = models.CharField(_("nom"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    url = models.URLField(_("adresse"))
    icon = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("icône"),
    )
    groups = models.ManyToManyField(
        "auth.Group",
        blank=True,
        related_name="+",
        verbose_name=_("groupes"),
        help_text=_("Laisser vide pour la proposer à tous les agents."),
    )
    position = models.PositiveSmallIntegerField(_("ordre d'affichage"), default=0)

    objects = ApplicationQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("url"),
        FieldPanel("icon"),
        FieldPanel("groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("position"),
    ]
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description"),
    ]

    class Meta:
        verbose_name = _("Application")
        verbose_name_plural = _("Applications")
        ordering = ["position", french("name")]

    def __str__(self):
        return self.name

    @property
    def initials(self):
        return "".join(word[0] for word in self.name.split()[:2]).upper()


class FavouriteApplication(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="favourites")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Application épinglée")
        verbose_name_plural = _("Applications épinglées")
        constraints = [models.UniqueConstraint(fields=["user", "application"], name="portal_favourite_once")]

    def __str__(self):
        return f"{self.user} → {self.application}"
