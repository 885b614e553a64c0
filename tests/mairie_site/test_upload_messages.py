"""A refused upload says why in French, naming the file's own extension, once."""

import html
import re

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from tests.mairie_site.test_security import upload

pytestmark = pytest.mark.django_db


def file_errors(response):
    """The form's error messages, as the editor reads them."""
    messages = re.findall(r'class="error-message"[^>]*>(.*?)</', response.content.decode(), re.S)
    return [" ".join(html.unescape(message).split()) for message in messages]


@pytest.fixture
def editor_client(client, make_user, site_tree):
    client.force_login(make_user("redac", "Rédaction"))
    return client


@pytest.mark.parametrize(
    "name, content, expected",
    [
        ("logo.svg", b"<svg/>", "Les fichiers .svg ne sont pas acceptés"),
        ("outil.EXE", b"MZ", "Les fichiers .EXE ne sont pas acceptés"),
        ("archive.tar.gz", b"\x1f\x8b", "Les fichiers .gz ne sont pas acceptés"),
        ("sans-extension", b"%PDF-1.4", "Ce fichier n'a pas d'extension"),
        ("rapport.pdf.", b"%PDF-1.4", "Ce fichier n'a pas d'extension"),
        ("piege.pdf", b"<html>", "Le contenu de ce fichier ne correspond pas à un fichier .pdf."),
        ("piege.PDF", b"<html>", "Le contenu de ce fichier ne correspond pas à un fichier .pdf."),
    ],
)
def test_a_refused_upload_names_its_own_extension_once(editor_client, name, content, expected):
    response = upload(editor_client, name, content)
    assert response.status_code == 200
    errors = file_errors(response)
    assert len(errors) == 1 and errors[0].startswith(expected), errors
    reason = errors[0].split(":")[0]
    assert "«" not in reason and ". " not in reason  # no empty extension
    assert not get_document_model().objects.filter(title=name).exists()


def test_replacing_a_document_s_file_with_a_refused_one_keeps_the_old_file(editor_client):
    collection = Collection.objects.get(name="Rédaction")
    document = get_document_model()(title="Règlement", collection=collection)
    document.file.save("reglement.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    response = editor_client.post(
        f"/admin/documents/edit/{document.pk}/",
        {"title": "Règlement", "collection": collection.pk, "file": ContentFile(b"<svg/>", name="reglement.svg")},
    )
    assert response.status_code == 200
    assert file_errors(response)[0].startswith("Les fichiers .svg ne sont pas acceptés")
    document.refresh_from_db()
    assert document.file.name.endswith(".pdf")
