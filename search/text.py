"""French text handling for queries and snippets: elisions, accents, highlighting."""

import re

from django.utils.html import escape

from core.params import search_text
from core.text import fold, html_to_text, words

MAX_QUERY_LENGTH = 200
# Shorter words are matched whole, longer ones also as the beginning of a word (« canton » finds
# « cantonal »), on the database (search.fulltext) and on the engines (search.backends).
MIN_PREFIX = 3
ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)['’]", re.IGNORECASE)
# In escaped HTML, a word right after & or # is part of an entity (&amp; &#x27;), not text.
TEXT_WORD = re.compile(r"(?<![&#\w])\w+", re.UNICODE)


def clean_query(raw):
    """The query as the engine should see it: at most 200 characters, no control character, elisions removed."""
    query = search_text(raw, max_length=MAX_QUERY_LENGTH)
    return " ".join(ELISION.sub("", query).split())


def query_terms(query):
    """The query's folded words of two letters or more (core.text.words)."""
    return [word for word in words(query, max_length=MAX_QUERY_LENGTH) if len(word) > 1]


def highlight(text, query, width=220):
    """An HTML-escaped extract of `text` around the first query term, terms wrapped in <mark>."""
    plain = html_to_text(text)
    terms = query_terms(query)
    if not plain:
        return ""
    folded = fold(plain)
    # anyascii may change lengths (œ → oe); positions are only exact for same-length folding.
    same_length = len(folded) == len(plain)
    start = 0
    if same_length:
        positions = [folded.find(term) for term in terms if folded.find(term) >= 0]
        if positions:
            start = max(0, min(positions) - width // 3)
    extract = plain[start : start + width]
    html = escape(extract)
    if same_length:
        for term in sorted(set(terms), key=len, reverse=True):
            html = _mark(html, term)
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + width < len(plain) else ""
    return prefix + html + suffix


def _mark(html, term):
    """Wrap every word of `html` that starts with `term` (accents ignored) in <mark>."""

    def replace(match):
        word = match.group(0)
        return f"<mark>{word}</mark>" if fold(word).startswith(term) else word

    return TEXT_WORD.sub(replace, html)
