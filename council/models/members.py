"""The members of the town council, chosen in sessions' attendance, as rapporteurs and presidents."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from core.collation import french_order
from core.gender import agreed_title, civility_field


class CouncilMember(index.Indexed, models.Model):
    """A councillor (élu municipal); kept after the end of office so that old acts still name them."""

    civility = civility_field()
    first_name = models.CharField(_("prénom"), max_length=100)
    last_name = models.CharField(_("nom"), max_length=100)
    office = models.CharField(
        _("qualité"), max_length=100, default="Conseiller municipal", help_text=_("Maire, adjoint au maire...")
    )
    political_group = models.CharField(_("groupe politique"), max_length=150, blank=True)
    in_office = models.BooleanField(_("en exercice"), default=True)

    panels = [
        FieldPanel("civility"),
        FieldPanel("first_name"),
        FieldPanel("last_name"),
        FieldPanel("office"),
        FieldPanel("political_group"),
        FieldPanel("in_office"),
    ]
    search_fields = [
        index.SearchField("last_name"),
        index.SearchField("first_name"),
        index.AutocompleteField("last_name"),
        index.FilterField("in_office"),
    ]

    class Meta:
        verbose_name = _("élu")
        verbose_name_plural = _("élus")
        ordering = french_order("last_name", "first_name")

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def office_title(self):
        """The office agreeing with the councillor ("Conseillère municipale" for Madame)."""
        return agreed_title(self.office, self.civility)

    @property
    def full_title(self):
        return f"{self.first_name} {self.last_name}, {self.office_title}"
