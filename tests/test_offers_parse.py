"""Reading offers from what people type and from JSON/YAML files; nothing guessed."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.errors import InputError
from coach.offers import EmployerType, load_offer, offer_from_data, parse_offer
from coach.offers.model import OptionGrant, PercentGrant, RSUGrant
from coach.offers.parse import read_offer

REPO = Path(__file__).resolve().parents[1]


def test_the_issue_example() -> None:
    result = parse_offer("185k base, 15% bonus, 400k RSUs over 4 years, 20k sign-on")
    offer = result.offer
    assert offer is not None
    assert offer.base == 185_000
    assert offer.bonus is not None and offer.bonus.target_percent == 15
    assert isinstance(offer.equity, RSUGrant) and offer.equity.value == 400_000
    assert offer.vesting.years == 4
    assert offer.sign_on is not None and offer.sign_on.amount == 20_000
    assert result.unparsed == []


@pytest.mark.parametrize(
    "text",
    [
        "$185,000 base",
        "185k base",
        "185K base",
        "base 185k",
        "base salary of $185,000",
        "185 thousand base",
        "Base Salary: $185,000",
        "salary 185000",
    ],
)
def test_base_in_every_common_form(text: str) -> None:
    offer = parse_offer(text).offer
    assert offer is not None and offer.base == 185_000


def test_millions_for_equity() -> None:
    offer = parse_offer("base 250k, 1.2M RSUs").offer
    assert isinstance(offer.equity, RSUGrant)  # type: ignore[union-attr]
    assert offer.equity.value == 1_200_000  # type: ignore[union-attr]


def test_bonus_as_amount_and_payout_history() -> None:
    offer = parse_offer("base 190k, bonus 20k").offer
    assert offer.bonus.target_amount == 20_000  # type: ignore[union-attr]
    offer = parse_offer("base 190k, 15% bonus with 80% payout history").offer
    assert offer.bonus.target_percent == 15  # type: ignore[union-attr]
    assert offer.bonus.payout_percent == 80  # type: ignore[union-attr]


def test_sign_on_with_clawback_relocation_pto_and_remote() -> None:
    offer = parse_offer(
        "base 190k, sign-on 20k with 12-month clawback, relocation 10k, 25 days PTO, remote"
    ).offer
    assert offer is not None
    assert offer.sign_on.amount == 20_000  # type: ignore[union-attr]
    assert offer.sign_on.clawback_months == 12  # type: ignore[union-attr]
    assert offer.relocation == 10_000
    assert offer.pto_days == 25
    assert offer.remote == "remote"


def test_percent_of_company_at_a_valuation() -> None:
    offer = parse_offer("0.2% equity at a $500M valuation, 160k base").offer
    assert isinstance(offer.equity, PercentGrant)  # type: ignore[union-attr]
    assert offer.equity.percent == 0.2  # type: ignore[union-attr]
    assert offer.equity.valuation == 500_000_000  # type: ignore[union-attr]


def test_options_with_strike_and_409a() -> None:
    offer = parse_offer("10,000 options at $2 strike, 409A $6, base 150k").offer
    equity = offer.equity  # type: ignore[union-attr]
    assert isinstance(equity, OptionGrant)
    assert (equity.count, equity.strike, equity.fmv_409a) == (10_000, 2, 6)


def test_options_with_cents_and_a_preferred_price() -> None:
    offer = parse_offer("base 150k, 8,000 options, strike $1.25, preferred price $7.50").offer
    equity = offer.equity  # type: ignore[union-attr]
    assert isinstance(equity, OptionGrant)
    assert (equity.strike, equity.preferred_price) == (1.25, 7.5)


@pytest.mark.parametrize(
    ("text", "strike", "preferred", "fmv"),
    [
        ("140k base, 20,000 options at a 0.50 strike, preferred price is $2.10", 0.5, 2.1, None),
        ("150k base, 40k options, strike 50 cents, 409A is 0.80, preferred 2.10", 0.5, 2.1, 0.8),
        ("base 130k, 10,000 ISOs, exercise price of .85, preferred 3.40/share", 0.85, 3.4, None),
        ("base 130k, 25,000 stock options, strike price 12c, fmv 40 cents", 0.12, None, 0.4),
        ("base 120k, 5,000 options @ 75¢ strike, fair market value 1.10 dollars", 0.75, None, 1.1),
    ],
)
def test_share_prices_written_without_a_dollar_sign(
    text: str, strike: float, preferred: float | None, fmv: float | None
) -> None:
    """A strike or preferred price is written "0.50", "50 cents", "12c", ".85" as often as
    "$0.50"; each is read as dollars a share, and quoted back from the person's words."""
    result = parse_offer(text)
    equity = result.offer.equity
    assert isinstance(equity, OptionGrant)
    assert (equity.strike, equity.preferred_price, equity.fmv_409a) == (strike, preferred, fmv)
    sources = {f.path: f.source for f in result.reading.fields}
    assert sources["equity.strike"] in text


