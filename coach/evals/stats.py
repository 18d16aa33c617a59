"""The statistics the reports rest on: Wilson intervals, McNemar, Cohen's kappa, P/R.

Small samples are the norm here (a case run 3 times, 70 cases), so intervals are
Wilson's (good at 0/n and n/n, unlike the normal approximation) and the paired test
is McNemar's exact binomial form.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from scipy.stats import binomtest

Z_95 = 1.959963984540054


def wilson(successes: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """The Wilson score interval for a pass rate; (0, 1) when nothing was run."""
    if n <= 0:
        return 0.0, 1.0
    p = successes / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


def mcnemar_exact(regressed: int, improved: int) -> float:
    """Two-sided exact McNemar p-value from the discordant pairs (1.0 with none)."""
    discordant = regressed + improved
    if discordant == 0:
        return 1.0
    return float(binomtest(regressed, discordant, 0.5).pvalue)


def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> float:
    """Agreement between two raters beyond chance; 1.0 when both are constant and agree."""
    if len(first) != len(second):
        raise ValueError("kappa needs two ratings of the same items")
    n = len(first)
    if n == 0:
        return 0.0
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    labels = set(first) | set(second)
    expected = sum((first.count(x) / n) * (second.count(x) / n) for x in labels)
    if expected >= 1.0:
        return 1.0 if observed >= 1.0 else 0.0
    return (observed - expected) / (1 - expected)


def precision_recall(
    predicted: Sequence[bool], actual: Sequence[bool]
) -> tuple[float | None, float | None]:
    """Precision and recall of ``predicted`` against ``actual`` (None when undefined)."""
    pairs = list(zip(predicted, actual, strict=True))
    true_pos = sum(p and a for p, a in pairs)
    flagged = sum(p for p, _ in pairs)
    positives = sum(a for _, a in pairs)
    precision = true_pos / flagged if flagged else None
    recall = true_pos / positives if positives else None
    return precision, recall
