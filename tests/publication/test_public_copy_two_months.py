"""The public copy keeps each act online two months at least (R2131-1): it shows the date the act went
online and the first day it may leave; until then the act can be neither unpublished nor restricted."""

import datetime

import pytest
from council_builders import make_deliberation, make_session
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from council.models import CouncilIndexPage, DeliberationPage
from council.rules import add_months

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def act(council_root, members):
    index = council_root.add_child(instance=CouncilIndexPage(title="Conseil", slug="seances"))
    index.save_revision().publish()
    session = make_session(index, members, present=12, day=TODAY - datetime.timedelta(days=25), publish=True)
    return make_deliberation(session, 4, title="Tarifs de la piscine", online_on=TODAY - datetime.timedelta(days=20))


def public_list(client):
    return client.get("/actes/").content.decode()


def test_each_public_act_shows_when_it_went_online_and_its_minimum_end(guest, act):
    since = TODAY - datetime.timedelta(days=20)
    page = guest.get(f"/actes/deliberations/{act.year}/{act.number}/").content.decode()
    assert f'data-testid="online-on">{since:%d/%m/%Y}<' in page
    assert f'data-testid="minimum-end">{add_months(since, 2):%d/%m/%Y}<' in page
    assert f"au moins jusqu'au {add_months(since, 2):%d/%m/%Y}" in public_list(guest)


def test_an_act_in_its_two_months_stays_on_the_public_copy(client, guest, act, make_user):
    admin = make_user("admin-test", is_superuser=True, is_staff=True)
    client.force_login(admin)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[act.pk]), {})
    assert response.status_code == 302
    assert DeliberationPage.objects.get(pk=act.pk).live, "unpublishing before two months is refused"
    assert act.private_page_options == [] and act.get_parent().specific.private_page_options == []
    privacy = client.get(reverse("wagtailadmin_pages:set_privacy", args=[act.pk]))
    assert privacy.status_code == 200 and "restriction_type" not in privacy.content.decode()
    client.logout()
    assert "Tarifs de la piscine" in public_list(guest)


def test_after_two_months_the_act_may_leave_and_a_restricted_act_is_never_public(guest, act):
    DeliberationPage.objects.filter(pk=act.pk).update(online_on=TODAY - datetime.timedelta(days=62))
    act = DeliberationPage.objects.get(pk=act.pk)
    assert act.private_page_options == ["password", "groups", "login"]
    assert "Tarifs de la piscine" in public_list(guest)
    PageViewRestriction.objects.create(page=act, restriction_type=PageViewRestriction.LOGIN)
    assert "Tarifs de la piscine" not in public_list(guest)
    assert guest.get(f"/actes/deliberations/{act.year}/{act.number}/").status_code == 404


def test_an_act_whose_online_date_is_ahead_is_not_yet_public(guest, act):
    DeliberationPage.objects.filter(pk=act.pk).update(online_on=TODAY + datetime.timedelta(days=3))
    assert "Tarifs de la piscine" not in public_list(guest)
    assert guest.get(f"/actes/deliberations/{act.year}/{act.number}/").status_code == 404


def test_an_unknown_or_withdrawn_address_is_a_public_404_never_the_intranet_login(guest, act):
    for path in ["/actes/deliberations/1990/1/", "/actes/inconnu/", "/actes/arretes/2026/1/", "/actes/autre/2026/1/",
                 "/actes/seances/999999/", "/actes/documents/999999/x.pdf"]:
        response = guest.get(path)
        assert response.status_code == 404, path
        page = response.content.decode()
        assert "Actes officiels" in page and "/connexion/" not in page and 'href="/"' not in page, path
