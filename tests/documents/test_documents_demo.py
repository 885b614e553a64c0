"""The demo gives three services their own news and documents, found by a word inside; idempotent."""

import io

import pytest
from wagtail.documents import get_document_model

from documents import demo
from documents.models import DocumentText
from newsfeeds.models import NewsItemPage

pytestmark = pytest.mark.django_db


def test_three_services_get_their_news_and_documents_once(site_tree):
    demo.load(stdout=io.StringIO())
    counts = (NewsItemPage.objects.count(), get_document_model().objects.count())
    demo.load(stdout=io.StringIO())
    assert (NewsItemPage.objects.count(), get_document_model().objects.count()) == counts
    news = NewsItemPage.objects.filter(service__slug__in=demo.SERVICES)
    assert news.count() == 3 and all(item.get_parent().specific.slug == item.service.slug for item in news)
    documents = get_document_model().objects.filter(profile__owner_service__slug__in=demo.SERVICES)
    assert documents.count() == 3
    assert set(DocumentText.objects.filter(document__in=documents).values_list("status", flat=True)) == {"ok"}
    assert all(document.collection.service_editors.service_page.slug in demo.SERVICES for document in documents)