@pytest.mark.parametrize(
    "text",
    [
        "base 130k, 25,000 stock options at $0.75 strike, series b preferred 2024 round",
        "base 130k, 25,000 stock options at $0.75 strike, 1.5x liquidation preferred stock",
        "base 130k, 25,000 options with a strike of 2, preferred $4",
    ],
)
def test_a_year_a_multiple_or_a_bare_whole_number_is_never_a_share_price(text: str) -> None:
    """No decimal point, no $ and no cents: "2024", "1.5x", a bare "2" are asked about."""
    with pytest.raises(InputError):
        parse_offer(text)


def test_vesting_shapes_in_text() -> None:
    back = parse_offer("base 200k, 400k RSUs back-loaded 5/15/40/40").offer
    assert back.vesting.kind == "back_loaded"  # type: ignore[union-attr]
    assert back.vesting.percents == (5, 15, 40, 40)  # type: ignore[union-attr]
    quarterly = parse_offer("base 200k, 400k stock, quarterly vesting with a 6-month cliff").offer
    assert quarterly.vesting.frequency == "quarterly"  # type: ignore[union-attr]
    assert quarterly.vesting.cliff_months == 6  # type: ignore[union-attr]


def test_refreshers_and_equity_a_year() -> None:
    result = parse_offer("base 200k, 100k/yr in RSUs, 50k annual refreshers")
    offer = result.offer
    assert offer.equity.value == 400_000  # type: ignore[union-attr]
    assert offer.refresher.annual_value == 50_000  # type: ignore[union-attr]
    assert any("a year in equity" in a for a in result.assumptions)


def test_labelled_company_role_location_and_dates() -> None:
    result = parse_offer(
        "As a Senior ML Engineer at Acme AI in San Francisco, CA (AI-native scale-up): "
        "300k base, start date 2026-07-01, deadline June 5, 2026"
    )
    offer = result.offer
    assert offer is not None
    assert (offer.company, offer.role, offer.location) == (
        "Acme AI",
        "Senior ML Engineer",
        "San Francisco, CA",
    )
    assert offer.employer_type is EmployerType.AI_NATIVE
    assert offer.start_date == dt.date(2026, 7, 1)
    assert offer.deadline == dt.date(2026, 6, 5)


def test_an_unlabelled_amount_is_asked_not_guessed() -> None:
    reading = read_offer("base 185k, 50k, 401k match")
    assert reading.offer is None and reading.value("base") == 185_000
    assert reading.value("sign_on.amount") is None and reading.value("bonus.target_amount") is None
    assert [q.text for q in reading.questions] == ["What is 50k in the offer?"]
    # A 401(k) is a retirement plan, not $401,000: said, and not counted.
    assert any("401(k)" in item for item in reading.assumptions)


def test_a_second_value_is_reported_and_the_first_kept() -> None:
    result = parse_offer("base 185k, base 190k")
    assert result.offer.base == 185_000  # type: ignore[union-attr]
    assert any("second value" in item for item in result.unparsed)


def test_a_date_without_a_year_is_reported() -> None:
    result = parse_offer("base 185k, start date July 1")
    assert result.offer.start_date is None  # type: ignore[union-attr]
    # Kept as written for the person to see, never completed with a guessed year.
    assert result.reading is not None and result.reading.value("start_date") == "July 1"


def test_no_base_is_a_plain_error_that_lists_what_was_not_read() -> None:
    with pytest.raises(InputError, match=r"couldn.t find a base salary.*5k"):
        parse_offer("15% bonus, 5k")


def test_an_unlabelled_yearly_figure_is_asked_about_unless_offered() -> None:
    asked = read_offer("15% bonus, 50k")
    assert asked.offer is None and "Is 50k the base salary" in asked.questions[0].text
    offered = read_offer("They offered $128,000 and a $7,500 annual bonus")
    assert offered.offer is not None and offered.offer.base == 128_000
    assert offered.guessed("base")  # shown as assumed, so the person can correct it


def test_empty_text_is_a_plain_error() -> None:
    with pytest.raises(InputError, match="empty"):
        parse_offer("   ")


def test_absurd_numbers_in_text_are_refused() -> None:
    with pytest.raises(InputError, match="too low"):
        parse_offer("base $5")
    with pytest.raises(InputError, match="typo"):
        parse_offer("base 50M")


