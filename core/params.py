"""Query-string parameters, read once and bounded: what an odd request (a huge integer, a NUL byte,
a quote, a pasted novel) may send never reaches a database or a parser as it came.

Every view reads its numbers, page numbers and texts through these; an invalid value is ignored
(None, or page 1), never an error.
"""

import re

# Years a date can hold with a year after it, in any time zone (datetime stops at 9999).
YEARS = {"minimum": 1000, "maximum": 9998}
# Ids and years fit in a 32-bit signed integer on both databases; page numbers stay far below.
MAX_INT = 2**31 - 1
MAX_PAGE = 10_000
MAX_TEXT = 200
# Control characters (NUL included) and the Unicode non-characters: never meaningful in a query.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def positive_int(value, *, minimum=1, maximum=MAX_INT):
    """The integer written in `value` when it is between `minimum` and `maximum`, else None."""
    if value is None:
        return None
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or len(text) > len(str(maximum)):
        return None
    number = int(text)
    return number if minimum <= number <= maximum else None


def page_number(value, *, maximum=MAX_PAGE):
    """The page asked for, 1 when the value is missing or invalid, at most `maximum`."""
    if value is not None and str(value).strip().isdigit() and len(str(value).strip()) > len(str(maximum)):
        return maximum
    return min(positive_int(value, maximum=10 * maximum) or 1, maximum)


def search_text(value, *, max_length=MAX_TEXT):
    """A query typed by an agent: control characters dropped, spaces collapsed, at most `max_length`
    characters (cut before cleaning too, so a huge value costs nothing)."""
    if not value:
        return ""
    text = _CONTROL.sub(" ", str(value)[: max_length * 4])
    return " ".join(text.split())[:max_length]


def choice(value, choices, default=None):
    """`value` when it is one of `choices`, else `default`."""
    return value if isinstance(value, str) and value in choices else default


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")


def iso_date(value):
    """The day written in `value` as YYYY-MM-DD (an `<input type="date">`) when it exists and its
    year is within YEARS, else None."""
    import datetime

    found = _ISO_DATE.fullmatch(str(value).strip()) if value is not None else None
    if found is None or positive_int(found[1], **YEARS) is None:
        return None
    try:
        return datetime.date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        return None


def year_month(value):
    """(year, month) written in `value` as YYYY-MM when valid, else None."""
    found = _ISO_MONTH.fullmatch(str(value).strip()) if value is not None else None
    if found is None or positive_int(found[1], **YEARS) is None or positive_int(found[2], maximum=12) is None:
        return None
    return int(found[1]), int(found[2])
