"""The map page and its accessible list: theme filters in the URL, no inline script, bounded queries."""

import json
import re
from decimal import Decimal

import pytest
from places_factories import facility, make_map_page, make_service

from core.collation import sort_key
from places.models import FacilityService
from places.themes import Theme
from tests.conftest import restrict_to_group

ITEM = re.compile(r'<li class="card facility-item" data-theme="([^"]+)" data-id="\d+"( hidden)?>')


@pytest.fixture
def map_page(db):
    page = make_map_page()
    facility(page, "Gymnase Léo-Lagrange", Theme.SPORTS, publish=True)
    facility(page, "Stade Jean-Bouin", Theme.SPORTS, publish=True, latitude=Decimal("48.955"))
    facility(page, "Médiathèque Aimé-Césaire", Theme.CULTURE, publish=True, latitude=Decimal("48.945"))
    facility(page, "École Jules-Ferry", Theme.EDUCATION, publish=True, longitude=Decimal("2.30"))
    facility(page, "Parking de la gare", Theme.MOBILITY, publish=True, longitude=Decimal("2.32"))
    return page


@pytest.fixture
def agent_client(client, make_user):
    client.force_login(make_user("agent"))
    return client


def listed(response):
    """(theme, shown) for each facility of the list, in order."""
    return [(theme, not hidden) for theme, hidden in ITEM.findall(response.content.decode())]


