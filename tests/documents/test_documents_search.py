"""Site search finds a document, and the page linking it, by a word only inside the document; a
private collection's documents (and their words) reach only the agents allowed to see it."""

import pytest
from django.contrib.auth.models import Group
from document_files import docx_file
from wagtail.models import Collection, CollectionViewRestriction

from home.models import ServicePage

pytestmark = pytest.mark.django_db

WORD = "chrysanthème"


def search(client, query):
    return client.get("/recherche/", {"q": query})


@pytest.fixture
def service():
    return ServicePage.objects.get(slug="urbanisme")


def attach(service, document):
    service.body = [{"type": "document", "value": {"document": document.pk, "label": "Procédure"}}]
    service.save_revision().publish()


@pytest.fixture
def public_docx(make_document, service):
    document = make_document("Procédure d'instruction", docx_file(f"Fleurir le {WORD} de la place."), "proc.docx")
    attach(service, document)
    return document


@pytest.fixture
def private_collection():
    collection = Collection.get_first_root_node().add_child(name="Urbanisme (interne)")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get_or_create(name="Urbanistes")[0])
    return collection


@pytest.fixture
def private_docx(make_document, service, private_collection):
    document = make_document("Note interne d'instruction", docx_file(f"Le {WORD} du dossier sensible."),
                             "note.docx", collection=private_collection)
    attach(service, document)
    return document


def found_titles(response):
    context = response.context
    return ({page.title for page in context["search_results"]}, {document.title for document in context["documents"]})


def test_a_word_only_inside_a_docx_finds_the_document_and_the_service_page(agent_client, public_docx, service):
    pages, documents = found_titles(search(agent_client, WORD))
    assert documents == {"Procédure d'instruction"}
    assert pages == {service.title}


def test_an_agent_allowed_in_a_private_collection_finds_its_document(client, make_user, private_docx):
    client.force_login(make_user("urbaniste", "Urbanistes"))
    _pages, documents = found_titles(search(client, WORD))
    assert documents == {"Note interne d'instruction"}


def test_an_agent_outside_a_private_collection_never_finds_its_document_nor_its_words(agent_client,
                                                                                     private_docx):
    response = search(agent_client, WORD)
    pages, documents = found_titles(response)
    assert pages == set() and documents == set() and response.context["total"] == 0
    html = response.content.decode()
    assert "Note interne" not in html and "sensible" not in html
    suggestions = agent_client.get("/recherche/suggestions/", {"q": "Note interne"}).json()["results"]
    assert suggestions == []


def test_the_page_is_found_by_a_word_of_a_document_extracted_after_its_publication(agent_client, service,
                                                                                  make_document, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    document = make_document("Plan", docx_file(f"Zone du {WORD}."), "plan.docx")
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    attach(service, document)
    assert found_titles(search(agent_client, WORD)) == (set(), set())
    from documents.text import refresh_document_text

    refresh_document_text(document)  # what the worker does later
    assert found_titles(search(agent_client, WORD)) == ({service.title}, {"Plan"})


def test_a_document_uploaded_in_the_admin_is_found_by_a_word_inside_it(agent_client, make_user, client):
    """Wagtail's upload view indexes the document again after saving it: the text extracted meanwhile
    (immediate task backend) must be what it indexes, not the empty record created before."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    admin = make_user("admin-docs", is_superuser=True, is_staff=True)
    client.force_login(admin)
    upload = SimpleUploadedFile("fleurs.txt", f"Un {WORD} au balcon.".encode(), content_type="text/plain")
    response = client.post("/admin/documents/add/", {"title": "Fleurs des balcons", "file": upload,
                                                      "collection": Collection.get_first_root_node().pk})
    assert response.status_code == 302
    _pages, documents = found_titles(search(agent_client, WORD))
    assert documents == {"Fleurs des balcons"}
