"""Channels, items and services for the portal's tests, built through Wagtail's tree API."""

from datetime import timedelta

import pytest
from django.utils import timezone

from home.demo import ensure_child, section_root
from home.models import Section, ServicePage
from newsfeeds.models import ChannelIndexPage, ChannelPage, NewsItemPage


@pytest.fixture
def bouquet(site_tree):
    return ensure_child(section_root(Section.NEWS), ChannelIndexPage, slug="bouquet-test", title="Bouquet de test")


@pytest.fixture
def make_channel(bouquet):
    def make(slug, title=None, description=""):
        return ensure_child(bouquet, ChannelPage, slug=slug, title=title or slug.capitalize(), description=description)

    return make


@pytest.fixture
def make_item():
    counter = {"n": 0}

    def make(channel, title, *, age=timedelta(hours=1), service=None, summary="Résumé de l'article."):
        counter["n"] += 1
        return channel.add_child(
            instance=NewsItemPage(
                title=title,
                slug=f"article-{counter['n']}",
                summary=summary,
                service=service,
                published_at=timezone.now() - age,
            )
        )

    return make


@pytest.fixture
def service_pages(site_tree):
    return list(ServicePage.objects.child_of(section_root(Section.SERVICES)).order_by("path"))
