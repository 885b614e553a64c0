"""Council pages copy the text of the documents they attach (documents app) into an indexed field."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from documents.models import DocumentText
from documents.text import searchable_texts


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
        texts = searchable_texts([doc.pk for doc in documents])
        return "\n\n".join(texts[doc.pk] for doc in documents if doc.pk in texts)

    def document_problems(self):
        """(document, message) for each attached document whose text could not be read."""
        documents = [doc for doc in self.attached_documents() if doc is not None]
        records = DocumentText.objects.filter(document__in=documents).select_related("document")
        return [(record.document, record.message) for record in records if record.has_problem]
