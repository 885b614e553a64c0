"""Each service publishes for itself: its editors' group has rights on its own subtree and its own
collection only, on every admin route; the Rédaction keeps its rights and can require its review."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Page, WorkflowPage

from home.demo import ensure_child, section_root
from home.models import Section, ServiceEditors, ServicePage, StandardPage
from home.roles import EDITORS, setup_roles
from home.service_roles import group_name

pytestmark = pytest.mark.django_db


def assert_refused(response):
    """Wagtail refuses with 403, or for a page load with a redirect to the dashboard."""
    assert response.status_code in (302, 403), response.status_code
    if response.status_code == 302:
        assert response["Location"] == "/admin/", response["Location"]


@pytest.fixture
def own():
    return ServicePage.objects.get(slug="urbanisme")


@pytest.fixture
def other():
    return ServicePage.objects.get(slug="etat-civil")


@pytest.fixture
def editor(client, make_user, own, site_tree):
    """An agent of the Urbanisme who edits for it."""
    client.force_login(make_user("redacteur-urba", group_name(own)))
    return client


def child(service):
    return service.get_children().type(StandardPage).first().specific


def make_document(service, title):
    document = get_document_model()(title=title, collection=service.editors.collection)
    document.file.save("note.txt", ContentFile(f"{title}.".encode()), save=False)
    document.save()
    return document


def make_image(service, title):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, format="PNG")
    image = get_image_model()(title=title, collection=service.editors.collection)
    image.file.save("photo.png", ImageFile(buffer, name="photo.png"), save=False)
    image.save()
    return image


def test_every_service_page_has_its_group_named_after_it_and_its_own_collection(site_tree):
    for page in ServicePage.objects.all():
        editors = ServiceEditors.objects.get(service_page=page)
        assert editors.group.name == f"Rédacteurs · {page.title}"
        assert editors.collection.name == page.title
        assert editors.collection.get_parent().name == "Services"
        assert set(GroupPagePermission.objects.filter(group=editors.group).values_list("page_id", flat=True)) == {
            page.pk}


def test_setup_roles_twice_changes_nothing(site_tree):
    counts = (Group.objects.count(), GroupPagePermission.objects.count(), ServiceEditors.objects.count())
    setup_roles()
    assert (Group.objects.count(), GroupPagePermission.objects.count(), ServiceEditors.objects.count()) == counts


def test_a_new_service_page_gets_its_group_and_a_renamed_one_renames_it(site_tree):
    page = ensure_child(section_root(Section.SERVICES), ServicePage, slug="police", title="Police municipale")
    assert page.editors.group.name == "Rédacteurs · Police municipale"
    page.title = "Police municipale et ASVP"
    page.save()
    page.editors.refresh_from_db()
    assert page.editors.group.name == "Rédacteurs · Police municipale et ASVP"
    assert page.editors.collection.name == "Police municipale et ASVP"


def test_a_copied_service_page_gets_a_group_of_its_own(site_tree, own):
    copy = own.copy(update_attrs={"slug": "urbanisme-copie"}, copy_revisions=False)
    assert copy.editors.group != own.editors.group
    assert copy.editors.collection != own.editors.collection


def test_the_editor_edits_and_publishes_in_its_own_subtree(editor, own):
    page = child(own)
    assert editor.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert editor.get(f"/admin/pages/{own.pk}/add_subpage/").status_code == 200
    assert editor.get(f"/admin/pages/add/newsfeeds/newsitempage/{own.pk}/").status_code == 200
    response = editor.post(f"/admin/pages/{page.pk}/edit/", {
        "title": "Instruction mise à jour", "slug": page.slug, "intro": "", "body-count": "0", "action-publish": "1",
    })
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Instruction mise à jour" and page.live


def test_the_editor_writes_its_services_news_under_its_page(editor, own):
    response = editor.post(f"/admin/pages/add/newsfeeds/newsitempage/{own.pk}/", {
        "title": "Nouveau PLU", "slug": "nouveau-plu", "summary": "Le PLU change.",
        "body": '{"blocks": [], "entityMap": {}}',
        "author": "", "published_at": "2026-12-01 10:00", "tags": "", "original_url": "", "action-publish": "1",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    from newsfeeds.models import NewsItemPage

    item = NewsItemPage.objects.get(slug="nouveau-plu")
    assert item.live and item.service_id == own.pk and item.get_parent().pk == own.pk


@pytest.mark.parametrize("route", ["edit", "add_subpage", "delete", "copy", "move", "unpublish", "history"])
def test_another_services_pages_are_refused_on_every_page_route(editor, other, route):
    for page in (other, child(other)):
        assert_refused(editor.get(f"/admin/pages/{page.pk}/{route}/"))


def test_another_services_page_cannot_be_changed_published_or_deleted_by_post(editor, other):
    page = child(other)
    assert_refused(editor.post(f"/admin/pages/{page.pk}/edit/", {"title": "x", "action-publish": "1"}))
    assert_refused(editor.post(f"/admin/pages/{page.pk}/delete/"))
    assert_refused(editor.post(f"/admin/pages/{page.pk}/unpublish/"))
    page.refresh_from_db()
    assert page.title != "x" and page.live


def test_a_page_cannot_be_moved_into_or_out_of_another_service(editor, own, other):
    mine, theirs = child(own), child(other)
    assert_refused(editor.post(f"/admin/pages/{mine.pk}/move/{other.pk}/confirm/"))
    assert_refused(editor.post(f"/admin/pages/{theirs.pk}/move/{own.pk}/confirm/"))
    assert Page.objects.get(pk=mine.pk).get_parent().pk == own.pk
    assert Page.objects.get(pk=theirs.pk).get_parent().pk == other.pk


def test_copying_into_another_service_is_refused(editor, own, other):
    mine = child(own)
    editor.post(f"/admin/pages/{mine.pk}/copy/", {
        "new_title": "Copie", "new_slug": "copie", "new_parent_page": other.pk, "copy_subpages": "",
        "publish_copies": "",
    })
    assert not other.get_children().filter(slug="copie").exists()


@pytest.mark.parametrize("action", ["publish", "unpublish", "delete"])
def test_bulk_actions_leave_another_services_pages_untouched(editor, own, other, action):
    theirs, mine = child(other), child(own)
    if action == "publish":
        theirs.title = "Brouillon"
        theirs.save_revision()
    editor.post(f"/admin/bulk/wagtailcore/page/{action}/?id={theirs.pk}&next=/admin/")
    theirs = Page.objects.filter(pk=theirs.pk).first()
    assert theirs is not None and theirs.live and theirs.title != "Brouillon"
    if action == "unpublish":
        editor.post(f"/admin/bulk/wagtailcore/page/unpublish/?id={mine.pk}&next=/admin/")
        assert not Page.objects.get(pk=mine.pk).live


def test_the_document_chooser_and_listing_show_only_the_services_own_collection(editor, own, other):
    make_document(own, "Guide du PLU")
    theirs = make_document(other, "Registre des mariages")
    for url in ("/admin/documents/chooser/", "/admin/documents/"):
        html = editor.get(url).content.decode()
        assert "Guide du PLU" in html and "Registre des mariages" not in html, url
    assert_refused(editor.get(f"/admin/documents/edit/{theirs.pk}/"))
    assert_refused(editor.post(f"/admin/documents/delete/{theirs.pk}/"))
    assert get_document_model().objects.filter(pk=theirs.pk).exists()


def test_a_document_cannot_be_uploaded_into_another_services_collection(editor, other):
    from django.core.files.uploadedfile import SimpleUploadedFile

    editor.post("/admin/documents/add/", {
        "title": "Intrus", "file": SimpleUploadedFile("intrus.txt", b"Texte."),
        "collection": other.editors.collection_id,
    })
    # Wagtail files it in the one collection the editor may add to, never in the other's.
    assert not get_document_model().objects.filter(collection=other.editors.collection).exists()


def test_the_image_chooser_shows_only_the_services_own_collection(editor, own, other):
    make_image(own, "Plan de zonage")
    theirs = make_image(other, "Salle des mariages")
    html = editor.get("/admin/images/chooser/").content.decode()
    assert "Plan de zonage" in html and "Salle des mariages" not in html
    assert_refused(editor.get(f"/admin/images/{theirs.pk}/"))


def test_the_redaction_keeps_its_rights_on_every_service_and_its_collections(client, make_user, own, other,
                                                                           site_tree):
    client.force_login(make_user("redac", EDITORS))
    for service in (own, other):
        assert client.get(f"/admin/pages/{child(service).pk}/edit/").status_code == 200
    make_document(other, "Registre des mariages")
    assert "Registre des mariages" in client.get("/admin/documents/chooser/").content.decode()


def test_a_service_under_review_submits_and_the_redaction_publishes(client, make_user, own, site_tree):
    own.review_required = True
    own.save_revision().publish()
    assert WorkflowPage.objects.get(page=own).workflow.name == "Relecture par la Rédaction · Urbanisme"
    editor = make_user("redacteur-urba", group_name(own))
    page = child(own)
    assert not page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(make_user("redac", EDITORS)).can_publish()
    client.force_login(editor)
    client.post(f"/admin/pages/{page.pk}/edit/", {
        "title": "Relue ?", "slug": page.slug, "intro": "", "body-count": "0", "action-publish": "1",
    })
    page.refresh_from_db()
    assert page.title != "Relue ?"
    # Off again: the service publishes by itself.
    own = ServicePage.objects.get(pk=own.pk)
    own.review_required = False
    own.save_revision().publish()
    assert not WorkflowPage.objects.filter(page=own).exists()
    editor = type(editor).objects.get(pk=editor.pk)  # Wagtail caches a user's page permissions
    assert page.permissions_for_user(editor).can_publish()


def test_only_the_redaction_sees_the_review_setting_of_a_service(editor, client, make_user, own):
    assert "review_required" not in editor.get(f"/admin/pages/{own.pk}/edit/").content.decode()
    client.force_login(make_user("redac", EDITORS))
    assert "review_required" in client.get(f"/admin/pages/{own.pk}/edit/").content.decode()
