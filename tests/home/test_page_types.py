"""Under each page, the admin offers only the page types that belong there.

Wagtail lists, under a parent, each type of `creatable_subpage_models()` whose `can_create_at(parent)`
holds; section roots are one model told apart by their `section`, so each root is checked.
"""

import pytest
from django.urls import reverse
from wagtail.models import Page, get_page_models

from council.models import (
    CouncilIndexPage,
    CouncilSessionPage,
    DeliberationPage,
    MayoralActIndexPage,
    MayoralActPage,
    OfficialNoteIndexPage,
    OfficialNotePage,
    PressReviewIndexPage,
    PressReviewPage,
)
from directory.models import DirectoryPage
from home.demo import ensure_child, section_root
from home.models import HomePage, Section, SectionPage, ServicePage, StandardPage
from library.models import LibraryCatalogPage
from newsfeeds.models import ChannelIndexPage, ChannelPage, NewsItemPage
from places.models import FacilityPage, MapPage

pytestmark = pytest.mark.django_db


def offered_under(parent):
    """The page types the admin offers to create under `parent` (as its "add child page" view does)."""
    parent = parent.specific
    return {model for model in type(parent).creatable_subpage_models() if model.can_create_at(parent)}


def remove_children(parent, model):
    for page in parent.get_children().type(model):
        page.delete()


def test_home_page_offers_section_roots_and_content_pages(site_tree):
    # Every section has its root already: a second root of a section is refused by its unique field.
    assert offered_under(HomePage.objects.get()) == {SectionPage, StandardPage}


@pytest.mark.parametrize(
    "section, expected",
    [
        (Section.NEWS, {ChannelIndexPage, StandardPage}),
        (Section.SERVICES, {ServicePage, MapPage, StandardPage}),
        (Section.COUNCIL, {CouncilIndexPage, OfficialNoteIndexPage, PressReviewIndexPage, MayoralActIndexPage,
                           StandardPage}),
        (Section.LIBRARY, {LibraryCatalogPage, StandardPage}),
        (Section.DIRECTORY, {DirectoryPage, StandardPage}),
    ],
)
def test_each_section_root_offers_only_its_own_page_types(site_tree, section, expected):
    root = section_root(section)
    for model in (CouncilIndexPage, OfficialNoteIndexPage, PressReviewIndexPage, MayoralActIndexPage,
                  LibraryCatalogPage, DirectoryPage):
        remove_children(root, model)  # once per site (max_count = 1): free the place to see it offered
    assert offered_under(root) == expected


def test_council_pages_are_offered_nowhere_but_the_council_section(site_tree):
    council_types = {CouncilIndexPage, OfficialNoteIndexPage, PressReviewIndexPage, MayoralActIndexPage}
    for section in Section:
        if section != Section.COUNCIL:
            assert not offered_under(section_root(section)) & council_types, section


@pytest.fixture
def tree(site_tree):
    news = section_root(Section.NEWS)
    index = ensure_child(news, ChannelIndexPage, slug="canaux", title="Canaux")
    channel = ensure_child(index, ChannelPage, slug="canal", title="Canal")
    item = ensure_child(channel, NewsItemPage, slug="article", title="Article")
    council = section_root(Section.COUNCIL)
    remove_children(council, CouncilIndexPage)
    remove_children(council, MayoralActIndexPage)
    remove_children(council, OfficialNoteIndexPage)
    remove_children(council, PressReviewIndexPage)
    services = section_root(Section.SERVICES)
    service = services.get_children().type(ServicePage).first().specific
    return {
        "index": index, "channel": channel, "item": item, "service": service,
        "page": ensure_child(service, StandardPage, slug="page-libre", title="Page libre"),
        "map": ensure_child(services, MapPage, slug="plan", title="Plan"),
        "councils": ensure_child(council, CouncilIndexPage, slug="seances", title="Séances"),
        "acts": ensure_child(council, MayoralActIndexPage, slug="arretes", title="Arrêtés"),
        "notes": ensure_child(council, OfficialNoteIndexPage, slug="notes", title="Notes"),
        "press": ensure_child(council, PressReviewIndexPage, slug="presse", title="Presse"),
        "directory": section_root(Section.DIRECTORY),
    }


@pytest.mark.parametrize(
    "name, expected",
    [
        ("index", {ChannelPage}),
        ("channel", {NewsItemPage}),
        ("item", set()),
        ("service", {StandardPage, NewsItemPage}),
        ("page", {StandardPage}),
        ("map", {FacilityPage}),
        ("councils", {CouncilSessionPage}),
        ("acts", {MayoralActPage}),
        ("notes", {OfficialNotePage}),
        ("press", {PressReviewPage}),
    ],
)
def test_each_page_offers_only_what_belongs_under_it(tree, name, expected):
    assert offered_under(tree[name]) == expected


def test_a_session_offers_only_deliberations_which_go_nowhere_else():
    assert CouncilSessionPage.creatable_subpage_models() == [DeliberationPage]
    assert DeliberationPage.allowed_parent_page_models() == [CouncilSessionPage]


def test_application_pages_offer_nothing(site_tree):
    for model in (DirectoryPage, LibraryCatalogPage, FacilityPage, NewsItemPage, DeliberationPage, MayoralActPage,
                  OfficialNotePage, PressReviewPage):
        assert model.creatable_subpage_models() == [], model


def test_a_service_page_cannot_be_moved_out_of_the_services_section(tree):
    service = tree["service"]
    assert not service.can_move_to(section_root(Section.NEWS))
    assert service.can_move_to(section_root(Section.SERVICES))


def test_the_admin_offers_only_these_types_and_refuses_others_by_address(client, tree, make_user):
    client.force_login(make_user("admin", is_superuser=True, is_staff=True))
    # One type only: Wagtail goes straight to its form.
    response = client.get(reverse("wagtailadmin_pages:add_subpage", args=[tree["index"].pk]))
    channel_form = reverse("wagtailadmin_pages:add", args=["newsfeeds", "channelpage", tree["index"].pk])
    assert response["Location"] == channel_form
    html = client.get(reverse("wagtailadmin_pages:add_subpage", args=[tree["service"].pk])).content.decode()
    assert "/standardpage/" in html and "/newsitempage/" in html and "/channelpage/" not in html
    refused = client.get(reverse("wagtailadmin_pages:add", args=["home", "standardpage", tree["channel"].pk]))
    assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")


def test_every_page_model_declares_its_parents_and_children():
    """A model without `parent_page_types` would be offered under any page that accepts all types.

    Section roots leave `subpage_types` open: the apps' pages declare which root they go under
    (`sections`), so the home app names none of them.
    """
    for model in get_page_models():
        if model is Page:
            continue
        assert "parent_page_types" in vars(model), model
        assert "subpage_types" in vars(model) or model is SectionPage, model
