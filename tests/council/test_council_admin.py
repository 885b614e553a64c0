"""The admin side: only the Greffe edits the council, published acts need a logged reason,
and an act cannot be unpublished within two months of going online."""


import pytest
from council_builders import deliberation_post, make_deliberation
from django.urls import reverse
from wagtail.models import PageLogEntry

from council.models import (
    CHANGE_REASON_ACTION,
    DeliberationPage,
    OfficialNoteIndexPage,
    PressReviewIndexPage,
    PressReviewPage,
)
from home.demo import ensure_child
from home.roles import CLERKS, EDITORS, setup_roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def roles(council_root):
    setup_roles()


@pytest.fixture
def clerk_client(client, make_user, roles):
    client.force_login(make_user("greffier", CLERKS))
    return client


def test_clerk_edits_the_council_section_and_editors_do_not(client, make_user, roles, session):
    deliberation = make_deliberation(session, 1)
    edit_url = reverse("wagtailadmin_pages:edit", args=[deliberation.pk])
    client.force_login(make_user("greffier", CLERKS))
    assert client.get(edit_url).status_code == 200
    client.force_login(make_user("redacteur", EDITORS))
    assert client.get(edit_url).status_code in (302, 403)
    client.force_login(make_user("simple-agent"))
    assert client.get(edit_url).status_code in (302, 403)
    assert not deliberation.permissions_for_user(make_user("autre-redacteur", EDITORS)).can_edit()


def test_the_redaction_publishes_press_reviews_and_nothing_else_of_the_council(
    client, make_user, council_root, council_index
):
    reviews = ensure_child(council_root, PressReviewIndexPage, slug="revue-de-presse", title="Revue de presse")
    notes = ensure_child(council_root, OfficialNoteIndexPage, slug="notes-de-service", title="Notes de service")
    setup_roles()  # run after the index exists, as load_demo does
    client.force_login(make_user("redacteur", EDITORS))
    add_url = reverse("wagtailadmin_pages:add", args=["council", "pressreviewpage", reviews.pk])
    response = client.post(add_url, {"title": "Revue de presse du 2 mars", "slug": "revue-2-mars",
                                     "date": "2026-03-02", "sources": "Le Parisien", "action-publish": "1"})
    assert response.status_code == 302, response.content.decode()[:500]
    review = PressReviewPage.objects.get(slug="revue-2-mars")
    assert review.live and review.get_parent().pk == reviews.pk
    for page in (council_root, council_index, notes):
        assert client.get(reverse("wagtailadmin_pages:add_subpage", args=[page.pk])).status_code in (302, 403)
    assert not council_index.permissions_for_user(make_user("autre-redacteur", EDITORS)).can_add_subpage()


def test_agents_read_council_pages(reader_client, session):
    deliberation = make_deliberation(session, 1, title="Subvention au club de football")
    response = reader_client.get(deliberation.url)
    assert response.status_code == 200
    assert "Subvention au club de football" in response.content.decode()


def test_editing_a_published_deliberation_needs_a_reason_which_is_logged(clerk_client, session):
    deliberation = make_deliberation(session, 1, votes_for=20, votes_against=3)
    url = reverse("wagtailadmin_pages:edit", args=[deliberation.pk])
    response = clerk_client.post(url, deliberation_post(deliberation, title="Nouvel objet"))
    assert response.status_code == 200
    assert "indiquez le motif de la modification" in response.content.decode()

    response = clerk_client.post(
        url, deliberation_post(deliberation, title="Nouvel objet", change_reason="Erreur matérielle dans l'objet")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = PageLogEntry.objects.get(page=deliberation, action=CHANGE_REASON_ACTION)
    assert entry.data["reason"] == "Erreur matérielle dans l'objet"
    assert entry.revision_id is not None
    assert entry.user.username == "greffier"


def test_vote_errors_are_shown_in_french_in_the_admin(clerk_client, session):
    deliberation = make_deliberation(session, 1, publish=False)
    url = reverse("wagtailadmin_pages:edit", args=[deliberation.pk])
    response = clerk_client.post(url, deliberation_post(deliberation, votes_for=40, votes_against=0))
    assert response.status_code == 200
    assert "dépasse le nombre d" in response.content.decode()
    assert DeliberationPage.objects.get(pk=deliberation.pk).votes_for is None
