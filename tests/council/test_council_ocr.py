"""Scanned PDFs without a text layer are read at night by OCR (Debian's tesseract-ocr), once per file."""

import io
import os

import pytest
from council_builders import make_deliberation, make_document
from django.core.management import call_command
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

from council.models import DeliberationPage
from documents import extraction as pdftext
from documents.extraction.ocr import ocr_available
from documents.models import DocumentText

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not ocr_available() and not os.environ.get("CI"),
        reason="tesseract-ocr, tesseract-ocr-fra et poppler-utils absents (.ci/run les installe)",
    ),
]


def scanned_pdf(*lines):
    """A PDF whose only content is a picture of typed text, as a scanner without OCR produces."""
    image = Image.new("L", (1700, 400), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=56)
    for number, line in enumerate(lines):
        draw.text((60, 60 + 90 * number), line, fill=0, font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(buffer, x=10, y=10, w=190)
    return bytes(pdf.output())


def test_a_scanned_annex_is_found_by_a_word_only_in_its_picture_after_the_nightly_ocr(session):
    scan = make_document("Convention numérisée", scanned_pdf("Convention de mutualisation", "du gymnase municipal"),
                         filename="scan.pdf")
    assert DocumentText.objects.get(document=scan).status == pdftext.NO_TEXT
    act = make_deliberation(session, 1, title="Convention avec la commune voisine", document=scan, votes_for=20)
    assert "gymnase" not in act.document_text

    out = io.StringIO()
    call_command("extract_document_texts", "--ocr", stdout=out)
    record = DocumentText.objects.get(document=scan)
    assert record.status == pdftext.OK and record.ocr_attempted
    assert "gymnase" in record.text.lower() and "OCR" in record.message
    assert "1 document(s) numérisé(s) lu(s)" in out.getvalue()
    assert [page.title for page in DeliberationPage.objects.live().search("gymnase")] == [act.title]

    again = io.StringIO()
    call_command("extract_document_texts", "--ocr", stdout=again)
    assert "0 document(s) numérisé(s) lu(s)" in again.getvalue()


def test_a_blank_scan_is_tried_once_and_stays_reported(session):
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    blank = make_document("Page noire", bytes(pdf.output()), filename="noir.pdf")
    call_command("extract_document_texts", "--ocr", stdout=io.StringIO(), stderr=io.StringIO())
    record = DocumentText.objects.get(document=blank)
    assert record.status == pdftext.NO_TEXT and record.ocr_attempted
    assert "même par OCR" in record.message
