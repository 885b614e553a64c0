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


def refresh_document_text(document, *, force=False, moved=False):
    """Extract the document's text unless this exact content was already; return the record.
    `moved`: the document changed collection, so its privacy may have: reindexed even unchanged."""
    record = DocumentText.objects.filter(document=document).first() or DocumentText(document=document)
    previous = (record.status, record.text)
    try:
        data = read_document_bytes(document)
    except (OSError, ValueError):
        record.store(extraction.Extraction(extraction.UNREADABLE, reason=extraction.MISSING), digest="")
    else:
        digest = hashlib.sha256(data).hexdigest()
        if record.pk and record.sha256 == digest and record.status != extraction.PENDING and not force:
            if moved:
                reindex_documents([document])
            return record
        result = extract_isolated(data, document.file_extension)
        if result.detail:
            logger.info("Document %s: no text (%s, %s)", document.pk, result.reason, result.detail)
        record.store(result, digest=digest)
    if (record.status, record.text) != previous or moved:
        reindex_documents([document])
    return record


def ocr_document_text(record):
    """Read a scanned document (no text layer) by OCR, once per file content; returns the record."""
    from .extraction.ocr import ocr_pdf_text

    data = read_document_bytes(record.document)
    record.store(ocr_pdf_text(data), digest=hashlib.sha256(data).hexdigest(), ocr_attempted=True)
    reindex_documents([record.document])
    return record


def reindex_documents(documents):
    """What a page's index may hold of these documents changed (their text, or their collection's
    privacy): reindex them, and once each the pages that link them; tell the apps that copy their
    text (the council's pages)."""
    documents = list(documents)
    # Fetched again: an instance may hold its text record of before in its relation cache.
    for document in get_document_model().objects.filter(pk__in=[d.pk for d in documents]).select_related(
            "extracted_text"):
        index.insert_or_update_object(document)
    for page in pages_linking(documents):
        index.insert_or_update_object(page)
    for document in documents:
        document_text_changed.send(sender=DocumentText, document=document)


def reindex_collection(collection):
    """The collection's privacy changed (a view restriction added, changed or removed): its
    documents and its sub-collections' are reindexed with the pages that link them, so that a
    private word leaves every page's index and a public one comes back. Returns how many."""
    documents = get_document_model().objects.filter(
        collection__in=collection.get_descendants(inclusive=True)).order_by("pk")
    count = 0
    for start in range(0, documents.count(), 500):
        batch = list(documents[start:start + 500])
        reindex_documents(batch)
        count += len(batch)
    return count


def pages_linking(documents):
    """The live pages (specific) whose content references one of the documents, in Wagtail's
    reference index."""
    page_type = ContentType.objects.get_for_model(Page)
    rows = ReferenceIndex.get_references_to_in_bulk(documents).filter(base_content_type=page_type)
    ids = {int(object_id) for object_id in rows.values_list("object_id", flat=True)}
    return list(Page.objects.live().filter(pk__in=ids).specific()) if ids else []


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
