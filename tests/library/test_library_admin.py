"""The catalogue in the admin: only the Bibliothèque and administrators import or edit."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from library_files import import_records, iso, unimarc

from library.models import BibliographicRecord, CatalogueImport

IMPORT_URL = "library_catalogueimport_modeladmin_create"
RECORDS_URL = "library_bibliographicrecord_modeladmin_index"


@pytest.fixture
def librarian_client(client, site_tree, make_user):
    client.force_login(make_user("lucas", "Bibliothèque"))
    return client


def upload(client, data, name="export.mrc", **fields):
    return client.post(reverse(IMPORT_URL), {"file": SimpleUploadedFile(name, data), "file_format": "auto", **fields})


def test_librarian_uploads_a_file_and_sees_the_summary(librarian_client):
    assert librarian_client.get(reverse(IMPORT_URL)).status_code == 200
    data = iso(unimarc(record_id="A"), unimarc(record_id="B", title="Vol de nuit"), b"broken\x1d")
    response = upload(librarian_client, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 créée(s)" in html and "1 rejetée(s)" in html and "notice n°3" in html
    assert BibliographicRecord.objects.count() == 2
    entry = CatalogueImport.objects.get()
    assert entry.user.username == "lucas" and entry.created == 2 and entry.rejected == 1


def test_librarian_can_simulate_an_import(librarian_client):
    response = upload(librarian_client, iso(unimarc()), dry_run="on")
    assert "Simulation" in response.content.decode()
    assert BibliographicRecord.objects.count() == 0


def test_an_unknown_file_extension_is_refused(librarian_client):
    response = upload(librarian_client, b"<html></html>", name="page.html")
    assert response.status_code == 200 and "Extension non reconnue" in response.content.decode()
    assert CatalogueImport.objects.count() == 0


def test_librarian_lists_searches_and_edits_records(librarian_client):
    import_records(unimarc(record_id="A", title="Vol de nuit"))
    record = BibliographicRecord.objects.get()
    listing = librarian_client.get(reverse(RECORDS_URL), {"q": "vol"})
    assert listing.status_code == 200 and "Vol de nuit" in listing.content.decode()
    filtered = librarian_client.get(reverse(RECORDS_URL), {"document_type": "livre"})
    assert filtered.status_code == 200
    edit_url = reverse("library_bibliographicrecord_modeladmin_edit", args=[record.pk])
    assert librarian_client.get(edit_url).status_code == 200


@pytest.mark.parametrize("role", [None, "Greffe", "Rédaction"])
def test_other_roles_can_neither_import_nor_edit(client, site_tree, make_user, role):
    import_records(unimarc(record_id="A"))
    record = BibliographicRecord.objects.get()
    client.force_login(make_user("someone", *([role] if role else [])))
    for url in [reverse(IMPORT_URL), reverse("library_bibliographicrecord_modeladmin_edit", args=[record.pk])]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
    response = upload(client, iso(unimarc(record_id="Z")))
    assert response.status_code in (302, 403)
    assert not BibliographicRecord.objects.filter(record_id="Z").exists()


def test_a_superuser_can_import(client, site_tree, make_user):
    client.force_login(make_user("root", is_superuser=True, is_staff=True))
    response = upload(client, iso(unimarc()))
    assert "1 créée(s)" in response.content.decode()


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
