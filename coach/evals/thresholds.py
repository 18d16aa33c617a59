"""The gates in evals/thresholds.yaml: which metric must stay above (or below) what.

Thresholds are per backend (``embedded``, ``openai``; ``default`` for anything
else), per suite, per metric, each ``{min: x}`` or ``{max: x}``. A gate on a
metric the run did not produce (a suite not run) is skipped, not failed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from coach.errors import DataError
from coach.evals.results import SuiteResult


@dataclass(frozen=True)
class Gate:
    suite: str
    metric: str
    bound: str  # "min" or "max"
    threshold: float
    value: float | None

    @property
    def ok(self) -> bool:
        if self.value is None:
            return False
        return self.value >= self.threshold if self.bound == "min" else self.value <= self.threshold

    def describe(self) -> str:
        shown = "n/a" if self.value is None else f"{self.value:.3f}"
        sign = "≥" if self.bound == "min" else "≤"
        return f"{self.suite}.{self.metric} = {shown} (needs {sign} {self.threshold:g})"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"ok": self.ok}


@dataclass(frozen=True)
class Thresholds:
    gates: dict[str, dict[str, dict[str, float]]]  # suite -> metric -> {min|max: x}
    min_kappa: float
    alpha: float
    fail_on_regression: bool


def load_thresholds(path: Path, backend: str) -> Thresholds:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"The thresholds file {path} is unreadable: {exc}") from None
    backends = data.get("backends") or {}
    gates = backends.get(backend) or backends.get("default") or {}
    judge = data.get("judge") or {}
    compare = data.get("compare") or {}
    try:
        return Thresholds(
            gates={s: {m: dict(b) for m, b in (ms or {}).items()} for s, ms in gates.items()},
            min_kappa=float(judge.get("min_kappa", 0.6)),
            alpha=float(compare.get("alpha", 0.05)),
            fail_on_regression=bool(compare.get("fail_on_significant_regression", True)),
        )
    except (TypeError, ValueError, AttributeError) as exc:
        raise DataError(f"The thresholds file {path.name} is malformed: {exc}") from None


def evaluate_gates(thresholds: Thresholds, suites: list[SuiteResult]) -> list[Gate]:
    found = []
    ran = {s.name: s for s in suites}
    for suite, metrics in thresholds.gates.items():
        if suite not in ran:
            continue
        for metric, bounds in metrics.items():
            for bound, threshold in bounds.items():
                if bound not in ("min", "max"):
                    raise DataError(f"Threshold {suite}.{metric} must be min or max, not {bound}.")
                value = ran[suite].metrics.get(metric)
                found.append(Gate(suite, metric, bound, float(threshold), value))
    return found
