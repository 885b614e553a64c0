"""Text inside attached PDFs is extracted, stored and indexed; bad PDFs are reported, never blocking."""

import io

import pytest
from council_builders import make_deliberation, make_document, make_pdf
from django.core.files.base import ContentFile
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter
from wagtail.models import Page

from council import pdftext
from council.models import DeliberationAnnex, DeliberationPage, DocumentText
from council.registers import text_pdf


def pdf_without_text():
    """What a scanner produces without OCR: pages with drawings only, no text layer."""
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    return bytes(pdf.output())


def encrypted_pdf(password="secret", algorithm=None):
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf("Confidentiel", ["Texte protégé"]))))
    writer.encrypt(user_password=password, owner_password=password or "proprietaire", algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_text_of_a_generated_pdf_is_extracted():
    result = pdftext.extract_pdf_text(text_pdf("Cantine scolaire", ["Tarifs de la restauration scolaire 2024"]))
    assert result.status == pdftext.OK
    assert result.pages == 1
    assert "restauration scolaire" in result.text


def test_pdf_without_text_layer_is_reported_as_no_text_found():
    result = pdftext.extract_pdf_text(pdf_without_text())
    assert result.status == pdftext.NO_TEXT
    assert "Aucun texte trouvé" in result.message


def test_corrupt_pdf_is_reported_without_raising():
    data = text_pdf("Abîmé", ["contenu"])
    result = pdftext.extract_pdf_text(data[: len(data) // 3] + b"\x00garbage" * 20)
    assert result.status in (pdftext.CORRUPT, pdftext.NO_TEXT)
    assert result.message
    assert pdftext.extract_pdf_text(b"%PDF-1.7\n" + b"\xff" * 200).status in (pdftext.CORRUPT, pdftext.NO_TEXT)


def test_encrypted_pdf_is_reported():
    result = pdftext.extract_pdf_text(encrypted_pdf())
    assert result.status == pdftext.ENCRYPTED
    assert "mot de passe" in result.message


ALGORITHMS = ["RC4-40", "RC4-128", "AES-128", "AES-256-R5", "AES-256"]


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_pdf_encrypted_with_empty_password_is_read_whatever_the_cipher(algorithm):
    result = pdftext.extract_pdf_text(encrypted_pdf(password="", algorithm=algorithm))
    assert result.status == pdftext.OK, result.message
    assert "Texte protégé" in result.text


@pytest.mark.parametrize("algorithm", ALGORITHMS)
def test_pdf_encrypted_with_a_password_is_reported_as_protected_whatever_the_cipher(algorithm):
    assert pdftext.extract_pdf_text(encrypted_pdf(algorithm=algorithm)).status == pdftext.ENCRYPTED


def test_a_file_that_is_not_a_pdf_is_reported():
    assert pdftext.extract_pdf_text(b"<html>not a pdf</html>").status == pdftext.NOT_PDF


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
