"""Actualités lists every news item an agent may read, from the channels and from the services:
newest first, a page at a time, filtered by channel, service, month or period (odd values ignored),
with the editor's image as a responsive thumbnail, in a number of queries that does not grow with
the number of items."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from home.demo import ensure_child, ensure_home_page
from home.models import Section, SectionPage, ServicePage
from newsfeeds.listing import PER_PAGE
from newsfeeds.models import NewsItemPage
from tests.conftest import restrict_to_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def service():
    services = ensure_child(ensure_home_page(), SectionPage, slug="services", title="Services",
                            section=Section.SERVICES)
    return ensure_child(services, ServicePage, slug="dsi", title="Informatique", acronym="DSI")


@pytest.fixture
def image():
    return get_image_model().objects.create(title="IMG_2041.jpg", description="La nouvelle médiathèque",
                                            file=get_test_image_file())


def publish(parent, title, *, when=None, **fields):
    item = parent.add_child(instance=NewsItemPage(title=title, slug=title.lower().replace(" ", "-"),
                                                  published_at=when or timezone.now(), **fields))
    item.save_revision().publish()
    return item


def listed(response):
    return [item.title for item in response.context["items"]]


def test_the_list_holds_channel_and_service_news_newest_first(reader_client, bouquet, channel, service):
    now = timezone.now()
    publish(channel, "Ancienne", when=now - timedelta(days=3))
    publish(service, "Du service", when=now - timedelta(days=1))
    publish(channel, "Récente", when=now)
    response = reader_client.get(bouquet.url)
    assert listed(response) == ["Récente", "Du service", "Ancienne"]
    assert "Informatique" in response.content.decode()


def test_the_list_is_paged_and_an_odd_page_number_is_bounded(reader_client, bouquet, channel):
    for number in range(PER_PAGE + 3):
        publish(channel, f"Article {number}", when=timezone.now() - timedelta(hours=number))
    assert len(listed(reader_client.get(bouquet.url))) == PER_PAGE
    assert listed(reader_client.get(bouquet.url, {"page": 2})) == ["Article 20", "Article 21", "Article 22"]
    for odd in ("9" * 400, "-1", "abc", "\x00"):
        response = reader_client.get(bouquet.url, {"page": odd})
        assert response.status_code == 200 and response.context["items"].number in (1, 2)


def test_filters_by_channel_and_by_service(reader_client, bouquet, channel, make_channel, service):
    other = make_channel(slug="numerique", title="Numérique")
    publish(channel, "Presse")
    publish(other, "Cybersécurité")
    publish(service, "Messagerie")
    publish(other, "Envoyé par la DSI", service=service)
    assert listed(reader_client.get(bouquet.url, {"canal": other.pk})) == ["Envoyé par la DSI", "Cybersécurité"]
    assert listed(reader_client.get(bouquet.url, {"service": service.pk})) == ["Envoyé par la DSI", "Messagerie"]
    assert set(listed(reader_client.get(bouquet.url, {"canal": "x", "service": "9" * 50}))) == {
        "Presse", "Cybersécurité", "Messagerie", "Envoyé par la DSI"}


def test_filters_by_month_or_by_period_in_the_town_time_zone(reader_client, bouquet, channel):
    paris = timezone.get_current_timezone()
    publish(channel, "Fin novembre", when=datetime(2026, 11, 30, 23, 30, tzinfo=paris))
    publish(channel, "Premier décembre", when=datetime(2026, 12, 1, 0, 30, tzinfo=paris))
    publish(channel, "Mi-décembre", when=datetime(2026, 12, 15, 12, 0, tzinfo=paris))
    response = reader_client.get(bouquet.url, {"mois": "2026-12"})
    assert listed(response) == ["Mi-décembre", "Premier décembre"]
    assert "Décembre 2026" in response.content.decode() and "Novembre 2026" in response.content.decode()
    assert listed(reader_client.get(bouquet.url, {"du": "2026-11-30", "au": "2026-12-01"})) == [
        "Premier décembre", "Fin novembre"]
    assert len(listed(reader_client.get(bouquet.url, {"mois": "2026-13", "du": "2026-02-30"}))) == 3


def test_paging_links_keep_the_filters(reader_client, bouquet, channel):
    for number in range(PER_PAGE + 1):
        publish(channel, f"Article {number}", when=timezone.now() - timedelta(hours=number))
    html = reader_client.get(bouquet.url, {"canal": channel.pk, "du": "2000-01-01"}).content.decode()
    assert f"?canal={channel.pk}&amp;du=2000-01-01&amp;page=2" in html


def test_a_restricted_channel_is_neither_listed_nor_offered_nor_counted(reader_client, bouquet, channel,
                                                                        make_channel, make_user, client):
    secret = make_channel(slug="rh", title="Ressources humaines internes")
    publish(secret, "Réservé RH")
    publish(channel, "Pour tous")
    restrict_to_group(secret)
    response = reader_client.get(bouquet.url)
    assert listed(response) == ["Pour tous"] and response.context["items"].paginator.count == 1
    assert "Ressources humaines internes" not in response.content.decode()
    assert listed(reader_client.get(bouquet.url, {"canal": secret.pk})) == []
    member = make_user("membre_rh", "Ressources humaines")
    client.force_login(member)
    assert "Réservé RH" in listed(client.get(bouquet.url))


def test_the_lead_image_is_a_responsive_thumbnail_with_its_alternative_text(reader_client, bouquet, channel,
                                                                            image, service):
    item = publish(channel, "Inauguration", image=image)
    publish(service, "Du service aussi", image=image)
    html = reader_client.get(bouquet.url).content.decode()
    assert html.count('class="news-thumbnail"') == 2
    assert 'alt="La nouvelle médiathèque"' in html and "IMG_2041" not in html
    assert 'srcset="' in html and " 320w" in html and " 640w" in html
    assert 'height="180"' in html and 'width="320"' in html
    assert 'class="news-thumbnail"' in reader_client.get(channel.url).content.decode()
    assert 'class="news-thumbnail"' in reader_client.get(service.url).content.decode()
    assert 'alt="La nouvelle médiathèque"' in reader_client.get(item.url).content.decode()


def test_an_item_without_image_shows_no_thumbnail(reader_client, bouquet, channel):
    publish(channel, "Sans image")
    assert "news-thumbnail" not in reader_client.get(bouquet.url).content.decode()


def test_the_list_costs_the_same_queries_for_2_and_30_items(reader_client, bouquet, channel, make_channel,
                                                           service, image, django_assert_max_num_queries):
    other = make_channel(slug="numerique", title="Numérique")

    def add(count, start):
        for number in range(start, start + count):
            parent = (channel, other, service)[number % 3]
            publish(parent, f"Article {number}", image=image if number % 2 else None, service=service)

    def count_queries():
        reader_client.get(bouquet.url)  # renditions are made once, on the first view
        with django_assert_max_num_queries(60) as captured:
            response = reader_client.get(bouquet.url)
        assert response.status_code == 200
        return len(captured.captured_queries)

    add(2, 0)
    few = count_queries()
    add(28, 2)
    assert count_queries() == few
