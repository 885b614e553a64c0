"""Fixtures of the public space's tests: the council's builders are shared with tests/council."""

import sys
from pathlib import Path

import pytest

# The council's builders (council_builders.py) build the acts published here.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "council"))

from council_builders import make_members  # noqa: E402

from home import demo  # noqa: E402
from home.models import Section, SectionPage  # noqa: E402


@pytest.fixture
def council_root(db):
    home = demo.ensure_home_page()
    return demo.ensure_child(home, SectionPage, slug="conseil", title="Conseil municipal", section=Section.COUNCIL)


@pytest.fixture
def members(db):
    return make_members(15)


@pytest.fixture
def guest(client):
    """A visitor without a session, as the public and calendar or feed readers are."""
    client.logout()
    return client
