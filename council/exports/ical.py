"""The iCalendar feed of council sessions (RFC 5545), built with the icalendar library."""

import datetime

from django.utils import timezone
from icalendar import Calendar, Event

SESSION_LENGTH = datetime.timedelta(hours=3)


def sessions_calendar(sessions, *, town_name, absolute_url, host, session_url=None):
    """The calendar of `sessions`; `session_url(session)` gives each event's link (by default its page)."""
    session_url = session_url or (lambda session: session.url)
    calendar = Calendar()
    calendar.add("prodid", "-//Intranet de la mairie//Conseil municipal//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Conseil municipal - {town_name}")
    calendar.add("x-wr-timezone", "Europe/Paris")
    for session in sessions:
        event = Event()
        event.add("uid", f"seance-{session.pk}@{host}")
        event.add("dtstamp", session.last_published_at or timezone.now())
        event.add("dtstart", session.date)
        event.add("dtend", session.date + SESSION_LENGTH)
        event.add("summary", session.title)
        event.add("location", session.place)
        items = [item.title for item in session.agenda_items.all()]
        description = f"Séance {session.get_kind_display()} du conseil municipal."
        if items:
            description += "\nOrdre du jour :\n" + "\n".join(f"{n}. {title}" for n, title in enumerate(items, 1))
        event.add("description", description)
        url = session_url(session)
        if url:
            event.add("url", absolute_url(url))
        calendar.add_component(event)
    return calendar.to_ical()
