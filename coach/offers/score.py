"""Where an offer sits against the market, a 0-100 score with its parts, and the verdict.

The market figures come only from the salary lookup (``MarketBenchmark`` carries
them with their sources). When the lookup has no median, the score says so and
the verdict uses only the rules that don't need one; no market number is made up.
"""

from __future__ import annotations

import itertools
from typing import Literal

from pydantic import BaseModel

from coach import citations as cite
from coach.errors import InputError
from coach.market.tables import PERCENTILES
from coach.money import format_usd
from coach.offers.model import EmployerType, Offer
from coach.offers.totals import Totals

# The market tables' percentile columns and the share of pay each stands for ("p25" -> 25).
PERCENTILE_POINTS = tuple((name, int(name[1:])) for name in PERCENTILES)
# Weights of the score's parts; parts that can't be computed drop out and the rest
# are rescaled, so the score always reads as a 0-100 share of what could be judged.
WEIGHTS = {"base_vs_market": 40, "total_vs_market": 30, "floor": 15, "raise": 15}
RAISE_MINIMUM = 0.15  # walk-away § Setting your floor relative to current pay: 15-20%
RAISE_FULL = 0.20


class MarketBenchmark(BaseModel):
    """Market base pay for the offer's role, level and place, as the salary lookup gave it."""

    known: bool
    reason: str | None = None  # why there is no figure, in the lookup's words
    description: str  # what was looked up, e.g. "ML engineer · senior · San Francisco"
    basis: str | None = None  # which data cell the figures come from
    measure: str = "base salary"
    percentiles: dict[str, int | None] = {}  # for the place (coach.market.estimate)
    at_least: dict[str, int] = {}  # top-coded figures: only a lower bound is known
    unadjusted: dict[str, int | None] = {}  # the cell's own, before the place was applied
    location_ratio: float | None = None  # place / national OEWS median, when applied
    method: str | None = None  # how the figures were made, in one sentence
    n: int | None = None
    level_code: str | None = None  # the lookup's level (EN, MI, SE, EX), if it used one
    sources: list[str] = []
    assumptions: list[str] = []  # the lookup's own, e.g. "the figures are national"

    @property
    def median(self) -> int | None:
        return self.percentiles.get("p50") if self.known else None


class Position(BaseModel):
    """Where a value falls among the market percentiles."""

    value: int
    percentile: float  # interpolated, clamped to the known range
    label: str  # "p37", "below p10", "above p90"

    @property
    def words(self) -> str:
        """The label for a reader: "the 37th percentile (37% of salaries are lower)"."""
        pct = round(self.percentile)
        nth = _ordinal(pct)
        if self.label.startswith("below"):
            return f"below the {nth} percentile (over {100 - pct}% of salaries are higher)"
        if self.label.startswith("above"):
            return f"above the {nth} percentile (over {pct}% of salaries are lower)"
        return f"about the {nth} percentile (about {pct}% of salaries are lower)"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


class Component(BaseModel):
    key: str
    label: str
    weight: float
    points: float | None  # 0-100; None when it can't be computed
    detail: str


class Verdict(BaseModel):
    action: Literal[
        "walk_away_check", "push_base", "push_base_outside_premium", "move_to_package", "no_market"
    ]
    headline: str
    reasons: list[str]
    citation: str


class Score(BaseModel):
    score: int | None  # None when nothing could be judged
    judged_on: list[str]  # the components that went into the score
    components: list[Component]
    base_position: Position | None
    total_position: Position | None
    raise_over_current: float | None
    verdicts: list[Verdict]  # the first is the main one
    notes: list[str]


def _points(bench: MarketBenchmark) -> list[tuple[float, int]]:
    return [
        (pct, v)
        for name, pct in PERCENTILE_POINTS
        if (v := bench.percentiles.get(name)) is not None
    ]


def position(value: int, bench: MarketBenchmark) -> Position | None:
    """Linear interpolation between the lookup's percentiles, clamped at the ends."""
    points = _points(bench)
    if not bench.known or len(points) < 2:
        return None
    (low_pct, low), (high_pct, high) = points[0], points[-1]
    if value < low:
        return Position(value=value, percentile=low_pct, label=f"below p{low_pct:g}")
    if value > high:
        return Position(value=value, percentile=high_pct, label=f"above p{high_pct:g}")
    for (p0, v0), (p1, v1) in itertools.pairwise(points):
        if v0 <= value <= v1:
            pct = p0 if v1 == v0 else p0 + (p1 - p0) * (value - v0) / (v1 - v0)
            pct = round(pct, 1)
            return Position(value=value, percentile=pct, label=f"p{pct:.0f}")
    raise AssertionError("unreachable: value lies within the known percentiles")


