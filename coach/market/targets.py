"""The two numbers a person takes into a negotiation, computed here with their arithmetic.

* **Anchor range** (anchoring § Stating a range built on the anchor): "a range whose
  bottom sits at the function median and whose top is 15-20% above it, as AI Pulse
  recommends" (seed 001: "Anchor at the function median for AI-skilled roles, with
  your top of range 15-20% above"). The median is the person's market estimate
  (``estimate_for``: the cell priced for their place). Skill and domain premiums are
  stated beside the range as dollar ranges with their source, never folded into it.
* **Walk-away number** (walk-away § Setting your floor relative to current pay): "do
  not change jobs for less than a 15-20% increase over what you earn now" (seed 002:
  "don't move for less than 15-20% increase"), and never below a floor the person
  states. The market median is shown beside it: "if you are underpaid today, a 15-20%
  raise may still be below market, so treat it as a minimum and let the function
  median guide your target".

Every figure comes with the sentence that computes it ("$180,000 × 1.15 = $207,000").
Tops and walk-away numbers are rounded to the nearest $1,000, as the counter's anchor
is; the rounding is part of the sentence.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from pydantic import BaseModel, Field

from coach import citations as cite
from coach.errors import InputError
from coach.market.estimate import MarketEstimate, PremiumRange
from coach.money import format_usd, nearest_thousand
from coach.prompts import place_named

__all__ = [
    "RAISE_HIGH",
    "RAISE_LOW",
    "RANGE_TOP_HIGH",
    "RANGE_TOP_LOW",
    "STEP_MAX",
    "AnchorRange",
    "MarketGap",
    "RaiseAsk",
    "WalkAway",
    "anchor_range",
    "market_gap",
    "raise_ask",
    "walk_away",
]

# anchoring § Stating a range built on the anchor (AI Pulse): the top 15-20% above the median.
RANGE_TOP_LOW, RANGE_TOP_HIGH = 0.15, 0.20
# walk-away § Setting your floor relative to current pay (AI engineer guide): +15-20%.
RAISE_LOW, RAISE_HIGH = 0.15, 0.20
ROUND_TO = 1_000
# raises § Know your market gap (the coach's own rule of thumb): one raise, or a promotion,
# moves base by about 10-20% at most; a target further away is asked for in steps.
STEP_MAX = 0.20
# A yearly base outside this span is a typo (a monthly figure, a missing "k", extra zeros).
PLAUSIBLE_BASE = (10_000, 5_000_000)


_thousand = nearest_thousand


def _times(amount: int, share: float) -> tuple[int, str]:
    """amount × (1 + share), to the nearest $1,000, and the sentence that says so.

    In decimal: in binary floating point $170,000 × 1.15 is $195,499.99…, which the
    sentence shows as $195,500 and then rounded down to $195,000."""
    exact = Decimal(amount) * (1 + Decimal(str(share)))
    value = _thousand(exact)
    whole = int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    text = f"{format_usd(amount)} × {1 + share:.2f} = {format_usd(whole)}"
    if value != whole:
        text += f", to the nearest {format_usd(ROUND_TO)}: {format_usd(value)}"
    return value, text


class AnchorRange(BaseModel):
    """The range to state: from the median up to 15-20% above it."""

    role: str
    level_label: str | None = None
    location: str
    unadjusted_for: str | None = None  # the place asked, when the median is national
    median: int
    bottom: int = Field(description="the median to the nearest $1,000: the range's low end")
    top_low: int = Field(description="the median + 15%, to the nearest $1,000")
    top_high: int = Field(description="the median + 20%, to the nearest $1,000")
    p75: int | None = None
    p90: int | None = None
    arithmetic: list[str]
    method: str = Field(description="how the median was made (the estimate's method)")
    premiums: list[PremiumRange] = Field(default_factory=list)
    n: int | None = None
    sources: list[str] = Field(default_factory=list)
    citations: list[str] = Field(default_factory=list)


class WalkAway(BaseModel):
    """The lowest offer to accept: current base + 15-20%, never below a stated floor."""

    walk_away: int
    current_base: int | None = None
    raise_low: int | None = Field(None, description="current base + 15%, nearest $1,000")
    raise_high: int | None = Field(None, description="current base + 20%, nearest $1,000")
    floor: int | None = None
    market_median: int | None = None
    market_basis: str | None = None
    arithmetic: list[str]
    notes: list[str] = Field(default_factory=list)
    citations: list[str] = Field(default_factory=list)


def _where(value: int, est: MarketEstimate) -> str | None:
    p75, p90 = est.p75, est.p90
    if p75 is None or p90 is None:
        return None
    if value <= p75:
        return f"The top sits at or below the market 75th percentile ({format_usd(p75)})."
    if value <= p90:
        return (
            f"The top sits between the market 75th percentile ({format_usd(p75)}) and 90th "
            f"percentile ({format_usd(p90)})."
        )
    return (
        f"The top sits above the market 90th percentile ({format_usd(p90)}): back it with evidence."
    )


def anchor_range(est: MarketEstimate) -> AnchorRange:
    """The anchor range on the estimate's median; InputError when the median is unknown."""
    if est.p50 is None:
        why = est.unknown_reason or est.withheld or "no exact median for this role and place"
        raise InputError(f"No anchor range: the market median is unknown ({why.rstrip('.')}).")
    median = est.p50
    # A figure said aloud is a round one: "$181,000", not "$181,354".
    bottom = _thousand(median)
    bottom_text = f"Bottom of the range = the market median {format_usd(median)}"
    if bottom != median:
        bottom_text += f", to the nearest {format_usd(ROUND_TO)}: {format_usd(bottom)}"
    top_low, low_text = _times(median, RANGE_TOP_LOW)
    top_high, high_text = _times(median, RANGE_TOP_HIGH)
    lines = [
        f"{bottom_text}.",
        f"Top, 15% above: {low_text}.",
        f"Top, 20% above: {high_text}.",
    ]
    where = _where(top_high, est)
    if where:
        lines.append(where)
    for p in est.premiums:  # stated beside the range, never folded into it
        if p.low is not None and p.high is not None:
            lines.append(
                f"Not in the range: {p.what}, +{p.low_pct:g}% to +{p.high_pct:g}% on the "
                f"median = {format_usd(p.low)} – {format_usd(p.high)} ({p.source})."
            )
    return AnchorRange(
        role=est.role,
        level_label=est.level_label,
        location=est.location,
        unadjusted_for=est.unadjusted_for,
        median=median,
        bottom=bottom,
        top_low=top_low,
        top_high=top_high,
        p75=est.p75,
        p90=est.p90,
        arithmetic=lines,
        method=est.method,
        premiums=est.premiums,
        n=est.n,
        sources=[f"{s.name} ({s.release}, {s.licence})" for s in est.sources],
        citations=[cite.STATE_RANGE, cite.FUNCTION_MEDIAN],
    )


