"""Notes de service that must be read: a targeted note is for its audience only (services with
their sub-services, groups), everywhere a page surfaces; its readers acknowledge each version
once; the deadline's reminder goes once; the issuer and the Secrétariat follow who has read it."""

import csv
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from note_builders import agent_of, make_note, notes_index, organisation
from wagtail.models import Page

from core.visibility import live_pages_for, refused_paths, refused_to_some_agent, visible_pages
from council import reading
from council.models import NoteAcknowledgement, NoteReminder, OfficialNotePage
from council.reminders import send_reading_reminders
from home.roles import SECRETARIAT

pytestmark = pytest.mark.django_db


@pytest.fixture
def org(site_tree):
    return organisation()


@pytest.fixture
def people(org, make_user):
    """An agent of Paie (under RH), one of the Services techniques, a member of the group
    « Comité » who works elsewhere, and a Secrétariat général member in no service."""
    users = {
        "paie": make_user("paie", first_name="Paula", last_name="Paie"),
        "tech": make_user("tech", first_name="Théo", last_name="Technique"),
        "comite": make_user("comite", "Comité", first_name="Colette", last_name="Comité"),
        "sg": make_user("sg", SECRETARIAT, first_name="Serge", last_name="Secrétaire"),
    }
    agent_of(users["paie"], org["paie"])
    agent_of(users["tech"], org["st"])
    agent_of(users["comite"], org["st"])
    return users


@pytest.fixture
def note(org, people):
    """For Ressources humaines (Paie included) and the group Comité, to be read within three days."""
    return make_note(services=[org["rh"]], groups=["Comité"], title="Congés annuels des équipes")


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


# --- who sees it ------------------------------------------------------------------------------

def test_an_agent_of_a_sub_service_of_the_audience_reads_the_note(note, people):
    assert client_of(people["paie"]).get(note.url).status_code == 200


def test_a_member_of_a_group_of_the_audience_reads_the_note(note, people):
    assert client_of(people["comite"]).get(note.url).status_code == 200


def test_an_agent_outside_the_audience_gets_a_404_for_the_note(note, people):
    assert client_of(people["tech"]).get(note.url).status_code == 404


def test_the_secretariat_and_the_owner_outside_the_audience_still_see_the_note(note, people, make_user):
    assert client_of(people["sg"]).get(note.url).status_code == 200
    issuer = make_user("emetteur")
    OfficialNotePage.objects.filter(pk=note.pk).update(owner=issuer)
    assert client_of(issuer).get(note.url).status_code == 200


def test_a_note_naming_nobody_is_for_every_agent(org, people):
    everyone = make_note("NS-T-02", title="Note pour tous")
    assert client_of(people["tech"]).get(everyone.url).status_code == 200
    assert everyone.path not in refused_paths(people["tech"])


def test_the_targeted_note_is_refused_by_the_one_visibility_rule(note, people):
    """core.visibility refuses it: listings, counts, feeds, digests and caches use that rule."""
    assert note.path in refused_paths(people["tech"])
    assert note.path not in refused_paths(people["paie"])
    assert note.path not in refused_paths(people["sg"])
    assert note.path in refused_to_some_agent()
    assert not live_pages_for(people["tech"]).filter(pk=note.pk).exists()
    assert visible_pages(OfficialNotePage.objects.all(), people["comite"]).filter(pk=note.pk).exists()


def test_the_notes_index_lists_the_note_only_to_its_audience(note, people):
    index = notes_index()
    assert note.title in client_of(people["paie"]).get(index.url).content.decode()
    assert note.title not in client_of(people["tech"]).get(index.url).content.decode()


def test_site_search_and_suggestions_find_the_note_only_for_its_audience(note, people):
    def found(user):
        client = client_of(user)
        results = [page.title for page in client.get("/recherche/", {"q": "congés équipes"}).context["search_results"]]
        suggested = client.get("/recherche/suggestions/", {"q": "Congés ann"}).json()["results"]
        suggestions = [hit["title"] for hit in suggested]
        return note.title in results, note.title in suggestions

    assert found(people["paie"]) == (True, True)
    assert found(people["tech"]) == (False, False)


