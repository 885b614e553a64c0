"""Text folding shared by the importer (what is stored) and the search (what is asked)."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^0-9a-z]+")
_LIGATURES = str.maketrans(
    {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o", "đ": "d", "ł": "l"}
)


def fold(text):
    """Lower-case, accents and punctuation removed, words separated by one space.

    Stored with spaces at both ends so that a word can be matched from its start (" eleve").
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", str(text).translate(_LIGATURES))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return _NON_WORD.sub(" ", text).strip()


# Articles and prepositions that match nearly every French title: dropped from a query that has other words.
STOP_WORDS = {"l", "le", "la", "les", "d", "de", "des", "du", "un", "une", "et", "a", "au", "aux", "en", "the", "of"}


def search_terms(query, limit=10):
    """The folded words of a query, without stop words unless it has nothing else (at most `limit`)."""
    words = [word for word in fold(query).split(" ") if word]
    meaningful = [word for word in words if word not in STOP_WORDS]
    return (meaningful or words)[:limit]