def plausible_base(value: int | None, field: str) -> int | None:
    """``value`` if it reads as a yearly base; one sentence naming ``field`` if not."""
    if value is None:
        return None
    low, high = PLAUSIBLE_BASE
    if value <= 0:
        raise InputError(f"The {field} must be more than zero, like 150k.")
    if not low <= value <= high:
        raise InputError(
            f"The {field} {format_usd(value)} is not a yearly base salary; give it per "
            f"year, between {format_usd(low)} and {format_usd(high)}."
        )
    return value


def walk_away(
    current_base: int | None,
    floor: int | None = None,
    market: MarketEstimate | None = None,
) -> WalkAway:
    """The walk-away number from current pay +15% (and +20%), never below ``floor``."""
    current_base = plausible_base(current_base, "current base")
    floor = plausible_base(floor, "floor")
    if current_base is None and floor is None:
        raise InputError(
            "A walk-away number needs your current base or the floor you have set; "
            "give one, like 'I make 150k'."
        )
    lines: list[str] = []
    notes: list[str] = []
    raise_low = raise_high = None
    candidates: list[int] = []
    if current_base is not None:
        raise_low, low_text = _times(current_base, RAISE_LOW)
        raise_high, high_text = _times(current_base, RAISE_HIGH)
        lines += [f"Current base + 15%: {low_text}.", f"Current base + 20%: {high_text}."]
        candidates.append(raise_low)
    if floor is not None:
        candidates.append(floor)
        lines.append(f"Your stated floor: {format_usd(floor)}.")
    number = max(candidates)
    if current_base is not None and floor is not None:
        held = "your floor" if floor >= (raise_low or 0) else "current base + 15%"
        lines.append(
            f"Walk-away = the higher of {format_usd(raise_low or 0)} and "
            f"{format_usd(floor)}: {format_usd(number)} ({held})."
        )
    else:
        lines.append(f"Walk-away = {format_usd(number)}.")
    median = market.p50 if market is not None else None
    if median is not None:
        if number < median:
            notes.append(
                f"The market median is {format_usd(median)}: anchor there, not on your "
                "current pay; the walk-away is only your private minimum."
            )
        else:
            notes.append(
                f"Your walk-away {format_usd(number)} is at or above the market median "
                f"{format_usd(median)}: an offer at the median would not meet it, so expect "
                "to negotiate hard or look at employers that pay above the median."
            )
    elif market is not None:
        notes.append(f"No market median to compare: {market.method}")
    return WalkAway(
        walk_away=number,
        current_base=current_base,
        raise_low=raise_low,
        raise_high=raise_high,
        floor=floor,
        market_median=median,
        market_basis=market.method if market is not None and median is not None else None,
        arithmetic=lines,
        notes=notes,
        citations=[cite.FLOOR_FROM_CURRENT_PAY, cite.WALK_AWAY_NUMBER],
    )


