"""Opening hours in OpenStreetMap's `opening_hours` syntax: validation and a French reading.

Validation and evaluation use opening-hours-py (the Rust parser of the whole OSM grammar).
The French sentence form covers the common subset only: weekday lists and ranges, public
holidays (PH), time spans, `off`/`closed`/`open` and `24/7`. For anything else (months,
week numbers, sunrise...) `describe` returns None and the page shows the coming week computed
by the parser instead, which is right for any valid expression.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from opening_hours import OpeningHours, ParserError, State

EXAMPLE = "Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off"

DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
DAY_NAMES = {
    "Mo": "lundi",
    "Tu": "mardi",
    "We": "mercredi",
    "Th": "jeudi",
    "Fr": "vendredi",
    "Sa": "samedi",
    "Su": "dimanche",
    "PH": "jours fériés",
}
WEEKDAY_NAMES = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

_DAY = r"(?:Mo|Tu|We|Th|Fr|Sa|Su)"
_DAY_ITEM = rf"(?:{_DAY}(?:-{_DAY})?|PH)"
_SELECTOR = re.compile(rf"^{_DAY_ITEM}(?:,{_DAY_ITEM})*$")
_TIME = r"(?:[01]\d|2[0-4]):[0-5]\d"
_SPANS = re.compile(rf"^{_TIME}-{_TIME}(?:,{_TIME}-{_TIME})*$")
_POSITION = re.compile(r"-->\s*\d+:(\d+)")


def parse(value):
    """The parsed expression, evaluated with France's public holidays."""
    return OpeningHours(value, country="FR", auto_country=False, auto_timezone=False)


def validate_opening_hours(value):
    """Refuse what the OSM grammar refuses, saying where and showing a correct example."""
    if not value:
        return
    try:
        parse(value)
    except (ParserError, SyntaxError, ValueError) as error:
        match = _POSITION.search(str(error))
        where = _(" (erreur vers le caractère %(position)s)") % {"position": match.group(1)} if match else ""
        raise ValidationError(
            _(
                "Ces horaires ne suivent pas la syntaxe OpenStreetMap « opening_hours »%(where)s. "
                "Exemple : « %(example)s » (Mo = lundi… Su = dimanche, PH = jours fériés, "
                "off = fermé, heures sur 24 h avec deux points)."
            ),
            code="invalid_opening_hours",
            params={"where": where, "example": EXAMPLE},
        ) from None


def _time(value):
    hours, minutes = value.split(":")
    hours = int(hours)
    if hours == 24 and minutes == "00":
        return "minuit"
    return f"{hours} h" if minutes == "00" else f"{hours} h {minutes}"


def _spans(text):
    return ", ".join(f"{_time(start)} – {_time(end)}" for start, end in (span.split("-") for span in text.split(",")))


def _days(selector):
    parts = []
    for item in selector.split(","):
        if "-" in item:
            first, last = item.split("-")
            parts.append(f"du {DAY_NAMES[first]} au {DAY_NAMES[last]}")
        else:
            parts.append(DAY_NAMES[item])
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]
    return text[0].upper() + text[1:]


def _rule(rule):
    if rule == "24/7":
        return _("Ouvert 24 h/24, 7 j/7")
    tokens = rule.split()
    selector = tokens[0] if tokens and _SELECTOR.match(tokens[0]) else None
    rest = tokens[1:] if selector else tokens
    if len(rest) > 1:
        return None
    what = rest[0] if rest else "open"
    if what in ("off", "closed"):
        hours = _("fermé")
    elif what == "open":
        hours = _("ouvert")
    elif _SPANS.match(what):
        hours = _spans(what)
    else:
        return None
    if selector is None:
        return _("Tous les jours : %(hours)s") % {"hours": hours}
    return f"{_days(selector)} : {hours}"


def describe(value):
    """French lines for an expression of the common subset, or None when it goes beyond it."""
    if not value:
        return []
    try:
        parse(value)
    except (ParserError, SyntaxError, ValueError):
        return None
    lines = []
    for rule in (part.strip() for part in value.split(";")):
        if not rule:
            continue
        line = _rule(rule)
        if line is None:
            return None
        lines.append(line)
    return lines


def week(value, start=None):
    """The next seven days from `start` (a date): [(date, French day name, ["8 h 30 – 12 h", ...])]."""
    if not value:
        return []
    start = start or datetime.date.today()
    begin = datetime.datetime.combine(start, datetime.time.min)
    end = begin + datetime.timedelta(days=7)
    days = {start + datetime.timedelta(days=offset): [] for offset in range(7)}
    try:
        intervals = parse(value).intervals(begin, end)
    except (ParserError, SyntaxError, ValueError):
        return []
    for opening, closing, state, _comment in intervals:
        if state != State.OPEN:
            continue
        closing = closing or end
        day = opening
        # An interval may run over midnight: it is shown on each day it covers.
        while day < closing:
            day_end = min(
                closing, datetime.datetime.combine(day.date() + datetime.timedelta(days=1), datetime.time.min)
            )
            if day.date() in days:
                whole_day = day.time() == datetime.time.min and day_end - day == datetime.timedelta(days=1)
                span = _("toute la journée") if whole_day else f"{_clock(day)} – {_clock(day_end, end_of_day=True)}"
                days[day.date()].append(span)
            day = day_end
    return [(day, WEEKDAY_NAMES[day.weekday()], spans) for day, spans in days.items()]


def _clock(moment, end_of_day=False):
    if end_of_day and moment.time() == datetime.time.min:
        return "minuit"
    return _time(moment.strftime("%H:%M"))
