"""Every document's text is extracted in the background, in a child process bounded in time and
memory, with a French status its editors see; a bad file never blocks the save nor leaves a file."""

import time
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult
from document_files import (
    docx_bomb,
    docx_file,
    encrypted_pdf,
    odp_file,
    ods_file,
    odt_file,
    pdf_bomb,
    pdf_file,
    pptx_file,
    rtf_file,
    xlsx_file,
)
from wagtail.documents import get_document_model

from documents import extraction
from documents.models import DocumentText

pytestmark = pytest.mark.django_db

WORD = "ornithorynque"

FILES = {
    "pdf": lambda: pdf_file("Procédure de recrutement", f"Le jury et l'{WORD} du service."),
    "docx": lambda: docx_file("Note de service", f"Mot rare : {WORD}.", table=["Colonne", "Cellule"]),
    "xlsx": lambda: xlsx_file(["Article", "Prix"], [f"Peluche {WORD}", 12.5]),
    "pptx": lambda: pptx_file("Réunion de rentrée", f"Ordre du jour : {WORD}"),
    "odt": lambda: odt_file("Compte rendu du comité", f"Présents : l'{WORD}."),
    "ods": lambda: ods_file(["Inventaire", "Quantité"], [WORD, 3]),
    "odp": lambda: odp_file("Formation", f"Diapositive de l'{WORD}"),
    "rtf": lambda: rtf_file(f"Modèle de courrier à l'{WORD} (été)"),
    "txt": lambda: f"Procédure : appeler l'{WORD} avant midi.".encode(),
    "csv": lambda: f"nom;service\n{WORD};Sports\n".encode(),
}


@pytest.mark.parametrize("extension", sorted(FILES))
def test_the_text_of_a_real_file_of_each_format_is_extracted_when_it_is_saved(make_document, extension):
    document = make_document(f"Fichier {extension}", FILES[extension](), f"fichier.{extension}")
    record = DocumentText.objects.get(document=document)
    assert record.status == extraction.OK, record.reason
    assert WORD in record.text
    assert record.get_status_display() == "texte extrait"
    assert len(record.sha256) == 64


def test_accents_of_an_rtf_file_are_read_in_its_code_page(make_document):
    document = make_document("Courrier", rtf_file("Procédure d'été"), "courrier.rtf")
    assert "Procédure d'été" in DocumentText.objects.get(document=document).text


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("casse.docx", docx_file("Texte")[:400]),
        ("casse.pdf", b"%PDF-1.4\n" + b"\xff" * 300),
        ("casse.xlsx", b"PK\x03\x04" + b"\x00" * 300),
        ("casse.odt", b"PK\x03\x04 not really a zip"),
        ("casse.pptx", pptx_file("Titre", "Corps")[:-200]),
    ],
)
def test_a_corrupt_file_is_saved_and_reported_illisible(make_document, filename, data):
    document = make_document("Abîmé", data, filename)
    record = DocumentText.objects.get(document=document)
    assert get_document_model().objects.filter(pk=document.pk).exists()
    assert record.status == extraction.UNREADABLE
    assert record.get_status_display() == "illisible"
    assert "illisible ou endommagé" in record.message


def test_a_password_protected_pdf_is_reported_with_its_reason(make_document):
    record = DocumentText.objects.get(document=make_document("Secret", encrypted_pdf("Confidentiel"), "secret.pdf"))
    assert (record.status, record.reason) == (extraction.UNREADABLE, extraction.ENCRYPTED)
    assert "mot de passe" in record.message


# pypdf needs `cryptography` for AES: without it an AES file read as damaged.
CIPHERS = ["RC4-40", "RC4-128", "AES-128", "AES-256-R5", "AES-256"]


@pytest.mark.parametrize("algorithm", CIPHERS)
def test_a_pdf_protected_by_an_empty_password_only_is_read_whatever_the_cipher(algorithm):
    result = extraction.extract_text(encrypted_pdf(f"Texte {WORD}", password="", algorithm=algorithm), "pdf")
    assert result.status == extraction.OK, result.reason
    assert WORD in result.text


@pytest.mark.parametrize("algorithm", CIPHERS)
def test_a_pdf_with_a_password_is_reported_protected_whatever_the_cipher(algorithm):
    result = extraction.extract_text(encrypted_pdf("Confidentiel", algorithm=algorithm), "pdf")
    assert (result.status, result.reason) == (extraction.UNREADABLE, extraction.ENCRYPTED)


def test_a_pdf_protected_by_an_empty_password_only_is_read(make_document):
    data = encrypted_pdf(f"Texte {WORD}", password="")
    assert WORD in DocumentText.objects.get(document=make_document("Ouvert", data, "ouvert.pdf")).text


def test_a_password_protected_office_file_is_reported_with_its_reason():
    # Word and LibreOffice write a protected file as an OLE container.
    result = extraction.extract_text(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500, "docx")
    assert (result.status, result.reason) == (extraction.UNREADABLE, extraction.ENCRYPTED)


@pytest.mark.parametrize(("filename", "data"), [("vide.docx", docx_file()), ("vide.txt", b""),
                                                 ("vide.xlsx", xlsx_file()), ("blanc.txt", b" \n\t\n")])
def test_an_empty_file_has_no_text(make_document, filename, data):
    record = DocumentText.objects.get(document=make_document("Vide", data, filename))
    assert record.status == extraction.NO_TEXT
    assert record.get_status_display() == "aucun texte"