def test_map_page_lists_every_facility_in_alphabetical_order(agent_client, map_page):
    response = agent_client.get(map_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    titles = re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', html)
    assert titles == sorted(titles, key=sort_key)  # French order: "École" among the Es
    assert titles.index("École Jules-Ferry") < titles.index("Parking de la gare")
    assert all(shown for _theme, shown in listed(response))
    assert "5 équipements affichés sur 5" in html


def test_theme_filter_in_the_url_keeps_only_that_theme_in_the_list(agent_client, map_page):
    response = agent_client.get(map_page.url, {"theme": "sportif"})
    shown = [theme for theme, visible in listed(response) if visible]
    assert shown == ["sportif", "sportif"]
    assert len(listed(response)) == 5  # the others are there, hidden, for the script to show again
    html = response.content.decode()
    assert 'value="sportif" checked' in html
    assert "2 équipements affichés sur 5" in html


def test_several_themes_can_be_chosen_and_unknown_ones_are_ignored(agent_client, map_page):
    response = agent_client.get(map_page.url + "?theme=sportif&theme=mobilit%C3%A9&theme=inconnu")
    shown = sorted(theme for theme, visible in listed(response) if visible)
    assert shown == ["mobilité", "sportif", "sportif"]


def test_filters_form_works_without_script(agent_client, map_page):
    html = agent_client.get(map_page.url).content.decode()
    form = re.search(r'<form method="get" action="([^"]+)" id="filtres"', html)
    assert form and form.group(1) == map_page.url
    assert 'name="theme" value="culturel"' in html
    assert '<button type="submit">' in html


def test_map_data_goes_through_json_script_and_no_script_is_inline(agent_client, map_page):
    html = agent_client.get(map_page.url).content.decode()
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag, tag
    data = json.loads(
        re.search(r'<script id="places-facilities" type="application/json">(.*?)</script>', html, re.S).group(1)
    )
    assert {item["theme"] for item in data} == {"sportif", "culturel", "enseignement", "mobilité"}
    first = data[0]
    assert set(first) >= {"lat", "lon", "title", "url", "hours", "address", "phone"}
    assert first["hours"] == "Du lundi au vendredi : 8 h – 22 h ; Jours fériés : fermé"
    options = json.loads(
        re.search(r'<script id="places-map-options" type="application/json">(.*?)</script>', html, re.S).group(1)
    )
    assert options["bounds"] == [[48.935, 2.285], [48.965, 2.335]]


def test_leaflet_is_served_by_the_portal_itself(agent_client, map_page):
    html = agent_client.get(map_page.url).content.decode()
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert any(src.startswith("/static/places/vendor/leaflet/leaflet") for src in scripts)
    assert any("leaflet.markercluster" in src for src in scripts)
    assert not any(src.startswith(("http:", "https:", "//")) for src in scripts)


def test_tile_failure_message_is_in_the_page_hidden_until_needed(agent_client, map_page):
    html = agent_client.get(map_page.url).content.decode()
    assert re.search(r'<p id="carte-message"[^>]*hidden>Le fond de carte n\'a pas pu être chargé', html)


def test_facility_names_are_escaped_in_list_and_data(agent_client, map_page):
    facility(map_page, "<script>alert(1)</script>", Theme.OTHER, publish=True)
    html = agent_client.get(map_page.url).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_draft_facilities_are_not_listed(agent_client, map_page):
    facility(map_page, "Brouillon", Theme.OTHER, publish=False).unpublish()
    html = agent_client.get(map_page.url).content.decode()
    assert "Gymnase Léo-Lagrange" in html  # the list is there: the absence below means something
    assert "Brouillon" not in html


def test_anonymous_visitor_is_sent_to_the_login_page(client, map_page):
    response = client.get(map_page.url)
    assert response.status_code == 302
    assert "/connexion/" in response["Location"]


def test_map_page_queries_do_not_grow_with_the_number_of_facilities(
    agent_client, map_page, django_assert_max_num_queries
):
    agent_client.get(map_page.url)  # warm the site root paths and settings caches
    with django_assert_max_num_queries(30) as small:
        agent_client.get(map_page.url)
    for number in range(30):
        facility(map_page, f"Équipement {number:02d}", Theme.OTHER, publish=True)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = agent_client.get(map_page.url)
    assert "35 équipements affichés sur 35" in response.content.decode()


def test_facility_page_shows_hours_in_french_services_and_a_mini_map(agent_client, map_page):
    page = facility(
        map_page,
        "Hôtel de ville",
        Theme.ADMINISTRATIVE,
        opening_hours="Mo-Fr 08:30-12:00,13:30-17:30; Sa 09:00-12:00; PH off",
        accessibility="Ascenseur et boucle magnétique à l'accueil.",
    )
    FacilityService.objects.create(facility=page, service=make_service("État civil"))
    page.save_revision().publish()
    response = agent_client.get(page.url)
    html = response.content.decode()
    assert "Du lundi au vendredi : 8 h 30 – 12 h, 13 h 30 – 17 h 30" in html
    assert "Jours fériés : fermé" in html
    assert "Les sept prochains jours" in html
    assert 'data-testid="facility-minimap"' in html
    assert "État civil" in html
    assert "Ascenseur et boucle magnétique" in html
    point = json.loads(
        re.search(r'<script id="places-facility" type="application/json">(.*?)</script>', html, re.S).group(1)
    )
    assert point == {"lat": 48.95, "lon": 2.31, "title": "Hôtel de ville", "theme": "administratif"}


def test_facility_page_with_advanced_hours_shows_the_expression_and_the_week(agent_client, map_page):
    page = facility(map_page, "Piscine d'été", opening_hours="Jul-Aug Mo-Su 10:00-19:00", publish=True)
    html = agent_client.get(page.url).content.decode()
    assert "<code>Jul-Aug Mo-Su 10:00-19:00</code>" in html
    assert "Les sept prochains jours" in html


def test_facility_page_shows_the_heads_of_its_services_from_the_directory_but_never_unlisted_ones(
    agent_client, map_page
):
    from directory.models import Agent, DirectoryPage, Service
    from home.demo import ensure_child, ensure_home_page
    from home.models import Section, SectionPage

    annuaire = ensure_child(
        ensure_home_page(), SectionPage, slug="annuaire", title="Annuaire", section=Section.DIRECTORY
    )
    ensure_child(annuaire, DirectoryPage, slug="agents", title="Annuaire des agents")
    sports_page, civil_page = make_service("Sports"), make_service("État civil")
    listed_head = Agent.objects.create(matricule="S001", first_name="Karim", last_name="Haddad", job_title="Chef")
    unlisted_head = Agent.objects.create(matricule="E001", first_name="Marc", last_name="Secret", do_not_list=True)
    Service.objects.create(code="sports", name="Sports", service_page=sports_page, head=listed_head)
    Service.objects.create(code="etat-civil", name="État civil", service_page=civil_page, head=unlisted_head)
    page = facility(map_page, "Gymnase Léo-Lagrange")
    FacilityService.objects.create(facility=page, service=sports_page)
    FacilityService.objects.create(facility=page, service=civil_page)
    page.save_revision().publish()

    html = agent_client.get(page.url).content.decode()
    contacts = html[html.index('data-testid="facility-contacts"') :]
    assert "Karim Haddad" in contacts and f"/agents/{listed_head.pk}/" in contacts
    assert "Secret" not in html


def test_a_facility_restricted_to_a_group_is_listed_to_its_members_only(client, make_user, map_page):
    secret = facility(map_page, "Local syndical", Theme.OTHER, publish=True)
    service = make_service("Ressources humaines", "RH")
    FacilityService.objects.create(facility=secret, service=service)
    restrict_to_group(secret)
    client.force_login(make_user("agent-lambda"))
    for url in (map_page.url, service.url):
        assert "Local syndical" not in client.get(url).content.decode()
    client.force_login(make_user("rh", "Ressources humaines"))
    for url in (map_page.url, service.url):
        assert "Local syndical" in client.get(url).content.decode()


def test_a_facility_page_does_not_name_a_restricted_service(agent_client, map_page):
    place = facility(map_page, "Gymnase Jean-Moulin", publish=True)
    crisis = make_service("Cellule de crise", "CC")
    FacilityService.objects.create(facility=place, service=crisis)
    FacilityService.objects.create(facility=place, service=make_service("Sports"))
    restrict_to_group(crisis)
    html = agent_client.get(place.url).content.decode()
    assert "Sports" in html and "Cellule de crise" not in html
