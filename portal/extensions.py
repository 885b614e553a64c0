"""Home page blocks that other apps' content fills, each app adding its own with a Wagtail hook
(council: the notes to read, the next session, the latest notes; library: the new acquisitions):

- `portal_home_blocks`: blocks that may be the agent's own (the notes they must read), built on
  every visit;
- `portal_shared_home_blocks`: blocks of shared content, filtered by nothing of the agent's but the
  pages refused to them. They are built once for all the agents refused the same pages, and kept
  under the generations the agents' cached blocks watch (portal/home.py), for as long.

The agent's own blocks come first, then the shared ones, each list in its hooks' `order`.
A block is a function `(request, *, now, private_q) -> dict | None` returning {"key", "title",
"items": [{"title", "url", "meta", "acknowledge_url"}], "more_url", "pinned"} (`pinned` blocks come
first on a phone), or None when it has nothing to show. Each costs a fixed number of queries. An
item's `acknowledge_url` shows a « J'ai pris connaissance » button posting there.
"""

import logging

from wagtail import hooks

from core import generations
from core.visibility import signature, under_q

from .services import GLOBAL_GENERATION

logger = logging.getLogger(__name__)
SHARED_BLOCKS_SECONDS = 120


def extension_blocks(request, *, now, refused):
    """The blocks for an agent refused the pages under `refused` (core.visibility.refused_paths)."""
    private_q = under_q(refused)
    shared = generations.cached(
        # Per host: the blocks' links are relative to the request's site.
        f"portal:shared-blocks:{request.get_host()}:{signature(refused)}",
        lambda: _built(hooks.get_hooks("portal_shared_home_blocks"), request, now=now, private_q=private_q),
        generations=[GLOBAL_GENERATION, generations.VISIBILITY],
        timeout=SHARED_BLOCKS_SECONDS,
    )
    return [*_built(hooks.get_hooks("portal_home_blocks"), request, now=now, private_q=private_q), *shared]


def _built(extensions, request, *, now, private_q):
    blocks = []
    for extension in extensions:
        try:
            block = extension(request, now=now, private_q=private_q)
        except Exception:
            # Another app's change must not take the agents' home page down with it.
            logger.exception("Bloc d'accueil %s en échec", extension.__name__)
            continue
        if block:
            blocks.append(block)
    return blocks
