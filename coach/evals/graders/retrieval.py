"""Retrieval metrics over ranked playbook sections: recall@k and reciprocal rank."""

from __future__ import annotations

from coach.evals.graders.check import Check


def _norm(section: str) -> str:
    return section.strip().lower()


def recall_at_k(ranked: list[str], relevant: list[str], k: int) -> float:
    wanted = {_norm(r) for r in relevant}
    found = wanted & {_norm(s) for s in ranked[:k]}
    return len(found) / len(wanted)


def reciprocal_rank(ranked: list[str], relevant: list[str]) -> float:
    wanted = {_norm(r) for r in relevant}
    for rank, section in enumerate(ranked, start=1):
        if _norm(section) in wanted:
            return 1.0 / rank
    return 0.0


def grade_retrieval(ranked: list[str], relevant: list[str], k: int) -> Check:
    """Passes when a relevant section is in the top k (what the coach would quote)."""
    recall = recall_at_k(ranked, relevant, k)
    rr = reciprocal_rank(ranked, relevant)
    top = "; ".join(ranked[:k])
    reason = f"recall@{k} {recall:.2f}, RR {rr:.2f} — top {k}: {top}"
    return Check("retrieval", recall > 0, reason)
