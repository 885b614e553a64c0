"""Text folding for the directory's search: accents, case and punctuation are ignored."""

import re

from anyascii import anyascii

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text):
    """Return `text` as lowercase ASCII words separated by single spaces ("Hélène" → "helene")."""
    return _NON_ALNUM.sub(" ", anyascii(text or "").lower()).strip()


def search_tokens(query, max_length=200):
    """The distinct folded words of a query, capped so a pasted novel cannot cost a full scan per word."""
    words = fold((query or "")[:max_length]).split()
    return list(dict.fromkeys(words))[:8]
