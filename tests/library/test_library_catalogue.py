"""The catalogue page: search, facets, sort, record page, new acquisitions and their feed."""

import re

import feedparser
import pytest
from library_files import catalog_page, import_records, marc21, unimarc

from library.generation import bump_generation
from library.models import BibliographicRecord

LOANED = [("c", "Bibliobus"), ("f", "L1"), ("k", "R DUP"), ("n", "20261224")]


def copy(branch, barcode, date="2026-01-10", **extra):
    return [("c", branch), ("f", barcode), ("k", "843 X"), ("5", date)] + list(extra.items())


@pytest.fixture
def catalogue(site_tree):
    page = catalog_page()
    import_records(
        unimarc(record_id="R1", title="L'Élève des étoiles", isbn="2-07-036822-X", authors=(("Dupont", "Marie"),),
                subjects=("Astronomie",), year="2015", copies=[copy("Médiathèque centrale", "A1", "2026-10-01")]),
        unimarc(record_id="R2", title="Cuisine de saison", isbn="978-2-07-040850-4", authors=(("Martin", "Paul"),),
                subjects=("Cuisine",), year="1975", language="eng", copies=[LOANED]),
        unimarc(record_id="R3", title="Les oiseaux du jardin", isbn=None,
                authors=(("Dupont", "Marie"), ("Leroy", "Zoé")),
                subjects=("Oiseaux", "Jardinage"), year="2022", leader_type="gm",
                copies=[copy("Bibliobus", "A3", "2026-11-01"), copy("Médiathèque centrale", "A4", "2026-11-05")]),
        unimarc(record_id="R4", title="Élèves et professeurs", isbn=None, authors=(("Martin", "Paul"),),
                subjects=("Éducation",), year="2003", copies=[]),
        marc21(record_id="M1"),
    )
    return page


def get(client, page, suffix="", **params):
    return client.get(page.url + suffix, params)


def hit_titles(response):
    return [r.title for r in response.context["results"]]


def test_catalogue_needs_a_login(client, catalogue):
    response = client.get(catalogue.url)
    assert response.status_code == 302 and "/connexion/" in response["Location"]


def test_simple_search_ignores_accents_and_case(agent_client, catalogue):
    response = get(agent_client, catalogue, q="ELEVE")
    assert set(hit_titles(response)) == {"Élèves et professeurs", "L'Élève des étoiles"}
    assert response.context["total"] == 2


def test_every_word_must_match_in_title_author_subject_or_summary(agent_client, catalogue):
    assert hit_titles(get(agent_client, catalogue, q="dupont oiseaux")) == ["Les oiseaux du jardin"]
    assert hit_titles(get(agent_client, catalogue, q="jardinage")) == ["Les oiseaux du jardin"]
    assert get(agent_client, catalogue, q="dupont cuisine").context["total"] == 0


@pytest.mark.parametrize("query", ["978-2-07-036822-8", "9782070368228", "2-07-036822-X", "207036822x"])
def test_isbn_search_ignores_hyphens_and_accepts_isbn10(agent_client, catalogue, query):
    assert hit_titles(get(agent_client, catalogue, q=query)) == ["L'Élève des étoiles"]


def test_facet_counts_add_up_to_the_hits(agent_client, catalogue):
    response = get(agent_client, catalogue, q="e")
    total = response.context["total"]
    assert total == BibliographicRecord.objects.visible().filter(search_text__contains=" e").count() and total > 2
    facets = {facet.param: facet for facet in response.context["facets"]}
    for name in ["type", "langue", "annees", "disponibilite"]:
        assert facets[name].total == total, name
    # A multi-valued facet counts the hits that choosing it leaves.
    for name in ["auteur", "sujet", "bibliotheque"]:
        for value in facets[name].values:
            narrowed = get(agent_client, catalogue, q="e", **{name: value.value})
            assert narrowed.context["total"] == value.count, (name, value.value)


