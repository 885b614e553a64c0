"""A saved document gets its text record (en attente) and its extraction queued; a document that
changed collection, and the documents of a collection whose privacy changed, are reindexed with
the pages that link them (a private collection's words never stay in a page's index)."""

import logging

from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.documents import get_document_model
from wagtail.models import CollectionViewRestriction

from .models import DocumentText

logger = logging.getLogger(__name__)


def _queue(task, *args, **kwargs):
    try:
        task.enqueue(*args, **kwargs)
    except Exception:  # a queue that refuses the task must not refuse the save: the nightly run retries
        logger.exception("Task %s%s could not be queued", task.name, args)


def document_collection_read(sender, instance, raw=False, **kwargs):
    """The collection the document had before this save (one query), to tell a move."""
    if not raw and instance.pk:
        instance._collection_before = (
            sender.objects.filter(pk=instance.pk).values_list("collection_id", flat=True).first())


def document_saved(sender, instance, created=False, raw=False, **kwargs):
    from .tasks import extract_document_text

    if raw or not instance.file:
        return
    # By id: `document=instance` would cache this empty record on the instance, and Wagtail's upload
    # view, which indexes the instance again after saving it, would index that instead of the text
    # the extraction (immediate with the `immediate` task backend) has just stored.
    DocumentText.objects.get_or_create(document_id=instance.pk)
    moved = not created and getattr(instance, "_collection_before", instance.collection_id) != instance.collection_id
    _queue(extract_document_text, instance.pk, moved=moved)


def collection_privacy_changed(sender, instance, raw=False, **kwargs):
    from .tasks import reindex_collection_documents

    if not raw:
        _queue(reindex_collection_documents, instance.collection_id)


def connect():
    document_model = get_document_model()
    pre_save.connect(document_collection_read, sender=document_model, dispatch_uid="documents_collection_before")
    post_save.connect(document_saved, sender=document_model, dispatch_uid="documents_extract_text")
    for signal in (post_save, post_delete):
        signal.connect(collection_privacy_changed, sender=CollectionViewRestriction,
                       dispatch_uid=f"documents_collection_privacy_{signal}")
