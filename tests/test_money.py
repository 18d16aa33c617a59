"""The shared money parser: every common way of writing pay, and nothing invented."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.errors import InputError
from coach.money import find_amounts, find_range, format_usd, parse_amount


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("$185,000", 185_000),
        ("185k", 185_000),
        ("185K", 185_000),
        ("1.2M", 1_200_000),
        ("185 thousand", 185_000),
        ("185000", 185_000),
        ("$185k", 185_000),
        ("USD 185,000", 185_000),
        ("0.5m", 500_000),
        ("2.5 million", 2_500_000),
    ],
)
def test_parse_amount_forms(text: str, value: int) -> None:
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["", "  ", "abc", "185 apples", "k", "$"])
def test_unreadable_amount_is_a_plain_error(text: str) -> None:
    with pytest.raises(InputError):
        parse_amount(text)


def test_negative_amount_is_refused() -> None:
    with pytest.raises(InputError, match="negative"):
        parse_amount("-5000")


def test_amounts_in_an_offer_sentence() -> None:
    text = "185k base, 15% bonus, $400k RSUs over 4 years, 20k sign-on"
    assert [a.value for a in find_amounts(text)] == [185_000, 400_000, 20_000]
    first = find_amounts(text)[0]
    assert text[first.start : first.end] == "185k"


@pytest.mark.parametrize(
    "text",
    [
        "I had 2 offers in 2025",
        "a 15% bonus over 4 years",
        "0.1% equity",
        "20 days PTO",
        "5000 shares",
    ],
)
def test_counts_percentages_and_years_are_not_money(text: str) -> None:
    assert find_amounts(text) == []


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("my range is $150k-$170k", 150_000, 170_000),
        ("150 to 170k", 150_000, 170_000),
        ("$160,000 – $180,000", 160_000, 180_000),
        ("between 150 and 170 thousand", 150_000, 170_000),
    ],
)
def test_ranges(text: str, low: int, high: int) -> None:
    found = find_range(text)
    assert found is not None
    assert (found.low.value, found.high.value) == (low, high)


def test_no_range_in_a_single_amount() -> None:
    assert find_range("I want 180k") is None


def test_format_usd() -> None:
    assert format_usd(185000) == "$185,000"


@given(st.integers(min_value=1, max_value=10**9))
def test_formatted_amounts_read_back(value: int) -> None:
    assert parse_amount(format_usd(value)) == value
    assert [a.value for a in find_amounts(f"they offered {format_usd(value)} base")] == [value]


@given(st.text(max_size=200))
def test_any_text_is_safe(text: str) -> None:
    for amount in find_amounts(text):
        assert amount.value >= 0
        assert text[amount.start : amount.end]
