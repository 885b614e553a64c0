"""A deleted service page leaves nothing behind and loses nothing, on every route (its delete view,
a bulk delete, the deletion of an ancestor, the shell): its editors' group goes with their rights,
its review workflow goes, its collection goes when empty and is otherwise kept, renamed, with its
documents still in the Rédaction's hands."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Workflow

from home.demo import ensure_child, section_root
from home.models import Section, ServiceEditors, ServicePage
from home.roles import EDITORS
from home.service_roles import REVIEW_WORKFLOW_PREFIX

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_user, site_tree):
    client.force_login(make_user("administrateur", is_superuser=True))
    return client


def new_service(slug, title):
    return ensure_child(section_root(Section.SERVICES), ServicePage, slug=slug, title=title)


def file_a_document(service, title="Registre des arrêtés"):
    document = get_document_model()(title=title, collection=service.editors.collection)
    document.file.save("registre.txt", ContentFile(b"Registre."), save=False)
    document.save()
    return document


def leftovers(editors):
    """What remains of a service's group and collection (ids read before the deletion)."""
    return {
        "group": Group.objects.filter(pk=editors.group_id).exists(),
        "group rights": GroupPagePermission.objects.filter(group_id=editors.group_id).exists()
        or GroupCollectionPermission.objects.filter(group_id=editors.group_id).exists(),
        "collection": Collection.objects.filter(pk=editors.collection_id).first(),
    }


def test_deleting_a_service_page_in_its_delete_view_removes_its_group_and_its_empty_collection(admin_client):
    service = new_service("police", "Police municipale")
    editors = service.editors
    response = admin_client.post(f"/admin/pages/{service.pk}/delete/")
    assert response.status_code == 302
    assert not ServicePage.objects.filter(pk=service.pk).exists()
    assert leftovers(editors) == {"group": False, "group rights": False, "collection": None}
    assert not ServiceEditors.objects.filter(pk=editors.pk).exists()


def test_a_collection_holding_documents_is_kept_renamed_with_its_documents(admin_client, client, make_user):
    service = new_service("police", "Police municipale")
    editors = service.editors
    document = file_a_document(service)
    admin_client.post(f"/admin/pages/{service.pk}/delete/")
    left = leftovers(editors)
    assert left["group"] is False and left["group rights"] is False
    collection = left["collection"]
    assert collection.name.startswith("Police municipale (service supprimé le ")
    assert collection.get_parent().name == "Services"
    document.refresh_from_db()
    assert document.collection == collection
    client.force_login(make_user("redac", EDITORS))  # the Rédaction still manages it
    assert "Registre des arrêtés" in client.get("/admin/documents/").content.decode()


def test_a_collection_holding_a_sub_collection_is_kept(admin_client):
    service = new_service("police", "Police municipale")
    editors = service.editors
    editors.collection.add_child(name="Procès-verbaux")
    admin_client.post(f"/admin/pages/{service.pk}/delete/")
    assert leftovers(editors)["collection"].get_children().get().name == "Procès-verbaux"


def test_a_new_service_of_the_same_name_gets_a_collection_of_its_own(admin_client):
    service = new_service("police", "Police municipale")
    file_a_document(service)
    old_collection = service.editors.collection_id
    admin_client.post(f"/admin/pages/{service.pk}/delete/")
    again = new_service("police", "Police municipale")
    assert again.editors.collection_id != old_collection
    assert again.editors.collection.name == "Police municipale"
    assert not get_document_model().objects.filter(collection=again.editors.collection).exists()


def test_the_bulk_delete_cleans_up_every_service_it_deletes(admin_client):
    empty, filled = new_service("police", "Police municipale"), new_service("cuisine", "Cuisine centrale")
    file_a_document(filled)
    before = {page.pk: page.editors for page in (empty, filled)}
    response = admin_client.post(f"/admin/bulk/wagtailcore/page/delete/?id={empty.pk}&id={filled.pk}&next=/admin/")
    assert response.status_code == 302
    assert not ServicePage.objects.filter(pk__in=before).exists()
    assert leftovers(before[empty.pk]) == {"group": False, "group rights": False, "collection": None}
    left = leftovers(before[filled.pk])
    assert left["group"] is False and "(service supprimé le " in left["collection"].name


def test_deleting_an_ancestor_cleans_up_every_service_below_it(admin_client):
    services = list(ServicePage.objects.all())
    editors = [page.editors for page in services]
    file_a_document(services[0])
    root = section_root(Section.SERVICES)
    response = admin_client.post(f"/admin/pages/{root.pk}/delete/", {"confirm_site_name": settings.WAGTAIL_SITE_NAME})
    assert response.status_code == 302
    assert not ServicePage.objects.exists() and not ServiceEditors.objects.exists()
    assert not Group.objects.filter(pk__in=[e.group_id for e in editors]).exists()
    kept = Collection.objects.filter(pk__in=[e.collection_id for e in editors])
    assert [collection.pk for collection in kept] == [editors[0].collection_id]
    assert get_document_model().objects.filter(collection=kept.get()).count() == 1


def test_deleting_from_the_shell_cleans_up_too_and_removes_the_review_workflow(site_tree):
    service = new_service("police", "Police municipale")
    service.review_required = True
    service.save_revision().publish()
    assert Workflow.objects.filter(name=REVIEW_WORKFLOW_PREFIX + "Police municipale").exists()
    editors = service.editors
    ServicePage.objects.get(pk=service.pk).delete()
    assert leftovers(editors) == {"group": False, "group rights": False, "collection": None}
    assert not Workflow.objects.filter(name=REVIEW_WORKFLOW_PREFIX + "Police municipale").exists()
