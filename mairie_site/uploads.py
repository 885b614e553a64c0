"""Uploaded documents are checked by their content, not only by their extension."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

ZIP_BASED = {"docx", "xlsx", "pptx", "odt", "ods", "odp"}
SIGNATURES = {"pdf": [b"%PDF-"], "rtf": [b"{\\rtf"], **{ext: [b"PK\x03\x04"] for ext in ZIP_BASED}}
TEXT_BASED = {"csv", "txt"}
MARKUP_MARKERS = (b"<html", b"<!doctype", b"<script", b"<svg", b"<iframe", b"<body", b"<?xml")


def content_problem(extension, head):
    """Why the first bytes of a file do not match its extension, or None."""
    extension = extension.lower()
    if extension in SIGNATURES:
        if not any(head.startswith(signature) for signature in SIGNATURES[extension]):
            return _("Le contenu de ce fichier ne correspond pas à un fichier .%(ext)s.") % {"ext": extension}
        return None
    if extension in TEXT_BASED:
        lowered = head.lower()
        if any(marker in lowered for marker in MARKUP_MARKERS) or b"\x00" in head:
            return _("Ce fichier texte contient du code HTML ou binaire : il est refusé.")
        return None
    return _("Ce type de fichier n'est pas accepté.")


def extension_problem(extension):
    """Why a file with this extension (without the dot, possibly empty) is refused, or None."""
    allowed = settings.WAGTAILDOCS_EXTENSIONS
    if extension.lower() in allowed:
        return None
    params = {"ext": extension, "allowed": ", ".join(f".{ext}" for ext in allowed)}
    if not extension:
        return _("Ce fichier n'a pas d'extension : les fichiers acceptés sont %(allowed)s.") % params
    return _("Les fichiers .%(ext)s ne sont pas acceptés : les fichiers acceptés sont %(allowed)s.") % params


class CheckedDocumentForm(BaseDocumentForm):
    refused_upload = None

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            extension = uploaded.name.rsplit(".", 1)[-1] if "." in uploaded.name else ""
            uploaded.seek(0)
            head = uploaded.read(2048)
            uploaded.seek(0)
            self.refused_upload = extension_problem(extension) or content_problem(extension, head)
            if self.refused_upload:
                raise forms.ValidationError(self.refused_upload)
        return uploaded

    def _post_clean(self):
        super()._post_clean()
        if self.refused_upload:
            # Wagtail's model check then judged the file left on the document (none, for a new
            # one) and added "extension « » not allowed": the upload's own reason is the one to show.
            self._errors["file"] = self.error_class([self.refused_upload])

class DescribedImageForm(BaseImageForm):
    """Wagtail's image form with its description (the alternative text every `{% image %}` uses)
    required: Wagtail would otherwise fall back on the title, which its uploader fills with the
    file's name ("IMG_2041.jpg" read out to a blind agent)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "description" in self.fields:
            field = self.fields["description"]
            field.required = True
            field.label = _("Texte alternatif")
            field.help_text = _(
                "Ce que l'image montre, pour les agents qui ne la voient pas (« Le maire inaugure la "
                "médiathèque »). Pas le nom du fichier."
            )
