"""Score and verdicts: the playbook's decision rules, each citing its section."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.errors import InputError
from coach.offers import (
    MarketBenchmark,
    Offer,
    assess_offer,
    compute_totals,
    market_for,
    position,
    score_offer,
)
from tests.fuzz import profile

PLAYBOOK = Path(__file__).resolve().parents[1] / "coach" / "knowledge" / "playbook"

# Market base figures as the salary lookup returns them (the shape of its answer,
# with round numbers so the arithmetic below can be checked by hand).
MARKET = MarketBenchmark(
    known=True,
    description="software engineer · senior · San Francisco",
    basis="test cell, n=500",
    percentiles={"p10": 150_000, "p25": 180_000, "p50": 200_000, "p75": 240_000, "p90": 280_000},
    n=500,
    sources=["test source"],
)
UNKNOWN = MarketBenchmark(
    known=False, description="basket weaver · all levels · Atlantis", reason="unknown role"
)


def _score(base: int, employer: str | None = None, market: MarketBenchmark = MARKET, **kw):  # type: ignore[no-untyped-def]
    offer = Offer(base=base, employer_type=employer)
    return score_offer(offer, compute_totals(offer), market, **kw)


def _headings() -> set[str]:
    found = set()
    for path in PLAYBOOK.glob("*.md"):
        for heading in re.findall(r"^## (.+)$", path.read_text(encoding="utf-8"), re.M):
            found.add(f"{path.stem} § {heading.strip()}")
    return found


@pytest.mark.parametrize(
    ("value", "percentile", "label"),
    [
        (200_000, 50, "p50"),
        (190_000, 37.5, "p38"),  # halfway from p25 (180k) to p50 (200k)
        (260_000, 82.5, "p82"),  # halfway from p75 (240k) to p90 (280k)
        (100_000, 10, "below p10"),
        (400_000, 90, "above p90"),
    ],
)
def test_percentile_is_interpolated_and_clamped(value: int, percentile: float, label: str) -> None:
    pos = position(value, MARKET)
    assert pos is not None
    assert pos.percentile == pytest.approx(percentile)
    assert pos.label == label


def test_withheld_tails_clamp_to_the_known_percentiles() -> None:
    market = MARKET.model_copy(
        update={"percentiles": {"p10": None, "p25": 180_000, "p50": 200_000, "p75": 240_000}}
    )
    assert position(150_000, market).label == "below p25"  # type: ignore[union-attr]


def test_below_median_at_a_premium_employer_pushes_base() -> None:
    verdict = _score(180_000, "AI lab").verdicts[0]
    assert verdict.action == "push_base"
    assert "$20,000 under the $200,000 median" in verdict.headline
    assert verdict.citation == "sequence § Step four: the decision rule for what to push on"


def test_below_median_elsewhere_still_pushes_base_but_expects_other_levers() -> None:
    verdict = _score(180_000, "other").verdicts[0]
    assert verdict.action == "push_base_outside_premium"
    assert "sign-on, level" in verdict.reasons[0]
    assert verdict.citation == "employer-types § Negotiating at a company outside the four types"


def test_at_or_above_median_moves_to_equity_and_refreshers() -> None:
    for base in (200_000, 230_000):
        verdict = _score(base, "big tech").verdicts[0]
        assert verdict.action == "move_to_package"
        assert "equity, refreshers and 4-year total" in verdict.headline


def test_below_floor_triggers_the_walk_away_check_first() -> None:
    result = _score(180_000, "AI lab", floor=190_000)
    assert [v.action for v in result.verdicts] == ["walk_away_check", "push_base"]
    assert "$10,000 under your walk-away number" in result.verdicts[0].headline
    assert result.verdicts[0].citation == "walk-away § What a walk-away number is"


def test_a_small_raise_triggers_the_walk_away_check() -> None:
    result = _score(210_000, "AI lab", current_base=200_000)  # +5%
    assert result.verdicts[0].action == "walk_away_check"
    assert "+5.0%" in result.verdicts[0].headline
    assert result.verdicts[0].citation == "walk-away § Setting your floor relative to current pay"


def test_a_raise_of_15_to_20_percent_passes_with_a_note() -> None:
    result = _score(230_000, "AI lab", current_base=200_000)  # +15%
    assert [v.action for v in result.verdicts] == ["move_to_package"]
    assert any("15-20% rule" in note for note in result.notes)


def test_no_market_median_falls_back_to_the_rules_that_need_none() -> None:
    result = _score(180_000, floor=190_000, market=UNKNOWN)
    assert [v.action for v in result.verdicts] == ["walk_away_check", "no_market"]
    assert (
        result.verdicts[1].citation == "mistakes § Mistake three: not knowing your function median"
    )
    assert "unknown role" in result.verdicts[1].reasons[0]
    base_part = next(c for c in result.components if c.key == "base_vs_market")
    assert base_part.points is None and "unknown role" in base_part.detail
    # Only the floor could be judged, and the base is under it.
    assert result.score == 0


def test_nothing_to_judge_gives_no_score_and_says_why() -> None:
    result = _score(180_000, market=UNKNOWN)
    assert result.score is None
    assert any("No score" in note for note in result.notes)


def test_score_components_and_weights_are_shown() -> None:
    result = _score(200_000, "AI lab", floor=150_000, current_base=160_000)
    parts = {c.key: c for c in result.components}
    assert parts["base_vs_market"].points == 50
    assert parts["floor"].points == 100
    assert parts["raise"].points == 100  # +25%, above the 20% for full points
    # Total comp = base only = 200,000: also p50 of market base.
    assert parts["total_vs_market"].points == 50
    # (40 x 50 + 30 x 50 + 15 x 100 + 15 x 100) / 100 = 65
    assert result.score == 65


def test_every_citation_is_a_real_playbook_heading() -> None:
    headings = _headings()
    cases = [
        _score(180_000, "AI lab", floor=190_000, current_base=175_000),
        _score(180_000, "other"),
        _score(180_000),
        _score(250_000),
        _score(180_000, market=UNKNOWN),
    ]
    cited = {v.citation for case in cases for v in case.verdicts}
    assert len(cited) >= 5
    assert cited <= headings


def test_bad_user_numbers_are_refused() -> None:
    with pytest.raises(InputError, match="current base must be above zero"):
        _score(180_000, current_base=0)


@profile(120)
@given(
    base=st.integers(10_000, 1_000_000),
    more=st.integers(0, 500_000),
    bonus=st.floats(0, 40),
    floor=st.one_of(st.none(), st.integers(10_000, 600_000)),
    current=st.one_of(st.none(), st.integers(10_000, 600_000)),
    known=st.booleans(),
)
def test_more_base_never_lowers_the_score_and_it_stays_in_range(
    base: int, more: int, bonus: float, floor: int | None, current: int | None, known: bool
) -> None:
    market = MARKET if known else UNKNOWN
    scores = []
    for value in (base, min(base + more, 5_000_000)):
        offer = Offer(base=value, bonus={"target_percent": bonus})
        result = score_offer(
            offer, compute_totals(offer), market, floor=floor, current_base=current
        )
        if result.score is not None:
            assert 0 <= result.score <= 100
        scores.append(result.score)
    if scores[0] is not None:
        assert scores[1] is not None and scores[1] >= scores[0]


# ---- through the real salary lookup ------------------------------------------------------


def test_real_lookup_gives_a_benchmark_with_provenance() -> None:
    offer = Offer(base=185_000, role="ML engineer", level="senior", location="San Francisco, CA")
    market = market_for(offer)
    assert market.known and market.median is not None
    assert market.n and market.n >= 20
    assert market.basis and market.sources
    assert market.level_code == "SE"


def test_real_lookup_unknown_role_is_reported_not_invented() -> None:
    offer = Offer(base=185_000, role="basket weaver")
    report = assess_offer(offer, floor=150_000)
    assert not report.market.known
    assert "Unknown role" in (report.market.reason or "")
    assert report.score.verdicts[-1].action == "no_market"
    assert report.counter.anchor is None


def test_offer_without_a_role_has_no_market() -> None:
    report = assess_offer(Offer(base=185_000))
    assert not report.market.known
    assert "names no role" in (report.market.reason or "")