def _base_component(offer: Offer, pos: Position | None, bench: MarketBenchmark) -> Component:
    label = "Base vs market base"
    if pos is None:
        why = bench.reason or "the lookup gave too few percentiles to place it"
        return Component(
            key="base_vs_market",
            label=label,
            weight=WEIGHTS["base_vs_market"],
            points=None,
            detail=f"Left out of the score: {why}",
        )
    detail = (
        f"Base {format_usd(offer.base)} sits {pos.words} of market {bench.measure} "
        f"(median {format_usd(bench.median or 0)}; {bench.basis})."
    )
    return Component(
        key="base_vs_market",
        label=label,
        weight=WEIGHTS["base_vs_market"],
        points=pos.percentile,
        detail=detail,
    )


def _total_component(totals: Totals, pos: Position | None, bench: MarketBenchmark) -> Component:
    label = f"Total comp vs market {bench.measure}"
    if pos is None:
        return Component(
            key="total_vs_market",
            label=label,
            weight=WEIGHTS["total_vs_market"],
            points=None,
            detail="Left out of the score: no market figures to compare it with.",
        )
    what = "after the liquidity haircut" if totals.has_private_equity else "per year"
    detail = (
        f"Annualised total comp {format_usd(pos.value)} ({what}) sits {pos.words} of "
        f"market {bench.measure}. The market data has no total-comp figures, so this shows "
        "how far the whole package sits above a market base, and reads high."
    )
    return Component(
        key="total_vs_market",
        label=label,
        weight=WEIGHTS["total_vs_market"],
        points=pos.percentile,
        detail=detail,
    )


def _floor_component(offer: Offer, floor: int | None) -> Component:
    if floor is None:
        return Component(
            key="floor",
            label="Meets your walk-away floor",
            weight=WEIGHTS["floor"],
            points=None,
            detail="Left out of the score: no floor given.",
        )
    met = offer.base >= floor
    detail = (
        f"Base {format_usd(offer.base)} is {'at or above' if met else 'below'} your "
        f"walk-away floor of {format_usd(floor)}."
    )
    return Component(
        key="floor",
        label="Meets your walk-away floor",
        weight=WEIGHTS["floor"],
        points=100.0 if met else 0.0,
        detail=detail,
    )


def _raise_component(offer: Offer, current: int | None) -> tuple[Component, float | None]:
    label = "Raise over current base"
    if current is None:
        return Component(
            key="raise",
            label=label,
            weight=WEIGHTS["raise"],
            points=None,
            detail="Left out of the score: no current base given.",
        ), None
    rise = round(offer.base / current - 1, 9)  # so 230k over 200k is exactly +15%
    points = max(0.0, min(1.0, rise / RAISE_FULL)) * 100
    detail = (
        f"Base {format_usd(offer.base)} is {rise:+.1%} over your current "
        f"{format_usd(current)}; full points from a {RAISE_FULL:.0%} raise."
    )
    return Component(
        key="raise", label=label, weight=WEIGHTS["raise"], points=points, detail=detail
    ), rise


def _combine(components: list[Component]) -> int | None:
    scored = [c for c in components if c.points is not None]
    if not scored:
        return None
    weight = sum(c.weight for c in scored)
    return round(sum(c.weight * (c.points or 0) for c in scored) / weight)


def _walk_away(
    offer: Offer, floor: int | None, rise: float | None, current: int | None
) -> list[Verdict]:
    verdicts: list[Verdict] = []
    if floor is not None and offer.base < floor:
        verdicts.append(
            Verdict(
                action="walk_away_check",
                headline=(
                    f"Below your floor: base {format_usd(offer.base)} is "
                    f"{format_usd(floor - offer.base)} under your walk-away number."
                ),
                reasons=[
                    "Counter once with specifics; if the final offer is still under your floor, "
                    "decline politely.",
                    "Check the gap is real first: right level, equity and refreshers counted.",
                ],
                citation=cite.WALK_AWAY_NUMBER,
            )
        )
    if rise is not None and current is not None and rise < RAISE_MINIMUM:
        verdicts.append(
            Verdict(
                action="walk_away_check",
                headline=(
                    f"Under a 15-20% raise: base is {rise:+.1%} over your current "
                    f"{format_usd(current)}."
                ),
                reasons=[
                    "A move carries a new cliff and new risks; a raise this small rarely pays "
                    "for them.",
                    "Count the unvested equity and bonus you would forfeit when you compare.",
                ],
                citation=cite.FLOOR_FROM_CURRENT_PAY,
            )
        )
    return verdicts


