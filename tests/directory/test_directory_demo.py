"""The demo directory loads, is idempotent and is what the issue promises."""


import pytest

from directory import demo
from directory.chart import build_chart
from directory.models import Agent, DirectoryPage, Service
from home.demo import DEMO_USERS, load_tree, load_users


@pytest.fixture
def demo_users(site_tree):
    load_tree()
    load_users("motdepasse")


def test_demo_loads_about_300_agents_with_a_chart_and_photos(demo_users):
    demo.load()
    assert 280 <= Agent.objects.count() <= 320
    [root] = build_chart()
    assert root.service.code == "dgs" and root.head is not None
    assert root.total == Agent.objects.visible().count()
    photos = Agent.objects.filter(photo__isnull=False)
    assert photos.count() >= 3 and all(a.photo_consent for a in photos)
    assert Agent.objects.get(user__username="agent").full_name == "{} {}".format(*DEMO_USERS[0][1:3])
    assert Service.objects.get(code="etat-civil").service_page.slug == "etat-civil"
    assert (
        not Agent.objects.filter(manager__isnull=True)
        .exclude(service__code="dgs")
        .exclude(matricule__startswith="D00")
        .exists()
    )


def test_demo_runs_twice_without_change(demo_users):
    demo.load()
    counts = (Agent.objects.count(), Service.objects.count(), DirectoryPage.objects.count())
    demo.load()
    assert (Agent.objects.count(), Service.objects.count(), DirectoryPage.objects.count()) == counts