class MarketGap(BaseModel):
    """How far a person's base today sits from the market median for their role, level and
    place (raises § Know your market gap): the figure a raise talk with one's own manager
    starts from. ``percent`` is negative under the median."""

    current_base: int
    median: int
    difference: int = Field(description="current base minus the median, in dollars")
    percent: int = Field(description="the difference over the median, to the whole percent")
    arithmetic: str


def market_gap(current_base: int | None, est: MarketEstimate) -> MarketGap | None:
    """The gap between ``current_base`` and the estimate's median; None when either is
    unknown (a top-coded or withheld median has no exact gap). A base that is not a yearly
    salary is refused in one sentence, as the walk-away's is."""
    current_base = plausible_base(current_base, "current base")
    if current_base is None or est.p50 is None:
        return None
    median = est.p50
    difference = current_base - median
    percent = round(difference / median * 100)
    arithmetic = (
        f"({format_usd(current_base)} − {format_usd(median)}) / {format_usd(median)} "
        f"= {difference / median * 100:+.1f}%"
    )
    return MarketGap(
        current_base=current_base,
        median=median,
        difference=difference,
        percent=percent,
        arithmetic=arithmetic,
    )


class RaiseAsk(BaseModel):
    """The base to ask one's own manager for, toward a market figure (raises § Know your
    market gap): the figure to the nearest $1,000 when it is within one step of the base
    (``STEP_MAX``); else a first step of ``STEP_MAX`` now and the rest on a dated path."""

    current_base: int
    target: int = Field(description="the market figure aimed at, exact, as its source gives it")
    ask: int = Field(description="the base to say now, to the nearest $1,000")
    staged: bool = Field(description="the target is more than one step above the base")
    rest: int = Field(0, description="target minus the ask, left for the dated path")
    percent: float = Field(description="the target over the base, in percent")
    arithmetic: list[str]


def raise_ask(current_base: int, target: int) -> RaiseAsk:
    """What to ask for toward ``target`` from ``current_base``, with its arithmetic."""
    gap = target - current_base
    percent = 100 * gap / current_base
    said = f"{format_usd(target)} − {format_usd(current_base)} = {format_usd(gap)}"
    if percent <= 100 * STEP_MAX:
        ask = _thousand(target)
        lines = [f"{said}, {percent:.1f}% over the base: within one step."]
        if ask != target:
            lines.append(
                f"{format_usd(target)} to the nearest {format_usd(ROUND_TO)}: {format_usd(ask)}."
            )
        return RaiseAsk(
            current_base=current_base,
            target=target,
            ask=ask,
            staged=False,
            percent=round(percent, 1),
            arithmetic=lines,
        )
    ask, step = _times(current_base, STEP_MAX)
    return RaiseAsk(
        current_base=current_base,
        target=target,
        ask=ask,
        staged=True,
        rest=target - ask,
        percent=round(percent, 1),
        arithmetic=[
            f"{said}, {percent:.1f}% over the base: more than one raise or promotion moves "
            f"base (about 10-20%).",
            f"The first step, {100 * STEP_MAX:.0f}% now: {step}; the remaining "
            f"{format_usd(target - ask)} on a dated path, in writing.",
        ],
    )


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def anchor_markdown(anchor: AnchorRange) -> str:
    """The anchor range as the offline coach shows it (figures via format_usd)."""
    place = place_named(anchor.location, anchor.unadjusted_for)
    title = ", ".join(x for x in (anchor.role, anchor.level_label, place) if x)
    return (
        f"**Your anchor range — {title}**\n\n"
        f"State **{format_usd(anchor.bottom)} – {format_usd(anchor.top_low)}** "
        f"(up to {format_usd(anchor.top_high)} with a strong evidence pack).\n\n"
        f"{_bullets(anchor.arithmetic)}\n\n"
        f"The median: {anchor.method} See [{anchor.citations[0]}]."
    )


def walk_away_markdown(result: WalkAway) -> str:
    """The walk-away number as the offline coach shows it (figures via format_usd)."""
    notes = f"\n\n{' '.join(result.notes)}" if result.notes else ""
    return (
        f"**Your walk-away number: {format_usd(result.walk_away)}** — the lowest base to "
        "accept; keep it private.\n\n"
        f"{_bullets(result.arithmetic)}{notes}\n\nSee [{result.citations[0]}]."
    )
