"""Deterministic graders: each takes what a run produced and returns ``Check`` results."""

from coach.evals.graders.check import Check

__all__ = ["Check"]
