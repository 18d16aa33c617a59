"""A paired comparison with a baseline run: which cases regressed, and is it chance?

Cases are paired by suite and id; each side's outcome is the case's majority
verdict. McNemar's exact test on the discordant pairs says whether the change in
pass rate is more than noise; cases only one run has are listed, not tested.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from coach.errors import InputError
from coach.evals.results import SuiteResult
from coach.evals.stats import mcnemar_exact


@dataclass
class Comparison:
    baseline: str
    paired: int
    regressed: list[str] = field(default_factory=list)
    improved: list[str] = field(default_factory=list)
    only_baseline: list[str] = field(default_factory=list)
    only_current: list[str] = field(default_factory=list)
    p_value: float = 1.0
    baseline_pass_rate: float | None = None
    current_pass_rate: float | None = None

    def significant_regression(self, alpha: float) -> bool:
        return len(self.regressed) > len(self.improved) and self.p_value < alpha

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_baseline(path: Path) -> dict[str, bool]:
    """(suite/id) -> passed, from a report written with --json."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {
            f"{case['suite']}/{case['id']}": bool(case["passed"])
            for suite in data["suites"].values()
            for case in suite["cases"]
        }
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path} is not an eval report written with --json ({exc}).") from None


def compare(path: Path, suites: list[SuiteResult]) -> Comparison:
    before = load_baseline(path)
    now = {f"{s.name}/{c.id}": c.passed for s in suites for c in s.cases}
    # Only suites this run covered: a --suite run is not a regression of the others.
    covered = {s.name for s in suites}
    before = {k: v for k, v in before.items() if k.split("/")[0] in covered}
    common = sorted(set(before) & set(now))
    result = Comparison(baseline=str(path), paired=len(common))
    result.regressed = [k for k in common if before[k] and not now[k]]
    result.improved = [k for k in common if now[k] and not before[k]]
    result.only_baseline = sorted(set(before) - set(now))
    result.only_current = sorted(set(now) - set(before))
    result.p_value = mcnemar_exact(len(result.regressed), len(result.improved))
    if common:
        result.baseline_pass_rate = sum(before[k] for k in common) / len(common)
        result.current_pass_rate = sum(now[k] for k in common) / len(common)
    return result
