"""The ten themes of SCDL Équipements 0.1.5 (EQUIP_THEME), stored by a short key; the export writes the
schema's own values (SCDL_THEMES, from the official schema.json: "Equipement sportif et de loisirs"...)."""

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


# The EQUIP_THEME values of the official schema (places/schemas/scdl-equipements-0.1.5.json).
SCDL_THEMES = {
    Theme.ADMINISTRATIVE: "Equipement administratif",
    Theme.JUSTICE: "Equipement de justice",
    Theme.HEALTH: "Equipement sanitaire",
    Theme.SOCIAL: "Equipement social et d'animation",
    Theme.SPORTS: "Equipement sportif et de loisirs",
    Theme.EDUCATION: "Equipement d'enseignement",
    Theme.WORSHIP: "Equipement cultuel",
    Theme.CULTURE: "Equipement culturel",
    Theme.MOBILITY: "Equipement de mobilité",
    Theme.OTHER: "Autre équipement",
}


def theme_from_scdl(value):
    """The stored key for an EQUIP_THEME read from a file: the schema's value or the short key, any case."""
    wanted = value.strip().lower()
    for theme, label in SCDL_THEMES.items():
        if wanted in (theme.value, label.lower()):
            return theme.value
    return None
