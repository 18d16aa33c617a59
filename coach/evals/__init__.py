"""Offline evals: datasets in evals/datasets, graders, a runner, reports.

Two splits: the authored cases, and (in evals/datasets/fresh) blind paraphrases of the
coach and retrieval cases, reported side by side and gated apart, so the suite measures
how the coach holds on words its authors did not write.

Deterministic graders come first (required facts, forbidden advice, numbers traced
to tool results, citations, tool trajectories, retrieval, role-play, bias); an
optional LLM judge counts only once it agrees with a hand-labelled gold set.
``coach eval`` (``coach.evals.cli``) is the entry point; ``run_eval`` the function.
Nothing heavy is imported with the package: the CLI registers ``eval`` at start-up.
"""

from __future__ import annotations

from typing import Any

__all__ = ["RunOptions", "run_eval"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        # Lazy: the runner pulls in the agent, agentevals and scipy; `coach` starts without.
        from coach.evals import runner

        return getattr(runner, name)
    raise AttributeError(name)
