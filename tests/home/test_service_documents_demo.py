"""The demo gives three services their own documents, in their collection and found by a word
inside; idempotent."""

import pytest
from wagtail.documents import get_document_model

from documents.models import DocumentText
from home import demo

pytestmark = pytest.mark.django_db


def test_three_services_get_their_documents_once(site_tree):
    demo.load_service_documents()
    count = get_document_model().objects.count()
    demo.load_service_documents()
    assert get_document_model().objects.count() == count
    documents = get_document_model().objects.filter(profile__owner_service__slug__in=demo.SERVICE_DOCUMENTS)
    assert documents.count() == 3
    assert set(DocumentText.objects.filter(document__in=documents).values_list("status", flat=True)) == {"ok"}
    assert all(document.collection.service_editors.service_page.slug in demo.SERVICE_DOCUMENTS
               for document in documents)
