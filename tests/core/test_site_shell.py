"""The shell every page shares (menu, breadcrumb, editorial, footer, admin link) is cached, and the
cache follows what editors do: publish, unpublish, move, delete, save a snippet or a setting."""

import re

import pytest
from django.contrib.auth.models import Group, Permission

from home.models import HomeEditorial, Section, SectionPage, ServicePage, StandardPage, TownSettings
from home.roles import EDITORS

pytestmark = pytest.mark.django_db

# Session, user, routing below the cached root page, Wagtail's alias and privacy checks, the
# section's children. Measured: 7 (15 before the shell was cached).
MAX_WARM_SECTION_QUERIES = 8
# The same plus the shell built again: site, menu and the restrictions covering it, breadcrumb, town
# settings, two permission queries; the notes de service refused to the agent (their audience, one
# query for the page's listing and one for the menu's restrictions).
MAX_COLD_SECTION_QUERIES = 19


def html(client, url="/actualites/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def menu(client, url="/actualites/"):
    page = html(client, url)
    start = page.index('aria-label="Menu principal"')
    return page[start : page.index("</nav>", start)]


def publish_new_section_root(title, slug):
    home = SectionPage.objects.get(section=Section.NEWS).get_parent()
    page = home.add_child(instance=StandardPage(title=title, slug=slug, show_in_menus=True, live=False))
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_listing_page_costs_few_queries_once_the_shell_is_cached(agent_client, django_assert_max_num_queries):
    from django.core.cache import cache

    html(agent_client)
    cache.clear()
    with django_assert_max_num_queries(MAX_COLD_SECTION_QUERIES):
        html(agent_client)
    with django_assert_max_num_queries(MAX_WARM_SECTION_QUERIES):
        html(agent_client)


def test_a_published_section_appears_in_the_menu_of_every_page(agent_client):
    assert "Vie pratique" not in menu(agent_client)
    publish_new_section_root("Vie pratique", "vie-pratique")
    assert 'href="/vie-pratique/">Vie pratique</a>' in menu(agent_client)
    assert "Vie pratique" in menu(agent_client, "/portail/abonnements/")  # a view outside the page tree


def test_an_unpublished_section_leaves_the_menu(agent_client):
    page = publish_new_section_root("Vie pratique", "vie-pratique")
    assert "Vie pratique" in menu(agent_client)
    page.unpublish()
    assert "Vie pratique" not in menu(agent_client)


def test_a_deleted_section_leaves_the_menu(agent_client):
    page = publish_new_section_root("Vie pratique", "vie-pratique")
    assert "Vie pratique" in menu(agent_client)
    page.delete()
    assert "Vie pratique" not in menu(agent_client)


def test_a_moved_section_leaves_the_menu_and_breadcrumbs_follow_it(agent_client):
    page = publish_new_section_root("Vie pratique", "vie-pratique")
    child = page.add_child(instance=StandardPage(title="Cantine", slug="cantine"))
    assert "Vie pratique" in menu(agent_client)
    assert 'href="/vie-pratique/">Vie pratique</a>' in html(agent_client, "/vie-pratique/cantine/")
    services = SectionPage.objects.get(section=Section.SERVICES)
    page.move(services, pos="last-child")
    assert "Vie pratique" not in menu(agent_client)
    child.refresh_from_db()
    assert 'href="/services/vie-pratique/">Vie pratique</a>' in html(agent_client, child.url)


def test_a_renamed_and_republished_page_is_renamed_in_the_breadcrumb(agent_client):
    service = ServicePage.objects.get(slug="etat-civil")
    url = service.get_children().first().url
    assert "État civil</a>" in html(agent_client, url)
    service.title = "État civil et élections"
    service.save_revision().publish()
    assert "État civil et élections</a>" in html(agent_client, url)


def test_the_published_editorial_replaces_the_cached_one(agent_client):
    assert "Bienvenue sur l&#x27;intranet de la mairie" in html(agent_client, "/")
    editorial = HomeEditorial.objects.get()
    editorial.title = "Le mot du maire"
    editorial.save_revision().publish()
    page = html(agent_client, "/")
    assert "Le mot du maire" in page and "Bienvenue sur l&#x27;intranet de la mairie" not in page


def test_an_unpublished_editorial_leaves_the_home_page(agent_client):
    assert "Bienvenue sur l&#x27;intranet de la mairie" in html(agent_client, "/")
    HomeEditorial.objects.get().unpublish()
    assert "Bienvenue sur l&#x27;intranet de la mairie" not in html(agent_client, "/")


def test_saved_town_settings_show_in_the_footer_at_once(agent_client):
    html(agent_client)
    town = TownSettings.load()
    town.town_name = "Ville de Sainte-Nouvelle"
    town.save()
    assert "Ville de Sainte-Nouvelle" in html(agent_client)


def test_admin_link_follows_the_agents_groups(agent_client, agent):
    assert "Administration</a>" not in html(agent_client)
    editors = Group.objects.get(name=EDITORS)
    agent.groups.add(editors)
    assert "Administration</a>" in html(agent_client)
    agent.groups.remove(editors)
    assert "Administration</a>" not in html(agent_client)


def test_admin_link_follows_the_groups_permissions(agent_client, agent):
    group = Group.objects.create(name="Stagiaires")
    agent.groups.add(group)
    assert "Administration</a>" not in html(agent_client)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    assert "Administration</a>" in html(agent_client)


def test_admin_link_is_per_agent(client, make_user, site_tree):
    editor = make_user("redacteur", EDITORS)
    agent = make_user("agent")
    client.force_login(editor)
    assert "Administration</a>" in html(client)
    client.force_login(agent)
    assert "Administration</a>" not in html(client)


def test_publishing_an_item_keeps_the_shell_cached(agent_client, django_assert_max_num_queries):
    service = ServicePage.objects.get(slug="etat-civil")
    html(agent_client)
    html(agent_client)
    page = service.add_child(instance=StandardPage(title="Nouvelle note", slug="nouvelle-note", live=False))
    page.save_revision().publish()
    with django_assert_max_num_queries(MAX_WARM_SECTION_QUERIES):
        html(agent_client)


def test_the_site_comes_from_the_cache_and_follows_its_changes(agent_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Site

    html(agent_client, "/services/")
    with CaptureQueriesContext(connection) as captured:
        html(agent_client, "/services/")
    assert not [query for query in captured.captured_queries if "wagtailcore_site" in query["sql"]]
    site = Site.objects.get(is_default_site=True)
    site.root_page = ServicePage.objects.get(slug="etat-civil")
    site.save()
    assert re.search(r"<h1[^>]*>\s*État civil", html(agent_client, "/"))


def test_a_process_serves_the_shell_from_its_own_copies_while_the_generation_holds(agent_client):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    html(agent_client, "/services/")
    # The shared cache loses the entries (an eviction), not the generation: the process's copies still hold.
    cache.delete_many([f"shell:testserver:{name}" for name in ("site:80", "menu", "editorial", "town-settings")])
    with CaptureQueriesContext(connection) as captured:
        html(agent_client, "/services/")
    tables = ("wagtailcore_site", "home_townsettings")
    assert not [q for q in captured.captured_queries if any(table in q["sql"] for table in tables)]
    # A change elsewhere (another worker) moves the generation: the copies are dropped.
    settings = TownSettings.load()
    settings.town_name = "Ville de Nouvel-Exemple"
    settings.save()
    assert "Ville de Nouvel-Exemple" in html(agent_client, "/services/")


def test_a_cache_restart_never_brings_back_a_generation_already_used(rf):
    from django.core.cache import cache

    from core import shell

    before = shell.generation(rf.get("/"))
    cache.clear()  # Redis restarted: the counter is gone
    after = shell.generation(rf.get("/"))
    shell.bump_generation()
    assert after != before
    assert shell.generation(rf.get("/")) not in (before, after)


def sections_on_home(client):
    return html(client, "/")


def test_a_section_restricted_to_a_group_is_named_only_to_its_members(agent_client, make_user, client):
    from tests.conftest import restrict_to_group

    publish_new_section_root("Vie pratique", "vie-pratique")
    assert "Vie pratique" in menu(agent_client)  # cached before the restriction
    restrict_to_group(StandardPage.objects.get(slug="vie-pratique"))

    assert "Vie pratique" not in menu(agent_client)
    assert "Vie pratique" not in sections_on_home(agent_client)  # the home page's section cards
    member = make_user("rh", "Ressources humaines")
    client.force_login(member)
    assert 'href="/vie-pratique/">Vie pratique</a>' in menu(client)
    assert "Vie pratique" in sections_on_home(client)


def test_the_menu_follows_an_agents_groups_at_once(agent_client, agent):
    from tests.conftest import restrict_to_group

    page = publish_new_section_root("Vie pratique", "vie-pratique")
    restrict_to_group(page)
    assert "Vie pratique" not in menu(agent_client)
    agent.groups.add(Group.objects.get(name="Ressources humaines"))
    assert "Vie pratique" in menu(agent_client)
    agent.groups.remove(Group.objects.get(name="Ressources humaines"))
    assert "Vie pratique" not in menu(agent_client)


def test_a_lifted_restriction_brings_the_section_back_to_every_agent(agent_client):
    from tests.conftest import restrict_to_group

    page = publish_new_section_root("Vie pratique", "vie-pratique")
    restriction = restrict_to_group(page)
    assert "Vie pratique" not in menu(agent_client)
    restriction.delete()
    assert "Vie pratique" in menu(agent_client)


def test_a_section_behind_a_shared_password_is_never_named(agent_client, admin_user, client):
    from wagtail.models import PageViewRestriction

    page = publish_new_section_root("Vie pratique", "vie-pratique")
    assert "Vie pratique" in menu(agent_client)  # cached before the restriction
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret")
    assert "Vie pratique" not in menu(agent_client)
    client.force_login(admin_user)
    assert "Vie pratique" not in menu(client)


def test_a_town_without_restricted_sections_pays_no_visibility_query_for_its_menu(
    agent_client, django_assert_max_num_queries
):
    html(agent_client)
    with django_assert_max_num_queries(MAX_WARM_SECTION_QUERIES):
        html(agent_client)
