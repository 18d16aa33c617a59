"""The Offers tab's form refuses bad figures with one sentence naming the box (issue 15,
item 6): nothing typed is flipped, clipped or moved to another field. Through the tab's
handlers, as the UI calls them."""

from __future__ import annotations

import pytest

from coach.errors import InputError
from coach.offers.model import RSUGrant
from coach.ui.offers_tab import MIN_GRANT_VALUE, FormOffer, check_offers, safe_check

ROLE = {"company": "Acme", "role": "ML engineer", "level": "senior", "location": "Seattle"}


def _form(**boxes: str) -> FormOffer:
    return FormOffer(**{**ROLE, "base": "185k", **boxes})


@pytest.mark.parametrize(
    ("boxes", "message"),
    [
        # Negatives: refused, never scored as their positive.
        ({"base": "-185000"}, "Base: '-185000' is negative"),
        ({"base": "-185k"}, "Base: '-185k' is negative"),
        ({"bonus_pct": "-15"}, "Target bonus %: '-15' is negative"),
        ({"bonus_pct": "-15%"}, "Target bonus %: '-15%' is negative"),
        ({"sign_on": "-20k"}, "Sign-on: '-20k' is negative"),
        ({"grant_value": "-400k"}, "Equity grant value: '-400k' is negative"),
        # Zero: not an amount to score.
        ({"base": "0"}, "base salary of $0 a year is too low"),
        ({"bonus_pct": "0"}, "Target bonus %: 0% is not a bonus"),
        ({"sign_on": "0"}, "Sign-on: 0 is not an amount to score"),
        ({"grant_value": "$0"}, "Equity grant value: 0 is not an amount to score"),
        # Absurd: a missing "k", an extra zero, a 300% bonus, a share price as a grant.
        ({"base": "$5"}, "base salary of $5 a year is too low"),
        ({"base": "50M"}, "base salary of $50,000,000 is above $5,000,000"),
        ({"bonus_pct": "300"}, "bonus target of 300% is above 200%"),
        ({"bonus_pct": "300%"}, "bonus target of 300% is above 200%"),
        ({"bonus_pct": "$20k"}, "Target bonus %: '$20k' is not a percentage"),
        ({"bonus_pct": "nan"}, "Target bonus %: 'nan' is not a percentage"),
        ({"grant_value": "$35"}, "Equity grant value: $35 is too little to be a grant's value"),
        ({"sign_on": "60M"}, "sign-on bonus of $60,000,000 is above $50,000,000"),
        ({"base": "lots"}, "Base: 'lots' is not an amount I can read"),
        # The descriptive boxes are checked too.
        ({"level": "wizard"}, "Unknown level 'wizard'"),
        ({"company": "A" * 200}, "The company 'AAAA"),
    ],
)
def test_a_bad_box_is_one_sentence_naming_it(boxes: dict[str, str], message: str) -> None:
    result = safe_check(_form(**boxes), "", "", "")
    assert result.markdown.startswith("⚠️"), result.markdown[:200]
    assert message in result.markdown
    assert "\n" not in result.markdown  # one sentence, no report under it
    assert result.charts == [] and result.comparison_chart is None
    with pytest.raises(InputError):
        check_offers(_form(**boxes), "")


def test_a_bad_form_is_refused_even_beside_a_good_pasted_offer() -> None:
    result = safe_check(_form(sign_on="-20k"), "170k base", "", "")
    assert result.markdown.startswith("⚠️ Sign-on: '-20k' is negative")


def test_good_boxes_are_read_each_into_its_own_field() -> None:
    offer = _form(bonus_pct="15%", grant_value="$400,000", sign_on="20k").to_offer()
    assert offer is not None
    assert offer.base == 185_000
    assert offer.bonus is not None and offer.bonus.target_percent == 15
    assert offer.equity == RSUGrant(value=400_000)
    assert offer.sign_on is not None and offer.sign_on.amount == 20_000
    assert (offer.company, offer.role, offer.level, offer.location) == (
        "Acme",
        "ML engineer",
        "senior",
        "Seattle",
    )


def test_the_smallest_grant_the_form_takes_is_scored() -> None:
    result = check_offers(_form(grant_value=str(MIN_GRANT_VALUE)), "")
    assert not result.markdown.startswith("⚠️")
    assert "Initial equity grant" in result.markdown


def test_an_empty_base_means_no_form_offer() -> None:
    assert FormOffer(role="ML engineer", bonus_pct="-15").to_offer() is None
    result = safe_check(FormOffer(), "", "", "")
    assert result.markdown.startswith("⚠️ Enter an offer")
