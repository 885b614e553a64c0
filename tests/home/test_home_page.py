"""The home page: French, personal, and cheap whatever the size of the tree."""

import pytest

from home.demo import ensure_child, section_root
from home.models import HomePage, Section, ServicePage, StandardPage

pytestmark = pytest.mark.django_db

# A warm render (the agent's page from the portal's per-agent cache, the site and its root page from
# the shell's: session and user, as a bare Django view) and a cold one (the shell built again: site,
# menu and the restrictions covering it, editorial, settings, permissions; plus the personal blocks,
# with the notes de service to read and the notes refused to the agent). Measured: 2 and 26.
MAX_WARM_QUERIES = 3
MAX_COLD_QUERIES = 26


def test_home_page_is_french_and_says_who_is_logged_in(agent_client, agent):
    html = agent_client.get("/").content.decode()
    assert '<html lang="fr">' in html
    assert "Se déconnecter" in html
    assert agent.get_full_name() in html
    assert 'href="#contenu"' in html  # skip link
    assert "Bienvenue sur l&#x27;intranet de la mairie" in html  # the published editorial


def test_pages_show_a_breadcrumb(agent_client):
    html = agent_client.get("/services/etat-civil/").content.decode()
    assert 'aria-label="Fil d\'Ariane"' in html
    assert 'href="/services/">Services</a>' in html


def test_home_page_query_count_does_not_grow_with_the_tree(agent_client, django_assert_max_num_queries):
    from django.core.cache import cache

    def check():
        cache.clear()
        with django_assert_max_num_queries(MAX_COLD_QUERIES):
            assert agent_client.get("/").status_code == 200
        with django_assert_max_num_queries(MAX_WARM_QUERIES):
            assert agent_client.get("/").status_code == 200

    agent_client.get("/")  # the first visit sets the CSRF cookie the portal's cache keys on
    check()
    services = section_root(Section.SERVICES)
    for number in range(40):
        service = ensure_child(services, ServicePage, slug=f"service-{number}", title=f"Service {number}")
        ensure_child(service, StandardPage, slug="page", title=f"Page du service {number}")
    check()


def test_section_page_lists_its_children(agent_client):
    html = agent_client.get("/services/").content.decode()
    assert "État civil" in html and "CCAS" in html


def test_a_second_load_demo_changes_nothing(site_tree):
    from django.core.management import call_command
    from wagtail.models import Page, Revision

    call_command("load_demo", password="demo-pass-123", stdout=open("/dev/null", "w"))
    counts = (Page.objects.count(), Revision.objects.count())
    call_command("load_demo", password="demo-pass-123", stdout=open("/dev/null", "w"))
    assert (Page.objects.count(), Revision.objects.count()) == counts
    assert HomePage.objects.count() == 1
