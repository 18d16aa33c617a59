"""Where the eval inputs live: beside the code, like knowledge/ (see coach.config)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EVALS_DIR = REPO / "evals"
DATASETS_DIR = EVALS_DIR / "datasets"
THRESHOLDS_FILE = EVALS_DIR / "thresholds.yaml"
PRICES_FILE = EVALS_DIR / "prices.yaml"
RUBRIC_FILE = EVALS_DIR / "rubric.yaml"
REPORTS_DIR = EVALS_DIR / "reports"
PROMPTS_DIR = REPO / "prompts"
