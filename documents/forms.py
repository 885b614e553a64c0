"""The document form of the admin (WAGTAILDOCS_DOCUMENT_FORM_BASE): the upload checks of
mairie_site.uploads, the document's profile, and the state of its text for its editors."""

from django import forms
from django.utils.translation import gettext_lazy as _

from mairie_site.uploads import CheckedDocumentForm

from .models import DocumentKind, DocumentProfile, DocumentText

PROFILE_FIELDS = ("owner_service", "kind", "document_date", "review_date")


class DocumentForm(CheckedDocumentForm):
    owner_service = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Service propriétaire"),
        help_text=_("Le service qui tient ce document à jour."),
    )
    kind = forms.ChoiceField(choices=[("", "---------"), *DocumentKind.choices], required=False,
                             label=_("Type de document"))
    document_date = forms.DateField(required=False, label=_("Date du document"),
                                    widget=forms.DateInput(attrs={"type": "date"}))
    review_date = forms.DateField(required=False, label=_("À revoir le"),
                                  widget=forms.DateInput(attrs={"type": "date"}),
                                  help_text=DocumentProfile._meta.get_field("review_date").help_text)
    text_status = forms.CharField(required=False, disabled=True, label=_("Texte pour la recherche"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The choices follow the profile's own foreign key, whichever model it names (a service page).
        owners = DocumentProfile._meta.get_field("owner_service").related_model
        self.fields["owner_service"].queryset = owners._default_manager.order_by("title")
        document = self.instance
        if document.pk:
            profile = DocumentProfile.objects.filter(document=document).first()
            if profile:
                for name in PROFILE_FIELDS:
                    self.initial[name] = getattr(profile, name)
            record = DocumentText.objects.filter(document=document).first()
            if record:
                status = record.get_status_display()
                self.initial["text_status"] = f"{status} — {record.message}" if record.message else status
        else:
            del self.fields["text_status"]

    def _save_m2m(self):
        # Called by save() and by save_m2m() after save(commit=False): the document has its key.
        super()._save_m2m()
        self.save_profile(self.instance)

    def save_profile(self, document):
        values = {name: self.cleaned_data.get(name) or None for name in PROFILE_FIELDS}
        values["kind"] = values["kind"] or ""
        if any(values.values()) or DocumentProfile.objects.filter(document=document).exists():
            DocumentProfile.objects.update_or_create(document=document, defaults=values)