def test_structured_shorthands_and_unknown_keys() -> None:
    result = offer_from_data(
        {
            "base_salary": "185k",
            "bonus": "15%",
            "sign_on_bonus": 20_000,
            "equity": "400k",
            "vesting": "5/15/40/40",
            "refreshers": "50k",
            "favourite_colour": "blue",
        }
    )
    offer = result.offer
    assert offer is not None
    assert offer.base == 185_000 and offer.bonus.target_percent == 15  # type: ignore[union-attr]
    assert offer.sign_on.amount == 20_000  # type: ignore[union-attr]
    assert offer.equity.value == 400_000  # type: ignore[union-attr]
    assert offer.vesting.percents == (5, 15, 40, 40)
    assert offer.refresher.annual_value == 50_000  # type: ignore[union-attr]
    assert result.unparsed == ["'favourite_colour': not a field an offer has"]


@pytest.mark.parametrize("name", ["bigtech.yaml", "scaleup.yaml", "lab.json"])
def test_example_files_load(name: str) -> None:
    result = load_offer(REPO / "examples" / "offers" / name)
    assert result.offer is not None and result.offer.base > 0
    assert result.unparsed == []


def test_load_offer_from_text_file_and_text(tmp_path: Path) -> None:
    path = tmp_path / "offer.txt"
    path.write_text("185k base, 20k sign-on", encoding="utf-8")
    assert load_offer(path).offer.base == 185_000  # type: ignore[union-attr]
    assert load_offer("185k base").offer.base == 185_000  # type: ignore[union-attr]


