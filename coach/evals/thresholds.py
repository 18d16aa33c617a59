"""The gates in evals/thresholds.yaml: which metric must stay above (or below) what.

Thresholds are per backend (``embedded``, ``openai``; ``default`` for anything
else), per suite, per metric, each ``{min: x}`` or ``{max: x}``, with an optional
``goal`` that is reported beside the gate, never enforced. A suite's metrics are
measured per split (authored, fresh): a gate written directly under the suite holds
on every split the suite ran; one written under ``authored:`` or ``fresh:`` holds on
that split only, and overrides the suite-wide gate on the same metric::

    coach:
      advice_pass_rate: {min: 1.0}              # every split
      authored: {pass_rate: {min: 0.82}}
      fresh: {pass_rate: {min: 0.71, goal: 0.95}}

A gate on a split or suite the run did not produce (``--suite``, ``--split``) is
skipped; a gate on a metric the suite does not report fails, so a misspelt metric is
caught rather than ignored.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from coach.errors import DataError
from coach.evals.datasets import SPLITS
from coach.evals.results import SuiteResult

BOUNDS = ("min", "max")
EVERY = "every"  # the scope of a gate written directly under its suite


@dataclass(frozen=True)
class Bound:
    bound: str  # "min" or "max"
    threshold: float
    goal: float | None = None


@dataclass(frozen=True)
class Gate:
    suite: str
    split: str
    metric: str
    bound: str  # "min" or "max"
    threshold: float
    value: float | None
    goal: float | None = None

    @property
    def ok(self) -> bool:
        if self.value is None:
            return False
        return self.value >= self.threshold if self.bound == "min" else self.value <= self.threshold

    @property
    def name(self) -> str:
        return f"{self.suite}.{self.split}.{self.metric}"

    def describe(self) -> str:
        shown = "n/a" if self.value is None else f"{self.value:.3f}"
        sign = "≥" if self.bound == "min" else "≤"
        goal = "" if self.goal is None else f"; goal {sign} {self.goal:g}"
        return f"{self.name} = {shown} (needs {sign} {self.threshold:g}{goal})"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"ok": self.ok}


# suite -> scope (EVERY or a split) -> metric -> bound
SuiteGates = dict[str, dict[str, Bound]]


@dataclass(frozen=True)
class Thresholds:
    gates: dict[str, SuiteGates]
    min_kappa: float
    alpha: float
    fail_on_regression: bool


def load_thresholds(path: Path, backend: str) -> Thresholds:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"The thresholds file {path} is unreadable: {exc}") from None
    try:
        backends = data.get("backends") or {}
        gates = backends.get(backend) or backends.get("default") or {}
        judge = data.get("judge") or {}
        compare = data.get("compare") or {}
        return Thresholds(
            gates={str(s): _suite_gates(path, str(s), ms or {}) for s, ms in gates.items()},
            min_kappa=float(judge.get("min_kappa", 0.6)),
            alpha=float(compare.get("alpha", 0.05)),
            fail_on_regression=bool(compare.get("fail_on_significant_regression", True)),
        )
    except (TypeError, ValueError, AttributeError) as exc:
        raise DataError(f"The thresholds file {path.name} is malformed: {exc}") from None


def _suite_gates(path: Path, suite: str, entries: dict[str, Any]) -> SuiteGates:
    """A suite's gates by scope: its own (every split), then each split's block."""
    found: SuiteGates = {EVERY: {}}
    for key, value in entries.items():
        if key in SPLITS:
            found[key] = {
                str(m): _bound(path, f"{suite}.{key}.{m}", b) for m, b in (value or {}).items()
            }
        else:
            found[EVERY][str(key)] = _bound(path, f"{suite}.{key}", value)
    return found


def _bound(path: Path, where: str, spec: Any) -> Bound:
    if not isinstance(spec, dict):
        raise DataError(f"Threshold {where} in {path.name} must be {{min: x}} or {{max: x}}.")
    bounds = [k for k in spec if k in BOUNDS]
    extra = [k for k in spec if k not in (*BOUNDS, "goal")]
    if extra or len(bounds) != 1:
        named = extra[0] if extra else " and ".join(bounds) or "neither"
        raise DataError(
            f"Threshold {where} in {path.name} must be min or max (with an optional goal), "
            f"not {named}."
        )
    goal = spec.get("goal")
    return Bound(bounds[0], float(spec[bounds[0]]), None if goal is None else float(goal))


def evaluate_gates(thresholds: Thresholds, suites: list[SuiteResult]) -> list[Gate]:
    found = []
    ran = {s.name: s for s in suites}
    for suite, scopes in thresholds.gates.items():
        if suite not in ran:
            continue
        for split, measured in ran[suite].metrics.items():
            for metric, b in (scopes.get(EVERY, {}) | scopes.get(split, {})).items():
                value = measured.get(metric)
                found.append(Gate(suite, split, metric, b.bound, b.threshold, value, b.goal))
    return found
