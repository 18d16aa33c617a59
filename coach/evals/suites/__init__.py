"""One module per suite: ``run_case(case, ctx, sample)`` and ``metrics(cases)``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from coach.evals.results import CaseResult, CaseRun
from coach.evals.suites import bias, coach, gold, manager, practice, retrieval, roleplay


@dataclass(frozen=True)
class Suite:
    name: str
    run_case: Callable[[Any, Any, int], CaseRun]
    metrics: Callable[[list[CaseResult]], dict[str, float | None]]
    # Deterministic suites give the same result every time: --repeat runs them once.
    deterministic: bool
    uses_coach: bool


SUITE_RUNNERS: dict[str, Suite] = {
    "coach": Suite("coach", coach.run_case, coach.metrics, False, True),
    "retrieval": Suite("retrieval", retrieval.run_case, retrieval.metrics, True, False),
    "roleplay": Suite("roleplay", roleplay.run_case, roleplay.metrics, True, False),
    "practice": Suite("practice", practice.run_case, practice.metrics, True, False),
    "manager": Suite("manager", manager.run_case, manager.metrics, True, False),
    "bias": Suite("bias", bias.run_case, bias.metrics, False, True),
    "gold": Suite("gold", gold.run_case, gold.metrics, True, False),
}
