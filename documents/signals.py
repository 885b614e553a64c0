"""A saved document gets its text record (en attente) and its extraction queued."""

import logging

from django.db.models.signals import post_save
from wagtail.documents import get_document_model

from .models import DocumentText

logger = logging.getLogger(__name__)


def document_saved(sender, instance, raw=False, **kwargs):
    from .tasks import extract_document_text

    if raw or not instance.file:
        return
    # By id: `document=instance` would cache this empty record on the instance, and Wagtail's upload
    # view, which indexes the instance again after saving it, would index that instead of the text
    # the extraction (immediate with the `immediate` task backend) has just stored.
    DocumentText.objects.get_or_create(document_id=instance.pk)
    try:
        extract_document_text.enqueue(instance.pk)
    except Exception:  # a queue that refuses the task must not refuse the document: the nightly run retries
        logger.exception("Text extraction of document %s could not be queued", instance.pk)


def connect():
    post_save.connect(document_saved, sender=get_document_model(), dispatch_uid="documents_extract_text")
