"""What the index holds follows the pages, end to end: publishing, unpublishing, deleting and
restricting (a page, or the collection of a document a page links) are seen by the next search
(on the OpenSearch node under OPENSEARCH_URL, on the database otherwise), and a search stopped by
the time limit says so in French on either."""

from collections import Counter

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from home.demo import section_root
from home.models import Section, StandardPage

pytestmark = [pytest.mark.django_db, pytest.mark.engine]

WORD = "phosphorescent"


def titles(client, query, **params):
    response = client.get("/recherche/", {"q": query, **params})
    assert response.status_code == 200
    return [page.title for page in response.context["search_results"]], response.context


def suggested(client, text):
    return [result["title"] for result in client.get("/recherche/suggestions/", {"q": text}).json()["results"]]


def draft(slug="balisage", title="Balisage des escaliers"):
    page = StandardPage(slug=slug, title=title, intro=f"Un marquage {WORD}.", live=False)
    section_root(Section.NEWS).add_child(instance=page)
    return page


def restrict_to_greffe(page):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Greffe"))


def test_a_page_is_found_once_published_and_no_longer_once_unpublished(agent_client, site_tree):
    page = draft()
    assert titles(agent_client, WORD)[0] == []
    page.save_revision().publish()
    assert titles(agent_client, WORD)[0] == ["Balisage des escaliers"]
    assert suggested(agent_client, "Balisage des esc") == ["Balisage des escaliers"]
    StandardPage.objects.get(pk=page.pk).unpublish()
    assert titles(agent_client, WORD)[0] == []
    assert suggested(agent_client, "Balisage des esc") == []


def test_a_republished_change_replaces_the_old_words(agent_client, site_tree):
    page = draft()
    page.save_revision().publish()
    page = StandardPage.objects.get(pk=page.pk)
    page.intro = "Un marquage fluorescent."
    page.save_revision().publish()
    assert titles(agent_client, WORD)[0] == []
    assert titles(agent_client, "fluorescent")[0] == ["Balisage des escaliers"]


def test_a_deleted_page_is_never_found_again(agent_client, site_tree):
    page = draft()
    page.save_revision().publish()
    StandardPage.objects.get(pk=page.pk).delete()
    found, context = titles(agent_client, WORD)
    assert found == [] and context["total"] == 0


def test_a_page_restricted_after_indexing_is_found_only_by_the_group(agent_client, client, make_user, site_tree):
    page = draft()
    page.save_revision().publish()
    assert titles(agent_client, WORD)[0] == ["Balisage des escaliers"]
    restrict_to_greffe(page)
    found, context = titles(agent_client, WORD)
    assert found == [] and context["total"] == 0
    assert sum(facet["count"] for facet in context["facets"]["kinds"].values()) == 0
    assert sum(context["facets"]["years"].values()) == 0
    assert suggested(agent_client, "Balisage des esc") == []
    client.force_login(make_user("clerc", "Greffe"))
    assert titles(client, WORD)[0] == ["Balisage des escaliers"]
    assert suggested(client, "Balisage des esc") == ["Balisage des escaliers"]


def test_a_child_published_below_a_restricted_page_stays_hidden(agent_client, site_tree):
    parent = draft("dossier", "Dossier du greffe")
    parent.save_revision().publish()
    restrict_to_greffe(parent)
    child = StandardPage(slug="piece", title="Pièce jointe", intro=f"Texte {WORD}.", live=False)
    parent.add_child(instance=child)
    child.save_revision().publish()
    assert titles(agent_client, WORD)[0] == []


def test_a_moved_page_leaves_the_facets_of_its_old_section(agent_client, site_tree):
    page = draft()
    page.save_revision().publish()
    council = section_root(Section.COUNCIL)
    restrict_to_greffe(council)
    StandardPage.objects.get(pk=page.pk).move(council, pos="last-child")
    found, context = titles(agent_client, WORD)
    assert found == [] and context["total"] == 0


def test_a_search_past_the_time_limit_is_stopped_with_a_french_page(agent_client, site_tree, settings):
    settings.SEARCH_TIME_LIMIT_MS = 0
    response = agent_client.get("/recherche/", {"q": "conseil"})
    assert response.status_code == 503
    assert "Recherche interrompue : elle prenait trop de temps" in response.content.decode()
    suggestions = agent_client.get("/recherche/suggestions/", {"q": "co"})
    assert suggestions.status_code == 503
    assert suggestions.json() == {"results": [], "error": "Recherche trop longue, précisez-la."}


