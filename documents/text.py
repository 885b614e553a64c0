"""The documents' text: extracted by a task (tasks.py) in a bounded child process, stored once
per file content, and handed to the search index of the document and of the pages linking it."""

import hashlib
import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.dispatch import Signal
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, ReferenceIndex
from wagtail.search import index

from mairie_site.isolation import MB, ChildDied, ChildOutOfMemory, ChildTimeout, run_isolated

from . import extraction
from .models import DocumentText, read_document_bytes

logger = logging.getLogger(__name__)

# Sent when a document's stored text changed: apps that copy it into their pages (council) listen.
document_text_changed = Signal()


def extract_isolated(data, extension):
    """extraction.extract_text in a child process bounded by DOCUMENTS_EXTRACT_TIMEOUT seconds and
    DOCUMENTS_EXTRACT_MEMORY_MB; past either bound the document is TOO_LONG, never a stuck worker."""
    try:
        return run_isolated(
            "documents.extraction.extract_text", timeout=settings.DOCUMENTS_EXTRACT_TIMEOUT,
            memory_bytes=settings.DOCUMENTS_EXTRACT_MEMORY_MB * MB, data=data, extension=extension,
        )
    except ChildTimeout:
        return extraction.Extraction(extraction.TOO_LONG, reason=extraction.TIMEOUT)
    except (ChildOutOfMemory, ChildDied):
        return extraction.Extraction(extraction.TOO_LONG, reason=extraction.MEMORY)


def refresh_document_text(document, *, force=False):
    """Extract the document's text unless this exact content was already; return the record."""
    record = DocumentText.objects.filter(document=document).first() or DocumentText(document=document)
    previous = (record.status, record.text)
    try:
        data = read_document_bytes(document)
    except (OSError, ValueError):
        record.store(extraction.Extraction(extraction.UNREADABLE, reason=extraction.MISSING), digest="")
    else:
        digest = hashlib.sha256(data).hexdigest()
        if record.pk and record.sha256 == digest and record.status != extraction.PENDING and not force:
            return record
        result = extract_isolated(data, document.file_extension)
        if result.detail:
            logger.info("Document %s: no text (%s, %s)", document.pk, result.reason, result.detail)
        record.store(result, digest=digest)
    if (record.status, record.text) != previous:
        text_changed(document)
    return record


def ocr_document_text(record):
    """Read a scanned document (no text layer) by OCR, once per file content; returns the record."""
    from .extraction.ocr import ocr_pdf_text

    data = read_document_bytes(record.document)
    record.store(ocr_pdf_text(data), digest=hashlib.sha256(data).hexdigest(), ocr_attempted=True)
    text_changed(record.document)
    return record


def text_changed(document):
    """Reindex the document and the pages that link it; tell the apps that copy its text."""
    # Fetched again: the instance may hold its text record of before in its relation cache.
    index.insert_or_update_object(get_document_model().objects.get(pk=document.pk))
    for page in pages_linking(document):
        index.insert_or_update_object(page)
    document_text_changed.send(sender=DocumentText, document=document)


def pages_linking(document):
    """The live pages (specific) whose content references the document, in Wagtail's reference index."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = ReferenceIndex.get_references_to(document).filter(base_content_type=page_type).values("object_id")
    return list(Page.objects.live().filter(pk__in=[int(row["object_id"]) for row in ids]).specific())


def private_collection_ids():
    """The collections restricted to some agents, with their sub-collections."""
    paths = CollectionViewRestriction.objects.values_list("collection__path", flat=True)
    ids = set()
    for path in paths:
        ids |= set(Collection.objects.filter(path__startswith=path).values_list("pk", flat=True))
    return ids


def searchable_texts(document_ids):
    """{document id: text} for the documents whose text may go into a page's index: extracted, and
    outside the private collections (a page visible to all must not be found by a private word)."""
    documents = get_document_model().objects.filter(pk__in=document_ids).exclude(
        collection_id__in=private_collection_ids()
    )
    return dict(
        DocumentText.objects.filter(document__in=documents, status=extraction.OK).values_list("document_id", "text")
    )


def linked_document_ids(obj):
    """The documents an object references (its fields, StreamField blocks, rich text), read from the
    object itself: the reference index may not be updated yet when the search index is."""
    document_type = ContentType.objects.get_for_model(get_document_model()).pk
    return {
        int(object_id)
        for content_type_id, object_id, *_paths in ReferenceIndex._extract_references_from_object(obj)
        if content_type_id == document_type
    }


class LinkedDocumentsMixin:
    """A page found by the words inside the documents it links. Its search_fields add
    `index.SearchField("linked_document_text")`."""

    def linked_document_text(self):
        ids = linked_document_ids(self)
        if not ids:
            return ""
        texts = searchable_texts(ids)
        return "\n\n".join(texts[pk] for pk in sorted(texts))
