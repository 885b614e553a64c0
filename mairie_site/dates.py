"""Dates as French writes them: "1er décembre", never "1 décembre".

Django's `date` formats know no ordinal; `french_date` adds "er" after the day of the month when
it is the first. Used by the `date_fr` template filter and by Python code that writes dates
into text (home blocks, e-mails).
"""

import re
from datetime import datetime

from django.utils import dateformat, timezone

# A "j" (day of the month without leading zero) that is not escaped by a backslash.
_DAY = re.compile(r"(?<!\\)j")


def french_date(value, format_string="j F Y"):
    """`value` (a date or datetime, aware datetimes in the current time zone) formatted with
    Django's date format, "1er" for the first day of the month."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if value.day == 1:
        format_string = _DAY.sub(r"j\\e\\r", format_string)
    return dateformat.format(value, format_string)
