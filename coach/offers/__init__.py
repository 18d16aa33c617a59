"""Offer math: the offer model and parser, 4-year totals, market score, counter, comparison.

Typical use: ``load_offer(text_or_path)`` gives a ``ParseResult`` (offer, unparsed,
assumptions); ``assess_offer(result.offer, current_base=..., floor=...)`` gives the
totals, market benchmark, score, verdicts and counter; ``compare_offers`` and
``comparison_chart`` put 2-5 offers side by side.
"""

from __future__ import annotations

from coach.offers.assess import Assessment, assess_offer
from coach.offers.compare import Comparison, compare_offers, comparison_chart
from coach.offers.counter import CounterProposal, Lever, counter_offer
from coach.offers.market import benchmark_from_estimate, market_for
from coach.offers.model import (
    Bonus,
    EmployerType,
    Offer,
    OptionGrant,
    PercentGrant,
    Refresher,
    RSUGrant,
    SignOn,
    Vesting,
)
from coach.offers.parse import (
    ParseResult,
    load_offer,
    offer_from_data,
    parse_offer,
    read_offer_fields,
)
from coach.offers.score import MarketBenchmark, Position, Score, Verdict, position, score_offer
from coach.offers.totals import DEFAULT_HAIRCUT, Line, Totals, compute_totals

__all__ = [
    "DEFAULT_HAIRCUT",
    "Assessment",
    "Bonus",
    "Comparison",
    "CounterProposal",
    "EmployerType",
    "Lever",
    "Line",
    "MarketBenchmark",
    "Offer",
    "OptionGrant",
    "ParseResult",
    "PercentGrant",
    "Position",
    "RSUGrant",
    "Refresher",
    "Score",
    "SignOn",
    "Totals",
    "Verdict",
    "Vesting",
    "assess_offer",
    "benchmark_from_estimate",
    "compare_offers",
    "comparison_chart",
    "compute_totals",
    "counter_offer",
    "load_offer",
    "market_for",
    "offer_from_data",
    "parse_offer",
    "position",
    "read_offer_fields",
    "score_offer",
]
