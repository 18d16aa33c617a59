"""Retrieval cases: ``Playbook.search`` on a query, scored against labelled sections.

A long section is stored as several chunks; ranks are over distinct sections, the
unit a citation names. A case passes when a relevant section is in its top k (3 unless
it says otherwise). The suite reports, per split, the three figures issue 16 sets goals
for: ``hit_at_3`` (the share of queries with a relevant section in the top 3),
``recall_at_5`` (the mean share of a query's relevant sections found in the top 5: 1.0
when all of them are there) and ``mrr`` (mean reciprocal rank of the first relevant
section, over the top ``RANKED``), with recall at 1 and 3 beside them.
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
            "hit_at_3": float(recall_at_k(ranked, case.relevant, 3) > 0),
            "recall_at_1": recall_at_k(ranked, case.relevant, 1),
            "recall_at_3": recall_at_k(ranked, case.relevant, 3),
            "recall_at_5": recall_at_k(ranked, case.relevant, 5),
            "rr": reciprocal_rank(ranked, case.relevant),
            "k": case.k,
        },
    )


METRICS = {  # suite metric -> the per-run figure it is the mean of
    "hit_at_3": "hit_at_3",
    "recall_at_1": "recall_at_1",
    "recall_at_3": "recall_at_3",
    "recall_at_5": "recall_at_5",
    "mrr": "rr",
}


def metrics(cases: list[CaseResult]) -> dict[str, float | None]:
    found = pass_rates(cases)
    runs = [r for c in cases for r in c.runs if r.error is None]
    for name, key in METRICS.items():
        found[name] = mean(r.metrics[key] for r in runs) if runs else None
    return found
