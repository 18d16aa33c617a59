"""One call from offer to advice: totals, market, score, verdicts and the counter."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel

from coach.market import MarketTables
from coach.offers.counter import CounterProposal, counter_offer
from coach.offers.market import market_for, next_level
from coach.offers.model import Offer
from coach.offers.score import MarketBenchmark, Score, score_offer
from coach.offers.totals import DEFAULT_HAIRCUT, Totals, compute_totals


class Assessment(BaseModel):
    offer: Offer
    totals: Totals
    market: MarketBenchmark
    score: Score
    counter: CounterProposal
    unparsed: list[str] = []
    assumptions: list[str] = []


def assess_offer(
    offer: Offer,
    *,
    current_base: int | None = None,
    floor: int | None = None,
    market: MarketBenchmark | None = None,
    haircut: float = DEFAULT_HAIRCUT,
    tables: MarketTables | None = None,
    evidence: Sequence[str] = (),
) -> Assessment:
    """Everything the coach says about one offer, every figure computed or looked up.

    ``market`` defaults to the salary lookup for the offer's role, level and
    location (in ``tables``: the session's market tables, default the packaged ones);
    pass a benchmark to score against figures you already have. ``evidence``: the user's
    evidence-pack bullets, which the counter script says (the caller loads them).
    """
    totals = compute_totals(offer, haircut=haircut)
    looked_up = market is None
    bench = market_for(offer, tables=tables) if market is None else market
    score = score_offer(offer, totals, bench, current_base=current_base, floor=floor)
    above = next_level(bench) if looked_up else None
    higher = (above, market_for(offer, level=above, tables=tables)) if above else None
    counter = counter_offer(
        offer,
        totals,
        bench,
        next_level=higher,
        current_base=current_base,
        floor=floor,
        evidence=evidence,
    )
    return Assessment(offer=offer, totals=totals, market=bench, score=score, counter=counter)
