"""Text as every app reads it: folding for matching ("Hélène", "HELENE" and "helene" fold alike;
what is stored and what is asked must be folded by the same function), words of a query, and HTML
turned into plain text."""

import html
import re

import nh3
from anyascii import anyascii

_NON_WORD = re.compile(r"[^0-9a-z]+")
# A word as written, accents kept: what a stemmer reads before the word is folded.
TOKEN = re.compile(r"\w+", re.UNICODE)
_WHITESPACE = re.compile(r"\s+")
# Dropped with everything inside them, not only the tags.
DROPPED_WITH_CONTENT = {"script", "style", "svg", "math", "iframe", "object", "embed", "form", "noscript", "template"}
# Tags that separate words: their text must not be glued to the next block's ("lien" + "Civil").
_BLOCK_TAG = re.compile(
    r"<(?=/?(?:address|article|aside|blockquote|br|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|ol|p|"
    r"pre|section|table|tbody|td|tfoot|th|thead|tr|ul)\b)",
    re.IGNORECASE,
)


class _Folded(dict):
    """A str.translate table filled as characters are met: each one transliterated to ASCII by
    anyascii (é → e, œ → oe, ß → ss, Cyrillic and Greek to Latin letters). A text uses a few hundred
    distinct characters: an import of 100,000 records folds each one once, not once per word."""

    def __missing__(self, code):
        value = anyascii(chr(code))
        if len(self) < 10_000:
            self[code] = value
        return value


_FOLDED = _Folded()


def fold(text):
    """Lower case without accents, punctuation kept ("L'Élève" → "l'eleve")."""
    if not text:
        return ""
    text = str(text)
    return (text if text.isascii() else text.translate(_FOLDED)).lower()


def fold_words(text):
    """Folded words separated by single spaces, punctuation dropped ("L'Élève, CŒUR" → "l eleve coeur")."""
    return _NON_WORD.sub(" ", fold(text)).strip()


def words(text, *, max_length=200, limit=None):
    """The distinct folded words of a query, in order: at most `max_length` characters are read
    (a pasted novel costs nothing) and at most `limit` words kept."""
    found = list(dict.fromkeys(fold_words((text or "")[:max_length]).split()))
    return found[:limit] if limit else found


def tokens(text):
    """The words of `text` as written (accents and case kept), for stemming: "L'Élève" → ["L", "Élève"]."""
    return TOKEN.findall(text or "")


def html_to_text(fragment, max_length=None):
    """Text without markup (titles, summaries, snippets), entities decoded, blocks separated by a
    space, scripts and styles dropped with their content; cut at `max_length` with an ellipsis.
    Django escapes the result when rendering."""
    if not fragment:
        return ""
    fragment = _BLOCK_TAG.sub(" <", str(fragment))
    text = html.unescape(nh3.clean(fragment, tags=set(), clean_content_tags=DROPPED_WITH_CONTENT))
    text = _WHITESPACE.sub(" ", text).strip()
    if max_length and len(text) > max_length:
        text = text[: max_length - 1].rstrip() + "…"
    return text
