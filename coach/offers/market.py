"""The offer's market benchmark: the person's market estimate and nothing else.

``coach.market.estimate.estimate_for`` (the place applied to the cell) raises InputError
for a role or place it doesn't know and returns an estimate without figures when a cell
is withheld; both become a benchmark with ``known=False`` and the estimate's own sentence
as the reason. The counter's anchor is therefore the person's estimate.
"""

from __future__ import annotations

from coach.errors import CoachError
from coach.market import MarketTables
from coach.market.estimate import RATIO_DIGITS, MarketEstimate, estimate_for
from coach.money import format_usd
from coach.offers.model import Offer
from coach.offers.score import PERCENTILE_POINTS, MarketBenchmark
from coach.prompts import render

# aijobs.net's ladder, as the lookup names it; "staff" covers staff and above.
LADDER = ("entry", "mid", "senior", "staff")
_CODES = {"EN": "entry", "MI": "mid", "SE": "senior", "EX": "staff"}


def _describe(role: str, level: str | None, location: str | None) -> str:
    return " · ".join([role, level or "all levels", location or "United States"])


def _basis(estimate: MarketEstimate) -> str | None:
    """The figures' group, and the place ratio when one was applied (with both medians)."""
    ratio = estimate.location_ratio
    if estimate.basis is None or ratio is None:
        return estimate.basis
    return render(
        "market/place_basis",
        basis=estimate.basis,
        ratio=f"{ratio.ratio:.{RATIO_DIGITS}f}",
        place_pays=ratio.sentence(),
    )


def benchmark_from_estimate(estimate: MarketEstimate) -> MarketBenchmark:
    """A market estimate as the figures the score uses, with provenance."""
    description = _describe(estimate.role, estimate.level_label, estimate.location)
    figures = {name: getattr(estimate, name) for name, _ in PERCENTILE_POINTS}
    # Provenance of the headline figures: the one cell they come from, and its source.
    headline = next((c for c in estimate.cells if c.basis == estimate.basis), None)
    sources = [
        f"{s.name}, {s.release} ({s.url})"
        for s in estimate.sources
        if headline is not None and s.id == headline.source_id
    ]
    reason = estimate.unknown_reason
    if estimate.p50 is None and "p50" in estimate.at_least:
        reason = (
            f"the median is top-coded in {_basis(estimate)}: at least "
            f"{format_usd(estimate.at_least['p50'])}, not an exact figure"
        )
    return MarketBenchmark(
        known=estimate.p50 is not None,
        reason=None if estimate.p50 is not None else reason,
        description=description,
        basis=_basis(estimate),
        method=estimate.method,
        unadjusted=dict(estimate.unadjusted),
        location_ratio=estimate.ratio,
        percentiles=figures,
        at_least=dict(estimate.at_least),
        n=estimate.n,
        level_code=estimate.level,
        sources=sources,
        assumptions=list(estimate.assumptions),
    )


def market_for(
    offer: Offer, *, level: str | None = None, tables: MarketTables | None = None
) -> MarketBenchmark:
    """Look up market base pay for the offer's role, level, location and employer type
    (in ``tables``, the session's; default: the packaged tables)."""
    level = level or offer.level
    if not offer.role:
        return MarketBenchmark(
            known=False,
            description="role not given",
            reason="the offer names no role, so there is no market to look up",
        )
    if offer.currency != "USD":
        # The market figures are US dollars and no exchange rate is applied: a CHF base is
        # not placed against them, and nothing says "the base works" without a market.
        return MarketBenchmark(
            known=False,
            reason=(
                f"the offer is in {offer.currency} and the market figures are in US dollars; "
                "no exchange rate is applied, so it is not placed against them"
            ),
            description=_describe(offer.role, level, offer.location),
        )
    # The lookup reads the vocabulary's names, so the type's label is enough.
    employer = offer.employer_type.label if offer.employer_type else None
    try:
        estimate = estimate_for(
            offer.role,
            level=level,
            location=offer.location,
            employer_type=employer,
            tables=tables,
        )
    except CoachError as err:
        return MarketBenchmark(
            known=False,
            reason=err.message,
            description=_describe(offer.role, level, offer.location),
        )
    return benchmark_from_estimate(estimate)


def next_level(market: MarketBenchmark) -> str | None:
    """The rung above the benchmark's level on the lookup's ladder (None at the top or unknown)."""
    if market.level_code not in _CODES:
        return None
    index = LADDER.index(_CODES[market.level_code])
    return LADDER[index + 1] if index + 1 < len(LADDER) else None
