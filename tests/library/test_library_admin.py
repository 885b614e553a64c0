"""The catalogue in the admin: only the Bibliothèque and administrators import or edit."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django_tasks_db.models import DBTaskResult
from library_files import import_records, iso, unimarc

from library.models import BibliographicRecord, CatalogueImport
from library.models.imports import ImportStatus
from library.tasks import import_upload, upload_path

IMPORT_URL = "library_catalogueimport:add"
RECORDS_URL = "library_bibliographicrecord:index"
INSPECT_URL = "library_catalogueimport:inspect"


@pytest.fixture
def librarian_client(client, site_tree, make_user):
    client.force_login(make_user("lucas", "Bibliothèque"))
    return client


def upload(client, data, name="export.mrc", follow=True, **fields):
    """Post a file in the import form and follow the answer to the import's page."""
    return client.post(reverse(IMPORT_URL), {"file": SimpleUploadedFile(name, data), "file_format": "auto", **fields},
                       follow=follow)


def test_librarian_uploads_a_file_and_sees_the_summary_on_the_imports_page(librarian_client):
    assert librarian_client.get(reverse(IMPORT_URL)).status_code == 200
    data = iso(unimarc(record_id="A"), unimarc(record_id="B", title="Vol de nuit"), b"broken\x1d")
    response = upload(librarian_client, data)
    entry = CatalogueImport.objects.get()
    assert response.redirect_chain == [(reverse(INSPECT_URL, args=[entry.pk]), 302)]
    html = response.content.decode()
    assert "2 créées, 0 mise à jour, 0 inchangée, 0 retirée, 1 rejetée" in html and "notice n°3" in html
    assert 'http-equiv="refresh"' not in html
    assert f"export.mrc ({timezone.localtime(entry.created_at):%d/%m/%Y %H:%M})" in html  # Paris time
    assert BibliographicRecord.objects.count() == 2
    assert entry.user.username == "lucas" and entry.status == ImportStatus.DONE
    assert (entry.created, entry.rejected, entry.records_read) == (2, 1, 3)
    assert not upload_path(entry.pk).exists()


def test_librarian_can_simulate_an_import(librarian_client):
    response = upload(librarian_client, iso(unimarc()), dry_run="on")
    assert "Simulation" in response.content.decode()
    assert BibliographicRecord.objects.count() == 0


def test_an_unknown_file_extension_is_refused(librarian_client):
    response = upload(librarian_client, b"<html></html>", name="page.html")
    assert response.status_code == 200 and "Extension non reconnue" in response.content.decode()
    assert CatalogueImport.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_upload_waits_for_the_worker_and_its_page_follows_it(librarian_client,
                                                                                           settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = upload(librarian_client, iso(unimarc(record_id="A"), unimarc(record_id="B")))
    entry = CatalogueImport.objects.get()
    html = response.content.decode()
    assert entry.status == ImportStatus.QUEUED and BibliographicRecord.objects.count() == 0
    assert "En attente de traitement" in html and 'http-equiv="refresh"' in html
    assert upload_path(entry.pk).exists()
    assert oct(upload_path(entry.pk).stat().st_mode & 0o777) == "0o600"

    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())
    entry.refresh_from_db()
    assert entry.status == ImportStatus.DONE and entry.created == 2
    assert DBTaskResult.objects.get(task_path="library.tasks.import_upload").status == "SUCCESSFUL"
    assert not upload_path(entry.pk).exists()
    html = librarian_client.get(reverse(INSPECT_URL, args=[entry.pk])).content.decode()
    assert "2 créées" in html and 'http-equiv="refresh"' not in html


@pytest.mark.django_db(transaction=True)
def test_an_upload_the_worker_cannot_read_is_marked_failed_with_its_reason(librarian_client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    upload(librarian_client, iso(unimarc(record_id="A")))
    entry = CatalogueImport.objects.get()
    upload_path(entry.pk).unlink()  # e.g. a worker on another machine, without the shared storage
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())
    entry.refresh_from_db()
    assert entry.status == ImportStatus.FAILED and "introuvable" in entry.error
    assert DBTaskResult.objects.get(task_path="library.tasks.import_upload").status == "FAILED"
    html = librarian_client.get(reverse(INSPECT_URL, args=[entry.pk])).content.decode()
    assert "L'import a échoué" in html and "Aucune notice n'a été enregistrée" in html
    assert str(upload_path(entry.pk).parent) not in html  # no server path shown
    assert 'http-equiv="refresh"' not in html


