"""The blind manager talks (issue 21, item 5), every one played against the real manager.

The corpus is ``tests/corpora/fresh/manager_calls.yaml``, copied unchanged from the blind
writer (the eval suite's dataset holds the same text). Each talk must keep the pool
(never exceeded, never said), hints and scorecard must agree, and the scorecard must
judge the eight things the writer judged as the writer did, with an outcome the writer
accepts. A talk the code can't yet meet is listed in ``OPEN`` with why, never edited.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from coach.evals.datasets import ManagerCase
from coach.evals.suites import manager as suite

CORPUS = Path(__file__).parent / "corpora" / "fresh" / "manager_calls.yaml"
CASES = [ManagerCase.model_validate(c) for c in yaml.safe_load(CORPUS.read_text())["calls"]]
# Open work, by name: the check that fails and why.
OPEN = {
    # The pool generated for this talk puts the person at the top of their band (current
    # base = band top, no promotion this cycle), so the manager's answer to "I'll leave the
    # amount to you" is a one-off bonus; the writer's acceptable outcomes don't list one.
    "mixed-evidence-no-ask-ds-minneapolis": "outcome",
}


def test_the_corpus_is_whole() -> None:
    assert len(CASES) == 24
    assert {c.kind for c in CASES} >= {
        "prepared",
        "unprepared",
        "emotional",
        "threat_no_offer",
        "threat_with_offer",
        "title_only",
        "mixed",
    }


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_each_blind_talk(case: ManagerCase) -> None:
    run = suite.run_case(case, None, 0)  # type: ignore[arg-type]
    failed = {c.name: c.reason for c in run.checks if not c.passed}
    # The invariants hold on every talk, open or not.
    for name in ("pool", "leak", "contradictions"):
        assert name not in failed, failed
    if case.id in OPEN:
        assert OPEN[case.id] in failed, f"{case.id} passes now: take it off OPEN"
        assert set(failed) == {OPEN[case.id]}, failed
    else:
        assert not failed, failed


def test_the_dataset_holds_the_corpus_unchanged() -> None:
    dataset = Path(suite.__file__).parents[1] / "datasets" / "manager_calls.yaml"
    assert CORPUS.read_text(encoding="utf-8") in dataset.read_text(encoding="utf-8")
