"""The catalogue search's words, folded like what the importer stores (`core.text.fold_words`)."""

from core.text import words

# Articles and prepositions that match nearly every French title: dropped from a query that has other words.
STOP_WORDS = {"l", "le", "la", "les", "d", "de", "des", "du", "un", "une", "et", "a", "au", "aux", "en", "the", "of"}


def search_terms(query, limit=10):
    """The folded words of a query, without stop words unless it has nothing else (at most `limit`)."""
    found = words(query)
    meaningful = [word for word in found if word not in STOP_WORDS]
    return (meaningful or found)[:limit]
