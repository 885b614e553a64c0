"""The demo tells one consistent story, whatever the day it is loaded: the next council session is
in the coming weeks and on a weekday, convened in time; past sessions were held on weekdays with
their secretary present and the same rapporteur on the agenda as on the act; loans fall due after
today; the library's branches are facilities of the map; each address belongs to one person;
titles agree in gender."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from core.gender import Civility

PARIS = ZoneInfo("Europe/Paris")
# A Sunday in spring and a Friday on New Year's Day: the demo's dates move with the day it is loaded.
LOAD_DAYS = [datetime.datetime(2026, 5, 17, 10, 0, tzinfo=PARIS), datetime.datetime(2027, 1, 1, 23, 30, tzinfo=PARIS)]
# Adjectives of the sample titles that must agree with a feminine head.
FEMININE_HEADS = ("La ", "L'école ", "Les saisons ", "Les étoiles ")
MASCULINE_ADJECTIVE = re.compile(r" (oublié|retrouvé)s?$")




def _sessions():
    from council.models import CouncilSessionPage

    return list(CouncilSessionPage.objects.prefetch_related("attendances", "agenda_items").order_by("date"))


def check_the_next_session_is_in_the_coming_weeks_on_a_weekday_and_convened_in_time(today):
    from council import rules
    from home.models import TownSettings

    sessions = _sessions()
    coming = [s for s in sessions if timezone.localdate(s.date) > today]
    assert len(coming) == 1
    next_session = coming[0]
    day = timezone.localdate(next_session.date)
    assert 7 <= (day - today).days <= 35
    assert day.weekday() < 5
    assert not next_session.closed and next_session.agenda_items.count() >= 3
    assert next_session.convocation_sent_on <= today
    for session in sessions:
        assert timezone.localdate(session.date).weekday() < 5, session.title
        assert session.convocation_sent_on is not None, session.title
        assert rules.check_convocation(
            sent_on=session.convocation_sent_on, session_day=timezone.localdate(session.date),
            inhabitants=TownSettings.load().inhabitants, emergency=session.emergency,
        ) == [], session.title
        session.clean()  # every legal rule the clerk's form applies


def check_each_secretary_is_present_and_each_act_keeps_the_rapporteur_of_its_agenda_item(today):
    from council.models import DeliberationPage

    held = [s for s in _sessions() if s.closed]
    assert len(held) >= 3
    for session in held:
        status = {row.member_id: row.status for row in session.attendances.all()}
        assert status[session.secretary_id] == "present", session.title
        assert status[session.president_id] == "present", session.title
        agenda = list(session.agenda_items.all())
        acts = DeliberationPage.objects.child_of(session)
        assert acts.exists()
        for act in acts:
            assert agenda[act.order - 1].title == act.title
            assert agenda[act.order - 1].rapporteur_id == act.rapporteur_id, act.title


def check_loans_fall_due_after_today_and_branches_are_facilities_of_the_map(today):
    from library.models import BibliographicRecord, Copy
    from places.models import FacilityPage

    due = list(Copy.objects.exclude(due_date=None).values_list("due_date", flat=True))
    assert due and min(due) > today
    branches = set(Copy.objects.values_list("branch", flat=True))
    facilities = set(FacilityPage.objects.live().values_list("title", flat=True))
    assert branches and branches <= facilities, branches - facilities
    titles = list(BibliographicRecord.objects.values_list("title", flat=True))
    wrong = [t for t in titles if t.startswith(FEMININE_HEADS) and MASCULINE_ADJECTIVE.search(t)]
    assert not wrong
    assert any(title.startswith("L'école oubliée") for title in titles)


def check_each_address_belongs_to_one_person_or_one_service(today):
    from directory.models import Agent, Service

    agents = list(Agent.objects.exclude(email="").select_related("user"))
    emails = [agent.email.lower() for agent in agents]
    assert len(emails) == len(set(emails))
    services = {email.lower() for email in Service.objects.exclude(email="").values_list("email", flat=True)}
    assert not services & set(emails)
    users = {user.email.lower(): user.pk for user in get_user_model().objects.exclude(email="")}
    for agent in agents:
        owner = users.get(agent.email.lower())
        assert owner is None or owner == agent.user_id, agent.email
    assert not services & set(users)


def check_titles_agree_with_the_civility_of_councillors_and_agents(today):
    from council.models import CouncilMember
    from directory.models import Agent

    women = CouncilMember.objects.filter(civility=Civility.MADAME)
    assert women.exists() and CouncilMember.objects.filter(civility=Civility.MONSIEUR).exists()
    for member in women:
        assert not re.match(r"(Conseiller|Adjoint) ", member.office_title), member.full_title
    assert any(m.office_title == "Adjointe au maire" for m in women)
    masculine = re.compile(r"^(Directeur|Chargé|Assistant|Agent|Éducateur|Conseiller|Jardinier|Technicien) ")
    feminine = re.compile(r"^(Directrice|Chargée|Assistante|Agente|Éducatrice|Conseillère|Jardinière|Technicienne)")
    for agent in Agent.objects.exclude(job_title=""):
        if agent.civility == Civility.MADAME:
            assert not masculine.match(agent.function_title), (agent.full_name, agent.function_title)
        elif agent.civility == Civility.MONSIEUR:
            assert not feminine.match(agent.function_title), (agent.full_name, agent.function_title)


@pytest.mark.parametrize("moment", LOAD_DAYS, ids=lambda day: day.strftime("%A-%Y-%m-%d"))
def test_the_demo_is_coherent_on_the_day_it_is_loaded(moment, site_tree, tmp_path, settings):
    """One load per day (a load takes about a minute), then each rule in turn."""
    settings.MEDIA_ROOT = str(tmp_path)
    with time_machine.travel(moment, tick=False):
        call_command("load_demo", password="demo-pass-123", stdout=open("/dev/null", "w"))
        today = timezone.localdate()
        check_the_next_session_is_in_the_coming_weeks_on_a_weekday_and_convened_in_time(today)
        check_each_secretary_is_present_and_each_act_keeps_the_rapporteur_of_its_agenda_item(today)
        check_loans_fall_due_after_today_and_branches_are_facilities_of_the_map(today)
        check_each_address_belongs_to_one_person_or_one_service(today)
        check_titles_agree_with_the_civility_of_councillors_and_agents(today)