def test_one_request_per_index_gives_the_results_page_its_hits_count_and_facets(agent_client, site_tree,
                                                                                  search_engine, monkeypatch):
    if search_engine is None:
        pytest.skip("counts the requests sent to the search engine")
    from opensearchpy import Transport
    from wagtail.models import Page

    sent = []
    perform_request = Transport.perform_request

    def counted(transport, method, url, *args, **kwargs):
        sent.append(url)
        return perform_request(transport, method, url, *args, **kwargs)

    monkeypatch.setattr(Transport, "perform_request", counted)
    pages_index = search_engine.get_index_for_model(Page).name
    documents_index = search_engine.get_index_for_model(get_document_model()).name
    for params in ({}, {"annee": 2026}, {"tri": "date"}, {"type": "documents"}):
        sent.clear()
        found, context = titles(agent_client, "service", **params)
        searches = [url for url in sent if url.endswith(("/_search", "/_count", "/_msearch"))]
        asked = Counter(url.split("/")[1] for url in searches)
        assert (asked[pages_index], asked[documents_index]) == (1, 1), (params, searches)
        assert all(url.endswith("/_search") for url in searches), (params, searches)
        kinds, years = context["facets"]["kinds"], context["facets"]["years"]
        # A facet whose own filter is not chosen adds up to the total.
        unfiltered = years.values() if "annee" not in params else [facet["count"] for facet in kinds.values()]
        assert sum(unfiltered) == context["total"], params
        shown = context["search_results"].paginator.count
        documents = kinds.get("documents", {"count": 0})["count"]
        assert shown == (documents if params.get("type") else context["total"] - documents), params
        assert len(found) == min(10, shown), params
    beyond, context = titles(agent_client, "service", page=5000)  # past the engine's result window
    assert beyond and context["search_results"].number == context["search_results"].paginator.num_pages


def test_odd_input_is_answered_not_failed(agent_client, site_tree):
    for query in ['"', "((", "a AND OR", "title:*", "\\", "~2", "[1 TO 5]", "é" * 200, "<script>", "😀", "*"]:
        response = agent_client.get("/recherche/", {"q": query})
        assert response.status_code == 200, query
        assert agent_client.get("/recherche/suggestions/", {"q": query}).status_code == 200, query


def test_elisions_and_accents_in_the_indexed_text_are_folded(agent_client, site_tree):
    page = StandardPage(slug="eaux", title="Réseau des eaux", intro="Travaux sur l’assainissement et d'Écully.",
                        live=False)
    section_root(Section.NEWS).add_child(instance=page)
    page.save_revision().publish()
    assert titles(agent_client, "assainissement")[0] == ["Réseau des eaux"]
    assert titles(agent_client, "ecully")[0] == ["Réseau des eaux"]


def linked_document(word):
    """A published page linking a text document, in a collection of its own, with `word` inside only."""
    collection = Collection.get_first_root_node().add_child(name="Dossiers des espaces verts")
    document = get_document_model()(title="Inventaire des massifs", collection=collection)
    document.file.save("inventaire.txt", ContentFile(f"Massif de la place : {word}.".encode()), save=False)
    document.save()
    page = StandardPage(slug="massifs", title="Les massifs fleuris", intro="Le fleurissement de la ville.",
                        live=False, body=[{"type": "document", "value": {"document": document.pk, "label": "Liste"}}])
    section_root(Section.NEWS).add_child(instance=page)
    page.save_revision().publish()
    return collection


def documents_found(client, query):
    return [document.title for document in titles(client, query)[1]["documents"]]


def test_a_collection_made_private_takes_its_words_out_of_the_linking_page_and_back(agent_client, site_tree):
    collection = linked_document(WORD)
    assert titles(agent_client, WORD)[0] == ["Les massifs fleuris"]
    assert documents_found(agent_client, WORD) == ["Inventaire des massifs"]
    restriction = CollectionViewRestriction.objects.create(collection=collection,
                                                           restriction_type=CollectionViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Greffe"))
    found, context = titles(agent_client, WORD)
    assert found == [] and context["total"] == 0 and documents_found(agent_client, WORD) == []
    assert suggested(agent_client, "Inventaire des mas") == []
    restriction.delete()
    assert titles(agent_client, WORD)[0] == ["Les massifs fleuris"]
    assert documents_found(agent_client, WORD) == ["Inventaire des massifs"]
