"""The one CSV writer of every export (open data, council acts, directory, reports).

Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return before one) as a
formula: a page title `=HYPERLINK("http://…")` would become a live link, or worse, in the clerk's
spreadsheet. Such cells are written with a leading apostrophe, which spreadsheets show as text
(OWASP's "CSV injection" advice). Numbers and telephone numbers (-0.57, +33 1 23 45 67 89) are left
as they are: they are data, and the open-data schemas require them intact.
"""

import csv
import io
import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A signed number or telephone number: nothing a spreadsheet could call or reference.
_SIGNED_NUMBER = re.compile(r"[+-][0-9][0-9 .,()]*")


def neutralise(value):
    """The cell as text, with an apostrophe before anything a spreadsheet would evaluate."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(FORMULA_START) and not _SIGNED_NUMBER.fullmatch(text):
        return "'" + text
    return text


def write_csv(header, rows):
    """The CSV text (RFC 4180: comma, CRLF, UTF-8 by the caller): `header`, then each row, a list
    of values in the header's order or a dict keyed by it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(name) for name in header])
    for row in rows:
        values = [row.get(name) for name in header] if isinstance(row, dict) else row
        writer.writerow([neutralise(value) for value in values])
    return buffer.getvalue()
