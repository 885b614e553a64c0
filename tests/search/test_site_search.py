"""The site-wide search, as agents use it: French, permission-safe, faceted, highlighted."""

import os

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import PageViewRestriction

from home.demo import ensure_child, section_root
from home.models import Section, StandardPage
from search.limits import rate_limited
from search.models import SearchQueryLog, Synonym

pytestmark = [pytest.mark.django_db, pytest.mark.engine]

SECRET_WORD = "zorglubissime"


def add_page(parent, slug, title, intro="", **fields):
    return ensure_child(parent, StandardPage, slug=slug, title=title, intro=intro, **fields)


def search(client, query, **params):
    return client.get("/recherche/", {"q": query, **params})


@pytest.fixture
def council_secret(site_tree):
    """A page of the council section restricted to the Greffe, and a child that inherits it."""
    council = section_root(Section.COUNCIL)
    private = add_page(council, "huis-clos", "Séance à huis clos", intro=f"Compte rendu {SECRET_WORD} réservé.")
    add_page(private, "annexe", "Annexe confidentielle", intro=f"Annexe {SECRET_WORD}.")
    restriction = PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Greffe"))
    return private


def test_a_word_only_in_restricted_pages_never_reaches_other_agents(agent_client, council_secret):
    response = search(agent_client, SECRET_WORD)
    html = response.content.decode()
    assert response.context["total"] == 0
    assert "huis clos" not in html and "Annexe confidentielle" not in html and "Compte rendu" not in html
    assert "<mark>" not in html
    assert response.context["facets"]["kinds"] == {} or sum(
        facet["count"] for facet in response.context["facets"]["kinds"].values()
    ) == 0
    suggestions = agent_client.get("/recherche/suggestions/", {"q": "Séance à huis"}).json()["results"]
    assert suggestions == []


def test_members_of_the_group_find_the_restricted_page_and_its_descendants(client, make_user, council_secret):
    client.force_login(make_user("clerc", "Greffe"))
    response = search(client, SECRET_WORD)
    assert response.context["total"] == 2
    assert {page.title for page in response.context["search_results"]} == {
        "Séance à huis clos",
        "Annexe confidentielle",
    }


def test_drafts_are_never_found(agent_client, site_tree):
    draft = add_page(section_root(Section.NEWS), "brouillon", "Projet de note", intro="mot-brouillonnissime")
    draft.unpublish()
    assert search(agent_client, "brouillonnissime").context["total"] == 0


def test_accents_and_case_are_ignored(agent_client):
    response = search(agent_client, "etat CIVIL")
    assert "État civil" in [page.title for page in response.context["search_results"]]


def test_elisions_are_ignored(agent_client):
    response = search(agent_client, "l'état civil")
    assert response.context["search_query"] == "état civil"
    assert "État civil" in [page.title for page in response.context["search_results"]]


def test_french_stemming(agent_client, site_tree):
    add_page(section_root(Section.NEWS), "tarifs", "Tarifs de la cantine scolaire", intro="Délibération sur les tarifs")
    titles = [page.title for page in search(agent_client, "délibérations tarif").context["search_results"]]
    assert "Tarifs de la cantine scolaire" in titles


def test_an_acronym_finds_what_it_stands_for_through_the_editors_synonyms(agent_client, site_tree):
    add_page(section_root(Section.NEWS), "pcs", "Mise à jour du plan communal de sauvegarde", intro="Exercice.")
    assert search(agent_client, "PCS").context["total"] == 0
    Synonym.objects.create(term="PCS", equivalents="plan communal de sauvegarde")
    titles = [page.title for page in search(agent_client, "PCS").context["search_results"]]
    assert "Mise à jour du plan communal de sauvegarde" in titles


def test_kind_and_year_facet_counts_add_up_to_the_hits(agent_client):
    response = search(agent_client, "service")
    total = response.context["total"]
    assert total > 3
    facets = response.context["facets"]
    assert sum(facet["count"] for facet in facets["kinds"].values()) == total
    assert sum(facets["years"].values()) == total


def test_a_kind_filter_narrows_the_results(agent_client):
    response = search(agent_client, "service")
    kinds = response.context["facets"]["kinds"]
    kind, facet = next(iter(kinds.items()))
    narrowed = search(agent_client, "service", type=kind)
    assert narrowed.context["total"] == facet["count"]


def test_snippets_show_where_the_words_were_found(agent_client, site_tree):
    add_page(section_root(Section.NEWS), "canicule", "Plan canicule 2026",
             intro="Les agents du CCAS appellent les personnes isolées pendant la canicule.")
    results = list(search(agent_client, "isolées").context["search_results"])
    assert "<mark>isolées</mark>" in results[0].snippet_html


