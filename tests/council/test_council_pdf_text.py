"""Text inside the PDFs attached to council pages is copied into them and indexed; bad PDFs are
reported, never blocking (the extraction itself: tests/documents)."""

import io

import pytest
from council_builders import make_deliberation, make_document, make_pdf
from django.core.files.base import ContentFile
from fpdf import FPDF
from wagtail.models import Page

from council.models import DeliberationAnnex, DeliberationPage
from council.registers import text_pdf
from documents import extraction as pdftext
from documents.models import DocumentText


def pdf_without_text():
    """What a scanner produces without OCR: pages with drawings only, no text layer."""
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())


@pytest.mark.django_db
def test_saving_a_document_stores_its_text_and_sha256(db):
    document = make_pdf("Règlement intérieur", "Le règlement intérieur du conseil municipal.")
    record = DocumentText.objects.get(document=document)
    assert record.status == pdftext.OK
    assert "règlement intérieur" in record.text
    assert len(record.sha256) == 64


@pytest.mark.django_db
def test_a_word_only_inside_an_annex_finds_the_deliberation(session):
    annex = make_pdf("Annexe tarifaire", "Grille des tarifs : quotient familial et ornithorynque.")
    deliberation = make_deliberation(session, 1, title="Tarifs de la restauration scolaire", publish=False)
    deliberation.annexes.add(DeliberationAnnex(document=annex, title="Grille tarifaire"))
    deliberation.save_revision().publish()
    found = DeliberationPage.objects.live().search("ornithorynque")
    assert [page.pk for page in found] == [deliberation.pk]
    assert deliberation.pk in [page.pk for page in Page.objects.live().search("ornithorynque")]


@pytest.mark.django_db
def test_replacing_a_document_file_reindexes_its_pages(session):
    document = make_pdf("Acte", "Première version du texte.")
    deliberation = make_deliberation(session, 1, document=document)
    assert not DeliberationPage.objects.live().search("kangourou")
    document.file.save("acte-v2.pdf", ContentFile(text_pdf("Acte", ["Seconde version : kangourou."])), save=False)
    document.save()
    assert [page.pk for page in DeliberationPage.objects.live().search("kangourou")] == [deliberation.pk]


@pytest.mark.django_db
def test_broken_documents_never_block_the_save_and_are_listed(session):
    scanned = make_document("Scan", pdf_without_text(), filename="scan.pdf")
    broken = make_document("Cassé", b"%PDF-1.4\n" + b"\x00" * 50, filename="casse.pdf")
    deliberation = make_deliberation(session, 1, document=scanned, publish=False)
    deliberation.annexes.add(DeliberationAnnex(document=broken))
    deliberation.save_revision().publish()
    deliberation = DeliberationPage.objects.get(pk=deliberation.pk)
    assert deliberation.live
    problems = dict(deliberation.document_problems())
    assert "Aucun texte trouvé" in problems[scanned]
    assert problems[broken]


@pytest.mark.django_db
def test_extract_command_is_idempotent_and_has_a_dry_run(session):
    from django.core.management import call_command

    document = make_pdf("Convention", "Convention de partenariat avec la médiathèque.")
    DocumentText.objects.all().delete()
    out = io.StringIO()
    call_command("extract_document_texts", "--dry-run", stdout=out)
    assert "[simulation] créés : 1" in out.getvalue()
    assert not DocumentText.objects.exists()
    call_command("extract_document_texts", stdout=out)
    assert DocumentText.objects.get(document=document).status == pdftext.OK
    out = io.StringIO()
    call_command("extract_document_texts", stdout=out)
    assert "créés : 0, mis à jour : 0, inchangés : 1" in out.getvalue()


@pytest.mark.django_db
def test_a_deliberations_copied_text_follows_its_documents_collection_privacy(session):
    from wagtail.models import Collection, CollectionViewRestriction

    document = make_pdf("Rapport", "Étude préalable : présence du grand hamster.")
    deliberation = make_deliberation(session, 1, document=document)
    assert "hamster" in DeliberationPage.objects.get(pk=deliberation.pk).document_text
    private = Collection.get_first_root_node().add_child(name="Rapports réservés")
    document.collection = private
    document.save()
    restriction = CollectionViewRestriction.objects.create(collection=private,
                                                           restriction_type=CollectionViewRestriction.LOGIN)
    assert "hamster" not in DeliberationPage.objects.get(pk=deliberation.pk).document_text
    assert not DeliberationPage.objects.live().search("hamster")
    restriction.delete()
    assert "hamster" in DeliberationPage.objects.get(pk=deliberation.pk).document_text
    assert [page.pk for page in DeliberationPage.objects.live().search("hamster")] == [deliberation.pk]
