"""Text extraction from PDF documents, so that a word only inside an attached PDF finds its page.

Extraction never raises: a scanned PDF without a text layer, an encrypted or a corrupt file
comes back with a status and a French message for the clerk, and the page is saved anyway.
"""

import io
import logging
from dataclasses import dataclass

from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

OK = "ok"
NO_TEXT = "no_text"
ENCRYPTED = "encrypted"
CORRUPT = "corrupt"
NOT_PDF = "not_pdf"

# Bounds keep one huge upload from holding a worker or bloating the search index.
MAX_PAGES = 1000
MAX_CHARS = 2_000_000


@dataclass
class Extraction:
    status: str
    text: str = ""
    pages: int = 0
    message: str = ""


def looks_like_pdf(head):
    return head.lstrip()[:5] == b"%PDF-"


def extract_pdf_text(data):
    """Extract the text of a PDF given as bytes."""
    if not looks_like_pdf(data[:1024]):
        return Extraction(NOT_PDF, message=_("Ce document n'est pas un PDF : son texte n'est pas indexé."))
    # Imported here: pypdf takes a tenth of a second to import, which every process paid at
    # start-up through the models (cron commands included) for the few that read a PDF.
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # Many PDFs are "encrypted" with an empty user password only to forbid printing.
            try:
                opened = reader.decrypt("")
            except (PyPdfError, NotImplementedError):
                opened = 0
            if not opened:
                return Extraction(
                    ENCRYPTED,
                    message=_("PDF protégé par un mot de passe : son texte ne peut pas être lu ni indexé."),
                )
        chunks, total, count = [], 0, 0
        for page in reader.pages[:MAX_PAGES]:
            count += 1
            chunk = page.extract_text() or ""
            chunks.append(chunk)
            total += len(chunk)
            if total >= MAX_CHARS:
                break
    except Exception as exc:  # pypdf raises many kinds on damaged files; none may block a save.
        logger.info("PDF text extraction failed: %s", exc)
        return Extraction(
            CORRUPT,
            message=_("PDF illisible ou endommagé : son texte n'a pas pu être extrait (%(error)s).")
            % {"error": exc.__class__.__name__},
        )
    text = "\n".join(chunks)[:MAX_CHARS].replace("\x00", "")
    if not text.strip():
        return Extraction(
            NO_TEXT,
            pages=count,
            message=_(
                "Aucun texte trouvé dans ce PDF (document numérisé ?) : déposez une version avec une couche texte "
                "pour qu'il soit trouvé par la recherche."
            ),
        )
    return Extraction(OK, text=text, pages=count)
