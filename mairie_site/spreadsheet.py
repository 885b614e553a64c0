"""CSV for spreadsheets: a cell that a spreadsheet would run as a formula is neutralised.

A text cell starting with =, +, -, @, a tab or a carriage return is read as a formula by Excel and
LibreOffice (CSV injection); it is prefixed with an apostrophe, which they show as plain text.
Numbers keep their sign (-1.68 is a longitude, not a formula).
"""

import csv
import io
import re

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")


def neutralise_formula(value):
    """The cell as a spreadsheet shows it as text: '=1+1' -> "'=1+1"; non-text values are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS) and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_text(columns, rows):
    """UTF-8 CSV text with a header of `columns`, one line per row (a dict; None is an empty cell)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([neutralise_formula("" if row.get(column) is None else row[column]) for column in columns])
    return buffer.getvalue()
