"""Retrieval cases: ``Playbook.search`` on a query, scored against labelled sections.

A long section is stored as several chunks; ranks are over distinct sections, the
unit a citation names. The suite reports mean recall@k and MRR (over the top
``RANKED`` sections); a case passes when a relevant section is in its top k.
"""

from __future__ import annotations

from statistics import mean

from coach.evals.datasets import RetrievalCase
from coach.evals.graders.retrieval import grade_retrieval, recall_at_k, reciprocal_rank
from coach.evals.results import CaseResult, CaseRun, pass_rates
from coach.evals.suites.context import EvalContext
from coach.playbook import MAX_K

RANKED = 10


def ranked_sections(ctx: EvalContext, query: str) -> list[str]:
    hits = ctx.playbook.search(query, k=MAX_K)
    return list(dict.fromkeys(h.citation for h in hits))[:RANKED]


def run_case(case: RetrievalCase, ctx: EvalContext, sample: int) -> CaseRun:
    ranked = ranked_sections(ctx, case.query)
    check = grade_retrieval(ranked, case.relevant, case.k)
    return CaseRun(
        checks=[check],
        output={"query": case.query, "relevant": case.relevant, "ranked": ranked},
        metrics={
            "recall_at_k": recall_at_k(ranked, case.relevant, case.k),
            "recall_at_1": recall_at_k(ranked, case.relevant, 1),
            "recall_at_5": recall_at_k(ranked, case.relevant, 5),
            "rr": reciprocal_rank(ranked, case.relevant),
            "k": case.k,
        },
    )


def metrics(cases: list[CaseResult]) -> dict[str, float | None]:
    found = pass_rates(cases)
    runs = [r for c in cases for r in c.runs if r.error is None]
    for name, key in (
        ("recall_at_k", "recall_at_k"),
        ("recall_at_1", "recall_at_1"),
        ("recall_at_5", "recall_at_5"),
        ("mrr", "rr"),
    ):
        found[name] = mean(r.metrics[key] for r in runs) if runs else None
    return found


def recall_curve(cases: list[CaseResult], depth: int = RANKED) -> list[float]:
    """Mean recall at k = 1..depth, for the report's plot."""
    runs = [r for c in cases for r in c.runs if r.error is None]
    relevant = [r.output["relevant"] for r in runs]
    ranked = [r.output["ranked"] for r in runs]
    return [
        mean(recall_at_k(rk, rel, k) for rk, rel in zip(ranked, relevant, strict=True))
        if runs
        else 0.0
        for k in range(1, depth + 1)
    ]
