"""Query-string parameters are read once and bounded: odd values are ignored, never an error."""

import datetime

import pytest

from core.params import MAX_INT, YEARS, choice, iso_date, page_number, positive_int, search_text, year_month


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


@pytest.mark.parametrize("value", [None, "", "2026-02-30", "2026-13-01", "0999-01-01", "9999-01-01", "2026-1-1",
                                   "2026-01-01x", "٢٠٢٦-01-01", "2026-01-01" * 1000])
def test_an_invalid_day_is_ignored(value):
    assert iso_date(value) is None


def test_a_valid_day_is_read():
    assert iso_date(" 2026-12-01 ") == datetime.date(2026, 12, 1)


@pytest.mark.parametrize("value", [None, "", "2026-00", "2026-13", "9999-01", "2026-1", "2026-011", "x"])
def test_an_invalid_month_is_ignored(value):
    assert year_month(value) is None


def test_a_valid_month_is_read():
    assert year_month("2026-12") == (2026, 12)
