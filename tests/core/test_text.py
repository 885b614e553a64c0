"""One folding for every search of the intranet (site search, directory, catalogue): what is stored
and what is asked fold alike."""

import pytest

from core.text import fold, fold_words


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Hélène", "helene"),
        ("L'Élève", "l'eleve"),
        ("CŒUR-à-cœur", "coeur-a-coeur"),
        ("Straße", "strasse"),
        ("Łukasz Ørsted", "lukasz orsted"),
        ("Москва", "moskva"),
        ("", ""),
        (None, ""),
    ],
)
def test_fold_lowers_and_drops_accents_keeping_punctuation(text, folded):
    assert fold(text) == folded


def test_fold_words_keeps_only_words_separated_by_single_spaces():
    assert fold_words("  L'Élève, CŒUR-à-cœur ! (n. 12) ") == "l eleve coeur a coeur n 12"


def test_site_directory_and_catalogue_searches_fold_alike():
    from directory.text import search_tokens
    from library.text import search_terms
    from search.text import query_terms

    assert search_tokens("Hélène Dupré") == search_terms("Hélène Dupré") == query_terms("Hélène Dupré")


def test_tokens_keep_words_as_written_for_the_stemmer():
    from core.text import tokens

    assert tokens("L'Élève, CŒUR-à-cœur !") == ["L", "Élève", "CŒUR", "à", "cœur"]
    assert tokens("") == tokens(None) == []
