"""What a run produced: per-run checks, per-case pass rates, per-suite metrics by split.

A case may run N times (``--repeat``); its pass rate carries a Wilson interval and
a case that both passed and failed is flagged flaky. A case "passed" when most of
its runs passed, which is the outcome the baseline comparison pairs. A suite's
metrics are computed per split (authored, fresh), never over both at once: the
fresh split is there to be read beside the authored one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coach.evals.datasets import AUTHORED, SPLITS
from coach.evals.graders.check import Check, all_passed
from coach.evals.stats import wilson


@dataclass
class CaseRun:
    checks: list[Check] = field(default_factory=list)
    output: dict[str, Any] = field(default_factory=dict)  # what a reader needs to see
    metrics: dict[str, Any] = field(default_factory=dict)  # suite-specific figures
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    cached: bool = False
    error: str | None = None

    @property
    def passed(self) -> bool:
        return self.error is None and all_passed(self.checks)

    def failures(self) -> list[Check]:
        failed = [c for c in self.checks if not c.passed and c.counted]
        if self.error:
            failed.insert(0, Check("error", False, self.error))
        return failed

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "checks": [c.to_dict() for c in self.checks],
            "output": self.output,
            "metrics": self.metrics,
            "tokens": {"prompt": self.prompt_tokens, "completion": self.completion_tokens},
            "cost_usd": round(self.cost_usd, 6),
            "cached": self.cached,
            "error": self.error,
        }


@dataclass
class CaseResult:
    suite: str
    id: str
    tags: list[str]
    runs: list[CaseRun] = field(default_factory=list)
    split: str = AUTHORED
    fresh_of: str | None = None  # a fresh case's authored original

    @property
    def n(self) -> int:
        return len(self.runs)

    @property
    def passes(self) -> int:
        return sum(r.passed for r in self.runs)

    @property
    def pass_rate(self) -> float:
        return self.passes / self.n if self.n else 0.0

    @property
    def interval(self) -> tuple[float, float]:
        return wilson(self.passes, self.n)

    @property
    def flaky(self) -> bool:
        return 0 < self.passes < self.n

    @property
    def passed(self) -> bool:
        return self.passes * 2 > self.n

    def shown_run(self) -> CaseRun:
        """The run a report shows: the first failing one, else the last."""
        return next((r for r in self.runs if not r.passed), self.runs[-1])

    def to_dict(self) -> dict[str, Any]:
        low, high = self.interval
        shown = self.shown_run()
        return {
            "suite": self.suite,
            "id": self.id,
            "split": self.split,
            "fresh_of": self.fresh_of,
            "tags": self.tags,
            "n": self.n,
            "passes": self.passes,
            "pass_rate": round(self.pass_rate, 4),
            "wilson": [round(low, 4), round(high, 4)],
            "flaky": self.flaky,
            "passed": self.passed,
            "failures": [c.to_dict() for c in shown.failures()],
            "runs": [r.to_dict() for r in self.runs],
        }


Metrics = dict[str, float | None]


@dataclass
class SuiteResult:
    name: str
    cases: list[CaseResult] = field(default_factory=list)
    metrics: dict[str, Metrics] = field(default_factory=dict)  # split -> metric -> value
    notes: list[str] = field(default_factory=list)

    def by_split(self) -> dict[str, list[CaseResult]]:
        """The cases of each split that ran, in SPLITS order."""
        found = {split: [c for c in self.cases if c.split == split] for split in SPLITS}
        return {split: cases for split, cases in found.items() if cases}

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "metrics": self.metrics,
            "notes": self.notes,
            "cases": [c.to_dict() for c in self.cases],
        }


def pass_rates(cases: list[CaseResult]) -> Metrics:
    """Run-level pass rate, and how many cases ran and were flaky."""
    return {
        "pass_rate": _rate(cases),
        "cases": float(len(cases)),
        "flaky_cases": float(sum(c.flaky for c in cases)),
    }


def _rate(cases: list[CaseResult]) -> float | None:
    runs = sum(c.n for c in cases)
    return sum(c.passes for c in cases) / runs if runs else None


def tag_table(suites: list[SuiteResult]) -> dict[str, dict[str, Any]]:
    """Pass rate with a Wilson interval per tag, across suites (runs, not cases): over
    every case with the tag, and per split under ``splits``."""
    table: dict[str, dict[str, list[int]]] = {}
    for suite in suites:
        for case in suite.cases:
            for tag in {suite.name, *case.tags}:
                splits = table.setdefault(tag, {})
                for key in ("all", case.split):
                    row = splits.setdefault(key, [0, 0, 0])
                    row[0] += case.passes
                    row[1] += case.n
                    row[2] += 1
    return {
        tag: _tag_row(*rows["all"])
        | {"splits": {s: _tag_row(*rows[s]) for s in SPLITS if s in rows}}
        for tag, rows in sorted(table.items())
    }


def _tag_row(passes: int, runs: int, count: int) -> dict[str, Any]:
    low, high = wilson(passes, runs)
    return {
        "cases": count,
        "runs": runs,
        "passes": passes,
        "pass_rate": round(passes / runs, 4) if runs else None,
        "wilson": [round(low, 4), round(high, 4)],
    }
