"""PDF text with pypdf. A scanned PDF without a text layer comes back NO_TEXT (the nightly OCR
reads it: ocr.py), an encrypted one UNREADABLE."""

import io

from pypdf import PdfReader
from pypdf.errors import PyPdfError

from . import CORRUPT, ENCRYPTED, MAX_CHARS, MAX_PAGES, SCANNED, UNREADABLE, Extraction, finished


def looks_like_pdf(head):
    return head.lstrip()[:5] == b"%PDF-"


def extract_pdf_text(data):
    if not looks_like_pdf(data[:1024]):
        return Extraction(UNREADABLE, reason=CORRUPT, detail="not a PDF")
    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        # Many PDFs are "encrypted" with an empty user password only to forbid printing.
        try:
            opened = reader.decrypt("")
        except (PyPdfError, NotImplementedError):
            opened = 0
        if not opened:
            return Extraction(UNREADABLE, reason=ENCRYPTED)
    chunks, total, count = [], 0, 0
    for page in reader.pages[:MAX_PAGES]:
        count += 1
        chunk = page.extract_text() or ""
        chunks.append(chunk)
        total += len(chunk)
        if total >= MAX_CHARS:
            break
    return finished(chunks, count, empty_reason=SCANNED)
