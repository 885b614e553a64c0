"""The council's blocks on the agents' home page: the latest notes de service, pages the agent is
refused left out."""

import pytest
from django.core.cache import cache
from note_builders import make_note

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_the_latest_notes_show_on_the_home_page(agent_client):
    make_note("NS-T-07", required=False, title="Horaires des services en été")
    html = agent_client.get("/").content.decode()
    assert 'data-testid="block-notes"' in html and "Horaires des services en été" in html
    assert "Note n° NS-T-07" in html


def test_a_note_for_other_groups_stays_off_the_latest_notes(agent_client):
    make_note("NS-T-08", required=False, groups=["Direction"], title="Note de la direction")
    assert "Note de la direction" not in agent_client.get("/").content.decode()
