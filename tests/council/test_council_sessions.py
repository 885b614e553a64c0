"""Sessions: the convocation's legal notice (jours francs) and the procès-verbal online within a week
of the session that approves it."""

import datetime
import io

import pytest
from council_builders import make_document, make_session
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from council import rules
from council.models import CouncilSessionPage
from home.models import TownSettings
from home.roles import CLERKS, setup_roles

pytestmark = pytest.mark.django_db

SESSION_DAY = datetime.date(2024, 3, 12)  # a Tuesday


def days_before(n):
    return SESSION_DAY - datetime.timedelta(days=n)


@pytest.mark.parametrize(
    ("inhabitants", "emergency", "sent_days_before", "lawful"),
    [
        (12000, False, 6, True),  # 5 clear days: the 7th to the 11th
        (12000, False, 5, False),  # only 4 clear days
        (3500, False, 5, False),  # 3,500 is not "under 3,500"
        (3499, False, 4, True),  # 3 clear days
        (3499, False, 3, False),
        (None, False, 5, False),  # population unknown: the longer notice
        (12000, True, 2, True),  # emergency: one clear day
        (12000, True, 1, False),  # sent the day before: no clear day
        (12000, True, 0, False),  # sent the day of the session
    ],
)
def test_the_convocation_notice_is_counted_in_clear_days(inhabitants, emergency, sent_days_before, lawful):
    problems = rules.check_convocation(
        sent_on=days_before(sent_days_before), session_day=SESSION_DAY, inhabitants=inhabitants, emergency=emergency
    )
    assert (problems == []) is lawful


def test_a_late_convocation_says_the_rule_and_the_last_day_to_send_it():
    [message] = rules.check_convocation(sent_on=days_before(3), session_day=SESSION_DAY, inhabitants=20000,
                                        emergency=False)
    assert message == (
        "La convocation doit être adressée au moins 5 jours francs avant la séance (commune de 3 500 habitants "
        "et plus) : envoyée le 09/03/2024, elle n'en laisse que 2. Date limite d'envoi : 06/03/2024."
    )
    [emergency] = rules.check_convocation(sent_on=days_before(1), session_day=SESSION_DAY, inhabitants=20000,
                                          emergency=True)
    assert emergency.startswith("La convocation doit être adressée au moins 1 jour franc avant la séance (en cas")


def test_the_session_checks_its_convocation_against_the_towns_population(council_index, members):
    settings = TownSettings.load()
    settings.inhabitants = 2800
    settings.save()
    session = make_session(council_index, members, present=20)
    session.convocation_sent_on = days_before(4)
    session.full_clean()
    session.convocation_sent_on = days_before(3)
    with pytest.raises(ValidationError, match="3 jours francs avant la séance"):
        session.full_clean()


def approved_minutes(council_index, members, *, approved_days_ago):
    today = timezone.localdate()
    held = make_session(council_index, members, present=20, day=today - datetime.timedelta(days=approved_days_ago + 30))
    approving = make_session(council_index, members, present=20, day=today - datetime.timedelta(days=approved_days_ago))
    CouncilSessionPage.objects.filter(pk=held.pk).update(
        live=False, minutes_document=make_document("PV", b"%PDF-1.4 pv"), minutes_approved_in=approving
    )
    return CouncilSessionPage.objects.get(pk=held.pk)


def test_the_greffe_is_warned_when_approved_minutes_are_not_online_after_a_week(
    client, council_index, members, make_user, mailoutbox
):
    held = approved_minutes(council_index, members, approved_days_ago=8)
    setup_roles()  # the Greffe follows the deadlines by its permission, not by its name
    client.force_login(make_user("greffiere", CLERKS))
    dashboard = client.get("/admin/").content.decode()
    assert 'data-testid="council-late-minutes"' in dashboard and held.title in dashboard
    call_command("check_deliberation_lists", stdout=io.StringIO())
    assert "Le procès-verbal doit être mis en ligne dans la semaine" in mailoutbox[0].body
    assert held.title in mailoutbox[0].body

    held.save_revision().publish()  # online: the date is recorded and the warning goes
    held.refresh_from_db()
    assert held.minutes_online_on == timezone.localdate()
    assert 'data-testid="council-late-minutes"' not in client.get("/admin/").content.decode()


def test_minutes_approved_within_the_week_are_not_late(council_index, members):
    from council.deliberation_lists import overdue_minutes

    approved_minutes(council_index, members, approved_days_ago=7)
    assert overdue_minutes(timezone.localdate()) == []


def test_a_new_session_lists_every_councillor_in_office_and_takes_its_title_from_its_date(
    client, make_user, council_index, members
):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    from council.models import CouncilMember

    CouncilMember.objects.filter(pk=members[-1].pk).update(in_office=False)
    setup_roles()
    client.force_login(make_user("greffier", CLERKS))
    add_url = reverse("wagtailadmin_pages:add", args=["council", "councilsessionpage", council_index.pk])
    form = client.get(add_url).context["form"]
    rows = form.formsets["attendances"].forms
    assert len(rows) == len(members) - 1 and form.instance.members_in_office == len(members) - 1
    assert {row.initial["member"] for row in rows} == {m.pk for m in members[:-1]}

    attendance = [{"member": m.pk, "status": "present", "proxy_holder": ""} for m in members[:20]]
    attendance += [{"member": members[20].pk, "status": "represented", "proxy_holder": members[0].pk}]
    response = client.post(add_url, nested_form_data({
        "title": "", "slug": "", "date": "2024-06-04 19:00", "place": "Salle du conseil", "kind": "ordinary",
        "president": members[0].pk, "secretary": members[1].pk, "members_in_office": 32,
        "convocation_sent_on": "2024-05-28", "attendances": inline_formset(attendance),
        "agenda_items": inline_formset([]), "summary": rich_text(""), "comments": inline_formset([]),
        "change_reason": "",
    }))
    assert response.status_code == 302, response.content.decode()[:3000]
    created = CouncilSessionPage.objects.get(date__date=datetime.date(2024, 6, 4))
    assert created.title == "Séance du 04/06/2024" and created.present_count == 20
