"""The counter-proposal: anchor, range, levers with dollar values, and the script."""

from __future__ import annotations

import datetime as dt

from coach.offers import MarketBenchmark, Offer, assess_offer, compute_totals, counter_offer

MARKET = MarketBenchmark(
    known=True,
    description="software engineer · senior · San Francisco",
    basis="test cell, n=500",
    percentiles={"p10": 150_000, "p25": 180_000, "p50": 208_400, "p75": 240_000, "p90": 280_000},
    n=500,
    level_code="SE",
)
STAFF = MARKET.model_copy(
    update={
        "percentiles": {"p25": 230_000, "p50": 250_400, "p75": 280_000},
        "basis": "test staff cell, n=40",
        "level_code": "EX",
    }
)


def _counter(offer: Offer, market: MarketBenchmark = MARKET, **kw):  # type: ignore[no-untyped-def]
    return counter_offer(offer, compute_totals(offer), market, **kw)


def test_below_median_anchors_on_the_median_with_a_15_percent_top() -> None:
    counter = _counter(Offer(base=180_000, employer_type="AI lab"))
    assert counter.focus == "base"
    assert counter.anchor == 208_000  # 208,400 to the nearest 1,000
    assert counter.range_low == 208_000
    # The top from the median itself, as the range tool works it out (not from the
    # rounded anchor, which once put the two $1,000 apart).
    assert counter.range_high == 240_000  # 208,400 x 1.15 = 239,660 -> 240,000
    assert counter.range_stretch == 250_000  # 208,400 x 1.20 = 250,080 -> 250,000
    assert counter.base_ask == 240_000
    assert "I'm asking for a base of $240,000." in counter.script


def test_above_median_anchors_on_the_offer_and_asks_for_the_package() -> None:
    offer = Offer(base=230_000, equity={"kind": "rsu", "value": 400_000})
    counter = _counter(offer)
    assert counter.focus == "package"
    assert counter.anchor == 230_000
    assert counter.base_ask is None
    equity = next(lever for lever in counter.levers if lever.key == "equity")
    # 15% of the 400,000 that vests in four years.
    assert equity.value == 60_000
    assert equity.ask == (
        "A grant worth $460,000 instead of $400,000: "
        "$60,000 more over the 4-year vesting, $15,000 a year."
    )
    assert "The base works for me" in counter.script
    assert "$460,000" in counter.script


def test_levers_come_in_order_of_likely_give_with_dollar_values() -> None:
    offer = Offer(
        base=180_000,
        equity={"kind": "rsu", "value": 400_000},
        vesting={"kind": "back_loaded"},
        refresher={"annual_value": 40_000},
        pto_days=20,
        start_date=dt.date(2026, 7, 1),
    )
    counter = _counter(offer, next_level=("staff", STAFF))
    assert [lever.key for lever in counter.levers] == [
        "sign_on",
        "equity",
        "refreshers",
        "level",
        "start_date",
        "pto",
    ]
    values = {lever.key: lever.value for lever in counter.levers}
    # Sign-on: first-year base gap 208,000 - 180,000 = 28,000, plus the back-loaded
    # shortfall: an even year is 400,000 / 4 = 100,000, year one vests 5% = 20,000 -> 80,000.
    assert values["sign_on"] == 108_000
    # Equity: four years of the 28,000 gap.
    assert values["equity"] == 112_000
    # Refreshers: 15% of what vests in four years. With 5/15/40/40, grants in years 2-4:
    # year 2: 5% x 40k = 2,000; year 3: 15% + 5% = 8,000; year 4: 40% + 15% + 5% = 24,000.
    # Total 34,000 x 15% = 5,100.
    assert values["refreshers"] == 5_100
    # Level: (250,400 - 208,400) x 4 = 168,000.
    assert values["level"] == 168_000
    # Start date: 3 weeks x 180,000 / 52 = 10,384.6.
    assert values["start_date"] == 10_385
    # PTO: 5 days x 180,000 / 260 x 4 years = 13,846.2.
    assert values["pto"] == 13_846
    start = next(lever for lever in counter.levers if lever.key == "start_date")
    assert "2026-07-22" in start.ask
    for lever in counter.levers:
        assert lever.basis and lever.citation.startswith("total-package § ")


def test_levers_without_figures_say_why_instead_of_inventing_one() -> None:
    counter = _counter(Offer(base=230_000))
    values = {lever.key: lever for lever in counter.levers}
    assert values["sign_on"].value is None and "leave behind" in values["sign_on"].ask
    assert values["refreshers"].value is None
    assert values["level"].value is None


def test_options_and_percent_grants_are_asked_for_in_their_own_units() -> None:
    options = Offer(
        base=230_000, equity={"kind": "options", "count": 10_000, "strike": 2, "fmv_409a": 6}
    )
    ask = next(lever.ask for lever in _counter(options).levers if lever.key == "equity")
    # 15% of the (6 - 2) x 10,000 = 40,000 spread is 6,000, i.e. 1,500 options at $4 each.
    assert ask.startswith("About 1,500 more options")
    stake = Offer(base=230_000, equity={"kind": "percent", "percent": 0.2, "valuation": 500e6})
    ask = next(lever.ask for lever in _counter(stake).levers if lever.key == "equity")
    assert ask.startswith("About 0.23% instead of 0.2%")


def test_no_median_means_no_anchor_and_a_placeholder_in_the_script() -> None:
    market = MarketBenchmark(known=False, description="x", reason="withheld cell")
    counter = _counter(Offer(base=180_000, sign_on={"amount": 10_000}), market)
    assert counter.anchor is None and counter.base_ask is None
    assert "withheld cell" in counter.anchor_basis
    assert "[the market median for this role, with its source]" in counter.script


def test_script_comes_from_the_template_and_cites_the_market() -> None:
    counter = _counter(Offer(base=180_000, company="Acme AI", role="ML engineer"))
    assert counter.script.startswith("Thank you again for the offer from Acme AI.")
    assert "median base of $208,400 (test cell, n=500)" in counter.script
    # No evidence pack given: one placeholder names the evidence and how to build it.
    assert "[your evidence: a workflow you built, its measured result" in counter.script
    assert "`coach evidence`" in counter.script
    assert counter.script.rstrip().endswith("If we can reach $240,000, I'm ready to sign.")


def test_full_assessment_through_the_real_lookup() -> None:
    offer = Offer(
        base=170_000,
        role="ML engineer",
        level="senior",
        location="San Francisco, CA",
        employer_type="AI lab",
        equity={"kind": "rsu", "value": 400_000},
    )
    report = assess_offer(offer, current_base=140_000)  # a 21% raise: no walk-away check
    median = report.market.median
    assert median is not None and median > offer.base
    assert report.counter.anchor == round(median / 1000) * 1000
    assert report.score.verdicts[0].action == "push_base"
    level = next(lever for lever in report.counter.levers if lever.key == "level")
    # The next level's figure comes from the same lookup, or the lever says why not.
    assert level.value is None or "one level up" in level.basis