def _market_verdict(offer: Offer, bench: MarketBenchmark) -> Verdict:
    median = bench.median
    if median is None:
        why = bench.reason or "the lookup has no median for it"
        return Verdict(
            action="no_market",
            headline="No market median to compare with, so the offer can't be placed.",
            reasons=[
                f"{bench.description}: {why}",
                "Find the function median for your role, place and level before you "
                "counter; the other checks above still apply.",
            ],
            citation=cite.NOT_KNOWING_THE_MEDIAN,
        )
    gap = median - offer.base
    employer = offer.employer_type
    if gap <= 0:
        return Verdict(
            action="move_to_package",
            headline=(
                f"At or above the median: base {format_usd(offer.base)} vs median "
                f"{format_usd(median)}. Move to equity, refreshers and 4-year total comp."
            ),
            reasons=[
                "Once base meets the median, the bigger money usually sits in the grant, "
                "the refresh policy and the sign-on."
            ],
            citation=cite.DECISION_RULE,
        )
    if employer is not None and employer.pays_premium:
        return Verdict(
            action="push_base",
            headline=(
                f"Below the median at an {employer.label}: push back on base "
                f"({format_usd(gap)} under the {format_usd(median)} median)."
            ),
            reasons=[
                "This employer type already pays the AI premium, so a below-median base "
                "is usually an opening position.",
                "Base compounds: raises, bonus targets and future offers are set from it.",
            ],
            citation=cite.DECISION_RULE,
        )
    kind = employer.label if employer is EmployerType.OTHER else "employer of unstated type"
    return Verdict(
        action="push_base_outside_premium",
        headline=(
            f"Below the median at an {kind}: still push on base "
            f"({format_usd(gap)} under the {format_usd(median)} median)."
        ),
        reasons=[
            "Outside the four types that pay the AI premium, base is the hardest lever: "
            "plan to fill part of the gap with sign-on, level or a written review."
        ]
        + ([] if employer else ["Say what kind of employer this is for a sharper verdict."]),
        citation=(
            cite.OUTSIDE_THE_FOUR_TYPES if employer is EmployerType.OTHER else cite.DECISION_RULE
        ),
    )


def score_offer(
    offer: Offer,
    totals: Totals,
    market: MarketBenchmark,
    *,
    current_base: int | None = None,
    floor: int | None = None,
) -> Score:
    """Score ``offer`` (with its ``totals``) against ``market`` and the user's own numbers."""
    for value, what in ((current_base, "current base"), (floor, "floor")):
        if value is not None and value <= 0:
            raise InputError(f"Your {what} must be above zero.")
    base_pos = position(offer.base, market)
    total_pos = position(totals.annualised_after_haircut, market)
    raise_part, rise = _raise_component(offer, current_base)
    components = [
        _base_component(offer, base_pos, market),
        _total_component(totals, total_pos, market),
        _floor_component(offer, floor),
        raise_part,
    ]
    verdicts = [*_walk_away(offer, floor, rise, current_base), _market_verdict(offer, market)]
    notes = [f"Market figures: {source}" for source in market.sources] + market.assumptions
    if current_base is not None and rise is not None and RAISE_MINIMUM <= rise < RAISE_FULL:
        notes.append(
            f"The raise of {rise:.1%} is inside the 15-20% rule's range: acceptable "
            f"only if the market comparison holds up ({cite.FLOOR_FROM_CURRENT_PAY})."
        )
    total = _combine(components)
    if total is None:
        notes.append("No score: there is no market median, floor or current pay to judge against.")
    return Score(
        score=total,
        judged_on=[c.label for c in components if c.points is not None],
        components=components,
        base_position=base_pos,
        total_position=total_pos,
        raise_over_current=rise,
        verdicts=verdicts,
        notes=notes,
    )
