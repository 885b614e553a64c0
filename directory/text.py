"""The directory's search words: folded like what is stored (`mairie_site.text.fold_words`)."""

from mairie_site.text import fold_words


def search_tokens(query, max_length=200):
    """The distinct folded words of a query, capped so a pasted novel cannot cost a full scan per word."""
    words = fold_words((query or "")[:max_length]).split()
    return list(dict.fromkeys(words))[:8]
