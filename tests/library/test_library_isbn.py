import pytest

from core.text import fold_words
from library.isbn import normalize_isbn


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2-07-036822-X", "9782070368228"),
        ("207036822x", "9782070368228"),
        ("2-07-036822-3", None),  # wrong check digit
        ("978-2-07-036822-8", "9782070368228"),
        ("978 2 07 036822 8", "9782070368228"),
        ("2-07-040850-7 (br.)", "9782070408504"),
        ("9782070408504 : 7 EUR", "9782070408504"),
        ("0-684-80122-1", "9780684801223"),
        ("080442957X", "9780804429573"),
        ("978-2-07-036822-9", None),
        ("not an isbn", None),
        ("", None),
    ],
)
def test_isbn_is_normalised_to_isbn13_or_refused(raw, expected):
    assert normalize_isbn(raw) == expected


def test_folding_ignores_accents_case_ligatures_and_punctuation():
    assert fold_words("L'Élève, CŒUR-à-cœur !") == "l eleve coeur a coeur"


def test_query_words_lose_their_articles_unless_nothing_else_is_left():
    from library.text import search_terms

    assert search_terms("Le Petit Prince") == ["petit", "prince"]
    assert search_terms("Les") == ["les"]