def test_an_agent_moved_into_the_audience_sees_the_note(note, people, org):
    people["tech"].directory_agent.service = org["paie"]
    people["tech"].directory_agent.save()
    assert client_of(people["tech"]).get(note.url).status_code == 200


def test_an_inactive_agent_of_the_audience_is_refused(note, people):
    people["paie"].directory_agent.is_active = False
    people["paie"].directory_agent.save()
    assert client_of(people["paie"]).get(note.url).status_code == 404


# --- acknowledgement --------------------------------------------------------------------------

def acknowledge(client, note):
    return client.post(reverse("council:acknowledge_note", args=[note.pk]), {"next": "/"})


def test_acknowledging_twice_records_one_acknowledgement_of_the_live_revision(note, people):
    client = client_of(people["paie"])
    assert acknowledge(client, note).status_code == 302
    assert acknowledge(client, note).status_code == 302
    acknowledgement = NoteAcknowledgement.objects.get(note=note, user=people["paie"])
    assert (acknowledgement.version, acknowledgement.revision_id) == (1, note.live_revision_id)
    assert not reading.awaiting_acknowledgement(people["paie"]).exists()


def test_acknowledging_asks_for_a_post_with_its_csrf_token(note, people):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["paie"])
    assert client.get(reverse("council:acknowledge_note", args=[note.pk])).status_code == 405
    assert acknowledge(client, note).status_code == 403
    assert not NoteAcknowledgement.objects.exists()


def test_an_agent_outside_the_audience_cannot_acknowledge(note, people):
    assert acknowledge(client_of(people["tech"]), note).status_code == 404
    assert not NoteAcknowledgement.objects.exists()


def test_the_next_address_stays_on_the_intranet(note, people):
    response = client_of(people["paie"]).post(reverse("council:acknowledge_note", args=[note.pk]),
                                              {"next": "https://ailleurs.example/"})
    assert response["Location"] == note.url


def test_the_note_page_offers_the_button_then_says_when_it_was_read(note, people):
    client = client_of(people["paie"])
    assert 'data-testid="acknowledge"' in client.get(note.url).content.decode()
    acknowledge(client, note)
    page = client.get(note.url).content.decode()
    assert 'data-testid="acknowledge"' not in page
    assert "Vous avez pris connaissance de cette note le" in page


