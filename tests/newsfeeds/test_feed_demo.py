"""The demo bouquet loads from the shipped sample feeds, without network, and only once."""

from io import StringIO

import pytest
from wagtail.models import Page

from newsfeeds import demo
from newsfeeds.models import ChannelPage, FeedSource, NewsItemPage

pytestmark = pytest.mark.django_db


def test_demo_builds_the_bouquet_once(site_tree, agent_client):
    demo.load(stdout=StringIO())
    counts = (ChannelPage.objects.count(), FeedSource.objects.count(), NewsItemPage.objects.count())
    assert counts[0] == 5 and counts[1] == 5 and counts[2] >= 20
    assert FeedSource.objects.filter(url="https://www.lagazettedescommunes.com/feed/").exists()
    demo.load(stdout=StringIO())
    assert (ChannelPage.objects.count(), FeedSource.objects.count(), NewsItemPage.objects.count()) == counts
    assert Page.find_problems() == ([], [], [], [], [])
    # Sanitized on the way: the sample script and tracking pixel are gone, tracking parameters too.
    item = NewsItemPage.objects.get(title__startswith="Budget 2027")
    assert "utm_source" not in item.original_url and "pixel" not in item.body and "xtor" not in item.body
    html = agent_client.get(NewsItemPage.objects.get(title__startswith="Cybersécurité").url).content.decode()
    assert 'alert("démo")' not in html and "https://next.ink/exemple/bonnes-pratiques/" in html
    internal = NewsItemPage.objects.get(slug="migration-messagerie")
    assert internal.service.acronym == "DSI" and internal.live


def test_three_services_publish_their_own_news_under_their_page_once(site_tree):
    demo.load_services_own_news()
    demo.load_services_own_news()
    slugs = [slug for slug, *_ in demo.SERVICES_OWN_NEWS]
    news = NewsItemPage.objects.filter(service__slug__in=slugs)
    assert news.count() == 3 and all(item.get_parent().specific.slug == item.service.slug for item in news)