def test_beyond_the_candidates_authors_subjects_and_branches_count_the_best_hits(agent_client, catalogue, monkeypatch):
    monkeypatch.setattr("library.catalogue.FACET_CANDIDATES", 2)
    response = get(agent_client, catalogue, q="e", tri="titre")
    total = response.context["total"]
    assert total > 2 and response.context["facets_sampled"] == 2
    assert "comptés parmi les 2 premiers résultats" in response.content.decode()
    facets = {facet.param: facet for facet in response.context["facets"]}
    assert facets["type"].total == total  # single-valued facets still count every hit
    assert max(value.count for value in facets["auteur"].values) <= 2
    # Pages beyond the candidates are still reached, in the same order.
    monkeypatch.setattr("library.catalogue.PER_PAGE", 1)
    pages = [agent_client.get(catalogue.url, {"q": "e", "tri": "titre", "page": n}) for n in range(1, total + 1)]
    titles = [title for page in pages for title in hit_titles(page)]
    sort_key = dict(BibliographicRecord.objects.values_list("title", "title_sort"))
    assert len(titles) == total and titles == sorted(titles, key=sort_key.get)
    assert not get(agent_client, catalogue, q="cuisine").context["facets_sampled"]


def test_choosing_a_facet_narrows_the_hits_and_can_be_removed(agent_client, catalogue):
    response = get(agent_client, catalogue, auteur="Dupont, Marie")
    assert sorted(hit_titles(response)) == ["L'Élève des étoiles", "Les oiseaux du jardin"]
    narrowed = get(agent_client, catalogue, auteur="Dupont, Marie", type="video")
    assert hit_titles(narrowed) == ["Les oiseaux du jardin"]
    [chosen_type] = [c for c in narrowed.context["chosen"] if c["label"] == "Vidéo"]
    assert "type=" not in chosen_type["url"] and "auteur=" in chosen_type["url"]
    assert hit_titles(get(agent_client, catalogue, disponibilite="indisponible")) == ["Cuisine de saison"]
    assert hit_titles(get(agent_client, catalogue, annees="1950-1979")) == ["Cuisine de saison"]
    assert hit_titles(get(agent_client, catalogue, bibliotheque="Bibliobus", q="cuisine")) == ["Cuisine de saison"]


def test_advanced_search_combines_fields(agent_client, catalogue):
    assert get(agent_client, catalogue, "avancee/").status_code == 200
    response = get(agent_client, catalogue, auteur_nom="martin", de="2000", a="2010")
    assert hit_titles(response) == ["Élèves et professeurs"]
    assert hit_titles(get(agent_client, catalogue, titre="oiseaux", sujet_mot="jardin")) == ["Les oiseaux du jardin"]
    assert hit_titles(get(agent_client, catalogue, isbn="2-07-040850-7")) == ["Cuisine de saison"]


def test_sort_by_title_and_by_year(agent_client, catalogue):
    by_title = hit_titles(get(agent_client, catalogue, q="e", tri="titre"))
    assert by_title == sorted(by_title, key=lambda t: BibliographicRecord.objects.get(title=t).title_sort)
    years = [r.year for r in get(agent_client, catalogue, q="e", tri="annee").context["results"]]
    assert years == sorted(years, reverse=True)


def test_relevance_puts_title_matches_first(agent_client, catalogue):
    titles = hit_titles(get(agent_client, catalogue, q="jardin"))
    assert titles[0] == "Les oiseaux du jardin"


def test_each_hit_shows_its_copies_availability(agent_client, catalogue):
    html = get(agent_client, catalogue, q="cuisine").content.decode()
    assert "En prêt" in html and "retour prévu le 24 décembre 2026" in html and "R DUP" in html


