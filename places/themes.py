"""The ten themes of SCDL Équipements 0.1.5 (EQUIP_THEME): the values are the schema's own."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.TextChoices):
    ADMINISTRATIVE = "administratif", _("Administratif")
    JUSTICE = "justice", _("Justice")
    HEALTH = "sanitaire", _("Sanitaire")
    SOCIAL = "social", _("Social")
    SPORTS = "sportif", _("Sportif")
    EDUCATION = "enseignement", _("Enseignement")
    WORSHIP = "cultuel", _("Cultuel")
    CULTURE = "culturel", _("Culturel")
    MOBILITY = "mobilité", _("Mobilité")
    OTHER = "autre", _("Autre")
