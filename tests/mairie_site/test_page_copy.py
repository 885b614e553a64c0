"""Copying any page in the admin never answers 500: a rule the copy breaks is a French message,
and a refused copy leaves nothing behind (all or nothing, subpages included)."""

import html

import pytest
from wagtail.models import Page

from tests.council.council_builders import make_deliberation, make_members, make_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, make_user, site_tree):
    client.force_login(make_user("admin", is_superuser=True))
    return client


@pytest.fixture
def deliberation(site_tree):
    from council.models import CouncilIndexPage

    index = Page.objects.get(slug="conseil").add_child(instance=CouncilIndexPage(title="Séances", slug="seances"))
    session = make_session(index, make_members(5), present=5, publish=True)
    return make_deliberation(session, 1, title="Tarifs de la cantine")


def copy(client, page, *, recursive=False, publish=False, slug="copie-de-test"):
    data = {"new_title": f"Copie de {page.title}", "new_slug": slug, "new_parent_page": page.get_parent().pk}
    if recursive:
        data["copy_subpages"] = "on"
    if publish:
        data["publish_copies"] = "on"
    return client.post(f"/admin/pages/{page.pk}/copy/", data, follow=True)


def french_messages(response):
    return [html.unescape(str(message)).strip() for message in response.context["messages"]]


def one_page_of_each_type():
    pages = {}
    for page in Page.objects.exclude(depth=1).specific().order_by("path"):
        pages.setdefault(type(page), page)
    return list(pages.values())


@pytest.mark.parametrize("publish", [False, True], ids=["draft", "published"])
def test_copying_a_page_of_any_type_never_answers_500(admin_client, deliberation, publish):
    pages = one_page_of_each_type()
    names = {type(page).__name__ for page in pages}
    assert {"HomePage", "SectionPage", "ServicePage", "StandardPage", "DeliberationPage"} <= names
    statuses = {type(page).__name__: copy(admin_client, page, publish=publish).status_code for page in pages}
    assert {name: status for name, status in statuses.items() if status != 200} == {}


def test_a_copy_refused_by_a_unique_constraint_is_a_french_message_and_creates_nothing(admin_client):
    section = Page.objects.get(slug="conseil")  # one section page per section
    before = Page.objects.count()
    response = copy(admin_client, section)
    assert response.status_code == 200
    assert Page.objects.count() == before
    messages = french_messages(response)
    assert any(message.startswith("La page n'a pas été copiée : ") for message in messages), messages


def test_a_deliberation_copy_is_refused_with_a_french_message_and_creates_nothing(admin_client, deliberation):
    # An act is never copied (council/legal.py): its number is unique and it goes online through review.
    before = Page.objects.count()
    response = copy(admin_client, deliberation, publish=True)
    assert response.status_code == 200
    assert Page.objects.count() == before
    assert any("il ne se copie pas" in message for message in french_messages(response))