def test_snippets_are_escaped(agent_client, site_tree):
    add_page(section_root(Section.NEWS), "xss", "Note <b>importante</b>", intro="<script>alert(1)</script> vigilance")
    html = search(agent_client, "vigilance").content.decode()
    assert "<script>alert(1)</script>" not in html


def test_sort_by_date_returns_newest_first(agent_client):
    results = list(search(agent_client, "service", tri="date").context["search_results"])
    dates = [page.first_published_at for page in results if page.first_published_at]
    assert dates == sorted(dates, reverse=True)


def test_no_result_page_suggests_a_spelling_and_is_recorded_for_editors(agent_client):
    response = search(agent_client, "urbanime")
    assert response.context["total"] == 0
    assert "urbanisme" in response.context["suggestions"]
    assert 'data-testid="no-result"' in response.content.decode()
    assert SearchQueryLog.objects.get(query="urbanime").results == 0


def test_queries_are_cut_at_200_characters(agent_client):
    response = search(agent_client, "mot " * 3000)
    assert response.status_code == 200
    assert len(response.context["search_query"]) <= 200


def test_the_search_is_rate_limited_per_user(agent_client, settings):
    settings.SEARCH_RATE_PER_MINUTE = 3
    codes = [search(agent_client, "service").status_code for _ in range(5)]
    assert codes[:3] == [200, 200, 200]
    assert codes[-1] == 429


def test_the_rate_limit_holds_across_a_minute_boundary(rf, django_user_model, settings):
    settings.SEARCH_RATE_PER_MINUTE = 3
    request = rf.get("/recherche/")
    request.user = django_user_model.objects.create_user("boundary")
    before = [rate_limited(request, now=6000 * 60 + 59.5) for _ in range(3)]
    after = rate_limited(request, now=6001 * 60 + 0.5)
    assert before == [False, False, False]
    assert after is True


def test_promoted_results_come_first_but_only_when_visible(agent_client, council_secret):
    page = StandardPage.objects.get(slug="plan-canicule")
    query = Query.get("canicule")
    SearchPromotion.objects.create(query=query, page=page, description="Le plan du CCAS", sort_order=0)
    SearchPromotion.objects.create(query=query, page=council_secret, description="secret", sort_order=1)
    promoted = search(agent_client, "canicule").context["promoted"]
    assert [pick.page_id for pick in promoted] == [page.pk]


def test_autocomplete_suggests_pages_as_the_agent_types(agent_client):
    results = agent_client.get("/recherche/suggestions/", {"q": "urba"}).json()["results"]
    assert results[0]["title"] == "Urbanisme"
    assert results[0]["url"] == "/services/urbanisme/"


def test_unanswered_queries_report_is_for_editors_only(client, make_user, site_tree):
    SearchQueryLog.objects.create(query="parking agents", day="2026-11-01", searches=4, results=0)
    client.force_login(make_user("redac", "Rédaction"))
    response = client.get("/admin/recherches-sans-resultat/")
    assert response.status_code == 200
    assert "parking agents" in response.content.decode()
    client.force_login(make_user("clerc", "Greffe"))
    assert client.get("/admin/recherches-sans-resultat/").status_code in (302, 403)


