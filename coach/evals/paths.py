"""Where the eval inputs live: package data beside the code (see coach.resources)."""

from __future__ import annotations

from coach.resources import EVALS_DIR, PROMPTS_DIR

DATASETS_DIR = EVALS_DIR / "datasets"
THRESHOLDS_FILE = EVALS_DIR / "thresholds.yaml"
PRICES_FILE = EVALS_DIR / "prices.yaml"
RUBRIC_FILE = EVALS_DIR / "rubric.yaml"

__all__ = ["DATASETS_DIR", "PRICES_FILE", "PROMPTS_DIR", "RUBRIC_FILE", "THRESHOLDS_FILE"]
