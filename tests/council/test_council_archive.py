"""The archive of deliberations: filters with counts, and a number of queries that does not grow."""

import datetime

import pytest
from council_builders import make_deliberation, make_members, make_session
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from council.archive import facet_counts
from tests.conftest import restrict_to_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(council_index):
    members = make_members(21)
    march = make_session(council_index, members, present=15, day=datetime.date(2024, 3, 12))
    january = make_session(council_index, members, present=15, day=datetime.date(2025, 1, 20))
    january.kind = "extraordinary"
    january.save_revision().publish()
    make_deliberation(march, 1, title="Budget primitif", matter="7.1", rapporteur=members[2], votes_for=12,
                      votes_against=3)
    make_deliberation(march, 2, title="Tarifs cantine", matter="8.1", rapporteur=members[3], votes_for=4,
                      votes_against=10)
    make_deliberation(january, 1, title="Subvention école de musique", matter="7.5", rapporteur=members[2],
                      votes_for=15, votes_against=0)
    return council_index, members, march, january


def test_archive_filters_by_year_and_counts_each_choice(reader_client, archive):
    index, members, march, january = archive
    html = reader_client.get(index.url).content.decode()
    assert "3 délibérations" in html
    assert "2024 (2)" in html and "2025 (1)" in html
    html = reader_client.get(index.url, {"annee": "2024"}).content.decode()
    assert "2 délibérations" in html
    # The archive's list, not the latest acts shown above it whatever the filters.
    results = html[html.index('data-testid="archive-results"'):]
    assert "Budget primitif" in results and "Subvention école de musique" not in results
    # the other years keep their counts so that one can switch year
    assert "2025 (1)" in html


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"matiere": "8.1"}, ["Tarifs cantine"]),
        ({"resultat": "rejected"}, ["Tarifs cantine"]),
        ({"nature": "extraordinary"}, ["Subvention école de musique"]),
        ({"matiere": "nope"}, ["Budget primitif", "Tarifs cantine", "Subvention école de musique"]),
    ],
)
def test_archive_filters(reader_client, archive, params, expected):
    index = archive[0]
    titles = [page.title for page in reader_client.get(index.url, params).context["deliberations"]]
    assert sorted(titles) == sorted(expected)


def test_archive_filters_by_rapporteur_and_session(reader_client, archive):
    index, members, march, january = archive
    by_rapporteur = reader_client.get(index.url, {"rapporteur": members[2].pk}).context["deliberations"]
    assert sorted(p.title for p in by_rapporteur) == ["Budget primitif", "Subvention école de musique"]
    by_session = reader_client.get(index.url, {"seance": january.pk}).context["deliberations"]
    assert [p.title for p in by_session] == ["Subvention école de musique"]


def count_queries(client, url, params=None):
    cache.clear()  # measure the uncached path; the cache only lowers the count
    client.get(url, params or {})
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params or {}).status_code == 200
    return len(context)


# The shared layout (session, user, site routing, menu, breadcrumb) costs about 20 queries on its own.
LAYOUT_AND_ARCHIVE_BUDGET = 32


def test_archive_queries_do_not_grow_with_the_number_of_acts(reader_client, archive):
    index, members, march, january = archive
    reader_client.get(index.url)
    few = count_queries(reader_client, index.url, {"annee": "2024"})
    for number in range(3, 30):
        make_deliberation(march, number, title=f"Acte {number}", matter="3.1", rapporteur=members[number % 5],
                          votes_for=10, votes_against=1)
    many = count_queries(reader_client, index.url, {"annee": "2024"})
    assert many == few <= LAYOUT_AND_ARCHIVE_BUDGET


def test_session_page_queries_do_not_grow(reader_client, archive):
    index, members, march, january = archive
    reader_client.get(march.url)
    few = count_queries(reader_client, march.url)
    for number in range(3, 25):
        make_deliberation(march, number, title=f"Acte {number}", matter="3.1", rapporteur=members[number % 5])
    many = count_queries(reader_client, march.url)
    assert many == few <= LAYOUT_AND_ARCHIVE_BUDGET


def test_deliberation_page_queries(reader_client, archive, django_assert_max_num_queries):
    index, members, march, january = archive
    page = march.get_children().first()
    reader_client.get(page.url)
    with django_assert_max_num_queries(LAYOUT_AND_ARCHIVE_BUDGET):
        assert reader_client.get(page.url).status_code == 200


def test_facet_counts_are_cached_and_refreshed_when_an_act_is_published(reader_client, archive):
    index, members, march, january = archive
    cache.clear()
    uncached = count_queries(reader_client, index.url)
    with CaptureQueriesContext(connection) as cached:
        reader_client.get(index.url)
    assert len(cached) <= uncached - 6
    make_deliberation(january, 2, title="Nouvel acte", matter="7.5", votes_for=15, votes_against=0)
    html = reader_client.get(index.url).content.decode()
    assert "2025 (2)" in html and "4 délibérations" in html


def test_each_facet_counts_the_acts_matching_every_other_filter():
    # (year, session, matter, rapporteur, result, kind) → number of acts
    combinations = [
        ((2024, 1, "7.1", 10, "adopted", "ordinary"), 3),
        ((2024, 1, "8.1", 11, "rejected", "ordinary"), 1),
        ((2025, 2, "7.1", 10, "adopted", "extraordinary"), 2),
    ]
    counts = facet_counts(combinations, {"annee": 2024, "matiere": "7.1"})
    assert counts["annee"] == {2024: 3, 2025: 2}  # ignores the year, keeps the matter
    assert counts["matiere"] == {"7.1": 3, "8.1": 1}  # ignores the matter, keeps the year
    assert counts["rapporteur"] == {10: 3}
    assert counts["nature"] == {"ordinary": 3}


def test_a_warm_archive_runs_the_same_queries_whatever_the_filters(reader_client, archive):
    index, members, march, january = archive
    counts = set()
    for params in ({}, {"annee": "2024"}, {"matiere": "7.1", "resultat": "adopted"}, {"seance": january.pk}):
        reader_client.get(index.url, params)
        with CaptureQueriesContext(connection) as context:
            reader_client.get(index.url, params)
        counts.add(len(context))
    assert len(counts) == 1


def test_renaming_a_rapporteur_refreshes_the_cached_facet(reader_client, archive):
    index, members, march, january = archive
    reader_client.get(index.url)
    members[2].last_name = "Nouveau-Nom"
    members[2].save()
    assert "Nouveau-Nom" in reader_client.get(index.url).content.decode()


def test_acts_restricted_to_a_group_leave_the_archive_and_its_counts_for_others_only(
    reader_client, archive, make_user, client
):
    index, members, march, january = archive
    assert "3 délibérations" in reader_client.get(index.url).content.decode()
    restriction = restrict_to_group(march)
    html = reader_client.get(index.url).content.decode()
    assert "1 délibération" in html and "Budget primitif" not in html and "2024 (" not in html
    member = Client()
    member.force_login(make_user("rh", "Ressources humaines"))
    member_html = member.get(index.url).content.decode()
    assert "3 délibérations" in member_html and "Budget primitif" in member_html
    restriction.delete()
    assert "3 délibérations" in reader_client.get(index.url).content.decode()


def test_a_login_restriction_keeps_acts_in_the_archive_of_logged_in_agents(reader_client, archive):
    index, _members, march, _january = archive
    PageViewRestriction.objects.create(page=march, restriction_type=PageViewRestriction.LOGIN)
    assert "3 délibérations" in reader_client.get(index.url).content.decode()
