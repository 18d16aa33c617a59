"""The anchor range and the walk-away number (issue 15, item 5): arithmetic, tools, writer."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach import citations as cite
from coach.config import Settings
from coach.contracts import (
    AnchorRangeResult,
    SalaryEstimateResult,
    ToolError,
    ToolName,
    WalkAwayResult,
    parse_result,
)
from coach.embedded import writer
from coach.errors import InputError
from coach.market.estimate import estimate_for
from coach.market.targets import anchor_range, walk_away
from coach.money import find_amounts
from coach.playbook import Playbook
from coach.tools import make_tools
from coach.understanding import Slots
from tests.fuzz import profile


def _amounts(lines: list[str]) -> list[int]:
    return [a.value for line in lines for a in find_amounts(line) if a.explicit]


def test_anchor_range_is_the_median_to_15_and_20_percent_above() -> None:
    est = estimate_for("machine learning engineer", "senior", "Boston")
    anchor = anchor_range(est)
    assert est.p50 is not None and anchor.median == est.p50
    assert anchor.top_low == _nearest_thousand(est.p50, "1.15")
    assert anchor.top_high == _nearest_thousand(est.p50, "1.20")
    # The arithmetic as text: "$248,028 × 1.15 = $285,232, to the nearest $1,000: $285,000".
    top = next(line for line in anchor.arithmetic if "× 1.15" in line)
    assert top.startswith(f"Top, 15% above: ${est.p50:,} × 1.15 = ${round(est.p50 * 1.15):,}")
    assert top.endswith(f"${anchor.top_low:,}.")
    assert anchor.citations[0] == cite.STATE_RANGE
    assert anchor.method == est.method


def test_anchor_range_refuses_an_unknown_median_with_the_reason() -> None:
    with pytest.raises(InputError, match=r"median is unknown.*Withheld"):
        anchor_range(estimate_for("software engineer", "senior", "Krakow"))


def test_anchor_states_premiums_beside_the_range_not_inside() -> None:
    plain = anchor_range(estimate_for("ai engineer", "senior", "Austin"))
    fintech = anchor_range(estimate_for("ai engineer", "senior", "Austin", domain="fintech"))
    assert (plain.median, plain.top_low, plain.top_high) == (
        fintech.median,
        fintech.top_low,
        fintech.top_high,
    )
    assert any(line.startswith("Not in the range: Fintech AI") for line in fintech.arithmetic)


def _nearest_thousand(amount: int, times: str) -> int:
    """amount x times to the nearest $1,000, a half up, in exact decimal arithmetic."""
    from decimal import ROUND_HALF_UP, Decimal

    exact = Decimal(amount) * Decimal(times) / 1000
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP)) * 1000


@profile(200)
@given(st.integers(10_000, 5_000_000), st.one_of(st.none(), st.integers(10_000, 5_000_000)))
def test_walk_away_is_current_plus_15_percent_never_below_the_floor(
    current: int, floor: int | None
) -> None:
    result = walk_away(current, floor)
    plus_15 = _nearest_thousand(current, "1.15")
    assert result.raise_low == plus_15
    assert result.raise_high == _nearest_thousand(current, "1.20")
    assert result.walk_away == max(plus_15, floor or 0)
    assert floor is None or result.walk_away >= floor
    # Every line's arithmetic holds: "a × 1.15 = b" says b = a × 1.15.
    for line in result.arithmetic:
        match = re.search(r"\$([\d,]+) × (1\.\d\d) = \$([\d,]+)", line)
        if match:
            a, times, b = (float(g.replace(",", "")) for g in match.groups())
            assert abs(a * times - b) <= 0.5 + 1e-6  # a half rounds up
    assert result.walk_away in _amounts(result.arithmetic)


def test_walk_away_reads_the_playbook_example() -> None:
    result = walk_away(180_000)
    assert "Current base + 15%: $180,000 × 1.15 = $207,000." in result.arithmetic
    assert result.walk_away == 207_000
    assert result.citations[0] == cite.FLOOR_FROM_CURRENT_PAY


def test_walk_away_says_where_the_market_median_is() -> None:
    market = estimate_for("machine learning engineer", "senior", "Raleigh")
    low = walk_away(120_000, market=market)
    high = walk_away(250_000, market=market)
    assert market.p50 is not None
    assert low.market_median == market.p50 and "anchor there" in low.notes[0]
    assert "would not meet it" in high.notes[0]


@pytest.mark.parametrize(
    ("current", "floor", "field"),
    [(0, None, "current base"), (-150_000, None, "current base"), (15, None, "current base"),
     (50_000_000, None, "current base"), (150_000, 5, "floor"), (None, None, "current base")],
)  # fmt: skip
def test_bad_pay_is_one_sentence_naming_the_field(
    current: int | None, floor: int | None, field: str
) -> None:
    with pytest.raises(InputError) as err:
        walk_away(current, floor)
    assert field in err.value.message and err.value.message.count(". ") == 0


# -- the tools, as both backends get them ---------------------------------------------------


@pytest.fixture(scope="module")
def tools(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    # These tools read the market tables, not the playbook's store: nothing is ingested.
    playbook = Playbook(Settings(home=tmp_path_factory.mktemp("targets")))
    return {tool.name: tool for tool in make_tools(playbook)}


def _run(tools: dict[str, object], name: ToolName, **args: object) -> object:
    tool = tools[name.value]
    content, artifact = tool.func(**args)  # type: ignore[attr-defined]
    result = parse_result(name.value, artifact)
    assert result is not None and result.for_model() == content
    return result


def test_make_tools_offers_the_two_targets(tools: dict[str, object]) -> None:
    assert {ToolName.ANCHOR_RANGE.value, ToolName.WALK_AWAY.value} <= set(tools)


def test_anchor_tool_declares_every_figure_it_states(tools: dict[str, object]) -> None:
    result = _run(tools, ToolName.ANCHOR_RANGE, role="AI engineer", level="senior",
                  location="Raleigh", domain="fintech")  # fmt: skip
    assert isinstance(result, AnchorRangeResult)
    assert result.median and result.top_low and result.citations()[0] == cite.STATE_RANGE
    stated = {a.value for a in find_amounts(result.markdown()) if a.explicit}
    assert stated and stated <= result.figures()
    assert result.premiums and result.premiums[0].on_p50 is not None


def test_walk_away_tool_reads_typed_amounts(tools: dict[str, object]) -> None:
    result = _run(tools, ToolName.WALK_AWAY, current_base="150k", floor="180k")
    assert isinstance(result, WalkAwayResult) and result.walk_away == 180_000
    stated = {a.value for a in find_amounts(result.markdown()) if a.explicit}
    assert stated <= result.figures()
    bad = _run(tools, ToolName.WALK_AWAY, current_base="-150k")
    assert isinstance(bad, ToolError) and "negative" in bad.message


def test_salary_tool_carries_adjusted_and_published_figures(tools: dict[str, object]) -> None:
    result = _run(tools, ToolName.SALARY_LOOKUP, role="ML engineer", level="senior",
                  location="Boston")  # fmt: skip
    assert isinstance(result, SalaryEstimateResult)
    assert result.location_ratio == 1.221
    assert (result.oews_place_median, result.oews_national_median) == (166_090, 135_980)
    assert result.p50 == round((result.unadjusted["p50"] or 0) * 1.221)
    assert result.method and "multiplied by 1.221" in result.method
    assert "22% above the national level" in result.method  # the ratio in words, too
    assert "National figures, as published" in result.markdown()
    stated = {a.value for a in find_amounts(result.method) if a.explicit}
    assert stated <= result.figures()


# -- the offline coach's answer ----------------------------------------------------------------


def test_a_location_follow_up_says_what_changed(tools: dict[str, object]) -> None:
    boston = _run(tools, ToolName.SALARY_LOOKUP, role="ML engineer", level="senior",
                  location="Boston")  # fmt: skip
    raleigh = _run(tools, ToolName.SALARY_LOOKUP, role="ML engineer", level="senior",
                   location="Raleigh")  # fmt: skip
    assert isinstance(boston, SalaryEstimateResult) and isinstance(raleigh, SalaryEstimateResult)
    text = writer.write("salary", Slots(), {"salary_lookup": raleigh}, previous=boston)
    assert text.startswith(
        "**What changed:** Moving from Boston-Cambridge-Newton, MA-NH to Raleigh-Cary, NC "
        "multiplies every figure by 0.799"
    )
    same = writer.write("salary", Slots(), {"salary_lookup": raleigh}, previous=raleigh)
    assert "What changed" not in same


def test_a_level_follow_up_says_how_the_median_moved(tools: dict[str, object]) -> None:
    senior = _run(tools, ToolName.SALARY_LOOKUP, role="ML engineer", level="senior")
    staff = _run(tools, ToolName.SALARY_LOOKUP, role="ML engineer", level="staff")
    assert isinstance(senior, SalaryEstimateResult) and isinstance(staff, SalaryEstimateResult)
    change = staff.change_from(senior)
    assert senior.p50 and staff.p50 and change
    assert f"multiplies the median by {staff.p50 / senior.p50:.3f}, to ${staff.p50:,}" in change


def test_the_writer_shows_both_targets(
    tools: dict[str, object],
) -> None:
    anchor = _run(tools, ToolName.ANCHOR_RANGE, role="data scientist", location="Austin")
    walk = _run(tools, ToolName.WALK_AWAY, current_base="140k")
    results = {ToolName.ANCHOR_RANGE.value: anchor, ToolName.WALK_AWAY.value: walk}
    text = writer.write("targets", Slots(), results)  # type: ignore[arg-type]
    assert "Your anchor range" in text and "Your walk-away number: $161,000" in text


def test_a_half_thousand_rounds_up_and_the_sentence_agrees() -> None:
    # $170,000 x 1.15 is $195,499.99... in binary floating point: once shown as $195,500
    # and then rounded down to $195,000 in the same sentence.
    from coach.market.targets import walk_away as walk

    result = walk(current_base=170_000)
    assert result.raise_low == result.walk_away == 196_000, result
    assert "= $195,500, to the nearest $1,000: $196,000" in result.arithmetic[0]