def publish_new_version(note, *, new_acknowledgement):
    """The issuer's edit through the admin form, then publication by the Secrétariat."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

    from council.forms import OfficialNoteForm

    form_class = OfficialNotePage.get_edit_handler().get_form_class()
    assert issubclass(form_class, OfficialNoteForm)
    data = nested_form_data({
        "title": note.title, "slug": note.slug, "number": note.number,
        "effective_date": note.effective_date.isoformat(), "issuing_service": "", "audience": note.audience,
        "signatory": note.signatory, "summary": rich_text("<p>Version corrigée.</p>"), "document": "",
        "audience_services": [service.pk for service in note.audience_services.all()],
        "audience_groups": [group.pk for group in note.audience_groups.all()],
        "reading_required": "on", "reading_deadline": note.reading_deadline.isoformat(),
        "new_acknowledgement": "on" if new_acknowledgement else "", "comments": inline_formset([]),
    })
    form = form_class(data, instance=note, for_user=Page.objects.get(depth=1).owner, parent_page=note.get_parent())
    assert form.is_valid(), form.errors
    page = form.save(commit=False)
    page.save_revision().publish()
    return OfficialNotePage.objects.get(pk=note.pk)


def test_a_new_version_keeps_the_acknowledgement_unless_the_issuer_asks_again(note, people):
    acknowledge(client_of(people["paie"]), note)
    revised = publish_new_version(note, new_acknowledgement=False)
    assert revised.reading_version == 1
    assert not reading.awaiting_acknowledgement(people["paie"]).exists()

    again = publish_new_version(revised, new_acknowledgement=True)
    assert again.reading_version == 2
    assert list(reading.awaiting_acknowledgement(people["paie"])) == [again]
    # The acknowledgement of the first version is kept, with its revision.
    assert NoteAcknowledgement.objects.filter(note=note, user=people["paie"], version=1).exists()
    acknowledge(client_of(people["paie"]), again)
    assert set(NoteAcknowledgement.objects.filter(note=note).values_list("version", flat=True)) == {1, 2}


def test_saving_the_form_twice_with_the_box_ticked_asks_for_one_new_version_only(note, people):
    first = publish_new_version(note, new_acknowledgement=True)
    assert first.reading_version == 2
    # A draft saved twice before publication: the version follows the live one, not the drafts.
    assert publish_new_version(first, new_acknowledgement=True).reading_version == 3


def test_a_note_to_read_without_deadline_is_refused_in_french(note):
    from django.core.exceptions import ValidationError

    note.reading_deadline = None
    with pytest.raises(ValidationError) as refused:
        note.full_clean()
    assert "date limite de lecture" in str(refused.value)


# --- reminders --------------------------------------------------------------------------------

def test_the_reminder_goes_once_per_agent_and_version_even_when_run_twice(note, people, settings):
    import datetime

    from django.utils import timezone

    acknowledge(client_of(people["comite"]), note)
    assert send_reading_reminders().sent == 0  # not yet: the deadline is in three days
    deadline = timezone.now() + datetime.timedelta(days=3)
    first = send_reading_reminders(now=deadline)
    second = send_reading_reminders(now=deadline)
    assert (first.sent, second.sent, second.skipped) == (1, 0, 1)
    assert [message.to for message in mail.outbox] == [[people["paie"].email]]
    assert "NS-T-01" in mail.outbox[0].subject
    assert note.url in mail.outbox[0].body
    assert NoteReminder.objects.filter(note=note, user=people["paie"], version=1).count() == 1


def test_a_new_version_to_acknowledge_is_reminded_again(note, people):
    import datetime

    from django.utils import timezone

    deadline = timezone.now() + datetime.timedelta(days=3)
    send_reading_reminders(now=deadline)
    publish_new_version(note, new_acknowledgement=True)
    send_reading_reminders(now=deadline)
    assert [message.to[0] for message in mail.outbox].count(people["paie"].email) == 2


def test_the_command_reports_in_french(note, people):
    out = io.StringIO()
    call_command("send_note_reminders", stdout=out)
    assert "0 relance(s) envoyée(s)" in out.getvalue()


# --- the read report --------------------------------------------------------------------------

@pytest.fixture
def read_half(note, people):
    acknowledge(client_of(people["paie"]), note)
    return note


def test_the_report_lists_per_service_who_has_read_and_who_has_not(read_half, people):
    report = reading.read_report(read_half)
    rows = {str(service.service): [(agent.user.username, bool(ack)) for agent, ack in service.readers]
            for service in report.services}
    assert rows == {"Paie": [("paie", True)], "Services techniques": [("comite", False)]}
    assert report.summary == "1 agent sur 2 a pris connaissance"


def test_the_secretariat_sees_the_report_and_an_agent_does_not(read_half, people, make_user):
    url = reverse("council_note_readers", args=[read_half.pk])
    sg = people["sg"]
    sg.is_staff = True
    sg.save()
    response = client_of(sg).get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 agent sur 2 a pris connaissance" in page and "Non lu" in page
    editor = make_user("redacteur", "Rédaction")
    refused = client_of(editor).get(url)  # Wagtail's admin answers a refusal by going home, with a message
    assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))
    assert client_of(editor).get(reverse("council_note_readers_csv", args=[read_half.pk])).status_code == 302
    assert client_of(people["tech"]).get(url).status_code in (302, 403)


def test_the_report_link_is_on_the_note_in_the_admin(read_half, people):
    from django.contrib.auth import get_user_model

    admin = get_user_model().objects.create_superuser("chef", "chef@mairie.example", "x")
    explore = client_of(admin).get(reverse("wagtailadmin_explore", args=[notes_index().pk])).content.decode()
    assert reverse("council_note_readers", args=[read_half.pk]) in explore
    edit = client_of(admin).get(reverse("wagtailadmin_pages:edit", args=[read_half.pk])).content.decode()
    assert reverse("council_note_readers", args=[read_half.pk]) in edit


def test_the_report_csv_neutralises_a_name_that_looks_like_a_formula(read_half, people, org, make_user):
    tricky = make_user("tricky", first_name='=HYPERLINK("http://x.example")', last_name="Nom")
    agent_of(tricky, org["rh"])
    response = client_of(people["sg"]).get(reverse("council_note_readers_csv", args=[read_half.pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == reading.CSV_HEADER
    names = [row[1] for row in rows[1:]]
    assert "'=HYPERLINK(\"http://x.example\") Nom" in names
    assert ["Paie", "Paula Paie", people["paie"].directory_agent.matricule, "oui"] == rows[1 + names.index(
        "Paula Paie")][:4]


def test_the_report_costs_the_same_queries_whatever_the_audience(read_half, people, org, make_user,
                                                                  django_assert_max_num_queries):
    for index in range(30):
        agent_of(make_user(f"rh{index}"), org["rh"])
    with django_assert_max_num_queries(6):
        report = reading.read_report(read_half)
        reading.read_report_csv(report)


def test_a_note_below_a_page_restricted_to_a_group_is_reminded_and_reported_to_its_members_only(
    note, people, settings
):
    import datetime

    from django.utils import timezone

    from tests.conftest import restrict_to_group

    restrict_to_group(notes_index(), "Comité")
    deadline = timezone.now() + datetime.timedelta(days=3)
    assert send_reading_reminders(now=deadline).sent == 1
    assert [message.to for message in mail.outbox] == [[people["comite"].email]]
    report = reading.read_report(note)
    assert [agent.user.username for service in report.services for agent, _ack in service.readers] == ["comite"]


def test_a_note_behind_a_shared_password_is_reminded_to_nobody(note, people):
    import datetime

    from django.utils import timezone
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=notes_index(), restriction_type=PageViewRestriction.PASSWORD,
                                       password="secret")
    assert send_reading_reminders(now=timezone.now() + datetime.timedelta(days=3)).sent == 0


def test_a_group_holding_the_reviewers_permission_sees_a_targeted_note_whatever_its_name(note, make_user):
    """By codename, as the act guards check it: a town may name its secretariat's group otherwise."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Direction générale des services")
    group.permissions.add(Permission.objects.get(content_type__app_label="council", codename="review_acts"))
    assert client_of(make_user("dgs", "Direction générale des services")).get(note.url).status_code == 200
    assert client_of(make_user("homonyme", "Secrétariat général (copie)")).get(note.url).status_code == 404


# --- what it costs the other pages ------------------------------------------------------------

def test_without_a_targeted_note_a_visibility_read_pays_no_audience_query(org, people,
                                                                          django_assert_num_queries):
    make_note("NS-T-03", title="Note pour tous")
    refused_paths(people["tech"])  # reads whether a note is targeted, then keeps the answer
    with django_assert_num_queries(1):  # the view restrictions only
        assert refused_paths(people["tech"]) == []


def test_a_targeted_note_is_refused_at_once_after_a_read_that_found_none(org, people):
    assert refused_paths(people["tech"]) == []  # no targeted note: kept in the cache
    targeted = make_note(services=[org["rh"]], title="Congés annuels des équipes")
    assert targeted.path in refused_paths(people["tech"])
    assert not live_pages_for(people["tech"]).filter(pk=targeted.pk).exists()


def test_an_audience_given_to_a_note_for_all_is_refused_at_once_when_published(org, people):
    note = make_note("NS-T-04", title="Note pour tous")
    assert refused_paths(people["tech"]) == []
    note.audience_services.set([org["rh"]])
    note.save_revision().publish()
    assert note.path in refused_paths(people["tech"])
