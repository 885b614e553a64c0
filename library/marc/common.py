"""Helpers shared by the UNIMARC and MARC 21 field maps."""

import re
import unicodedata
from datetime import date

from core.text import fold_words

from ..choices import COPY_TYPE_WORDS, STATUS_CODES, CopyStatus

# ISBD punctuation that cataloguers leave at the end of a subfield (" /", " :", " ;", ",").
_TRAILING = re.compile(r"[\s/:;,=+]+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_YEAR = re.compile(r"(1[4-9]\d\d|20\d\d)")
_DATE_FORMS = [
    re.compile(r"^(?P<y>\d{4})-?(?P<m>\d{2})-?(?P<d>\d{2})$"),
    re.compile(r"^(?P<d>\d{2})/(?P<m>\d{2})/(?P<y>\d{4})$"),
]
_IMAGE_URL = re.compile(r"\.(jpe?g|png|gif|webp)(\?.*)?$", re.IGNORECASE)


def clean(value):
    if not value:
        return ""
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
    # MARC non-sorting markers (NSB/NSE, C1 controls) and control characters never belong in display text.
    value = _CONTROL.sub("", value)
    return _TRAILING.sub("", value.strip()).strip()


def first(field, code):
    if field is None:
        return ""
    values = field.get_subfields(code)
    return clean(values[0]) if values else ""


def joined(field, codes, separator=" "):
    if field is None:
        return ""
    return separator.join(clean(v) for v in field.get_subfields(*codes) if clean(v))


def year_from(text):
    match = _YEAR.search(text or "")
    return int(match.group(1)) if match else None


def iso_date(text):
    """An ISO date from the forms exports use (YYYYMMDD, YYYY-MM-DD, DD/MM/YYYY), or ""."""
    text = (text or "").strip()
    for form in _DATE_FORMS:
        match = form.match(text)
        if match:
            try:
                return date(int(match["y"]), int(match["m"]), int(match["d"])).isoformat()
            except ValueError:
                return ""
    return ""


def copy_status(code, due_date):
    if due_date:
        return CopyStatus.ON_LOAN.value
    status = STATUS_CODES.get(fold_words(code))
    return (status or CopyStatus.AVAILABLE).value


def type_from_copies(copies):
    """A document type suggested by the copies' own type codes (995$r), if they agree on one."""
    for copy in copies:
        folded = fold_words(copy.copy_type)
        for word, doc_type in COPY_TYPE_WORDS.items():
            if folded.startswith(word):
                return doc_type.value
    return ""


def is_web_url(url):
    """Only http(s) links are kept: a `javascript:` or `data:` URL in a file must never become a link."""
    return bool(re.match(r"^https?://[^\s\"'<>]+$", url or "", re.IGNORECASE))


def is_image_url(url):
    return bool(_IMAGE_URL.search(url or ""))


def dedupe(values):
    seen = set()
    result = []
    for value in values:
        key = fold_words(value if isinstance(value, str) else value[0])
        if key and key not in seen:
            seen.add(key)
            result.append(value)
    return result


class Fields:
    """A record's fields indexed by tag once, since a field map asks for some thirty tags."""

    def __init__(self, record):
        self.leader = str(record.leader)
        self.by_tag = {}
        for field in record.fields:
            self.by_tag.setdefault(field.tag, []).append(field)

    def get(self, tag):
        found = self.by_tag.get(tag)
        return found[0] if found else None

    def all(self, *tags):
        if len(tags) == 1:
            return self.by_tag.get(tags[0], [])
        return [field for tag in tags for field in self.by_tag.get(tag, [])]
