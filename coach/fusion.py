"""Reciprocal rank fusion: several rankings of the same items -> one ranking.

Each ranking gives an item ``weight / (c + rank)`` (rank from 1); an item's fused
score is the sum over the rankings that hold it. Ranks, not raw scores, are fused
because BM25 scores (unbounded, query-length dependent) and cosine similarities
(bunched near 0.3-0.6 for MiniLM) are not on one scale. ``c`` damps the top
ranks: with c = 60 (Cormack et al., 2009) rank 1 is worth barely more than rank 5;
a small c lets one ranker's confident first place win.

The score is divided by the best possible one (first in every ranking), so it lies
in (0, 1]: 1.0 means every ranker put the item first.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TypeVar

K = TypeVar("K", bound=Hashable)


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[K]],
    c: float = 60.0,
    weights: Sequence[float] | None = None,
) -> list[tuple[K, float]]:
    """Items of all rankings, best first, with their fused score in (0, 1].

    An item repeated within one ranking counts once, at its first (best) place, and
    ranks count distinct items. Ties keep
    the order in which the items first appear, reading the rankings in turn, so the
    result is deterministic.
    """
    if c < 0:
        raise ValueError(f"The fusion constant c must be 0 or more; it is {c}.")
    weights = list(weights) if weights is not None else [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError(f"{len(rankings)} rankings but {len(weights)} weights.")
    best = sum(w / (c + 1) for w in weights)
    scores: dict[K, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        seen: set[K] = set()
        for item in ranking:
            if item in seen:
                continue
            seen.add(item)  # its rank: 1 + the distinct items before it
            scores[item] = scores.get(item, 0.0) + weight / (c + len(seen))
    if not scores or best <= 0:
        return []
    # sorted() is stable: equal scores stay in first-seen (insertion) order.
    return sorted(((item, s / best) for item, s in scores.items()), key=lambda p: -p[1])