def test_load_offer_errors_are_plain(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no offer file"):
        load_offer(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        load_offer(bad)
    listed = tmp_path / "list.json"
    listed.write_text(json.dumps([1, 2]), encoding="utf-8")
    with pytest.raises(InputError, match="one offer"):
        load_offer(listed)
    yaml_bad = tmp_path / "bad.yaml"
    yaml_bad.write_text("base: [1, 2\n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid YAML"):
        load_offer(yaml_bad)


def test_a_base_in_dollars_too_low_to_be_yearly_is_refused() -> None:
    with pytest.raises(InputError, match=r"base salary of \$5 a year is too low"):
        parse_offer("$5 base")


@pytest.mark.parametrize(("text", "thousands"), [("base 5", "5,000"), ("185 base", "185,000")])
def test_a_bare_base_is_asked_not_guessed(text: str, thousands: str) -> None:
    """Issue 15: "a bare '15' is not a base salary": asked, never read as $15 or $15,000."""
    reading = read_offer(text)
    assert reading.offer is None and reading.value("base") is None
    assert [q.path for q in reading.questions] == ["base"]
    assert thousands in reading.questions[0].text
    with pytest.raises(InputError, match="Write the base in full"):
        parse_offer(text)


def test_a_role_named_before_the_word_role() -> None:
    offer = parse_offer("Senior ML engineer role at Acme in Austin: 185k base").offer
    assert offer is not None
    assert (offer.role, offer.company, offer.location) == ("Senior ML engineer", "Acme", "Austin")


def _written(value: int, form: str) -> str:
    if form == "dollars":
        return f"${value:,}"
    if form == "k":
        return f"{value / 1000:g}k"
    if form == "K":
        return f"{value / 1000:g}K"
    return f"{value / 1000:g} thousand"


_forms = st.sampled_from(["dollars", "k", "K", "thousand"])


@settings(max_examples=80, deadline=None)
@given(
    base=st.integers(20, 900).map(lambda k: k * 1000),
    bonus=st.integers(1, 40),
    sign_on=st.integers(1, 200).map(lambda k: k * 1000),
    grant=st.integers(10, 5000).map(lambda k: k * 1000),
    forms=st.tuples(_forms, _forms, _forms),
)
def test_what_is_written_is_what_is_read(
    base: int, bonus: int, sign_on: int, grant: int, forms: tuple[str, str, str]
) -> None:
    text = (
        f"{_written(base, forms[0])} base, {bonus}% bonus, "
        f"{_written(grant, forms[1])} RSUs over 4 years, {_written(sign_on, forms[2])} sign-on"
    )
    result = parse_offer(text)
    offer = result.offer
    assert offer is not None and result.unparsed == []
    assert offer.base == base
    assert offer.bonus is not None and offer.bonus.target_percent == bonus
    assert offer.equity is not None and offer.equity.value == grant  # type: ignore[union-attr]
    assert offer.sign_on is not None and offer.sign_on.amount == sign_on


def test_a_question_quoting_words_across_a_line_break_stays_one_line() -> None:
    """Found by the fuzz test: '0\\nbase' was quoted with its line break in the error."""
    with pytest.raises(InputError) as err:
        parse_offer("0\nbase")
    assert "\n" not in err.value.message


@pytest.mark.parametrize(
    "text",
    [
        "200k base + 0.2% of a $500M AI startup",
        "Is 0.2% equity plus a 200k base a fair offer from a $500M AI startup?",
        "base 200k, 0.2% stake in a $500 million company",
    ],
)
def test_a_company_named_by_its_worth_is_the_stake_s_valuation(text: str) -> None:
    offer = parse_offer(text).offer
    assert offer is not None and offer.base == 200_000
    assert isinstance(offer.equity, PercentGrant)
    assert offer.equity.percent == 0.2
    assert offer.equity.valuation == 500_000_000


def test_a_company_s_size_beside_rsus_is_not_pay() -> None:
    reading = parse_offer("185k base, $200k RSUs over 4 years at a $2B company")
    offer = reading.offer
    assert offer is not None and offer.base == 185_000
    assert isinstance(offer.equity, RSUGrant) and offer.equity.value == 200_000
    assert any("$2B" in a and "not as pay" in a for a in reading.assumptions)


def test_a_label_with_one_typo_is_read_and_said_back() -> None:
    reading = parse_offer("160k base + 50k in stok, 10k signon")
    offer = reading.offer
    assert offer is not None and offer.base == 160_000
    assert isinstance(offer.equity, RSUGrant) and offer.equity.value == 50_000
    assert offer.sign_on is not None and offer.sign_on.amount == 10_000
    assert "'stok' read as stock." in reading.assumptions


def test_a_word_that_is_no_label_leaves_its_amount_asked_about() -> None:
    with pytest.raises(InputError, match="What is 30k in the offer"):
        parse_offer("i have 30k in savings and 150k base")  # asked, not guessed


@pytest.mark.parametrize(
    "text",
    [
        "base 175k bonus 10% rsu 200k/4yr signon 25k",  # each name before its figure
        "175k base 10% bonus 200k rsu 25k signon",  # each name after it
    ],
)
def test_labels_written_on_one_side_pair_with_their_own_figures(text: str) -> None:
    offer = parse_offer(text).offer
    assert offer is not None and offer.base == 175_000
    assert offer.bonus is not None and offer.bonus.target_percent == 10
    assert isinstance(offer.equity, RSUGrant) and offer.equity.value == 200_000
    assert offer.sign_on is not None and offer.sign_on.amount == 25_000


def test_where_the_person_works_now_is_not_the_offer_s_valuation() -> None:
    reading = read_offer("I currently work at a $5B company. New offer: 180k base, 0.1% equity")
    assert reading.value("equity.valuation") is None
    assert any("valuation" in q.text for q in reading.questions)  # asked, not assumed


def test_a_figure_between_two_labels_goes_by_how_the_text_begins() -> None:
    offer = parse_offer("base 150k bonus 15% 40k rsus").offer
    assert offer is not None and offer.base == 150_000
    assert offer.bonus is not None and offer.bonus.target_percent == 15


@pytest.mark.parametrize(
    ("text", "strike", "price"),
    [
        ("base 155k, 50k options @ 12 cents, preferred 1.45, 4 yr vest", 0.12, 1.45),
        ("base 150k, 10,000 options at $1.50, preferred $6", 1.5, 6),
        (
            "192k base, 40k options, strike set at the current 409a which is 1.20, preferred is 5",
            1.2,
            5,
        ),
    ],
)
def test_a_strike_written_after_the_count_or_as_the_409a(
    text: str, strike: float, price: float
) -> None:
    """ "40k options @ 12 cents" names the strike; "strike will be set at the current 409A"
    makes it the 409A price; "preferred is 5" is five dollars a share."""
    equity = parse_offer(text).offer.equity
    assert isinstance(equity, OptionGrant)
    assert (equity.strike, equity.price) == (strike, price)


def test_a_price_after_the_count_that_names_itself_preferred_is_not_the_strike() -> None:
    equity = parse_offer("150k base, 10,000 options at $6 preferred, strike $1").offer.equity
    assert isinstance(equity, OptionGrant)
    assert (equity.strike, equity.preferred_price) == (1, 6)


@pytest.mark.parametrize(
    ("text", "percent", "valuation"),
    [
        ("195k base, no bonus, 0.12% at a $750M valuation", 0.12, 750_000_000),
        ("150k base, 0.3% at $1.2B post-money valuation", 0.3, 1_200_000_000),
        ("150k base, 10% bonus, 0.5% on a 40M valuation", 0.5, 40_000_000),
        # The company's worth said after the company (a newcomer's two offers, 7th session)
        ("175k base plus 0.5% at a seed startup valued at 20M", 0.5, 20_000_000),
        ("175k base, 0.5% equity, company valued at $20M", 0.5, 20_000_000),
        ("150k base, 0.25% in an AI startup that is worth 300M", 0.25, 300_000_000),
        ("160k base, 0.4% equity (post-money valuation 90M)", 0.4, 90_000_000),
        ("150k base, 0.25% of a 40M valuation, no bonus", 0.25, 40_000_000),
        ("140k base, 0.5% of a series A valued at 30m", 0.5, 30_000_000),
        ("140k base at a seed startup with 0.8% (valued at 25M)", 0.8, 25_000_000),
    ],
)
def test_a_percent_at_a_valuation_is_a_stake(text: str, percent: float, valuation: int) -> None:
    equity = parse_offer(text).offer.equity
    assert isinstance(equity, PercentGrant)
    assert (equity.percent, equity.valuation) == (percent, valuation)


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("150k base, 10k options, $1 strike, series B preferred stock, 1.5 year cliff", "price"),
        ("150k base, 10k options, $1 strike, last 409a was done 1.5 years ago", "price"),
        ("150k base, 10k options, $1 strike, preferred was priced 2.5 years ago at 3.10", "price"),
        ("150k base, 10k options, $1 strike, preferred was 300 million", "price"),
        ("150k base, 10k options, $1 strike, preferred is 4 times the 409a", "price"),
        ("150k base, 10k options, $1 strike, preferred is 10 months old", "price"),
        ("150k base, 10k options, strike is below the 409a, 409a 1.10", "strike"),
        ("150k base, 10k options, strike not yet set, 409a 1.10", "strike"),
        ("150k base, 10,000 options at $6 per share (the preferred price)", "strike"),
        ("150k base, 10k options at 0.5 percent of the company", "strike"),
    ],
)
def test_a_number_near_a_share_price_word_that_is_no_price_is_asked_about(
    text: str, asked: str
) -> None:
    """A time, a size or a comparison beside "preferred", "409A" or "strike" is never read
    as the price: the missing price is asked for, by name."""
    questions = {q.path for q in read_offer(text).questions}
    assert f"equity.{asked}" in questions, questions


