"""Text folding shared by the importer (what is stored) and the search (what is asked)."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")
_LIGATURES = str.maketrans(
    {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o", "đ": "d", "ł": "l"}
)


class _Unaccented(dict):
    """A str.translate table filled as characters are met: each one decomposed (NFKD), its marks dropped.

    Decomposing character by character gives the same letters as decomposing the whole text
    (the marks it would reorder are dropped anyway), and a catalogue uses a few hundred
    distinct characters: an import folds each one once, not once per word.
    """

    def __missing__(self, code):
        value = "".join(c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c))
        if len(self) < 10_000:
            self[code] = value
        return value


_UNACCENTED = _Unaccented(_LIGATURES)


def fold(text):
    """Lower-case, accents and punctuation removed, words separated by one space.

    Stored with spaces at both ends so that a word can be matched from its start (" eleve").
    """
    if not text:
        return ""
    text = str(text)
    text = text.lower() if text.isascii() else text.translate(_UNACCENTED).lower()
    return _NON_WORD.sub(" ", text).strip()


# Articles and prepositions that match nearly every French title: dropped from a query that has other words.
STOP_WORDS = {"l", "le", "la", "les", "d", "de", "des", "du", "un", "une", "et", "a", "au", "aux", "en", "the", "of"}


def search_terms(query, limit=10):
    """The folded words of a query, without stop words unless it has nothing else (at most `limit`)."""
    words = [word for word in fold(query).split(" ") if word]
    meaningful = [word for word in words if word not in STOP_WORDS]
    return (meaningful or words)[:limit]
