"""The places after the first few, ordered by a small learned model: which of the sections
ranked next also answers the question, given what the first ones are.

The first places are the fused rankings' own (``coach.hybrid_search``): they are what an
answer cites. The places after them hold a question's second or third section, the one a
person needs beside the first (a refusal to extend a deadline, then how to decide fast
anyway), which rank fusion alone places poorly: by rank it cannot tell a section one ranker
liked from one every ranker found middling, and it knows the first places only through the
neighbour ranking. The model reads both: each candidate's scores, and how it stands to the
first places (the same document, next in the thread, a "see also" link).

It is a logistic regression over the features below, fitted by
``benchmarks/retrieval_tuning.py --fit-tail`` on two sets that are not eval splits (the
front-matter questions held out of the index, and the blind multi-label tuning queries) and
shipped as ``knowledge/embedded/tail_ranker.yaml``: a few numbers, refitted when the playbook
changes much. A model whose features are not these is not used (the fused order stands).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coach.resources import KNOWLEDGE_DIR, load_yaml

MODEL_FILE = KNOWLEDGE_DIR / "embedded" / "tail_ranker.yaml"
# A missing similarity (the section had no passage or question among the nearest entries)
# counts as this far below the best one.
MISSING_SIMILARITY = 0.3
RANK_DAMPING = 3.0  # each ranking's place p counts 1 / (RANK_DAMPING + p), as in the fusion

# The features, in the model's order: defined once, here, for the code and the model file.
FEATURES: tuple[str, ...] = (
    "fused_score",  # the fused score, over the first place's
    "place",  # 1 / (1 + its place among the candidates)
    "lexical_rank",  # 1 / (3 + its BM25 rank), 0 when BM25 did not find it
    "passage_rank",
    "question_rank",
    "lexical_score",  # its BM25 score over the best one's
    "passage_similarity",  # its nearest passage's cosine, minus the best section's
    "question_similarity",  # the mean of its two nearest questions', minus the best's
    "same_document_as_first",
    "same_document_as_others",
    "beside_first",  # just before or after the first place, in its document
    "beside_others",
    "two_after_a_first",  # two sections after one of the first places: the thread runs on
    "linked_to_first",  # a "see also" link between it and the first place, either way
    "linked_to_others",
    "overview",
    "first_places_in_its_document",
)


@dataclass(frozen=True)
class Layout:
    """Where each section stands in the playbook: its document, its place in reading order,
    whether it is a document's overview, and its "see also" links (both ways)."""

    order: Mapping[str, int]
    document: Mapping[str, str]
    overviews: frozenset[str]
    links: Mapping[str, frozenset[str]]


@dataclass(frozen=True)
class Signals:
    """What the rankers said of each section for one query."""

    lexical_rank: Mapping[str, int]  # from 1
    passage_rank: Mapping[str, int]
    question_rank: Mapping[str, int]
    lexical_score: Mapping[str, float]
    passage_similarity: Mapping[str, float]
    question_similarity: Mapping[str, float]


@dataclass(frozen=True)
class TailModel:
    names: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    pool: int = 20  # the places the model orders, from the first after the kept ones
    fitted_on: Mapping[str, str] = field(default_factory=dict)


def features(
    head: Sequence[str],
    candidates: Sequence[tuple[str, float]],
    top_score: float,
    signals: Signals,
    layout: Layout,
) -> list[list[float]]:
    """One row of ``FEATURES`` per candidate (section id, fused score), in their order."""
    best_lexical = max(signals.lexical_score.values(), default=0.0) or 1.0
    best_passage = max(signals.passage_similarity.values(), default=0.0)
    best_question = max(signals.question_similarity.values(), default=0.0)
    first, others = head[0], head[1:]

    def beside(a: str, b: str, steps: tuple[int, ...]) -> bool:
        same = layout.document.get(a) == layout.document.get(b)
        return same and layout.order.get(a, 0) - layout.order.get(b, 0) in steps

    def rank(ranks: Mapping[str, int], sid: str) -> float:
        return 1.0 / (RANK_DAMPING + ranks[sid]) if sid in ranks else 0.0

    rows = []
    for place, (sid, score) in enumerate(candidates):
        doc = layout.document.get(sid)
        links = layout.links.get(sid, frozenset())
        rows.append(
            [
                score / top_score if top_score else 0.0,
                1.0 / (1 + place),
                rank(signals.lexical_rank, sid),
                rank(signals.passage_rank, sid),
                rank(signals.question_rank, sid),
                signals.lexical_score.get(sid, 0.0) / best_lexical,
                signals.passage_similarity.get(sid, best_passage - MISSING_SIMILARITY)
                - best_passage,
                signals.question_similarity.get(sid, best_question - MISSING_SIMILARITY)
                - best_question,
                float(doc == layout.document.get(first)),
                float(any(doc == layout.document.get(h) for h in others)),
                float(beside(sid, first, (1, -1))),
                float(any(beside(sid, h, (1, -1)) for h in others)),
                float(any(beside(sid, h, (2,)) for h in head)),
                float(first in links),
                float(any(h in links for h in others)),
                float(sid in layout.overviews),
                float(sum(doc == layout.document.get(h) for h in head)),
            ]
        )
    return rows


def reordered(
    ranked: Sequence[tuple[str, float]],
    kept: int,
    signals: Signals,
    layout: Layout,
    model: TailModel,
) -> list[tuple[str, float]]:
    """``ranked`` (section, score), best first, with the places after the first ``kept``
    and up to ``pool`` put in the model's order. The scores go with the places, not the
    sections, so the list still reads best first."""
    head = [sid for sid, _ in ranked[:kept]]
    candidates = list(ranked[kept : kept + model.pool])
    if not head or len(candidates) < 2:
        return list(ranked)
    rows = features(head, candidates, ranked[0][1], signals, layout)
    columns = list(zip(model.mean, model.scale, model.weights, strict=True))
    scored = [
        sum(w * (x - m) / s for x, (m, s, w) in zip(row, columns, strict=True)) for row in rows
    ]
    # sorted() is stable: equal scores keep the fused order.
    order = sorted(range(len(candidates)), key=lambda i: -scored[i])
    places = [score for _, score in candidates]
    moved = [(candidates[i][0], places[n]) for n, i in enumerate(order)]
    return [*ranked[:kept], *moved, *ranked[kept + model.pool :]]


@functools.cache
def tail_model(path: Path = MODEL_FILE) -> TailModel | None:
    """The shipped model, or None when it is missing or was fitted on other features."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
    except OSError:
        return None
    names = tuple(str(n) for n in data.get("features", ()))
    if names != FEATURES:
        return None
    columns = [data.get(k) or () for k in ("mean", "scale", "weights")]
    if any(len(c) != len(FEATURES) for c in columns):
        return None
    mean, scale, weights = (tuple(float(x) for x in c) for c in columns)
    if any(s <= 0 for s in scale):
        return None
    return TailModel(
        names,
        mean,
        scale,
        weights,
        pool=int(data.get("pool", 20)),
        fitted_on={str(k): str(v) for k, v in (data.get("fitted_on") or {}).items()},
    )
