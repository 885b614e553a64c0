"""Fixtures of the council tests; the builders live in council_builders.py."""

import pytest
from council_builders import make_members, make_session

from council.models import CouncilIndexPage
from home import demo
from home.models import Section, SectionPage


@pytest.fixture
def council_root(db):
    """Only the home page and the council section: much faster than the whole site_tree."""
    home = demo.ensure_home_page()
    return demo.ensure_child(home, SectionPage, slug="conseil", title="Conseil municipal", section=Section.COUNCIL)


@pytest.fixture
def reader_client(client, make_user):
    client.force_login(make_user("lecteur"))
    return client


@pytest.fixture
def council_index(council_root):
    root = council_root
    index = CouncilIndexPage(title="Conseil municipal", slug="seances")
    root.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def members(db):
    return make_members(33)


@pytest.fixture
def session(council_index, members):
    return make_session(council_index, members, present=25, represented=4)
