"""Editors (Rédaction) manage facilities in the admin; the point must lie inside the town."""

import pytest
from django.urls import reverse
from places_factories import configure_town
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from home.roles import EDITORS
from places import demo
from places.models import FacilityPage, MapPage


@pytest.fixture
def editor_client(client, make_user, site_tree):
    configure_town()
    client.force_login(make_user("redac", EDITORS))
    return client


def facility_form(**overrides):
    data = {
        "title": "Gymnase Marie-Paradis",
        "slug": "gymnase-marie-paradis",
        "theme": "sportif",
        "facility_type": "Gymnase",
        "equipment_code": "05010101-002",
        "street_number": "52",
        "street_name": "avenue du Val-Fleuri",
        "postcode": "93800",
        "commune": "Bellerive-sur-Seine",
        "latitude": "48.952",
        "longitude": "2.305",
        "opening_hours": "Mo-Fr 08:00-22:00; PH off",
        "service_links": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("places", "facilitypage", parent.pk))


def test_editor_creates_a_facility_under_the_map(editor_client):
    map_page = demo.ensure_map_page()
    response = editor_client.post(add_url(map_page), facility_form())
    assert response.status_code == 302, response.content.decode()[:2000]
    page = FacilityPage.objects.get(slug="gymnase-marie-paradis")
    assert page.live and page.get_parent().pk == map_page.pk


def test_editor_gets_a_clear_message_for_a_point_outside_the_town(editor_client):
    map_page = demo.ensure_map_page()
    response = editor_client.post(add_url(map_page), facility_form(latitude="48.8566", longitude="2.3522"))
    assert response.status_code == 200
    assert "hors du territoire de la commune" in response.content.decode()
    assert not FacilityPage.objects.exists()


def test_editor_gets_a_clear_message_for_invalid_opening_hours(editor_client):
    map_page = demo.ensure_map_page()
    response = editor_client.post(add_url(map_page), facility_form(opening_hours="lundi 9h-12h"))
    assert response.status_code == 200
    assert "syntaxe OpenStreetMap" in response.content.decode()
    assert not FacilityPage.objects.exists()


def test_editor_form_carries_the_point_picker(editor_client):
    map_page = demo.ensure_map_page()
    html = editor_client.get(add_url(map_page)).content.decode()
    assert 'id="places-admin-map-options"' in html
    assert "places/admin_picker" in html


def test_map_page_only_accepts_facilities_and_facilities_only_live_under_a_map():
    assert MapPage.allowed_subpage_models() == [FacilityPage]
    assert FacilityPage.allowed_parent_page_models() == [MapPage]
