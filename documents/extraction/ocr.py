"""Optical character recognition of scanned PDFs (no text layer), with Debian's tesseract-ocr.

Pages are rendered by poppler's `pdftoppm`, then read by `tesseract` in French; both are Debian
packages (.ci/run installs them). It runs in the nightly `extract_document_texts --ocr`, never
while an editor saves a document: a scanned page takes seconds. Like pypdf's extraction it never
raises; each program run is bounded in time.
"""

import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

from . import NO_TEXT, OCR, OCR_EMPTY, OCR_FAILED, Extraction, finished

LANGUAGE = "fra"
RESOLUTION = 300  # dots per inch: tesseract's accuracy drops below 200
MAX_PAGES = 200
TIMEOUT_PER_PAGE = 120  # seconds


@cache
def ocr_available():
    """True when pdftoppm, tesseract and its French data are installed."""
    if not (shutil.which("pdftoppm") and shutil.which("tesseract")):
        return False
    languages = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, check=False)
    return LANGUAGE in languages.stdout.split()


def ocr_pdf_text(data, *, max_pages=MAX_PAGES):
    """The text tesseract reads on the first `max_pages` pages of a PDF given as bytes."""
    with tempfile.TemporaryDirectory(prefix="documents-ocr-") as directory:
        folder = Path(directory)
        (folder / "scan.pdf").write_bytes(data)
        try:
            subprocess.run(
                ["pdftoppm", "-r", str(RESOLUTION), "-gray", "-png", "-l", str(max_pages), "scan.pdf", "page"],
                cwd=folder, check=True, capture_output=True, timeout=TIMEOUT_PER_PAGE * max_pages,
            )
            images = sorted(folder.glob("page*.png"))
            texts = [
                subprocess.run(
                    ["tesseract", image.name, "stdout", "-l", LANGUAGE], cwd=folder, check=True,
                    capture_output=True, text=True, timeout=TIMEOUT_PER_PAGE,
                ).stdout
                for image in images
            ]
        except (subprocess.SubprocessError, OSError) as error:
            return Extraction(NO_TEXT, reason=OCR_FAILED, detail=error.__class__.__name__)
    result = finished(texts, len(images), empty_reason=OCR_EMPTY)
    if result.text:
        result.text, result.reason = result.text.strip(), OCR
    return result
