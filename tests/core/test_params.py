"""Query-string parameters are read once and bounded: odd values are ignored, never an error."""

import pytest

from core.params import MAX_INT, YEARS, choice, page_number, positive_int, search_text


@pytest.mark.parametrize("value", [None, "", "abc", "-3", "0", "1e3", "9" * 5000, "١٢", "²", str(MAX_INT + 1), "3.0"])
def test_an_invalid_or_out_of_range_integer_is_ignored(value):
    assert positive_int(value) is None


def test_a_valid_integer_is_read_within_its_bounds():
    assert positive_int(" 42 ") == 42
    assert positive_int("2024", **YEARS) == 2024
    assert positive_int("9999", **YEARS) is None and positive_int("999", **YEARS) is None


@pytest.mark.parametrize(("value", "expected"), [(None, 1), ("", 1), ("x", 1), ("0", 1), ("-2", 1), ("7", 7),
                                                 ("9" * 400, 10_000), ("10001", 10_000)])
def test_a_page_number_is_at_least_one_and_at_most_the_maximum(value, expected):
    assert page_number(value) == expected


def test_search_text_drops_control_characters_and_is_bounded():
    assert search_text("a\x00b\x1f c\t\n d") == "a b c d"
    assert len(search_text("é" * 100_000)) == 200
    assert search_text(None) == ""


def test_choice_keeps_only_known_values():
    assert choice("date", {"date": 1}) == "date"
    assert choice("autre", {"date": 1}, "pertinence") == "pertinence"
    assert choice(["date"], {"date": 1}) is None
