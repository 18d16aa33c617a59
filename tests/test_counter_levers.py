"""Every lever's dollar figure is what its words ask for; small levers never lead; no market,
no judgement of the base (issue 15, item 7)."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from coach.offers import MarketBenchmark, Offer, assess_offer, compute_totals, counter_offer
from coach.offers.counter import LEVER_FLOOR, CounterProposal, Lever, lever_floor
from tests.fuzz import profile

# Median 208,400: the anchor is 208,000 to the nearest 1,000.
MARKET = MarketBenchmark(
    known=True,
    description="software engineer · senior · San Francisco",
    basis="test cell, n=500",
    percentiles={"p10": 150_000, "p25": 180_000, "p50": 208_400, "p75": 240_000, "p90": 280_000},
    n=500,
    level_code="SE",
)
NO_MARKET = MarketBenchmark(
    known=False, description="ML engineer · all levels · Zürich", reason="no figures for Zürich"
)


def _counter(offer: Offer, market: MarketBenchmark = MARKET, **kw) -> CounterProposal:  # type: ignore[no-untyped-def]
    return counter_offer(offer, compute_totals(offer), market, **kw)


def _lever(counter: CounterProposal, key: str) -> Lever:
    return next(lever for lever in counter.levers if lever.key == key)


def _dollars(text: str) -> int:
    return int(text.replace(",", ""))


# -- equity asks priced in the grant's own units -----------------------------------------


def test_a_percent_ask_is_priced_on_the_stated_valuation() -> None:
    # Base 193,000 is 15,000 under the 208,000 anchor: four years of it is 60,000,
    # which is 0.1% of a $60M company.
    offer = Offer(base=193_000, equity={"kind": "percent", "percent": 0.5, "valuation": 60e6})
    equity = _lever(_counter(offer), "equity")
    assert equity.ask == (
        "About 0.6% instead of 0.5%: 0.1% more of the $60,000,000 valuation is "
        "$60,000 over the 4-year vesting, $15,000 a year."
    )
    assert equity.value == 60_000
    # Private shares: the face value, and what the totals' haircut makes of it.
    assert "after the 50% liquidity haircut used in the totals, $30,000." in equity.basis


def test_a_longer_vesting_spreads_the_ask_over_its_years_and_counts_four_of_them() -> None:
    # 500,000 over 5 years, 1-year cliff then monthly: 400,000 vests within four years.
    offer = Offer(base=230_000, equity={"kind": "rsu", "value": 500_000}, vesting={"years": 5})
    equity = _lever(_counter(offer), "equity")
    # 15% of 400,000 = 60,000 within four years = 75,000 of grant over five years.
    assert equity.ask == (
        "A grant worth $575,000 instead of $500,000: "
        "$75,000 more over the 5-year vesting, $15,000 a year."
    )
    assert equity.value == 60_000
    assert "$75,000 more grant, of which $60,000 vests within four years" in equity.basis


def test_an_options_ask_is_the_count_times_the_stated_spread() -> None:
    offer = Offer(
        base=180_000,
        equity={"kind": "options", "count": 20_000, "strike": 1.5, "preferred_price": 9.5},
    )
    equity = _lever(_counter(offer), "equity")
    # Gap 28,000 x 4 = 112,000 / the $8 spread = 14,000 options.
    assert equity.ask.startswith("About 14,000 more options at the same strike: 14,000 x the $8")
    assert "= $112,000 over the 4-year vesting, $28,000 a year." in equity.ask
    assert equity.value == 112_000


def test_a_share_count_grant_read_right_is_countered_on_its_real_value() -> None:
    # "12,000 RSUs at $35 a share" is a $420,000 grant (the parser's job); the counter asks
    # for 15% more of it, never for a grant a few dollars larger.
    offer = Offer(base=230_000, equity={"kind": "rsu", "value": 12_000 * 35})
    counter = _counter(offer)
    equity = _lever(counter, "equity")
    assert equity.value == 63_000
    assert equity.ask.startswith("A grant worth $483,000 instead of $420,000")
    assert "a grant worth $483,000 instead of $420,000" in counter.script


def test_a_grant_too_small_to_be_real_is_checked_never_countered() -> None:
    # What the old parser made of "12,000 RSUs at $35 a share": $35 of equity.
    offer = Offer(base=230_000, equity={"kind": "rsu", "value": 35})
    counter = _counter(offer)
    equity = _lever(counter, "equity")
    assert equity.value is None
    assert equity.ask.startswith("Check the equity grant before asking for more of it: $35")
    assert "shares times the price per share" in equity.basis
    assert "$40" not in counter.script and "instead of $35" not in counter.script
    assert "equity grant" not in counter.script.lower()


@profile(60)
@given(
    base=st.integers(min_value=10_000, max_value=900_000),
    grant=st.integers(min_value=1, max_value=5_000_000),
)
def test_an_rsu_ask_never_names_a_grant_under_the_floor(base: int, grant: int) -> None:
    offer = Offer(base=base, equity={"kind": "rsu", "value": grant})
    equity = _lever(_counter(offer), "equity")
    floor = lever_floor(offer)
    asked = re.match(r"A grant worth \$([\d,]+) instead of \$([\d,]+): \$([\d,]+) more", equity.ask)
    if grant < floor:
        assert asked is None and equity.value is None
        return
    assert asked is not None, equity.ask
    total, now, more = (_dollars(g) for g in asked.groups())
    assert now == grant and total == grant + more and more >= 1_000
    assert equity.value == more  # four-year vesting: all of the extra vests within four years


@profile(60)
@given(
    percent=st.floats(min_value=0.01, max_value=5),
    valuation=st.integers(min_value=5_000_000, max_value=5_000_000_000),
    base=st.integers(min_value=60_000, max_value=400_000),
)
def test_the_dollars_in_a_percent_ask_are_its_percent_of_the_valuation(
    percent: float, valuation: int, base: int
) -> None:
    offer = Offer(base=base, equity={"kind": "percent", "percent": percent, "valuation": valuation})
    equity = _lever(_counter(offer), "equity")
    if equity.value is None:  # the grant is under the floor: checked, not priced
        assert percent / 100 * valuation < lever_floor(offer)
        return
    found = re.search(
        r"([\d.]+)% more of the \$([\d,]+) valuation is \$([\d,]+) over the 4-year vesting, "
        r"\$([\d,]+) a year\.",
        equity.ask,
    )
    assert found is not None, equity.ask
    more, stated_valuation, extra, yearly = found.groups()
    assert _dollars(stated_valuation) == valuation
    assert abs(_dollars(extra) - float(more) / 100 * valuation) <= 0.5
    assert abs(_dollars(yearly) - _dollars(extra) / 4) <= 1
    assert abs(equity.value - _dollars(extra)) <= 1


# -- the floor ----------------------------------------------------------------------------


def test_the_floor_is_5000_or_2_percent_of_base() -> None:
    assert LEVER_FLOOR == 5_000
    assert lever_floor(Offer(base=180_000)) == 5_000  # 2% is 3,600
    assert lever_floor(Offer(base=400_000)) == 8_000


def test_a_lever_under_the_floor_is_listed_last_and_never_leads_the_script() -> None:
    # Base above the median: the package focus. 15% of a 20,000 grant is 3,000.
    offer = Offer(base=230_000, equity={"kind": "rsu", "value": 20_000})
    counter = _counter(offer)
    assert counter.lever_floor == 5_000
    last = counter.levers[-1]
    assert last.key == "equity" and last.value == 3_000
    assert "Under the $5,000 floor" in last.basis
    assert "grant worth" not in counter.script
    # The lead is the first lever worth the floor: a later start (3 weeks of base).
    assert "a start date 3 weeks later" in counter.script


def test_a_tiny_base_gap_is_not_what_the_counter_leads_with() -> None:
    # 207,700 vs the 208,000 anchor: a 300 gap; the sign-on and equity levers that
    # bridge it are worth 300 and 1,000 (4 x 300, to the nearest 1,000), both under the floor.
    counter = _counter(Offer(base=207_700))
    small = [lever.key for lever in counter.levers if lever.value and lever.value < 5_000]
    assert small == ["sign_on", "equity"]
    assert [lever.key for lever in counter.levers][-2:] == small
    assert counter.levers[0].key not in small


# -- no market: no judgement of the base ------------------------------------------------


def test_no_market_asks_for_the_band_and_judges_nothing() -> None:
    offer = Offer(base=180_000, role="ML engineer", equity={"kind": "rsu", "value": 400_000})
    counter = _counter(offer, NO_MARKET)
    assert counter.focus == "unknown" and counter.anchor is None
    assert "works for me" not in counter.script
    assert "could you share the pay band for ML engineer" in counter.script
    assert "$" not in counter.script  # no figure the coach can't back
    assert "Find the function median" in counter.anchor_basis
    assert counter.citations[0] == "mistakes § Mistake three: not knowing your function median"
    # Nor does any lever say the base meets a market there is no figure for.
    bare = _counter(Offer(base=180_000), NO_MARKET)
    assert not any("meets the market" in lever.basis for lever in bare.levers)
    assert "no market median" in _lever(bare, "equity").basis


def test_no_market_shows_what_the_users_own_figures_support() -> None:
    counter = _counter(Offer(base=180_000), NO_MARKET, current_base=150_000, floor=170_000)
    assert "a 15%-20% raise on your current $150,000 is $172,500 to $180,000" in (
        counter.anchor_basis
    )
    assert "your walk-away floor is $170,000" in counter.anchor_basis
    assert "$150,000" not in counter.script  # current pay is the user's, not the recruiter's


def test_a_base_under_the_users_floor_is_never_called_fine() -> None:
    offer = Offer(base=230_000, equity={"kind": "rsu", "value": 400_000})
    assert "The base works for me." in _counter(offer).script
    counter = _counter(offer, floor=240_000)
    assert "works for me" not in counter.script
    assert counter.script.count("Where I'd like to move is this:") == 1


def test_an_offer_with_no_role_gets_no_verdict_on_its_base_end_to_end() -> None:
    report = assess_offer(Offer(base=185_000, sign_on={"amount": 20_000}))
    assert report.market.median is None
    assert report.counter.focus == "unknown"
    assert "works for me" not in report.counter.script


def test_an_equity_ask_never_more_than_doubles_the_grant() -> None:
    """20,000 options worth $32,000 under a base $100,000 below the median: four years of the
    gap would ask for ~250,000 more options; the ask stops at doubling the grant."""
    offer = Offer(
        base=108_000,
        equity={"kind": "options", "count": 20_000, "strike": 0.5, "preferred_price": 2.1},
    )
    lever = _lever(_counter(offer), "equity")
    more = int(re.search(r"About ([\d,]+) more options", lever.ask).group(1).replace(",", ""))  # type: ignore[union-attr]
    assert more == 20_000 and lever.value == 32_000
    assert "doubling" in lever.basis


def test_an_equity_ask_inside_the_grant_is_still_sized_on_the_gap() -> None:
    offer = Offer(base=200_000, equity={"kind": "rsu", "value": 400_000})
    lever = _lever(_counter(offer), "equity")
    assert lever.value == 4 * 8_000 and "base gap" in lever.basis
