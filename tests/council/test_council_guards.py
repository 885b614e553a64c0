"""Every route that puts an act online or takes it down, tried as the Greffe, the Rédaction and the
Secrétariat général: an act goes online only through the secretariat's review (or a superuser), and
stays online at least two months whoever asks and however they ask."""

import datetime

import pytest
from council_builders import deliberation_post, make_deliberation
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, WorkflowState

from council.legal import LegalActMixin, LegalActRefusal, legal_act_models
from council.models import CouncilIndexPage, CouncilSessionPage, DeliberationPage, OfficialNotePage
from council.workflow import SECRETARIAT
from home.models import Section, SectionPage
from home.roles import CLERKS, EDITORS, setup_roles

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
RECENT = TODAY - datetime.timedelta(days=10)
OLD = TODAY - datetime.timedelta(days=70)


@pytest.fixture
def users(make_user, council_root):
    setup_roles()  # binds the council workflow too
    return {
        "greffe": make_user("greffier", CLERKS),
        "redaction": make_user("redacteur", EDITORS),
        "secretariat": make_user("secretaire", SECRETARIAT),
    }


def as_(client, user):
    client.force_login(user)
    return client


def bulk_url(action, *pages):
    ids = "&".join(f"id={page.pk}" for page in pages)
    return reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + f"?{ids}"


def api_action(client, page, action, **data):
    url = reverse("wagtailadmin_api:pages:action", args=[page.pk, action])
    return client.post(url, data, content_type="application/json")


def live(page):
    return Page.objects.get(pk=page.pk).live


def test_the_guarded_models_are_the_declared_legal_acts():
    assert {DeliberationPage, CouncilSessionPage, OfficialNotePage} <= set(legal_act_models())
    assert all(issubclass(model, LegalActMixin) for model in legal_act_models())


# Publication: only through the review


@pytest.mark.parametrize("role", ["greffe", "redaction"])
def test_publishing_an_act_from_the_editor_is_refused_except_to_the_secretariat(client, users, session, role):
    draft = make_deliberation(session, 1, publish=False)
    as_(client, users[role]).post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]), {**deliberation_post(draft), "action-publish": "1"}
    )
    assert not live(draft)


