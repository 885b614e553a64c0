"""Home page blocks that other apps' content fills, each app adding its own with the Wagtail hook
`portal_home_blocks` (council: the notes to read, the next session, the latest notes; library: the
new acquisitions; shown by the hooks' `order`, 10 to 40).

A block is a function `(request, *, now, private_q) -> dict | None` returning {"key", "title",
"items": [{"title", "url", "meta", "acknowledge_url"}], "more_url", "pinned"} (`pinned` blocks come
first on a phone), or None when it has nothing to show. Each costs a fixed number of queries. An
item's `acknowledge_url` shows a « J'ai pris connaissance » button posting there.
"""

import logging

from wagtail import hooks

logger = logging.getLogger(__name__)


def extension_blocks(request, *, now, private_q):
    blocks = []
    for extension in hooks.get_hooks("portal_home_blocks"):
        try:
            block = extension(request, now=now, private_q=private_q)
        except Exception:
            # Another app's change must not take the agents' home page down with it.
            logger.exception("Bloc d'accueil %s en échec", extension.__name__)
            continue
        if block:
            blocks.append(block)
    return blocks
