"""The liste des délibérations is generated when a session is closed, kept current and idempotent;
the clerks are warned when it is not online a week after the session; the yearly register is a PDF."""

import datetime
import io

import pytest
from council_builders import make_deliberation, make_session
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.shortcuts import resolve_url
from django.utils import timezone
from pypdf import PdfReader
from wagtail.documents import get_document_model

from council.deliberation_lists import UNCHANGED, publish_deliberation_list
from council.models import CouncilSessionPage, DeliberationList
from home.roles import CLERKS, EDITORS, setup_roles

pytestmark = pytest.mark.django_db


def pdf_text(data):
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def document_text(document):
    with document.file.open("rb") as handle:
        return pdf_text(handle.read())


def close(session):
    session = CouncilSessionPage.objects.get(pk=session.pk)
    session.closed = True
    session.save_revision().publish()
    return session


@pytest.fixture
def voted_session(session):
    make_deliberation(session, 1, title="Tarifs de la cantine", votes_for=20, votes_against=2)
    make_deliberation(session, 2, title="Vente du terrain communal", votes_for=3, votes_against=20)
    return session


def test_closing_a_published_session_puts_its_list_online_as_a_pdf_document(voted_session):
    assert not DeliberationList.objects.exists()
    close(voted_session)
    published = DeliberationList.objects.get(session=voted_session)
    assert published.online_on == timezone.localdate()
    text = document_text(published.document)
    assert "Liste des délibérations - séance du 12/03/2024" in text
    assert "2024-001" in text and "Tarifs de la cantine" in text and "adoptée" in text
    assert "2024-002" in text and "Vente du terrain communal" in text and "rejetée" in text
    assert "12/03/2024" in text
    assert f"mise en ligne le {timezone.localdate():%d/%m/%Y}" in text


def test_an_open_session_has_only_a_provisional_list(reader_client, voted_session):
    assert not DeliberationList.objects.exists()
    page = reader_client.get(voted_session.url + "liste/").content.decode()
    assert "Liste provisoire" in page
    assert "Liste provisoire" in pdf_text(reader_client.get(voted_session.url + "liste/pdf/").content)


def test_the_list_page_and_pdf_serve_the_published_list(reader_client, voted_session):
    close(voted_session)
    page = reader_client.get(voted_session.url + "liste/").content.decode()
    assert f"mise en ligne le {timezone.localdate():%d/%m/%Y}" in page
    pdf = reader_client.get(voted_session.url + "liste/pdf/").content
    with DeliberationList.objects.get().document.file.open("rb") as handle:
        assert pdf == handle.read()


def test_regenerating_an_unchanged_list_changes_nothing(voted_session):
    close(voted_session)
    before = DeliberationList.objects.values_list("document_id", "sha256", "online_on").get()
    documents = get_document_model().objects.count()
    assert publish_deliberation_list(CouncilSessionPage.objects.get(pk=voted_session.pk)) == UNCHANGED
    close(voted_session)  # publishing the session again
    call_command("check_deliberation_lists", stdout=io.StringIO())
    out = io.StringIO()
    call_command("check_deliberation_lists", stdout=out)
    assert "inchangées : 1" in out.getvalue()
    assert DeliberationList.objects.values_list("document_id", "sha256", "online_on").get() == before
    assert get_document_model().objects.count() == documents


def test_an_act_published_or_withdrawn_after_closing_updates_the_same_document(voted_session):
    close(voted_session)
    first = DeliberationList.objects.get()
    # Online for over two months, so that it may be withdrawn.
    online_on = timezone.localdate() - datetime.timedelta(days=70)
    later = make_deliberation(voted_session, 3, title="Subvention au club de judo", votes_for=22, online_on=online_on)
    updated = DeliberationList.objects.get()
    assert updated.document_id == first.document_id and updated.online_on == first.online_on
    assert updated.sha256 != first.sha256
    assert "Subvention au club de judo" in document_text(updated.document)
    later.unpublish()
    assert "Subvention au club de judo" not in document_text(DeliberationList.objects.get().document)


def test_a_session_cannot_be_closed_before_it_is_held(council_index, members):
    future = timezone.localdate() + datetime.timedelta(days=10)
    session = make_session(council_index, members, present=20, day=future)
    session.closed = True
    with pytest.raises(ValidationError, match="close qu'une fois tenue"):
        session.full_clean()


