"""Home blocks filled by other apps: each app plugs its own in with the `portal_home_blocks` hook,
and portal lists none of them."""

import pytest
from django.core.cache import cache
from wagtail import hooks

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_the_apps_blocks_come_in_the_home_pages_order():
    blocks = [f"{block.__module__}.{block.__name__}" for block in hooks.get_hooks("portal_home_blocks")]
    assert blocks == [
        "council.home_blocks.notes_to_read",
        "council.home_blocks.next_session",
        "council.home_blocks.latest_notes",
        "library.home_blocks.new_acquisitions",
    ]


def test_a_failing_block_is_skipped_and_the_home_page_still_answers(agent_client):
    def broken(request, *, now, private_q):
        raise KeyError("champ renommé")

    with hooks.register_temporarily("portal_home_blocks", broken):
        response = agent_client.get("/")
    assert response.status_code == 200
    assert 'data-testid="portal"' in response.content.decode()
