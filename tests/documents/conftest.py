import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection


@pytest.fixture
def make_document(db):
    """make_document("Titre", data, "fichier.docx", collection=None) → a saved Wagtail document."""

    def make(title, data, filename, collection=None):
        document = get_document_model()(title=title, collection=collection or Collection.get_first_root_node())
        document.file.save(filename, ContentFile(data), save=False)
        document.save()
        return document

    return make
