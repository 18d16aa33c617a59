"""The Offers tab's one-offer form (issue 18, item 7): equity as a grant value or shares ×
price, public or private, a vesting schedule and a cliff; each bad box refused with one
sentence beside it. Through ``safe_check``, as the tab's button calls it."""

from __future__ import annotations

import re

import pytest

from coach.offers.model import RSUGrant, Vesting
from coach.offers.parse import read_cliff, read_offer, read_vesting_terms
from coach.ui.offers_tab import FormOffer, check_offers, safe_check

ROLE = {"company": "Acme", "role": "ML engineer", "level": "senior", "location": "Seattle"}


def _form(**boxes: str) -> FormOffer:
    return FormOffer(**{**ROLE, "base": "185k", **boxes})


def test_shares_times_price_is_the_grant_and_is_shown_before_the_score() -> None:
    result = check_offers(_form(shares="2,000", price="$87.50", vesting="4 years"), "")
    (offer,) = result.offers
    assert offer.equity == RSUGrant(value=175_000)
    shown = result.markdown
    assert "2,000 shares × $87.50 = $175,000" in shown
    score = re.search(r"score \d+/100", shown)
    assert score is not None and shown.index("**From the form**") < score.start()
    assert "| Initial equity grant (vested) | $43,750 | $43,750 | $43,750 | $43,750 |" in shown


def test_a_private_company_grant_is_paper_value_at_the_price_given() -> None:
    result = check_offers(_form(shares="12,500", price="$4.20", company_is="private"), "")
    (offer,) = result.offers
    assert offer.equity == RSUGrant(value=52_500, private=True)
    assert "private company: paper value" in result.markdown
    assert "last 409A, preferred or strike price" in result.markdown
    assert "haircut on private equity" in result.markdown  # the totals after the haircut


def test_empty_vesting_terms_are_assumed_and_said_so() -> None:
    result = check_offers(_form(grant_value="400k", vesting="3 years"), "")
    assert result.offers[0].vesting == Vesting(years=3)
    line = next(x for x in result.markdown.splitlines() if x.startswith("- Vesting:"))
    assert "assumed: monthly after the cliff, a 12-month cliff" in line
    no_schedule = check_offers(_form(grant_value="400k"), "").markdown
    assert "Vesting not given: assumed 4 years with a 12-month cliff" in no_schedule


def test_the_vesting_box_reads_as_the_same_words_in_a_letter() -> None:
    """One reading: the box is read by the offer reader's own vesting reading."""
    for terms in ("4 years, 1 year cliff, monthly", "5/15/40/40", "25% per year"):
        letter = read_offer(f"Seattle: 185k base, $400k RSUs. Vesting: {terms}.")
        form = _form(grant_value="400k", vesting=terms).to_offer()
        assert letter.offer is not None and form is not None
        assert form.vesting == letter.offer.vesting, terms
        assert read_vesting_terms(terms).unread == ""


@pytest.mark.parametrize(
    ("typed", "months"),
    [("12 months", 12), ("1 yr", 12), ("6mo", 6), ("none", 0), ("no cliff", 0), ("9", 9)],
)
def test_a_cliff_as_typed(typed: str, months: int) -> None:
    assert read_cliff(typed) == months


@pytest.mark.parametrize(
    ("boxes", "box", "words"),
    [
        ({"grant_value": "100k/yr"}, "grant_value", "is a yearly amount"),
        (
            {"grant_value": "400k over 3 years", "vesting": "4 years"},
            "grant_value",
            "says 3 years but the vesting schedule 4",
        ),
        ({"grant_value": "400k", "vesting": "5/15/40/40", "cliff": "18 months"}, "cliff", "18"),
        ({"shares": "$2,000", "price": "$10"}, "shares", "is money, not a count"),
        ({"shares": "10", "price": "$5"}, "shares", "too little to be a grant"),
        ({"shares": "2.5", "price": "$500"}, "shares", "not a whole number of shares"),
        ({"shares": "2,000", "price": "-87.50"}, "price", "is negative"),
        ({"shares": "2,000", "price": "eighty"}, "price", "is not a price"),
        ({"grant_value": "400k", "vesting": "4 years bi-weekly"}, "vesting", "bi-weekly"),
        ({"grant_value": "400k", "vesting": "18 months"}, "vesting", "whole years"),
        ({"grant_value": "400k", "vesting": "12 years"}, "vesting", "use 1 to 10"),
        ({"company_is": "maybe"}, "company_is", "not public or private"),
    ],
)
def test_a_bad_box_is_refused_beside_it(boxes: dict[str, str], box: str, words: str) -> None:
    result = safe_check(_form(**boxes), "", "", "")
    assert result.markdown.startswith("⚠️") and result.offers == []
    assert list(result.field_errors) == [box], result.field_errors
    assert words in result.field_errors[box]


def test_every_bad_box_gets_its_own_sentence() -> None:
    result = safe_check(_form(bonus_pct="-5", cliff="soon", shares="-1", price="$3"), "", "x", "")
    assert set(result.field_errors) == {"bonus_pct", "cliff", "shares", "current"}
    assert result.field_errors["current"].startswith("Current base: ")
    assert all(sentence in result.markdown for sentence in result.field_errors.values())


def test_figures_without_a_base_are_not_dropped_without_a_word() -> None:
    result = safe_check(FormOffer(shares="2,000", price="$87.50"), "170k base", "", "")
    assert list(result.field_errors) == ["base"]
    assert "no base salary" in result.field_errors["base"]


def test_a_schedule_with_no_grant_is_said_to_apply_to_nothing() -> None:
    shown = check_offers(_form(vesting="4 years"), "").markdown
    assert "there is no equity grant for it to apply to" in shown


def test_a_bad_paste_is_refused_beside_the_paste_box() -> None:
    result = safe_check(FormOffer(), "a great offer with no numbers", "", "")
    assert list(result.field_errors) == ["pasted"]
    assert "find a base salary" in result.field_errors["pasted"]


def test_a_grant_typed_with_its_period_vests_over_it() -> None:
    (offer,) = check_offers(_form(grant_value="300k over 3 years"), "").offers
    assert offer.equity == RSUGrant(value=300_000) and offer.vesting.years == 3


def test_a_paste_in_a_figure_box_is_refused_before_it_is_read() -> None:
    result = safe_check(_form(grant_value="400k", vesting="9" * 100_000), "", "", "")
    assert list(result.field_errors) == ["vesting"]
    assert "100,000 characters" in result.field_errors["vesting"]
