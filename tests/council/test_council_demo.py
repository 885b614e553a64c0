"""The council demo loads, is idempotent and demonstrates text search inside PDFs."""

import io

import pytest
from wagtail.models import Page

from council import demo
from council.models import (
    CouncilMember,
    CouncilSessionPage,
    DeliberationList,
    DeliberationPage,
    OfficialNotePage,
)
from documents.models import DocumentText

pytestmark = pytest.mark.django_db


def test_demo_loads_once_and_a_second_run_changes_nothing(site_tree):
    out = io.StringIO()
    demo.load(stdout=out)
    counts = (CouncilMember.objects.count(), CouncilSessionPage.objects.count(), DeliberationPage.objects.count(),
              OfficialNotePage.objects.count(), Page.objects.count(), DocumentText.objects.count())
    assert counts[:4] == (33, 4, 30, 2)  # three held sessions and the next one
    assert "30 délibérations" in out.getvalue()
    assert set(DocumentText.objects.values_list("status", flat=True)) == {"ok"}
    assert all(session.quorum_reached for session in CouncilSessionPage.objects.filter(closed=True))
    lists = {(item.session_id, item.document_id, item.sha256) for item in DeliberationList.objects.all()}
    assert len(lists) == 3
    demo.load(stdout=io.StringIO())
    assert (CouncilMember.objects.count(), CouncilSessionPage.objects.count(), DeliberationPage.objects.count(),
            OfficialNotePage.objects.count(), Page.objects.count(), DocumentText.objects.count()) == counts
    assert {(item.session_id, item.document_id, item.sha256) for item in DeliberationList.objects.all()} == lists
    # "quotient familial" is only in the PDF of the school canteen prices.
    found = DeliberationPage.objects.live().search("quotient")
    assert [page.title for page in found] == ["Tarifs de la restauration scolaire"]
