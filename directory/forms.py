"""The form an agent uses to keep their own card up to date (self-service fields only)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.images.fields import WagtailImageField

from .models import Agent


class SelfServiceForm(forms.ModelForm):
    """Only the fields HR leaves to the agent; anything else posted is ignored."""

    new_photo = WagtailImageField(
        label=_("Nouvelle photo"),
        required=False,
        help_text=_("Facultative. Elle n'est publiée que si vous cochez le consentement ci-dessus."),
    )

    class Meta:
        model = Agent
        fields = Agent.SELF_SERVICE_FIELDS
        widgets = {"absent_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        labels = {
            "extension": _("Poste téléphonique"),
            "office": _("Bureau"),
            "photo_consent": _("J'accepte que ma photo soit publiée dans l'annuaire interne"),
            "absent_until": _("Absent jusqu'au (facultatif)"),
        }
        help_texts = {
            "photo_consent": _("Vous pouvez retirer ce consentement à tout moment : la photo est alors supprimée."),
            "absent_until": _("Seule la date de retour est affichée, jamais de motif. Laissez vide si présent."),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("new_photo") and not cleaned.get("photo_consent"):
            self.add_error("photo_consent", _("Cochez le consentement pour publier une photo."))
        return cleaned
