"""Comparing offers side by side, and the chart the UI shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.errors import InputError
from coach.offers import Offer, compare_offers, comparison_chart
from coach.offers.parse import parse_offer
from coach.offers.report import comparison_markdown

PUBLIC = Offer(
    company="Bigco",
    base=200_000,
    equity={"kind": "rsu", "value": 400_000},
    vesting={"kind": "back_loaded"},
)
STARTUP = Offer(
    company="Startup",
    base=180_000,
    equity={"kind": "percent", "percent": 0.1, "valuation": 1_000_000_000},
    sign_on={"amount": 30_000},
)


def test_per_year_and_four_year_totals_side_by_side() -> None:
    comparison = compare_offers([PUBLIC, STARTUP])
    rows = {row.label: row.values for row in comparison.rows}
    # Bigco: 200,000 + 5/15/40/40 of 400,000 = 220,000 / 260,000 / 360,000 / 360,000.
    # Startup: 180,000 + 0.1% of 1B (1,000,000) / 4 = 250,000 a year, + 30,000 in year one.
    assert rows["Year 1 total"] == [220_000, 460_000]
    assert rows["Year 4 total"] == [360_000, 430_000]
    assert rows["4-year total"] == [1_200_000, 1_750_000]
    # After the 50% haircut the startup's equity is 500,000: 720,000 + 30,000 + 500,000.
    assert rows["4-year total after haircut"] == [1_200_000, 1_250_000]
    assert rows["Guaranteed cash in 4 years (base + sign-on)"] == [800_000, 750_000]
    # "per year, which pays more?": the four-year totals spread evenly
    assert rows["A year on average"] == [300_000, 437_500]
    assert rows["A year on average after haircut"] == [300_000, 312_500]
    assert comparison.leader == "Startup"
    assert comparison.leader_first_year == "Startup"
    assert comparison.notes[0] == "Startup leads Bigco by $550,000 over four years."
    assert comparison.citation == "competing-offers § Compare offers on 4-year total comp"


def test_the_haircut_can_change_the_leader() -> None:
    comparison = compare_offers([PUBLIC, STARTUP], haircut=0.8)
    # Startup after an 80% haircut: 720,000 + 30,000 + 200,000 = 950,000 < 1,200,000.
    assert comparison.leader == "Startup"
    assert comparison.leader_after_haircut == "Bigco"
    assert any("Bigco comes out ahead instead" in note for note in comparison.notes)


def test_same_names_are_told_apart() -> None:
    comparison = compare_offers([Offer(base=150_000), Offer(base=160_000)])
    assert comparison.names == ["Offer 1", "Offer 2"]
    twice = compare_offers([Offer(base=150_000, company="Acme")] * 2)
    assert twice.names == ["Acme", "Acme (2)"]


@pytest.mark.parametrize("count", [0, 1, 6])
def test_two_to_five_offers(count: int) -> None:
    with pytest.raises(InputError, match="2 to 5 offers"):
        compare_offers([PUBLIC] * count)


def test_chart_is_a_matplotlib_figure(tmp_path: Path) -> None:
    from matplotlib.figure import Figure

    fig = comparison_chart(compare_offers([PUBLIC, STARTUP, Offer(base=210_000)]))
    assert isinstance(fig, Figure)
    per_year, overall = fig.axes
    assert [t.get_text() for t in overall.get_xticklabels()] == ["Bigco", "Startup", "Offer 3"]
    # Four years x three offers x (cash + equity) bars, and two bars per offer overall.
    assert len(per_year.patches) == 24
    assert len(overall.patches) == 6
    path = tmp_path / "chart.png"
    fig.savefig(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_offers_paying_the_same_are_even_not_one_leading_by_nothing() -> None:
    a = parse_offer("200k base").offer
    b = parse_offer("175k base, $100k RSUs over 4 years").offer
    compared = compare_offers([a, b])
    assert "Most over four years: **even (Offer 1 and Offer 2)**" in comparison_markdown(compared)
    assert "pay the same over four years" in compared.notes[0]
    assert not any("leads" in note for note in compared.notes)
    assert compared.gap.total == 0 and compared.gap.base_to_match == 0


def test_the_gap_says_the_base_that_would_close_it() -> None:
    compared = compare_offers(
        [parse_offer("200k base").offer, parse_offer("180k base, 5k sign-on").offer]
    )
    # 800k against 725k: 75k over four years, 18,750 a year, so 198,750 → 199,000
    assert compared.gap.base_to_match == 199_000


def test_the_gap_after_the_haircut_is_ranked_and_closed_on_that_basis() -> None:
    # Startup: 4 x 170k + 12k + 0.15% of 300M (450k) = 1,142,000; after a 50% haircut on
    # the stake, 917,000. Public: 4 x 185k + 4 x 18.5k + 25k + 220k = 1,059,000.
    startup = parse_offer("170k base, 0.15% of a $300M valuation, 12k sign-on").offer
    public = parse_offer("185k base, 10% bonus, 220k rsus over 4 years, 25k sign-on").offer
    compared = compare_offers([startup, public])
    assert (compared.gap.ahead, compared.gap.total) == ("Offer 1", 83_000)
    cut = compared.gap_after_haircut
    assert cut is not None and cut.at_haircut
    # Ranked after the haircut the public offer leads by 142,000 (35,500 a year), and at
    # face value it trails by 83,000; the startup closes it with 170k + 35.5k → 206,000,
    # or a sign-on of 12k + 142k in all.
    assert (cut.ahead, cut.total, cut.face) == ("Offer 2", 142_000, -83_000)
    assert cut.base_to_match == 206_000 and cut.sign_on_to_match == 154_000


def test_no_gap_after_the_haircut_when_no_offer_has_private_equity() -> None:
    compared = compare_offers(
        [parse_offer("200k base").offer, parse_offer("180k base, 5k sign-on").offer]
    )
    assert compared.gap_after_haircut is None