def test_clerks_are_warned_by_mail_when_a_list_is_not_online_a_week_after_the_session(
    session, make_user, mailoutbox
):
    setup_roles()  # the Greffe follows the deadlines by its permission, not by its name
    make_user("greffiere", CLERKS)
    make_user("agent-simple")
    out = io.StringIO()
    call_command("check_deliberation_lists", "--dry-run", stdout=out)
    assert "Séance du 12/03/2024" in out.getvalue() and not mailoutbox
    call_command("check_deliberation_lists", stdout=io.StringIO())
    assert len(mailoutbox) == 1
    assert "Séance du 12/03/2024 (séance du 12/03/2024, séance non close)" in mailoutbox[0].body
    assert mailoutbox[0].to == ["greffiere@mairie.example"]
    close(session)
    call_command("check_deliberation_lists", stdout=io.StringIO())
    assert len(mailoutbox) == 1


def test_a_session_of_this_week_is_not_late(council_index, members, make_user, mailoutbox):
    make_user("greffiere", CLERKS)
    make_session(council_index, members, present=20, day=timezone.localdate() - datetime.timedelta(days=7))
    call_command("check_deliberation_lists", stdout=io.StringIO())
    assert not mailoutbox


def test_the_clerks_dashboard_shows_late_lists_until_they_are_online(client, session, make_user):
    client.force_login(make_user("greffiere", CLERKS))
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    assert "Listes des délibérations et procès-verbaux en retard" in dashboard.content.decode()
    assert "Séance du 12/03/2024" in dashboard.content.decode()
    close(session)
    assert "Listes des délibérations et procès-verbaux en retard" not in client.get("/admin/").content.decode()


def test_editors_outside_the_greffe_do_not_get_the_panel(client, session, make_user):
    client.force_login(make_user("redacteur", EDITORS))
    response = client.get("/admin/")
    assert "Listes des délibérations et procès-verbaux en retard" not in response.content.decode()


def test_the_yearly_register_has_a_table_by_date_and_one_by_matter(reader_client, council_index, members):
    march = make_session(council_index, members, present=25, day=datetime.date(2024, 3, 12))
    june = make_session(council_index, members, present=25, day=datetime.date(2024, 6, 20))
    make_deliberation(june, 3, title="Budget supplémentaire", matter="7.1", votes_for=20)
    make_deliberation(march, 1, title="Tarifs de la cantine", matter="7.5", votes_for=20)
    make_deliberation(march, 2, title="Création d'un poste", matter="4.1", votes_for=2, votes_against=20)
    other_year = make_session(council_index, members, present=25, day=datetime.date(2025, 1, 10))
    make_deliberation(other_year, 1, title="Acte de 2025", matter="7.5", votes_for=20)

    response = reader_client.get(council_index.url + "registre/2024/")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Registre des délibérations 2024" in text and "Acte de 2025" not in text
    by_date, by_matter = text.split("2. Table par matière")
    assert by_date.index("Tarifs de la cantine") < by_date.index("Création d'un poste") < by_date.index(
        "Budget supplémentaire")
    assert "rejetée" in by_date
    assert by_matter.index("4.1 Fonction publique") < by_matter.index("Création d'un poste")
    assert by_matter.index("Création d'un poste") < by_matter.index("7.1") < by_matter.index("Budget supplémentaire")
    assert by_matter.index("Budget supplémentaire") < by_matter.index("7.5") < by_matter.index("Tarifs de la cantine")
    assert "registre/2024/" in reader_client.get(council_index.url).content.decode()


def test_the_register_of_a_year_without_acts_is_not_found(reader_client, council_index):
    assert reader_client.get(council_index.url + "registre/1999/").status_code == 404


def test_the_register_needs_a_login(client, council_index):
    response = client.get(council_index.url + "registre/2024/")
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))


def test_the_register_command_writes_the_pdf(voted_session, tmp_path):
    target = tmp_path / "registre.pdf"
    call_command("council_register", "2024", "--output", str(target), stdout=io.StringIO())
    assert "Vente du terrain communal" in pdf_text(target.read_bytes())
    with pytest.raises(Exception, match="Aucune délibération publiée en 1999"):
        call_command("council_register", "1999", "--output", str(target))
