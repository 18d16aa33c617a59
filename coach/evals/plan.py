"""Before a run: how many live model calls it will make, and what they will cost.

A paid run prints this estimate before its first call; an unknown price stops it
unless ``--max-cost`` is given. Cached answers are free and counted apart, so a
re-run says so up front.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from coach.errors import InputError
from coach.evals.cost import Estimate, Price, estimate, load_prices
from coach.evals.datasets import BiasCase, Case, CoachCase
from coach.evals.suites import SUITE_RUNNERS
from coach.evals.suites.context import EvalContext


def samples_for(suite: str, repeat: int) -> int:
    """Deterministic suites give the same answer every time: they run once."""
    return 1 if SUITE_RUNNERS[suite].deterministic else repeat


def coach_messages(case: Case) -> list[list[str]]:
    """The user messages a case sends the coach: one list per conversation."""
    if isinstance(case, CoachCase):
        return [[t.user for t in case.turns]]
    if isinstance(case, BiasCase) and case.template:
        return [[line.format(**words) for line in case.template] for words in case.variants]
    return []


@dataclass
class Plan:
    live_turns: int
    cached_turns: int
    judge_calls: int  # at most: a cached verdict is free
    units: int  # progress-bar steps


def plan_run(
    ctx: EvalContext,
    datasets: dict[str, list[Case]],
    suites: tuple[str, ...],
    repeat: int,
    judge: bool,
    calibration: int = 0,
) -> Plan:
    """What the run will do; ``calibration``: gold answers the judge is calibrated on."""
    live = cached = judge_calls = units = 0
    for suite, cases in datasets.items():
        samples = samples_for(suite, repeat) if suite in suites else 0
        units += len(cases) * samples
        for case in cases:
            for sample in range(samples):
                for messages in coach_messages(case):
                    if ctx.paid and ctx.is_cached(messages, sample):
                        cached += len(messages)
                    else:
                        live += len(messages)
                if judge and isinstance(case, CoachCase):
                    judge_calls += sum(1 for t in case.turns if t.expect)
    if judge:
        judge_calls += calibration
        units += calibration
    return Plan(live if ctx.paid else 0, cached, judge_calls, units)


def announce_cost(
    plan: Plan,
    ctx: EvalContext,
    judge_price: Price,
    prices_path: Path,
    max_cost: float | None,
    announce: Callable[[str], None],
) -> Estimate:
    """Say what the run will cost; refuse an unknown price without a cap."""
    table = load_prices(prices_path)
    found = estimate(table, ctx.price, judge_price, plan.live_turns, plan.judge_calls)
    if not plan.live_turns + plan.judge_calls:
        free = "the offline coach" if not ctx.paid else "every answer is cached"
        announce(f"Cost: $0 ({free}; {plan.cached_turns} cached turn(s)).")
        return found
    announce(
        f"Estimated cost before any paid call: {found.describe()} "
        f"({plan.cached_turns} turn(s) cached, free)."
    )
    if not found.known and max_cost is None:
        unknown = ctx.model if not ctx.price.known else "the judge model"
        raise InputError(
            f"The price of {unknown} is not in {prices_path.name}, so this run's cost is "
            "unknown: pass --max-cost USD to run it anyway (the cap is enforced at the highest "
            "listed price), or add the model."
        )
    if max_cost is not None and found.usd > max_cost:
        announce(f"The estimate is above --max-cost ${max_cost:.2f}: the run will stop there.")
    return found