def media_files():
    root = Path(django_settings.MEDIA_ROOT) / "documents"
    return {path.name for path in root.iterdir()} if root.exists() else set()


def test_a_pdf_bomb_is_cut_at_the_deadline_saved_reported_and_leaves_no_file(
    client, make_user, settings, site_tree, django_capture_on_commit_callbacks
):
    settings.DOCUMENTS_EXTRACT_TIMEOUT = 2
    admin = make_user("admin-docs", is_superuser=True)
    client.force_login(admin)
    before = media_files()
    started = time.monotonic()
    response = client.post("/admin/documents/add/", {
        "title": "Bombe", "file": SimpleUploadedFile("bombe.pdf", pdf_bomb()), "collection": 1,
    })
    assert time.monotonic() - started < 20
    assert response.status_code == 302  # the save is not blocked
    document = get_document_model().objects.get(title="Bombe")
    record = DocumentText.objects.get(document=document)
    assert (record.status, record.reason) == (extraction.TOO_LONG, extraction.TIMEOUT)
    assert record.get_status_display() == "trop long à analyser"
    assert media_files() - before == {Path(document.file.name).name}
    # Deleting the document removes its file: nothing is orphaned.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/admin/documents/delete/{document.pk}/")
    assert not get_document_model().objects.filter(pk=document.pk).exists()
    assert media_files() == before
    # The killed child is replaced: the next document is read normally.
    settings.DOCUMENTS_EXTRACT_TIMEOUT = 20
    client.post("/admin/documents/add/", {
        "title": "Sain", "file": SimpleUploadedFile("sain.txt", f"Un {WORD}.".encode()), "collection": 1,
    })
    assert DocumentText.objects.get(document__title="Sain").status == extraction.OK


def test_a_decompression_bomb_is_stopped_at_the_memory_cap(make_document, settings):
    settings.DOCUMENTS_EXTRACT_MEMORY_MB = 96
    record = DocumentText.objects.get(document=make_document("Bombe", docx_bomb(), "bombe.docx"))
    assert (record.status, record.reason) == (extraction.TOO_LONG, extraction.MEMORY)
    assert "trop de mémoire" in record.message


def test_editors_see_the_state_of_the_text_on_the_document_form(client, make_user, make_document, site_tree):
    document = make_document("Secret", encrypted_pdf("Confidentiel"), "secret.pdf")
    client.force_login(make_user("admin-docs", is_superuser=True))
    html = client.get(f"/admin/documents/edit/{document.pk}/").content.decode()
    assert "Texte pour la recherche" in html
    assert "illisible — Fichier protégé par un mot de passe" in html


def test_the_profile_of_a_document_is_edited_on_its_form(client, make_user, make_document, site_tree):
    from home.models import ServicePage

    service = ServicePage.objects.get(slug="urbanisme")
    document = make_document("Guide", docx_file("Guide du PLU"), "guide.docx")
    client.force_login(make_user("admin-docs", is_superuser=True))
    response = client.post(f"/admin/documents/edit/{document.pk}/", {
        "title": "Guide du PLU", "collection": document.collection_id, "owner_service": service.pk,
        "kind": "procedure", "document_date": "2026-03-01", "review_date": "2027-03-01",
    })
    assert response.status_code == 302
    profile = document.profile
    profile.refresh_from_db()
    assert (profile.owner_service, profile.kind, str(profile.document_date), str(profile.review_date)) == (
        service, "procedure", "2026-03-01", "2027-03-01")


def test_the_owner_service_is_chosen_among_the_service_pages_by_title(client, make_user, make_document, site_tree):
    from home.models import ServicePage

    document = make_document("Guide", docx_file("Guide du PLU"), "guide.docx")
    client.force_login(make_user("admin-docs", is_superuser=True))
    field = client.get(f"/admin/documents/edit/{document.pk}/").context["form"].fields["owner_service"]
    assert field.label == "Service propriétaire"
    assert list(field.queryset) == list(ServicePage.objects.order_by("title"))
    assert len(field.queryset) > 1


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_worker_extracts_and_the_request_does_not(make_document, settings, site_tree):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    document = make_document("Note", docx_file(f"Note {WORD}"), "note.docx")
    record = DocumentText.objects.get(document=document)
    assert record.status == extraction.PENDING and record.get_status_display() == "analyse en attente"
    queued = DBTaskResult.objects.filter(task_path="documents.tasks.extract_document_text")
    assert [task.args_kwargs["args"] for task in queued] == [[document.pk]]
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())
    record.refresh_from_db()
    assert record.status == extraction.OK and WORD in record.text


def test_the_extraction_command_is_idempotent_and_has_a_dry_run(make_document):
    document = make_document("Convention", odt_file("Convention de partenariat"), "convention.odt")
    DocumentText.objects.all().delete()
    out = StringIO()
    call_command("extract_document_texts", "--dry-run", stdout=out)
    assert "[simulation] créés : 1" in out.getvalue()
    assert not DocumentText.objects.exists()
    call_command("extract_document_texts", stdout=out)
    assert DocumentText.objects.get(document=document).status == extraction.OK
    out = StringIO()
    call_command("extract_document_texts", stdout=out)
    assert "créés : 0, mis à jour : 0, inchangés : 1" in out.getvalue()
