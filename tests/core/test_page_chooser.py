"""The admin page chooser names an editor's own sections' pages, drafts included, and elsewhere only
what the editor may see on the site (issue 18, class 4): no draft or private title of another section."""

import pytest
from django.test import Client
from django.urls import reverse

from home.demo import ensure_child, section_root
from home.models import Section, StandardPage
from home.roles import EDITORS
from tests.conftest import restrict_to_group

pytestmark = pytest.mark.django_db


def draft(parent, slug, title):
    page = ensure_child(parent, StandardPage, slug=slug, title=title)
    page.unpublish()
    return page


@pytest.fixture
def pages(site_tree):
    news, council = section_root(Section.NEWS), section_root(Section.COUNCIL)
    draft(news, "brouillon-redaction", "Brouillon Rédaction")
    draft(council, "projet-greffe", "Projet Greffe")
    restrict_to_group(ensure_child(council, StandardPage, slug="huis-clos", title="Huis clos Greffe"), "Greffe")
    ensure_child(council, StandardPage, slug="ordre-du-jour", title="Ordre du jour public")
    return news, council


@pytest.fixture
def editor_client(make_user):
    client = Client()
    client.force_login(make_user("redactrice", EDITORS))
    return client


def chooser_html(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.json()["html"] if response["Content-Type"] == "application/json" else response.content.decode()


def test_browsing_another_section_shows_its_live_pages_only(editor_client, pages):
    _news, council = pages
    html = chooser_html(editor_client, reverse("wagtailadmin_choose_page_child", args=[council.pk]))
    assert "Ordre du jour public" in html
    assert "Projet Greffe" not in html and "Huis clos Greffe" not in html


def test_searching_never_names_another_section_s_drafts_or_private_pages(editor_client, pages):
    search = reverse("wagtailadmin_choose_page_search")
    assert "Ordre du jour public" in chooser_html(editor_client, search, q="Ordre")
    for word in ("Greffe", "Projet", "Huis"):
        html = chooser_html(editor_client, search, q=word)
        assert "Projet Greffe" not in html and "Huis clos Greffe" not in html


def test_the_editor_s_own_drafts_and_the_section_s_members_private_pages_stay_choosable(
    editor_client, make_user, pages
):
    news, council = pages
    own = chooser_html(editor_client, reverse("wagtailadmin_choose_page_child", args=[news.pk]))
    assert "Brouillon Rédaction" in own
    clerk = Client()
    clerk.force_login(make_user("greffiere", "Greffe"))
    html = chooser_html(clerk, reverse("wagtailadmin_choose_page_child", args=[council.pk]))
    assert "Projet Greffe" in html and "Huis clos Greffe" in html
