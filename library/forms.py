from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import FORMAT_LABELS

ALLOWED_EXTENSIONS = (".mrc", ".iso", ".marc", ".dat", ".xml", ".iso2709", ".csv")
MAX_UPLOAD_SIZE = 200 * 1024 * 1024


class CatalogueImportForm(forms.Form):
    file = forms.FileField(label=_("Fichier de notices"),
                           help_text=_("ISO 2709 (.mrc, .iso) ou XML, UNIMARC ou MARC 21, 200 Mo au plus."))
    file_format = forms.ChoiceField(label=_("Format"), choices=list(FORMAT_LABELS.items()),
                                    initial="auto")
    dry_run = forms.BooleanField(label=_("Simulation (ne rien enregistrer)"), required=False)
    withdraw_missing = forms.BooleanField(
        label=_("Export complet : retirer du catalogue les notices absentes du fichier"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ALLOWED_EXTENSIONS):
            raise forms.ValidationError(_("Extension non reconnue : attendu %(ext)s."),
                                        params={"ext": ", ".join(ALLOWED_EXTENSIONS)})
        if upload.size > MAX_UPLOAD_SIZE:
            raise forms.ValidationError(
                _("Fichier trop volumineux (200 Mo au plus) : demandez au service informatique de l'importer.")
            )
        return upload
