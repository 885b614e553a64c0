"""Guards of the search: a word found everywhere is counted on its first matches, honestly, and an
expensive search is stopped with a clear French page instead of holding a worker and the database."""

import datetime

import psycopg
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.search.models import IndexEntry

from home.demo import ensure_child, section_root
from home.models import Section, StandardPage
from search import engine
from search.limits import SearchTooLong, time_limit

pytestmark = pytest.mark.django_db

WORD = "bruxellois"


def add_news(slug, title, published=None):
    return ensure_child(section_root(Section.NEWS), StandardPage, slug=slug, title=title,
                        intro=f"Un texte {WORD}.", **({"first_published_at": published} if published else {}))


def search(client, query, **params):
    return client.get("/recherche/", {"q": query, **params})


@pytest.fixture
def six_matches(site_tree, monkeypatch):
    """Six pages with the word, two of them of 2019, and a counting limit of four."""
    monkeypatch.setattr(engine, "COUNT_LIMIT", 4)
    old = timezone.make_aware(datetime.datetime(2019, 6, 1, 10))
    for number in range(6):
        add_news(f"bruxelles-{number}", f"Échange {number}", published=old if number < 2 else None)


def test_beyond_the_limit_the_page_says_more_and_the_facets_add_up_to_the_matches_counted(agent_client,
                                                                                           six_matches):
    response = search(agent_client, WORD)
    assert response.context["more"] is True
    assert response.context["total"] == 4
    facets = response.context["facets"]
    assert sum(facet["count"] for facet in facets["kinds"].values()) == 4
    assert sum(facets["years"].values()) == 4
    html = response.content.decode()
    assert "Plus de 4 résultats" in html
    assert "portent sur les 4 premiers résultats trouvés" in html


def test_a_filter_that_brings_the_matches_under_the_limit_gives_exact_counts(agent_client, six_matches):
    response = search(agent_client, WORD, annee=2019)
    assert response.context["more"] is False
    assert response.context["total"] == 2
    assert response.context["facets"]["years"] == {2019: 2}
    assert len(response.context["search_results"]) == 2
    assert "Plus de" not in response.content.decode()


def test_under_the_limit_every_match_is_counted(agent_client, site_tree):
    for number in range(3):
        add_news(f"bruxelles-{number}", f"Échange {number}")
    response = search(agent_client, WORD)
    assert response.context["more"] is False
    assert response.context["total"] == 3


@pytest.mark.parametrize("limit", [4, 10], ids=["beyond-the-limit", "all-matches-read"])
def test_sorted_by_date_the_newest_matches_come_first_whether_or_not_all_were_read(agent_client, site_tree,
                                                                                 monkeypatch, limit):
    monkeypatch.setattr(engine, "COUNT_LIMIT", limit)
    for year in (2019, 2023, 2020, 2024, 2021, 2022):
        add_news(f"bruxelles-{year}", f"Échange {year}",
                 published=timezone.make_aware(datetime.datetime(year, 3, 1, 10)))
    ensure_child(section_root(Section.NEWS), StandardPage, slug="autre", title="Autre", intro="Sans rapport.")  # newer
    with CaptureQueriesContext(connection) as queries:
        response = search(agent_client, WORD, tri="date")
    titles = [page.title for page in response.context["search_results"]]
    assert titles == ["Échange 2024", "Échange 2023", "Échange 2022", "Échange 2021", "Échange 2020",
                      "Échange 2019"][:min(limit, 6)]
    # All matches read: they are sorted as they are. Beyond, PostgreSQL walks the pages by date.
    walked = any("EXISTS (SELECT 1 FROM" in query["sql"] for query in queries.captured_queries)
    assert walked == (limit < 6 and connection.vendor == "postgresql")


def test_sorted_by_date_a_filter_under_the_limit_sorts_the_matches_read(agent_client, six_matches):
    with CaptureQueriesContext(connection) as queries:
        response = search(agent_client, WORD, tri="date", annee=2019)
    assert len(response.context["search_results"]) == 2
    assert not any("EXISTS (SELECT 1 FROM" in query["sql"] for query in queries.captured_queries)


def test_the_year_facet_uses_the_town_s_time_zone(agent_client, site_tree):
    # 23:30 UTC on 31 December 2024 is already 2025 in Paris.
    add_news("nouvel-an", "Vœux du maire", published=datetime.datetime(2024, 12, 31, 23, 30, tzinfo=datetime.UTC))
    response = search(agent_client, WORD)
    assert response.context["facets"]["years"] == {2025: 1}
    assert search(agent_client, WORD, annee=2025).context["total"] == 1


def endless_statement():
    """A statement that would run for minutes, on each database."""
    if connection.vendor == "postgresql":
        return "SELECT pg_sleep(60)"
    return "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) SELECT count(*) FROM n"


def test_a_statement_running_past_the_time_limit_is_stopped(db):
    with pytest.raises(SearchTooLong), time_limit(100), connection.cursor() as cursor:
        cursor.execute(endless_statement())
    with connection.cursor() as cursor:  # the connection is usable afterwards
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_no_statement_starts_once_the_time_is_up(db):
    with pytest.raises(SearchTooLong), time_limit(0), connection.cursor() as cursor:
        cursor.execute("SELECT 1")


@pytest.fixture
def index_held_by_another_session(settings, site_tree):
    """The search's reads become expensive for real: on PostgreSQL another session holds a lock on
    the index table (waiting counts towards the time limit); on SQLite the limit is zero."""
    if connection.vendor != "postgresql":
        settings.SEARCH_TIME_LIMIT_MS = 0
        yield
        return
    settings.SEARCH_TIME_LIMIT_MS = 300
    params = connection.get_connection_params()
    with psycopg.connect(**{key: value for key, value in params.items() if key != "cursor_factory"}) as other:
        other.execute("SET lock_timeout = '5s'")
        other.execute(f"LOCK TABLE {IndexEntry._meta.db_table} IN ACCESS EXCLUSIVE MODE")
        yield
        other.rollback()


def test_an_expensive_search_is_stopped_with_a_clear_french_page(agent_client, index_held_by_another_session):
    response = search(agent_client, "conseil")
    assert response.status_code == 503
    html = response.content.decode()
    assert "Recherche interrompue : elle prenait trop de temps" in html
    assert 'value="conseil"' in html


def test_suggestions_are_bounded_too(agent_client, index_held_by_another_session):
    response = agent_client.get("/recherche/suggestions/", {"q": "se"})
    assert response.status_code == 503
    assert response.json() == {"results": [], "error": "Recherche trop longue, précisez-la."}