def test_a_group_granted_publication_on_the_council_section_still_cannot_publish_an_act(
    client, users, make_user, council_root, session
):
    """The permission a town's administrator may grant by mistake does not open the way: the act's
    own permission tester asks for the secretariat whatever the group's page permissions."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    group = Group.objects.create(name="Greffe élargi")
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=council_root, permission=Permission.objects.get(codename=codename)
        )
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    publisher = make_user("publieur", "Greffe élargi")
    draft = make_deliberation(session, 1, publish=False)

    assert not draft.permissions_for_user(publisher).can_publish()
    as_(client, publisher).post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]), {**deliberation_post(draft), "action-publish": "1"}
    )
    assert not live(draft)
    as_(client, publisher).post(bulk_url("publish", draft), {})
    assert not live(draft)


def test_the_secretariat_publishes_an_act_and_its_online_date_and_enforceability_are_set(client, users, session):
    draft = make_deliberation(session, 1, publish=False, transmission_required=False)
    response = as_(client, users["secretariat"]).post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        {**deliberation_post(draft, transmission_required=""), "action-publish": "1"}, follow=True,
    )
    act = DeliberationPage.objects.get(pk=draft.pk)
    assert act.live and act.online_on == TODAY and act.enforceable_on == TODAY
    assert f"est en ligne depuis le {TODAY:%d/%m/%Y}" in response.content.decode()


def test_bulk_publish_of_an_act_is_refused_to_the_greffe_and_the_redaction(client, users, session):
    draft = make_deliberation(session, 1, publish=False)
    for role in ("greffe", "redaction"):
        as_(client, users[role]).post(bulk_url("publish", draft), {"include_descendants": ""})
        assert not live(draft)
    as_(client, users["secretariat"]).post(bulk_url("publish", draft), {"include_descendants": ""})
    assert live(draft)
    assert DeliberationPage.objects.get(pk=draft.pk).online_on == TODAY


def test_bulk_publish_of_a_session_with_its_draft_acts_is_refused_to_the_greffe(client, users, council_index, members):
    from council_builders import make_session

    session = make_session(council_index, members, present=20, day=datetime.date(2024, 5, 2))
    CouncilSessionPage.objects.filter(pk=session.pk).update(live=False)
    draft = make_deliberation(session, 1, publish=False)
    as_(client, users["greffe"]).post(bulk_url("publish", session), {"include_descendants": "on"})
    assert not live(session) and not live(draft)


def test_publishing_through_the_admin_api_is_refused_to_the_greffe(client, users, session):
    draft = make_deliberation(session, 1, publish=False)
    response = api_action(as_(client, users["greffe"]), draft, "publish")
    assert response.status_code == 403
    assert not live(draft)


def test_the_greffe_submits_and_the_secretariat_approves_from_the_editor_with_a_confirmation(client, users, session):
    acknowledged = (TODAY - datetime.timedelta(days=1)).isoformat()
    draft = make_deliberation(session, 1, publish=False)
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    as_(client, users["greffe"]).post(
        url, {**deliberation_post(draft, acknowledged_on=acknowledged), "action-submit": "1"}
    )
    state = WorkflowState.objects.get(object_id=str(draft.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    response = as_(client, users["secretariat"]).post(
        url,
        {**deliberation_post(draft, acknowledged_on=acknowledged), "action-workflow-action": "1",
         "workflow-action-name": "approve"},
        follow=True,
    )
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    act = DeliberationPage.objects.get(pk=draft.pk)
    assert act.live and act.online_on == TODAY and act.enforceable_on == TODAY
    assert f"Exécutoire le {TODAY:%d/%m/%Y}" in response.content.decode()


def test_a_later_revision_keeps_the_date_the_act_went_online(users, session):
    act = make_deliberation(session, 1, online_on=RECENT)
    revision = act.save_revision()
    revision.content["online_on"] = None
    revision.save()
    revision.publish()
    assert DeliberationPage.objects.get(pk=act.pk).online_on == RECENT


def test_a_scheduled_publication_sets_the_online_date_when_it_happens(users, session):
    draft = make_deliberation(session, 1, publish=False)
    revision = draft.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    call_command("publish_scheduled")
    assert DeliberationPage.objects.get(pk=draft.pk).online_on == TODAY


# Taking an act down: never within its two months online


@pytest.mark.parametrize("role", ["greffe", "redaction", "secretariat"])
def test_unpublishing_a_recent_act_is_refused_to_every_role(client, users, session, role):
    act = make_deliberation(session, 1, online_on=RECENT)
    response = as_(client, users[role]).post(reverse("wagtailadmin_pages:unpublish", args=[act.pk]), follow=True)
    assert live(act)
    if role == "secretariat":
        assert "doit rester en ligne au moins deux mois" in response.content.decode()


def test_the_secretariat_unpublishes_an_act_online_for_over_two_months_and_the_greffe_cannot(client, users, session):
    act = make_deliberation(session, 1, online_on=OLD)
    as_(client, users["greffe"]).post(reverse("wagtailadmin_pages:unpublish", args=[act.pk]))
    assert live(act)
    as_(client, users["secretariat"]).post(reverse("wagtailadmin_pages:unpublish", args=[act.pk]))
    assert not live(act)


def test_unpublishing_a_session_with_a_recent_act_below_is_refused(client, users, session):
    act = make_deliberation(session, 1, online_on=TODAY)
    as_(client, users["secretariat"]).post(
        reverse("wagtailadmin_pages:unpublish", args=[session.pk]), {"include_descendants": "on"}
    )
    assert live(session) and live(act)


def test_unpublishing_a_session_whose_minutes_went_online_recently_is_refused(users, session):
    CouncilSessionPage.objects.filter(pk=session.pk).update(minutes_online_on=RECENT)
    with pytest.raises(LegalActRefusal, match="le procès-verbal de la séance est en ligne depuis"):
        CouncilSessionPage.objects.get(pk=session.pk).unpublish()
    assert live(session)


@pytest.mark.parametrize("role", ["greffe", "redaction", "secretariat"])
def test_bulk_unpublish_of_a_recent_act_is_refused_to_every_role(client, users, session, role):
    act = make_deliberation(session, 1, online_on=RECENT)
    response = as_(client, users[role]).post(bulk_url("unpublish", act), {"include_descendants": ""}, follow=True)
    assert live(act)
    if role == "secretariat":
        content = response.content.decode()
        assert "Action refusée, aucune page n&#x27;a été modifiée" in content
        assert "deux mois" in content


def test_bulk_unpublish_of_a_session_and_its_recent_acts_is_refused_and_changes_nothing(client, users, session):
    old = make_deliberation(session, 1, online_on=OLD)
    recent = make_deliberation(session, 2, online_on=RECENT)
    as_(client, users["secretariat"]).post(bulk_url("unpublish", old, session), {"include_descendants": "on"})
    assert live(old) and live(session) and live(recent)


def test_bulk_unpublish_of_old_acts_is_allowed_to_the_secretariat(client, users, session):
    old = make_deliberation(session, 1, online_on=OLD)
    as_(client, users["secretariat"]).post(bulk_url("unpublish", old), {"include_descendants": ""})
    assert not live(old)


@pytest.mark.parametrize("role", ["greffe", "redaction", "secretariat"])
def test_deleting_a_recent_act_is_refused_to_every_role(client, users, session, role):
    act = make_deliberation(session, 1, online_on=RECENT)
    assert not act.permissions_for_user(users[role]).can_delete()  # the admin does not offer it
    as_(client, users[role]).post(reverse("wagtailadmin_pages:delete", args=[act.pk]))
    assert DeliberationPage.objects.filter(pk=act.pk).exists()


@pytest.mark.parametrize("role", ["greffe", "redaction", "secretariat"])
def test_bulk_delete_of_a_recent_act_is_refused_to_every_role(client, users, session, role):
    act = make_deliberation(session, 1, online_on=RECENT)
    as_(client, users[role]).post(bulk_url("delete", act))
    assert DeliberationPage.objects.filter(pk=act.pk).exists()


def test_the_greffe_deletes_a_draft_act_and_the_secretariat_an_old_one(client, users, session):
    draft = make_deliberation(session, 1, publish=False)
    old = make_deliberation(session, 2, online_on=OLD)
    as_(client, users["greffe"]).post(reverse("wagtailadmin_pages:delete", args=[draft.pk]))
    assert not DeliberationPage.objects.filter(pk=draft.pk).exists()
    as_(client, users["greffe"]).post(reverse("wagtailadmin_pages:delete", args=[old.pk]))
    assert DeliberationPage.objects.filter(pk=old.pk).exists()
    as_(client, users["secretariat"]).post(reverse("wagtailadmin_pages:delete", args=[old.pk]))
    assert not DeliberationPage.objects.filter(pk=old.pk).exists()


def test_a_superuser_cannot_delete_the_archive_holding_recent_acts(client, users, make_user, session):
    make_deliberation(session, 1, online_on=RECENT)
    index = session.get_parent()
    response = as_(client, make_user("root", is_superuser=True)).post(
        reverse("wagtailadmin_pages:delete", args=[index.pk]), follow=True
    )
    assert CouncilIndexPage.objects.filter(pk=index.pk).exists()
    assert "deux mois" in response.content.decode()


@pytest.mark.parametrize("action", ["unpublish", "delete"])
def test_the_admin_api_cannot_take_a_recent_act_down(client, users, session, action):
    act = make_deliberation(session, 1, online_on=RECENT)
    response = api_action(as_(client, users["secretariat"]), act, action)
    assert response.status_code == 403
    if action == "unpublish":
        assert "deux mois" in response.json()["detail"]
    assert live(act)
    assert not PageLogEntry.objects.filter(page_id=act.pk, action__in=["wagtail.delete", "wagtail.unpublish"]).exists()


def test_the_shell_cannot_unpublish_or_delete_a_recent_act(users, session):
    act = make_deliberation(session, 1, online_on=RECENT)
    for attempt in (act.unpublish, Page.objects.get(pk=act.pk).unpublish, Page.objects.get(pk=act.pk).delete):
        with pytest.raises(LegalActRefusal, match="deux mois"), transaction.atomic():
            attempt()
    assert live(act)


def test_an_act_online_for_over_two_months_is_unpublished_from_the_shell(users, session):
    act = make_deliberation(session, 1, online_on=OLD)
    act.unpublish()
    assert not live(act)


# Scheduled expiry


def test_an_act_has_no_expiry_date_in_the_admin_nor_in_code(client, users, session):
    act = make_deliberation(session, 1, online_on=RECENT)
    url = reverse("wagtailadmin_pages:edit", args=[act.pk])
    as_(client, users["secretariat"])
    assert 'name="expire_at"' not in client.get(url).content.decode()
    expiry = timezone.localtime() + datetime.timedelta(days=1)
    client.post(url, {**deliberation_post(act, change_reason="Essai"), "expire_at": expiry.strftime("%Y-%m-%d %H:%M")})
    assert DeliberationPage.objects.get(pk=act.pk).expire_at is None
    act.expire_at = expiry
    with pytest.raises(ValidationError, match="pas de date d'expiration"):
        act.full_clean()


def test_publish_scheduled_never_expires_an_act(users, session):
    act = make_deliberation(session, 1, online_on=RECENT)
    act.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    act.save()  # the model drops the expiry date
    call_command("publish_scheduled")
    assert live(act)
    DeliberationPage.objects.filter(pk=act.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    with pytest.raises(LegalActRefusal), transaction.atomic():  # forced into the database: still refused
        call_command("publish_scheduled")
    assert live(act)


# Move and copy


def test_the_archive_cannot_be_moved_out_of_the_council_section(client, users, make_user, session):
    make_deliberation(session, 1, online_on=OLD)
    index = session.get_parent()
    news = SectionPage.objects.get(section=Section.NEWS)
    superuser = make_user("root", is_superuser=True)
    assert not index.permissions_for_user(superuser).can_move_to(news)
    response = as_(client, superuser).post(
        reverse("wagtailadmin_pages:move_confirm", args=[index.pk, news.pk]), follow=True
    )
    assert Page.objects.get(pk=index.pk).get_parent().pk == index.get_parent().pk
    assert "restent dans la rubrique" in response.content.decode()


def test_an_act_cannot_be_moved_out_of_its_section(users, session, make_user):
    act = make_deliberation(session, 1, online_on=OLD)
    news = SectionPage.objects.get(section=Section.NEWS)
    for user in (*users.values(), make_user("root", is_superuser=True)):
        assert not act.permissions_for_user(user).can_move_to(news)


def test_bulk_move_out_of_the_section_is_refused(client, users, make_user, session):
    index = session.get_parent()
    news = SectionPage.objects.get(section=Section.NEWS)
    as_(client, make_user("root", is_superuser=True)).post(bulk_url("move", index), {"chooser": news.pk})
    assert Page.objects.get(pk=index.pk).get_parent().pk != news.pk


@pytest.mark.parametrize("role", ["greffe", "secretariat"])
def test_copying_an_act_is_refused_with_a_reason(client, users, session, role):
    act = make_deliberation(session, 1, online_on=RECENT)
    as_(client, users[role])
    response = client.get(reverse("wagtailadmin_pages:copy", args=[act.pk]), follow=True)
    assert "il ne se copie pas" in response.content.decode()
    client.post(reverse("wagtailadmin_pages:copy", args=[act.pk]), {
        "new_title": "Copie", "new_slug": "copie", "new_parent_page": session.pk, "publish_copies": "on",
    })
    assert DeliberationPage.objects.count() == 1


def test_copying_an_act_through_the_admin_api_is_refused(client, users, session):
    act = make_deliberation(session, 1, online_on=RECENT)
    response = api_action(as_(client, users["secretariat"]), act, "copy", slug="copie")
    assert response.status_code == 403
    assert DeliberationPage.objects.count() == 1


def test_copying_the_council_section_with_its_acts_is_refused(client, users, make_user, council_root, session):
    make_deliberation(session, 1, online_on=RECENT)
    home = council_root.get_parent()
    before = Page.objects.count()
    response = as_(client, make_user("root", is_superuser=True)).post(
        reverse("wagtailadmin_pages:copy", args=[council_root.pk]),
        {"new_title": "Copie", "new_slug": "copie", "new_parent_page": home.pk, "copy_subpages": "on"},
        follow=True,
    )
    assert Page.objects.count() == before
    assert "contient des actes" in response.content.decode()
