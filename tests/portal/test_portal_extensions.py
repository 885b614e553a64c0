"""Home blocks filled by other apps: each app plugs its own in with the `portal_home_blocks` hook (the
agent's own) or `portal_shared_home_blocks` (shared, cached per set of refused pages), and portal
lists none of them."""

import pytest
from django.core.cache import cache
from wagtail import hooks

from portal import extensions

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


def test_the_apps_blocks_come_in_the_home_pages_order_the_agents_own_first():
    def names(hook):
        return [f"{block.__module__}.{block.__name__}" for block in hooks.get_hooks(hook)]

    assert names("portal_home_blocks") == ["council.home_blocks.notes_to_read"]
    assert names("portal_shared_home_blocks") == [
        "council.home_blocks.next_session",
        "council.home_blocks.latest_notes",
        "library.home_blocks.new_acquisitions",
    ]


def test_shared_blocks_are_built_once_per_set_of_refused_pages_and_never_shared_across_sets(rf, agent):
    built = []

    def shared(request, *, now, private_q):
        built.append(private_q)
        return {"key": "partage", "title": f"bloc {len(built)}", "items": []}

    request = rf.get("/")
    request.user = agent
    with hooks.register_temporarily("portal_shared_home_blocks", shared):
        seeing_all = extensions.extension_blocks(request, now=None, refused=[])
        again = extensions.extension_blocks(request, now=None, refused=[])
        refused_one = extensions.extension_blocks(request, now=None, refused=["000100010002"])
    titles = [[block["title"] for block in blocks if block["key"] == "partage"]
              for blocks in (seeing_all, again, refused_one)]  # fmt: skip
    assert titles == [["bloc 1"], ["bloc 1"], ["bloc 2"]]
    assert len(built) == 2  # once per set of refused pages


def test_a_failing_block_is_skipped_and_the_home_page_still_answers(agent_client):
    def broken(request, *, now, private_q):
        raise KeyError("champ renommé")

    with hooks.register_temporarily("portal_home_blocks", broken):
        response = agent_client.get("/")
    assert response.status_code == 200
    assert 'data-testid="portal"' in response.content.decode()
