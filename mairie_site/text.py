"""Folding text for matching, shared by every search of the intranet: "Hélène", "HELENE" and
"helene" fold alike. What is stored and what is asked must be folded by the same function."""

import re

from anyascii import anyascii

_NON_WORD = re.compile(r"[^0-9a-z]+")


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