def test_a_finished_import_is_not_run_again(librarian_client):
    upload(librarian_client, iso(unimarc(record_id="A")))
    entry = CatalogueImport.objects.get()
    assert import_upload.call(entry.pk) is None  # claimed from "en attente" only
    entry.refresh_from_db()
    assert entry.status == ImportStatus.DONE and entry.created == 1


def test_a_running_import_shows_the_records_read_so_far(librarian_client):
    entry = CatalogueImport.objects.create(filename="export.mrc", status=ImportStatus.RUNNING)
    entry.publish_progress(12345)  # from inside the import's transaction, through the cache
    html = librarian_client.get(reverse(INSPECT_URL, args=[entry.pk])).content.decode()
    assert f"En cours : {number_format(12345, force_grouping=True)} notice(s) lue(s)" in html
    assert 'http-equiv="refresh"' in html


def test_an_import_pending_for_too_long_is_shown_interrupted(librarian_client, settings):
    entry = CatalogueImport.objects.create(filename="export.mrc", status=ImportStatus.RUNNING)
    CatalogueImport.objects.filter(pk=entry.pk).update(
        created_at=timezone.now() - timedelta(minutes=settings.TASKS_STALE_MINUTES + 1))
    html = librarian_client.get(reverse(INSPECT_URL, args=[entry.pk])).content.decode()
    assert "L'import semble interrompu" in html and 'http-equiv="refresh"' not in html


def test_an_upload_the_server_cannot_store_is_refused_and_leaves_nothing(librarian_client, settings, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    settings.LIBRARY_UPLOAD_DIR = blocker / "uploads"
    response = upload(librarian_client, iso(unimarc()))
    assert "pas pu être enregistré sur le serveur" in response.content.decode()
    assert CatalogueImport.objects.count() == 0


def test_librarian_lists_searches_and_edits_records(librarian_client):
    import_records(unimarc(record_id="A", title="Vol de nuit"))
    record = BibliographicRecord.objects.get()
    listing = librarian_client.get(reverse(RECORDS_URL), {"q": "vol"})
    assert listing.status_code == 200 and "Vol de nuit" in listing.content.decode()
    filtered = librarian_client.get(reverse(RECORDS_URL), {"document_type": "livre"})
    assert filtered.status_code == 200
    edit_url = reverse("library_bibliographicrecord:edit", args=[record.pk])
    assert librarian_client.get(edit_url).status_code == 200


@pytest.mark.parametrize("role", [None, "Greffe", "Rédaction"])
def test_other_roles_can_neither_import_nor_edit(client, site_tree, make_user, role):
    import_records(unimarc(record_id="A"))
    record = BibliographicRecord.objects.get()
    client.force_login(make_user("someone", *([role] if role else [])))
    for url in [reverse(IMPORT_URL), reverse("library_bibliographicrecord:edit", args=[record.pk])]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
    response = upload(client, iso(unimarc(record_id="Z")), follow=False)
    assert response.status_code in (302, 403)
    assert not BibliographicRecord.objects.filter(record_id="Z").exists()


def test_a_superuser_can_import(client, site_tree, make_user):
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    response = upload(client, iso(unimarc()))
    assert "1 créée" in response.content.decode()


def test_editing_a_record_by_hand_refreshes_its_search_columns_and_next_import_restores_it(site_tree):
    import_records(unimarc(record_id="A", title="Vol de nuit"))
    record = BibliographicRecord.objects.get()
    record.title = "Terre des hommes"
    record.save()
    assert " terre des hommes" in record.search_text and record.content_hash == ""
    import_records(unimarc(record_id="A", title="Vol de nuit"))
    assert BibliographicRecord.objects.get().title == "Vol de nuit"


def test_authors_and_copies_edited_inline_update_search_columns_and_availability(site_tree):
    from library.models import Copy, RecordAuthor

    import_records(unimarc(record_id="A", title="Vol de nuit"))
    record = BibliographicRecord.objects.get()
    record.authors = [RecordAuthor(name="Camus, Albert", role="070")]
    record.copies = [Copy(branch="Bibliobus", status="en-pret")]
    record.save()
    record.refresh_from_db()
    assert " camus albert " in record.authors_text and " camus albert" in record.search_text
    assert record.availability == "indisponible"
    assert list(record.authors.values_list("name", flat=True)) == ["Camus, Albert"]


def test_an_import_report_is_never_editable_not_even_by_a_superuser(client, site_tree, make_user):
    entry = CatalogueImport.objects.create(filename="export.mrc", status=ImportStatus.DONE)
    client.force_login(make_user("root", is_superuser=True))
    assert client.get(reverse("library_catalogueimport:edit", args=[entry.pk])).status_code in {302, 403}
    assert client.get(reverse(INSPECT_URL, args=[entry.pk])).status_code == 200