def test_record_page_shows_details_and_copies(agent_client, catalogue):
    record = BibliographicRecord.objects.get(record_id="R3")
    response = get(agent_client, catalogue, f"notice/{record.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Les oiseaux du jardin" in html and "Leroy, Zoé" in html and "Jardinage" in html
    assert html.count("Disponible") == 2 and "Bibliobus" in html
    assert "cover-placeholder.svg" in html


def test_withdrawn_records_are_neither_found_nor_shown(agent_client, catalogue):
    record = BibliographicRecord.objects.get(record_id="R1")
    BibliographicRecord.objects.filter(pk=record.pk).update(withdrawn=True)
    assert get(agent_client, catalogue, q="etoiles").context["total"] == 0
    assert get(agent_client, catalogue, f"notice/{record.pk}/").status_code == 404


def test_new_acquisitions_are_newest_first_with_an_rss_feed(agent_client, catalogue):
    response = get(agent_client, catalogue, "nouveautes/")
    titles = [r.title for r in response.context["records"]]
    assert titles[:2] == ["Les oiseaux du jardin", "L'Élève des étoiles"]
    feed = feedparser.parse(get(agent_client, catalogue, "nouveautes/rss/").content)
    assert feed.bozo == 0
    assert [entry.title for entry in feed.entries][:2] == titles[:2]
    assert re.search(r"/notice/\d+/$", feed.entries[0].link)


def test_titles_from_files_are_escaped(agent_client, site_tree):
    page = catalog_page()
    import_records(unimarc(record_id="XSS", title="<script>alert(1)</script>", isbn=None))
    html = get(agent_client, page, q="script").content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_an_overlong_query_is_cut(agent_client, catalogue):
    response = get(agent_client, catalogue, q="a" * 10_000)
    assert response.status_code == 200 and len(response.context["search"].query) == 200


def _queries(client, url, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    return response, len(captured.captured_queries)


def test_search_query_count_does_not_grow_with_the_hits(agent_client, site_tree):
    page = catalog_page()

    def records(start, count):
        return [unimarc(record_id=f"N{i}", title=f"Roman numéro {i}", isbn=None,
                        copies=[copy("Bibliobus", f"C{i}"), copy("Médiathèque centrale", f"D{i}")])
                for i in range(start, start + count)]

    import_records(*records(0, 5))
    params = {"q": "roman", "auteur": "Saint-Exupéry, Antoine de"}
    agent_client.get(page.url, params)  # warm the routing caches
    bump_generation()  # but not the search's own (both searches below are computed)
    few, few_queries = _queries(agent_client, page.url, params)
    import_records(*records(5, 35))
    many, many_queries = _queries(agent_client, page.url, params)
    assert (few.context["total"], many.context["total"]) == (5, 40) and len(many.context["results"]) == 20
    assert many_queries == few_queries
    # 5 for the catalogue itself (hits with the single-valued facets, the multi-valued facets, the page's
    # records, their authors, their copies); the rest is the session, the user, Wagtail's routing and the menu.
    assert many_queries <= 24
    agent_client.get(page.url + "nouveautes/")
    _response, new_queries = _queries(agent_client, page.url + "nouveautes/", {})
    assert new_queries <= 22  # 3 for the catalogue (records, authors, copies), the rest as above


def test_only_web_links_from_files_become_links(agent_client, site_tree):
    from library_files import field

    page = catalog_page()
    import_records(
        unimarc(record_id="JS", title="Lien piégé", isbn=None, extra=[
            field("856", ("u", "javascript:alert(1)")), field("856", ("u", "https://exemple.fr/notice"))]),
    )
    record = BibliographicRecord.objects.get()
    assert record.url == "https://exemple.fr/notice"
    html = get(agent_client, page, f"notice/{record.pk}/").content.decode()
    assert "javascript:" not in html


def test_a_repeated_search_is_served_from_the_cache_until_the_catalogue_changes(agent_client, site_tree):
    page = catalog_page()
    import_records(unimarc(record_id="A", title="Jardins d'hiver", isbn=None))
    params = {"q": "jardins"}
    first, first_queries = _queries(agent_client, page.url, params)
    again, again_queries = _queries(agent_client, page.url, params)
    assert first.context["total"] == again.context["total"] == 1
    assert again_queries < first_queries  # the hits and their facets come from the cache

    import_records(unimarc(record_id="B", title="Jardins de ville", isbn=None))
    assert get(agent_client, page, q="jardins").context["total"] == 2
    record = BibliographicRecord.objects.get(record_id="A")
    record.title = "Potagers d'hiver"
    record.save()  # an edit in the admin
    assert get(agent_client, page, q="jardins").context["total"] == 1
    assert get(agent_client, page, q="hiver").context["total"] == 1
    record.delete()
    assert get(agent_client, page, q="hiver").context["total"] == 0
