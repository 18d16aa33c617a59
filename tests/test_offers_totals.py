"""Four-year totals, checked against arithmetic written out by hand in each test."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.offers import Offer, Vesting, compute_totals
from tests.fuzz import profile


def _offer(**fields: object) -> Offer:
    return Offer.model_validate({"base": 200_000, **fields})


def test_standard_vesting_with_one_year_cliff_then_monthly() -> None:
    # 400,000 over 48 months, 12-month cliff: 12/48 vests at month 12, then 1/48 a month.
    totals = compute_totals(_offer(equity={"kind": "rsu", "value": 400_000}))
    assert totals.line("equity").by_year == [100_000, 100_000, 100_000, 100_000]
    # Each year: base 200,000 + equity 100,000.
    assert totals.total_by_year == [300_000] * 4
    assert totals.four_year_total == 1_200_000
    assert totals.annualised == 300_000


def test_cliff_is_all_or_nothing_before_month_twelve() -> None:
    vesting = Vesting(cliff_months=12)
    # Month 11: nothing. Month 12: 12/48 = 25%.
    assert vesting._vested(11) == 0
    assert vesting._vested(12) == pytest.approx(0.25)


def test_standard_quarterly_with_six_month_cliff() -> None:
    # 48 months, quarterly, 6-month cliff: by month 12, four quarters = 12/48 = 25% vested;
    # the cliff only delays vesting, so each year still gets 25%.
    fractions = Vesting(cliff_months=6, frequency="quarterly").year_fractions()
    assert fractions == pytest.approx([0.25, 0.25, 0.25, 0.25])


def test_an_eighteen_month_cliff_moves_year_one_into_year_two() -> None:
    # Nothing by month 12; at month 18 the cliff releases 18/48, and by month 24, 24/48.
    vesting = Vesting(cliff_months=18)
    assert vesting.year_fractions() == pytest.approx([0, 0.5, 0.25, 0.25])


def test_back_loaded_5_15_40_40() -> None:
    totals = compute_totals(
        _offer(equity={"kind": "rsu", "value": 400_000}, vesting={"kind": "back_loaded"})
    )
    # 5% of 400,000 = 20,000; 15% = 60,000; 40% = 160,000 twice.
    assert totals.line("equity").by_year == [20_000, 60_000, 160_000, 160_000]
    assert totals.equity_by_year == [20_000, 60_000, 160_000, 160_000]
    # 4 x 200,000 base + 400,000 equity.
    assert totals.four_year_total == 1_200_000


def test_custom_percentages_front_loaded() -> None:
    totals = compute_totals(
        _offer(
            equity={"kind": "rsu", "value": 300_000},
            vesting={"kind": "custom", "percents": [40, 30, 20, 10]},
        )
    )
    # 40% of 300,000 = 120,000; 30% = 90,000; 20% = 60,000; 10% = 30,000.
    assert totals.line("equity").by_year == [120_000, 90_000, 60_000, 30_000]


def test_five_year_vesting_counts_only_four_years() -> None:
    totals = compute_totals(
        _offer(equity={"kind": "rsu", "value": 500_000}, vesting={"years": 5, "cliff_months": 12})
    )
    # 60 months: 12/60 = 20% a year, so 100,000 a year and 100,000 left after year four.
    assert totals.line("equity").by_year == [100_000] * 4
    assert totals.line("equity").total == 400_000


def test_refreshers_vest_on_the_same_schedule_from_year_two() -> None:
    totals = compute_totals(
        _offer(equity={"kind": "rsu", "value": 400_000}, refresher={"annual_value": 40_000})
    )
    # Grants at the start of years 2, 3, 4, each vesting 25% a year (cliff after a year):
    # year 1: 0; year 2: 10,000; year 3: 10,000 + 10,000; year 4: 3 x 10,000.
    assert totals.line("refreshers").by_year == [0, 10_000, 20_000, 30_000]
    assert any("Refreshers" in note for note in totals.assumptions)


def test_bonus_percent_times_historical_payout() -> None:
    totals = compute_totals(_offer(bonus={"target_percent": 15, "payout_percent": 60}))
    # 15% of 200,000 = 30,000 target; paid at 60% = 18,000 a year (a "9% bonus").
    assert totals.line("bonus").by_year == [18_000] * 4


def test_bonus_without_payout_history_counts_at_target_and_says_so() -> None:
    totals = compute_totals(_offer(bonus={"target_amount": 25_000}))
    assert totals.line("bonus").by_year == [25_000] * 4
    assert any("100%" in note and "no payout history" in note for note in totals.assumptions)


def test_sign_on_is_year_one_cash_with_its_clawback() -> None:
    totals = compute_totals(_offer(sign_on={"amount": 30_000, "clawback_months": 12}))
    line = totals.line("sign_on")
    assert line.by_year == [30_000, 0, 0, 0]
    assert "12 months" in (line.note or "")
    # Year one cash: 200,000 + 30,000.
    assert totals.first_year_cash == 230_000


def test_relocation_and_pto_are_shown_but_not_counted() -> None:
    totals = compute_totals(_offer(relocation=10_000, pto_days=25))
    # PTO: 10 days above the 15-day baseline x 200,000 / 260 = 7,692.31 a year.
    assert totals.line("pto").by_year == [7_692] * 4
    assert totals.line("relocation").by_year == [10_000, 0, 0, 0]
    assert totals.four_year_total == 800_000  # base only


def test_options_at_their_spread_with_the_assumption_stated() -> None:
    totals = compute_totals(
        _offer(equity={"kind": "options", "count": 10_000, "strike": 2, "fmv_409a": 6})
    )
    # (6 - 2) x 10,000 = 40,000 face; 10,000 a year; after a 50% haircut 5,000 a year.
    assert totals.line("equity").by_year == [10_000] * 4
    assert totals.equity_by_year_after_haircut == [5_000] * 4
    assert totals.four_year_total == 840_000
    assert totals.four_year_total_after_haircut == 820_000
    assert any("spread" in note and "409A" in note for note in totals.assumptions)


def test_options_prefer_the_preferred_price_over_the_409a() -> None:
    totals = compute_totals(
        _offer(
            equity={
                "kind": "options",
                "count": 1_000,
                "strike": 1,
                "fmv_409a": 3,
                "preferred_price": 9,
            }
        )
    )
    # (9 - 1) x 1,000 = 8,000 over four years.
    assert totals.line("equity").total == 8_000


def test_underwater_options_count_as_zero_with_a_note() -> None:
    totals = compute_totals(
        _offer(equity={"kind": "options", "count": 5_000, "strike": 10, "fmv_409a": 4})
    )
    assert totals.line("equity").total == 0
    assert any("under water" in note for note in totals.assumptions)


def test_percent_of_company_at_a_valuation_with_a_stated_haircut() -> None:
    totals = compute_totals(
        _offer(equity={"kind": "percent", "percent": 0.2, "valuation": 500_000_000}),
        haircut=0.6,
    )
    # 0.2% of 500,000,000 = 1,000,000: 250,000 a year; kept after a 60% haircut: 100,000.
    assert totals.line("equity").by_year == [250_000] * 4
    assert totals.equity_by_year_after_haircut == [100_000] * 4
    assert totals.haircut_percent == 60
    assert any("60% liquidity haircut" in note for note in totals.assumptions)


def test_public_rsus_get_no_haircut() -> None:
    totals = compute_totals(_offer(equity={"kind": "rsu", "value": 400_000}))
    assert not totals.has_private_equity
    assert totals.four_year_total_after_haircut == totals.four_year_total


def test_a_haircut_outside_zero_to_one_is_refused() -> None:
    from coach.errors import InputError

    with pytest.raises(InputError, match="haircut"):
        compute_totals(_offer(), haircut=1.5)


_money = st.integers(min_value=0, max_value=2_000_000)
_vesting = st.one_of(
    st.builds(
        lambda c, f: {"cliff_months": c, "frequency": f},
        st.integers(0, 48),
        st.sampled_from(["monthly", "quarterly", "annual"]),
    ),
    st.just({"kind": "back_loaded"}),
    st.lists(st.integers(0, 100), min_size=4, max_size=4)
    .filter(lambda p: sum(p) > 0)
    .map(lambda p: {"kind": "custom", "percents": [x * 100 / sum(p) for x in p]}),
)


@st.composite
def offers(draw: st.DrawFn) -> Offer:
    equity = draw(
        st.one_of(
            st.none(),
            st.builds(lambda v: {"kind": "rsu", "value": v}, _money),
            st.builds(
                lambda n, s, p: {"kind": "options", "count": n, "strike": s, "fmv_409a": p},
                st.integers(1, 200_000),
                st.floats(0, 50),
                st.floats(0, 50),
            ),
            st.builds(
                lambda p, v: {"kind": "percent", "percent": p, "valuation": v},
                st.floats(0.001, 5),
                st.integers(1_000_000, 10_000_000_000),
            ),
        )
    )
    return Offer.model_validate(
        {
            "base": draw(st.integers(10_000, 2_000_000)),
            "bonus": draw(
                st.one_of(st.none(), st.builds(lambda p: {"target_percent": p}, st.floats(0, 50)))
            ),
            "equity": equity,
            "vesting": draw(_vesting),
            "refresher": draw(
                st.one_of(st.none(), st.builds(lambda v: {"annual_value": v}, _money))
            ),
            "sign_on": draw(st.one_of(st.none(), st.builds(lambda v: {"amount": v}, _money))),
            "pto_days": draw(st.one_of(st.none(), st.integers(0, 40))),
        }
    )


@profile(150)
@given(offer=offers(), haircut=st.floats(0, 1))
def test_totals_are_the_sum_of_their_parts(offer: Offer, haircut: float) -> None:
    totals = compute_totals(offer, haircut=haircut)
    counted = [line for line in totals.lines if line.kind != "not_counted"]
    for year in range(totals.horizon):
        assert totals.total_by_year[year] == sum(line.by_year[year] for line in counted)
        assert totals.total_by_year[year] == totals.cash_by_year[year] + totals.equity_by_year[year]
    assert totals.four_year_total == sum(line.total for line in counted)
    assert totals.four_year_total == sum(totals.total_by_year)
    assert totals.four_year_total_after_haircut == sum(totals.total_by_year_after_haircut)
    assert totals.four_year_total_after_haircut <= totals.four_year_total
    # Vesting never pays out more than the grants are worth.
    assert sum(totals.equity_by_year) >= 0
