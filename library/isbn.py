"""ISBN normalisation: every ISBN is stored as ISBN-13 digits; ISBN-10 is accepted on input."""

import re

_SEPARATORS = re.compile(r"[\s\-‐‑–.]")
_CANDIDATE = re.compile(r"^(97[89]\d{10}|\d{9}[\dX])$")


def _isbn10_check(digits9):
    total = sum((10 - i) * int(d) for i, d in enumerate(digits9))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def _isbn13_check(digits12):
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits12))
    return str((10 - total % 10) % 10)


def normalize_isbn(value):
    """Return the ISBN-13 (digits only) for an ISBN-10 or ISBN-13, or None if it is not a valid ISBN.

    Qualifiers that catalogues append ("2-07-036822-X (br.)", "978... : 12 EUR") are ignored.
    """
    if not value:
        return None
    head = str(value).strip().split("(")[0].split(":")[0].split(";")[0].strip()
    head = head.split(" ")[0] if re.match(r"^[\dXx\-]{10,17}\s", head) else head
    compact = _SEPARATORS.sub("", head).upper()
    if not _CANDIDATE.match(compact):
        return None
    if len(compact) == 10:
        if _isbn10_check(compact[:9]) != compact[9]:
            return None
        stem = "978" + compact[:9]
        return stem + _isbn13_check(stem)
    if _isbn13_check(compact[:12]) != compact[12]:
        return None
    return compact