@pytest.mark.parametrize(
    ("text", "strike", "preferred", "fmv"),
    [
        ("150k base, 10k options, strike 12.5 cents, preferred $3", 0.125, 3, None),
        (
            "150k base, 10k options, strike will match the 409a ($1.10), preferred 5.10",
            1.1,
            5.1,
            1.1,
        ),
        ("150k base, 10,000 options at a 4.5 year vest, strike $1, preferred $3", 1, 3, None),
        (
            "182k base, 50k options, 0.4 strike, 409a is like 1.10, preferred is around 4.80",
            0.4,
            4.8,
            1.1,
        ),
    ],
)
def test_share_prices_among_other_numbers(
    text: str, strike: float, preferred: float | None, fmv: float | None
) -> None:
    equity = parse_offer(text).offer.equity
    assert isinstance(equity, OptionGrant)
    assert (equity.strike, equity.preferred_price, equity.fmv_409a) == (strike, preferred, fmv)


def test_a_bonus_percent_beside_a_valuation_stays_the_bonus() -> None:
    reading = read_offer("150k base, bonus 15% on a $2B valuation")
    assert reading.field("bonus.target_percent").value == 15  # type: ignore[union-attr]
    assert reading.field("equity.percent") is None


@pytest.mark.parametrize(
    ("text", "base"),
    [
        ("175k, 10% bonus, 150k rsus over 4 yrs, 20k sign on (public)", 175_000),
        ("B is 150k at a bank with 15% bonus and 10k sign-on", 150_000),
        ("the startup (series B) is 170k + 0.1% at a 200M valuation, no bonus", 170_000),
    ],
)
def test_the_figure_an_offer_opens_with_is_its_base_shown_as_assumed(text: str, base: int) -> None:
    """One offer of two as people type it: its first, unlabelled yearly figure is the base,
    shown back as assumed; a figure later in the text with no label is still asked about."""
    reading = read_offer(text)
    assert reading.offer is not None and reading.offer.base == base
    assert reading.guessed("base")
    assert "Is 50k the base salary" in read_offer("15% bonus, 50k").questions[0].text


def test_zero_equity_is_no_equity_not_a_grant_to_ask_about() -> None:
    reading = read_offer("160k base + 12% bonus + 15k sign on, 0 equity (its a hospital system)")
    assert reading.offer is not None and not reading.questions
