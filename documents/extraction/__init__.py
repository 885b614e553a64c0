"""Text extraction from the files a town hall attaches to its pages: PDF, the office formats
(DOCX, ODT, XLSX, ODS, PPTX, ODP, RTF) and plain text.

Pure functions of the file's bytes: they run in a child process (mairie_site.isolation) bounded
in time and memory, without Django's apps, so they read no model and translate no message. The
outcome is a status and, when no text came out, the reason's code; documents.models words it in
French for the editors.
"""

from dataclasses import dataclass

# Statuses, as stored on DocumentText.
PENDING = "pending"
OK = "ok"
NO_TEXT = "no_text"
UNREADABLE = "unreadable"
TOO_LONG = "too_long"

# Reasons, for the editors' message.
ENCRYPTED = "encrypted"
CORRUPT = "corrupt"
UNSUPPORTED = "unsupported"
MISSING = "missing"
TIMEOUT = "timeout"
MEMORY = "memory"
SCANNED = "scanned"
OCR = "ocr"
OCR_FAILED = "ocr_failed"
OCR_EMPTY = "ocr_empty"

# Bounds on what is kept, so that one huge file does not bloat the search index.
MAX_PAGES = 1000
MAX_CHARS = 2_000_000


@dataclass
class Extraction:
    status: str
    text: str = ""
    pages: int = 0
    reason: str = ""
    detail: str = ""  # the parser's exception class, for the log and the editors


def finished(chunks, pages=0, *, empty_reason=""):
    """The Extraction for the text chunks read: OK, or NO_TEXT when they hold only blanks."""
    text = "\n".join(chunk for chunk in chunks if chunk)[:MAX_CHARS].replace("\x00", "")
    if not text.strip():
        return Extraction(NO_TEXT, pages=pages, reason=empty_reason)
    return Extraction(OK, text=text, pages=pages)


def extract_text(data, extension):
    """The text of a file given as bytes, by its extension (lower case, without the dot)."""
    from . import office, pdf

    readers = {"pdf": pdf.extract_pdf_text, **office.READERS}
    reader = readers.get(extension.lower())
    if reader is None:
        return Extraction(UNREADABLE, reason=UNSUPPORTED)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" and extension.lower() != "pdf":
        # An office file protected by a password is an OLE container, not a zip.
        return Extraction(UNREADABLE, reason=ENCRYPTED)
    try:
        return reader(data)
    except MemoryError:
        raise
    except Exception as error:  # parsers raise many kinds on damaged files; none may block a save
        return Extraction(UNREADABLE, reason=CORRUPT, detail=error.__class__.__name__)
