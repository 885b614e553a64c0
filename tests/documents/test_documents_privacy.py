"""A collection's privacy decides what of its documents a page's index may hold: when a view
restriction is added to it (or to a parent collection), changed or removed, or a document moves
into or out of it, the documents and the pages linking them are indexed again, so that a private
word never finds a page visible to all, and a word made public finds it again."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from document_files import docx_file
from wagtail.models import Collection, CollectionViewRestriction

from home.models import ServicePage
from search.engine import indexed_texts

pytestmark = pytest.mark.django_db

WORD = "ornithorynque"


def found(client, query=WORD):
    context = client.get("/recherche/", {"q": query}).context
    return {page.title for page in context["search_results"]}, {document.title for document in context["documents"]}


@pytest.fixture
def service():
    return ServicePage.objects.get(slug="urbanisme")


@pytest.fixture
def folder():
    return Collection.get_first_root_node().add_child(name="Urbanisme (dossiers)")


@pytest.fixture
def linked(make_document, service, folder):
    """A DOCX in a public collection, linked from the Urbanisme's page."""
    document = make_document("Étude de faune", docx_file(f"Présence d'un {WORD} dans la zone."), "etude.docx",
                             collection=folder)
    service.body = [{"type": "document", "value": {"document": document.pk, "label": "Étude"}}]
    service.save_revision().publish()
    return document


@pytest.fixture
def admin(make_user):
    """The administrator's own browser (beside the agent's `client`)."""
    browser = Client()
    browser.force_login(make_user("administrateur", is_superuser=True))
    return browser


def set_privacy(admin, collection, restriction_type, *groups):
    response = admin.post(reverse("wagtailadmin_collections:set_privacy", args=[collection.pk]), {
        "restriction_type": restriction_type, "groups": [group.pk for group in groups], "password": "",
    })
    assert response.status_code == 200


def page_index_text(page):
    return indexed_texts([page]).get(str(page.pk), "")


def test_a_collection_made_private_takes_its_words_out_of_the_linking_pages_index(
        agent_client, admin, make_user, service, folder, linked):
    assert found(agent_client) == ({service.title}, {"Étude de faune"})
    urbanists = Group.objects.create(name="Urbanistes")
    set_privacy(admin, folder, CollectionViewRestriction.GROUPS, urbanists)
    assert WORD not in page_index_text(service)
    assert found(agent_client) == (set(), set())
    # Even its members find the document, never the page, by the private word.
    agent_client.force_login(make_user("urbaniste", "Urbanistes"))
    assert found(agent_client) == (set(), {"Étude de faune"})


def test_a_restriction_removed_makes_the_page_findable_again(agent_client, admin, service, folder, linked):
    set_privacy(admin, folder, CollectionViewRestriction.LOGIN)
    assert found(agent_client) == (set(), {"Étude de faune"})
    set_privacy(admin, folder, CollectionViewRestriction.NONE)
    assert WORD in page_index_text(service)
    assert found(agent_client) == ({service.title}, {"Étude de faune"})


def test_a_restriction_on_a_parent_collection_covers_its_sub_collections(agent_client, admin, make_document,
                                                                         service, folder):
    sub = folder.add_child(name="Faune")
    document = make_document("Inventaire", docx_file(f"Un {WORD} observé."), "inventaire.docx", collection=sub)
    service.body = [{"type": "document", "value": {"document": document.pk, "label": "Inventaire"}}]
    service.save_revision().publish()
    assert found(agent_client)[0] == {service.title}
    set_privacy(admin, folder, CollectionViewRestriction.GROUPS, Group.objects.create(name="Naturalistes"))
    assert found(agent_client) == (set(), set())


def test_a_restriction_changed_in_place_keeps_the_words_out(agent_client, admin, folder, linked):
    set_privacy(admin, folder, CollectionViewRestriction.LOGIN)
    set_privacy(admin, folder, CollectionViewRestriction.GROUPS, Group.objects.create(name="Urbanistes"))
    assert CollectionViewRestriction.objects.filter(collection=folder).count() == 1
    assert found(agent_client) == (set(), set())


def test_a_document_moved_into_a_private_collection_leaves_the_pages_index_and_comes_back(
        agent_client, admin, service, linked):
    private = Collection.get_first_root_node().add_child(name="Contentieux")
    restriction = CollectionViewRestriction.objects.create(collection=private,
                                                           restriction_type=CollectionViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Juristes"))
    public = linked.collection

    def move_to(collection):
        response = admin.post(f"/admin/documents/edit/{linked.pk}/", {
            "title": linked.title, "collection": collection.pk, "owner_service": "", "kind": "",
            "document_date": "", "review_date": "",
        })
        assert response.status_code == 302

    move_to(private)
    assert WORD not in page_index_text(service)
    assert found(agent_client) == (set(), set())
    move_to(public)
    assert found(agent_client) == ({service.title}, {"Étude de faune"})


@pytest.mark.django_db(transaction=True)
def test_with_the_database_backend_the_worker_reindexes_not_the_request(make_document, admin, settings, site_tree):
    folder = Collection.get_first_root_node().add_child(name="Urbanisme (dossiers)")
    service = ServicePage.objects.get(slug="urbanisme")
    document = make_document("Étude de faune", docx_file(f"Présence d'un {WORD}."), "etude.docx", collection=folder)
    service.body = [{"type": "document", "value": {"document": document.pk, "label": "Étude"}}]
    service.save_revision().publish()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    set_privacy(admin, folder, CollectionViewRestriction.LOGIN)
    queued = DBTaskResult.objects.filter(task_path="documents.tasks.reindex_collection_documents")
    assert [task.args_kwargs["args"] for task in queued] == [[folder.pk]]
    assert WORD in page_index_text(service)  # not yet: the request only queued the task
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO())
    assert WORD not in page_index_text(service)