def make_document(title, collection):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    document = get_document_model()(title=title, collection=collection)
    document.file.save("document.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return document


def test_documents_are_found_except_in_collections_the_agent_may_not_see(agent_client, client, make_user, site_tree):
    from wagtail.models import Collection, CollectionViewRestriction

    root = Collection.get_first_root_node()
    public = root.add_child(name="Documents publics")
    private = root.add_child(name="Documents du Greffe")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Greffe"))
    make_document("Règlement intérieur des salles", public)
    make_document("Protocole transactionnel salles", private)

    response = search(agent_client, "salles")
    assert [document.title for document in response.context["documents"]] == ["Règlement intérieur des salles"]
    assert response.context["facets"]["kinds"]["documents"]["count"] == 1
    assert sum(facet["count"] for facet in response.context["facets"]["kinds"].values()) == response.context["total"]
    only_documents = search(agent_client, "salles", type="documents")
    assert [document.title for document in only_documents.context["search_results"]] == [
        "Règlement intérieur des salles"
    ]
    suggestions = agent_client.get("/recherche/suggestions/", {"q": "Protocole trans"}).json()["results"]
    assert [s for s in suggestions if s["kind"] == "Document"] == []

    client.force_login(make_user("clerc", "Greffe"))
    assert search(client, "salles").context["facets"]["kinds"]["documents"]["count"] == 2


def test_agents_and_library_records_appear_in_their_boxes_after_the_applications_and_unlisted_agents_never(
    agent_client, site_tree
):
    from directory.models import Agent, DirectoryPage
    from library.models import BibliographicRecord, LibraryCatalogPage
    from portal.models import Application

    ensure_child(section_root(Section.DIRECTORY), DirectoryPage, slug="agents", title="Annuaire des agents")
    ensure_child(section_root(Section.LIBRARY), LibraryCatalogPage, slug="catalogue", title="Catalogue")
    Agent.objects.create(matricule="A0001", first_name="Hélène", last_name="Quintard", job_title="Archiviste")
    Agent.objects.create(matricule="A0002", first_name="Paul", last_name="Quintard", do_not_list=True)
    Agent.objects.create(matricule="A0003", first_name="Anne", last_name="Quintard", is_active=False)
    record = BibliographicRecord(title="Les Quintard, une famille de bateliers", year=2019)
    record.save()
    Application.objects.create(name="Registre Quintard", url="https://registre.mairie.example/")

    response = search(agent_client, "quintard")
    assert [box.key for box in response.context["boxes"]] == ["applications", "agents", "records"]
    boxes = {box.key: box for box in response.context["boxes"]}
    assert boxes["agents"].count == 1
    assert "Hélène" in boxes["agents"].hits[0].title_html
    assert "Paul" not in response.content.decode() and "Anne" not in response.content.decode()
    assert boxes["records"].count == 1
    assert 'data-testid="no-result"' not in response.content.decode()

    suggestions = agent_client.get("/recherche/suggestions/", {"q": "quintard"}).json()["results"]
    assert {"Agents", "Catalogue de la bibliothèque"} <= {s["kind"] for s in suggestions}
    assert all("Paul" not in s["title"] for s in suggestions)


def test_applications_are_found_only_by_the_groups_they_are_for(agent_client, client, make_user, site_tree):
    from portal.models import Application

    Application.objects.create(name="Parapheur électronique", description="Signature des actes", url="https://parapheur.mairie.example/")
    restricted = Application.objects.create(name="Parapheur du greffe", url="https://greffe.mairie.example/")
    restricted.groups.add(Group.objects.get(name="Greffe"))

    boxes = {box.key: box for box in search(agent_client, "parapheur").context["boxes"]}
    assert boxes["applications"].count == 1
    assert boxes["applications"].hits[0].url == "https://parapheur.mairie.example/"

    client.force_login(make_user("clerc", "Greffe"))
    boxes = {box.key: box for box in search(client, "parapheur").context["boxes"]}
    assert boxes["applications"].count == 2


@pytest.mark.parametrize("matches", [1, 12])
def test_the_search_page_costs_the_same_queries_whatever_the_number_of_results(
    matches, agent_client, site_tree, django_assert_max_num_queries
):
    from directory.models import Agent, DirectoryPage
    from library.models import BibliographicRecord, LibraryCatalogPage

    if os.environ.get("OPENSEARCH_URL") and matches > 1:
        # Known defect, issue #19: on the engine the page's queries grow with its hits.
        pytest.xfail("sur le moteur, 41 requêtes pour 12 résultats contre 32 pour 1 (issue #19)")
    ensure_child(section_root(Section.DIRECTORY), DirectoryPage, slug="agents", title="Annuaire des agents")
    ensure_child(section_root(Section.LIBRARY), LibraryCatalogPage, slug="catalogue", title="Catalogue")
    Agent.objects.create(matricule="A0001", first_name="Hélène", last_name="Bastide", job_title="Archiviste")
    BibliographicRecord(title="La bastide et ses remparts", year=2019).save()
    pages = [add_page(section_root(Section.SERVICES), f"bastide-{n}", f"Bastide {n}", intro="Visite de la bastide.")
             for n in range(matches)]
    SearchPromotion.objects.create(query=Query.get("bastide"), page=pages[0], description="La visite", sort_order=0)
    search(agent_client, "bastide")  # the query's first search records it
    # Session and user, the refused pages (restrictions, notes), the documents' collections, the
    # synonyms, the pages' matches, ranking, facets and snippets, the documents, the three boxes
    # (applications, agents, records: their page, count and hits), the editors' picks, and the
    # hit and the day's count recorded. On PostgreSQL, the time limit's savepoint, statement_timeout
    # set and reset, and release, and the prefix query's size checked twice (numnode): 6 more.
    with django_assert_max_num_queries(26 + (6 if connection.vendor == "postgresql" else 0)):
        response = search(agent_client, "bastide")
    assert response.context["total"] == matches
    assert [box.key for box in response.context["boxes"]] == ["agents", "records"]
    assert [pick.page_id for pick in response.context["promoted"]] == [pages[0].pk]
