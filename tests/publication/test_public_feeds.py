"""The RSS feed of new acts and the iCalendar of sessions answer without a session, as feed readers and
calendar clients ask, and link to the public space only."""

import datetime

import feedparser
import icalendar
import pytest
from council_builders import make_deliberation, make_mayoral_act, make_mayoral_index, make_session
from django.utils import timezone

from council.models import CouncilIndexPage, SessionAttendance

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def acts(council_root, members):
    index = council_root.add_child(instance=CouncilIndexPage(title="Conseil", slug="seances"))
    held = make_session(index, members, present=12, day=TODAY - datetime.timedelta(days=10), publish=True)
    upcoming = make_session(index, members, present=0, day=TODAY + datetime.timedelta(days=14), slug="prochaine")
    SessionAttendance.objects.filter(session=upcoming).delete()
    deliberation = make_deliberation(held, 1, title="Tarifs de la piscine",
                                     online_on=TODAY - datetime.timedelta(days=8))
    mayoral = make_mayoral_index(council_root)
    order = make_mayoral_act(mayoral, 1, title="Stationnement rue Haute", online_on=TODAY - datetime.timedelta(days=2),
                             transmission_required=False)
    make_mayoral_act(mayoral, 2, title="Nomination d'un agent", nature="3", notified_on=TODAY)
    return {"held": held, "upcoming": upcoming, "deliberation": deliberation, "order": order}


def test_the_rss_feed_of_new_acts_answers_without_a_session(guest, acts):
    response = guest.get("/actes/actes.rss")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Arrêté du maire n° " + f"{acts['order'].reference} : Stationnement rue Haute",
                      f"Délibération n° {acts['deliberation'].reference} : Tarifs de la piscine"]
    assert all("/actes/" in entry.link for entry in feed.entries)


def test_the_calendar_of_sessions_answers_without_a_session_and_links_to_the_public_space(guest, acts):
    response = guest.get("/actes/seances.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {acts["held"].title, acts["upcoming"].title}
    assert str(events[acts["upcoming"].title]["url"]).endswith(f"/actes/seances/{acts['upcoming'].pk}/")
    assert guest.get(f"/actes/seances/{acts['upcoming'].pk}/").status_code == 200
