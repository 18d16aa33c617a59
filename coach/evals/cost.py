"""Tokens and dollars: prices per model, the estimate before a paid run, the cap.

The offline coach is free. For a model endpoint the price comes from
evals/prices.yaml; an unknown model's cost is unknown, so a paid run needs an
explicit ``--max-cost``, enforced at the highest listed price (a ceiling, not a guess).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from coach.errors import CoachError, DataError
from coach.evals.paths import PRICES_FILE


class CostLimitError(CoachError):
    """The next paid call would take the run past --max-cost."""


@dataclass(frozen=True)
class Price:
    input: float  # USD per 1M prompt tokens
    output: float  # USD per 1M completion tokens
    known: bool = True  # False: a ceiling standing in for an unknown price

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        return (prompt_tokens * self.input + completion_tokens * self.output) / 1_000_000


FREE = Price(0.0, 0.0)


@dataclass(frozen=True)
class PriceTable:
    models: dict[str, Price]
    turn_tokens: tuple[int, int]
    judge_tokens: tuple[int, int]

    def price(self, model: str) -> Price:
        """The model's price, or the highest listed price marked as unknown."""
        if model in self.models:
            return self.models[model]
        return Price(
            max((p.input for p in self.models.values()), default=0.0),
            max((p.output for p in self.models.values()), default=0.0),
            known=False,
        )


def load_prices(path: Path = PRICES_FILE) -> PriceTable:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        models = {
            str(name): Price(float(p["input"]), float(p["output"]))
            for name, p in (data.get("models") or {}).items()
        }
        typical = data["typical"]
        turn = (int(typical["coach_turn"]["prompt"]), int(typical["coach_turn"]["completion"]))
        judge = (int(typical["judge_call"]["prompt"]), int(typical["judge_call"]["completion"]))
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
        raise DataError(f"The price table {path.name} is unreadable: {exc}") from None
    return PriceTable(models, turn, judge)


@dataclass(frozen=True)
class Estimate:
    turns: int
    judge_calls: int
    prompt_tokens: int
    completion_tokens: int
    usd: float  # at the enforced price (a ceiling when a price is unknown)
    known: bool

    def describe(self) -> str:
        calls = f"{self.turns} live coach turn(s)"
        if self.judge_calls:
            calls += f" and up to {self.judge_calls} judge call(s)"
        tokens = f"≈{self.prompt_tokens:,} prompt + {self.completion_tokens:,} completion tokens"
        if not self.known:
            ceiling = f"at most ${self.usd:.4f} at the highest listed price"
            return f"{calls}, {tokens}; the price is unknown ({ceiling})"
        return f"{calls}, {tokens}: about ${self.usd:.4f}"


def estimate(
    table: PriceTable, coach: Price, judge: Price, turns: int, judge_calls: int
) -> Estimate:
    turn_p, turn_c = table.turn_tokens
    judge_p, judge_c = table.judge_tokens
    usd = coach.cost(turns * turn_p, turns * turn_c) + judge.cost(
        judge_calls * judge_p, judge_calls * judge_c
    )
    return Estimate(
        turns=turns,
        judge_calls=judge_calls,
        prompt_tokens=turns * turn_p + judge_calls * judge_p,
        completion_tokens=turns * turn_c + judge_calls * judge_c,
        usd=usd,
        known=(coach.known or not turns) and (judge.known or not judge_calls),
    )


class CostMeter:
    """Adds up tokens and dollars as calls finish; refuses a call that would pass the cap."""

    def __init__(self, max_cost: float | None) -> None:
        self.max_cost = max_cost
        self.prompt_tokens = 0
        self.completion_tokens = 0
        self.spent = 0.0
        self.exact = True  # False once a call was priced at a ceiling

    def charge(self, price: Price, prompt_tokens: int, completion_tokens: int) -> float:
        self.prompt_tokens += prompt_tokens
        self.completion_tokens += completion_tokens
        self.exact = self.exact and price.known
        cost = price.cost(prompt_tokens, completion_tokens)
        self.spent += cost
        return cost

    def ensure_room(self, next_call_usd: float) -> None:
        if self.max_cost is not None and self.spent + next_call_usd > self.max_cost:
            raise CostLimitError(
                f"Stopped at --max-cost ${self.max_cost:.2f}: ${self.spent:.4f} spent, and the "
                f"next call would take about ${next_call_usd:.4f} more."
            )

    def to_dict(self) -> dict[str, object]:
        return {
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "usd": round(self.spent, 6),
            "usd_exact": self.exact,
            "max_cost": self.max_cost,
        }
