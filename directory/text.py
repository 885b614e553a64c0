"""The directory's search words: folded like what is stored (`core.text.fold_words`)."""

from core.text import words


def search_tokens(query, max_length=200):
    """The distinct folded words of a query, capped so a pasted novel cannot cost a full scan per word."""
    return words(query, max_length=max_length, limit=8)
