"""The council demo loads, is idempotent and demonstrates text search inside PDFs."""

import io

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Page

from council import demo
from council.models import (
    CouncilMember,
    CouncilSessionPage,
    DeliberationList,
    DeliberationPage,
    NoteAcknowledgement,
    OfficialNotePage,
)
from documents.models import DocumentText

pytestmark = pytest.mark.django_db


def test_demo_loads_once_and_a_second_run_changes_nothing(site_tree):
    out = io.StringIO()
    demo.load(stdout=out)
    counts = (CouncilMember.objects.count(), CouncilSessionPage.objects.count(), DeliberationPage.objects.count(),
              OfficialNotePage.objects.count(), Page.objects.count(), DocumentText.objects.count())
    assert counts[:4] == (33, 4, 30, 3)  # three held sessions and the next one; three notes
    assert "30 délibérations" in out.getvalue()
    assert set(DocumentText.objects.values_list("status", flat=True)) == {"ok"}
    assert all(session.quorum_reached for session in CouncilSessionPage.objects.filter(closed=True))
    lists = {(item.session_id, item.document_id, item.sha256) for item in DeliberationList.objects.all()}
    assert len(lists) == 3
    demo.load(stdout=io.StringIO())
    assert (CouncilMember.objects.count(), CouncilSessionPage.objects.count(), DeliberationPage.objects.count(),
            OfficialNotePage.objects.count(), Page.objects.count(), DocumentText.objects.count()) == counts
    assert {(item.session_id, item.document_id, item.sha256) for item in DeliberationList.objects.all()} == lists


def test_demo_note_to_read_is_targeted_partly_acknowledged_and_due_within_days(site_tree):
    from django.utils import timezone

    from core.visibility import refused_paths
    from council.reading import awaiting_acknowledgement, read_report
    from directory import demo as directory_demo
    from home import demo as home_demo

    home_demo.load_users("motdepasse-de-demo")
    demo.load()
    directory_demo.load()
    note = OfficialNotePage.objects.get(number="NS-2026-03")
    assert note.reading_required and 0 < (note.reading_deadline - timezone.localdate()).days <= 7
    assert {service.code for service in note.audience_services.all()} == {"population", "ressources"}
    agent = get_user_model().objects.get(username="agent")  # État civil, under the population direction
    assert list(awaiting_acknowledgement(agent)) == [note]
    assert NoteAcknowledgement.objects.filter(note=note, user__username="rh").exists()
    report = read_report(note)
    assert 0 < report.read_count < report.total
    outsider = get_user_model().objects.get(username="urbanisme")
    assert note.path in refused_paths(outsider)
    # "quotient familial" is only in the PDF of the school canteen prices.
    found = DeliberationPage.objects.live().search("quotient")
    assert [page.title for page in found] == ["Tarifs de la restauration scolaire"]
