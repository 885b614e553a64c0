"""The text of attached PDFs, extracted once per file content and copied into the pages that use them."""

import hashlib

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string

from .. import pdftext


class DocumentText(models.Model):
    """What pypdf could read in one document; refreshed when the file changes (by its SHA-256)."""

    STATUS_CHOICES = [
        (pdftext.OK, _("texte extrait")),
        (pdftext.NO_TEXT, _("aucun texte trouvé")),
        (pdftext.ENCRYPTED, _("PDF protégé")),
        (pdftext.CORRUPT, _("PDF illisible")),
        (pdftext.NOT_PDF, _("pas un PDF")),
    ]

    document = models.OneToOneField(
        get_document_model_string(), on_delete=models.CASCADE, primary_key=True, related_name="council_text"
    )
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)
    status = models.CharField(_("état"), max_length=12, choices=STATUS_CHOICES)
    message = models.CharField(_("message"), max_length=300, blank=True)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    text = models.TextField(_("texte"), blank=True)
    ocr_attempted = models.BooleanField(_("OCR tentée"), default=False)
    extracted_at = models.DateTimeField(_("extrait le"), auto_now=True)

    class Meta:
        verbose_name = _("texte d'un document")
        verbose_name_plural = _("textes des documents")

    def __str__(self):
        return f"{self.document_id}: {self.get_status_display()}"


def read_document_bytes(document):
    with document.file.open("rb") as handle:
        return handle.read()


def refresh_document_text(document, *, force=False):
    """Extract the document's text unless this exact content was already extracted; return the record."""
    try:
        data = read_document_bytes(document)
    except (OSError, ValueError):
        record, _created = DocumentText.objects.update_or_create(
            document=document,
            defaults={
                "sha256": "",
                "status": pdftext.CORRUPT,
                "message": str(_("Le fichier de ce document est introuvable.")),
                "pages": 0,
                "text": "",
            },
        )
        return record
    digest = hashlib.sha256(data).hexdigest()
    existing = DocumentText.objects.filter(document=document).first()
    if existing and existing.sha256 == digest and not force:
        return existing
    return _store(document, digest, pdftext.extract_pdf_text(data), ocr_attempted=False)


def _store(document, digest, result, *, ocr_attempted):
    record, _created = DocumentText.objects.update_or_create(
        document=document,
        defaults={
            "sha256": digest,
            "status": result.status,
            "message": result.message[:300],
            "pages": result.pages,
            "text": result.text,
            "ocr_attempted": ocr_attempted,
        },
    )
    return record


def ocr_document_text(record):
    """Read a scanned document (no text layer) by OCR, once per file content; returns the record."""
    from ..ocr import ocr_pdf_text

    data = read_document_bytes(record.document)
    return _store(record.document, hashlib.sha256(data).hexdigest(), ocr_pdf_text(data), ocr_attempted=True)


class DocumentTextMixin(models.Model):
    """A page whose attached documents' text is copied into an indexed field on every save."""

    document_text = models.TextField(_("texte des documents joints"), blank=True, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Partial saves (Wagtail's bookkeeping while a draft is saved) must not copy a draft's
        # documents into the live, searchable row before it is published.
        if kwargs.get("update_fields") is None:
            self.document_text = self.collect_document_text()
        return super().save(*args, **kwargs)

    def attached_documents(self):
        """The documents whose text belongs to this page (overridden by each page type)."""
        return []

    def collect_document_text(self):
        documents = [doc for doc in self.attached_documents() if doc is not None]
        if not documents:
            return ""
        texts = dict(
            DocumentText.objects.filter(document__in=documents, status=pdftext.OK).values_list("document_id", "text")
        )
        return "\n\n".join(texts[doc.pk] for doc in documents if doc.pk in texts)

    def document_problems(self):
        """(document, message) for each attached document whose text could not be read."""
        documents = [doc for doc in self.attached_documents() if doc is not None]
        records = (
            DocumentText.objects.filter(document__in=documents).exclude(status=pdftext.OK).select_related("document")
        )
        return [(record.document, record.message) for record in records]
