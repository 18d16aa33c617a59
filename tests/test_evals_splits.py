"""The authored and fresh splits: loading `fresh_of`, metrics and gates per split."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from coach.errors import DataError
from coach.evals.datasets import (
    AUTHORED,
    FRESH,
    FRESH_SUITES,
    CoachCase,
    RetrievalCase,
    load_datasets,
    split_of,
)
from coach.evals.graders.check import Check
from coach.evals.paths import DATASETS_DIR, THRESHOLDS_FILE
from coach.evals.results import CaseResult, CaseRun, SuiteResult, tag_table
from coach.evals.suites import SUITE_RUNNERS
from coach.evals.thresholds import evaluate_gates, load_thresholds

AUTHORED_RETRIEVAL = """
suite: retrieval
cases:
  - {id: salary-q, tags: [anchoring], query: do I tell them my pay, relevant: [a § b]}
  - {id: equity-q, tags: [equity], query: what is a cliff, relevant: [c § d]}
"""
AUTHORED_COACH = """
suite: coach
cases:
  - {id: coach-q, tags: [x], ask: hi, expect: {facts: [hello]}}
"""


def folder(tmp_path: Path, fresh: dict[str, str], authored: str = AUTHORED_RETRIEVAL) -> Path:
    (tmp_path / "retrieval.yaml").write_text(authored)
    (tmp_path / "coach.yaml").write_text(AUTHORED_COACH)
    (tmp_path / "fresh").mkdir(exist_ok=True)
    for name, text in fresh.items():
        (tmp_path / "fresh" / name).write_text(text)
    return tmp_path


def fresh_retrieval(*cases: str) -> dict[str, str]:
    return {"retrieval.yaml": "suite: retrieval\ncases:\n" + "".join(f"  - {c}\n" for c in cases)}


GOOD = "{id: salary-q-p1, fresh_of: salary-q, tags: [anchoring], query: my pay, relevant: [a § b]}"


# ------------------------------------------------------------------ loading


def test_a_fresh_case_naming_an_authored_case_loads_into_the_fresh_split(tmp_path: Path) -> None:
    data = folder(tmp_path, fresh_retrieval(GOOD))
    cases = load_datasets(data, ("retrieval", "coach"))
    assert [(c.id, split_of(c)) for c in cases["retrieval"]] == [
        ("salary-q", AUTHORED),
        ("equity-q", AUTHORED),
        ("salary-q-p1", FRESH),
    ]
    only_fresh = load_datasets(data, ("retrieval",), (FRESH,))["retrieval"]
    assert [c.id for c in only_fresh] == ["salary-q-p1"]
    only_authored = load_datasets(data, ("retrieval",), (AUTHORED,))["retrieval"]
    assert [c.id for c in only_authored] == ["salary-q", "equity-q"]


@pytest.mark.parametrize(
    ("fresh", "message"),
    [
        (
            fresh_retrieval("{id: p1, fresh_of: nope, tags: [x], query: q, relevant: [a § b]}"),
            r"fresh/retrieval.yaml, p1, 'fresh_of': there is no authored retrieval case 'nope'",
        ),
        (  # the original must be a case of the same suite
            fresh_retrieval("{id: p1, fresh_of: coach-q, tags: [x], query: q, relevant: [a § b]}"),
            "no authored retrieval case 'coach-q'",
        ),
        (
            fresh_retrieval("{id: p1, tags: [x], query: q, relevant: [a § b]}"),
            r"fresh/retrieval.yaml, p1, 'fresh_of': name the authored case it paraphrases",
        ),
        (  # ids are unique across both splits: reports and --compare key cases by id
            fresh_retrieval(GOOD.replace("salary-q-p1", "equity-q")),
            "Two retrieval cases share the id 'equity-q'",
        ),
        (
            {"bias.yaml": "suite: bias\ncases: []\n"},
            "fresh/bias.yaml: only coach and retrieval cases have a fresh split, not bias",
        ),
        (  # a fresh file's own mistakes name it with its folder
            fresh_retrieval("{id: p1, fresh_of: salary-q, query: q, relevant: []}"),
            r"fresh/retrieval.yaml, p1, 'relevant'",
        ),
    ],
)
def test_a_bad_fresh_case_is_one_sentence_naming_it(
    tmp_path: Path, fresh: dict[str, str], message: str
) -> None:
    with pytest.raises(DataError, match=message):
        load_datasets(folder(tmp_path, fresh))


def test_a_paraphrase_among_the_authored_cases_is_refused(tmp_path: Path) -> None:
    misfiled = AUTHORED_RETRIEVAL + f"  - {GOOD}\n"
    with pytest.raises(DataError, match=r"retrieval.yaml, salary-q-p1, 'fresh_of': .* fresh/"):
        load_datasets(folder(tmp_path, {}, authored=misfiled))


def test_every_authored_coach_and_retrieval_case_has_its_fresh_variants() -> None:
    """The issue: at least three paraphrases and one typo variant of every case."""
    cases = load_datasets(DATASETS_DIR, FRESH_SUITES)
    for suite in FRESH_SUITES:
        authored = [c for c in cases[suite] if split_of(c) == AUTHORED]
        fresh = [c for c in cases[suite] if isinstance(c, CoachCase | RetrievalCase)]
        variants = Counter(c.fresh_of for c in fresh if c.fresh_of)
        thin = [c.id for c in authored if variants[c.id] < 4]
        assert not thin, f"{suite} cases with fewer than 4 fresh variants: {thin}"


# ------------------------------------------------------------------ metrics and gates


def case(suite: str, case_id: str, split: str, passed: bool, **metrics: float) -> CaseResult:
    run = CaseRun(checks=[Check("retrieval", passed, "")], metrics=dict(metrics))
    return CaseResult(suite, case_id, ["t"], [run], split=split)


def suite_result(name: str, cases: list[CaseResult]) -> SuiteResult:
    result = SuiteResult(name, cases)
    measure = SUITE_RUNNERS[name].metrics
    result.metrics = {split: measure(these) for split, these in result.by_split().items()}
    return result


def ranked(hit: float, recall5: float, rr: float) -> dict[str, float]:
    return {
        "hit_at_3": hit,
        "recall_at_1": 0.0,
        "recall_at_3": hit,
        "recall_at_5": recall5,
        "rr": rr,
    }


def test_retrieval_metrics_are_computed_per_split() -> None:
    result = suite_result(
        "retrieval",
        [
            case("retrieval", "a", AUTHORED, True, **ranked(1.0, 1.0, 1.0)),
            case("retrieval", "b", AUTHORED, True, **ranked(1.0, 0.5, 0.5)),
            case("retrieval", "a-p1", FRESH, False, **ranked(0.0, 0.0, 0.25)),
            case("retrieval", "b-p1", FRESH, True, **ranked(1.0, 1.0, 1 / 3)),
        ],
    )
    authored, fresh = result.metrics[AUTHORED], result.metrics[FRESH]
    assert authored["hit_at_3"] == 1.0 and authored["recall_at_5"] == 0.75
    assert authored["mrr"] == 0.75 and authored["cases"] == 2
    assert fresh["hit_at_3"] == 0.5 and fresh["pass_rate"] == 0.5
    assert fresh["mrr"] == pytest.approx((0.25 + 1 / 3) / 2)


def gates_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "thresholds.yaml"
    path.write_text(text)
    return path


SPLIT_GATES = """
backends:
  default:
    coach:
      pass_rate: {min: 0.5}          # every split
      fresh: {pass_rate: {min: 0.2, goal: 0.95}}
    retrieval:
      authored: {mrr: {min: 0.7}}
    roleplay:
      pass_rate: {min: 1.0}
"""


def test_a_suite_wide_gate_holds_on_every_split_and_a_split_gate_overrides_it(
    tmp_path: Path,
) -> None:
    thresholds = load_thresholds(gates_file(tmp_path, SPLIT_GATES), "embedded")
    coach = suite_result(
        "coach",
        [
            case("coach", "a", AUTHORED, True),
            case("coach", "b", AUTHORED, False),
            case("coach", "a-p1", FRESH, True),
            case("coach", "a-p2", FRESH, False),
            case("coach", "b-p1", FRESH, False),
        ],
    )
    gates = {g.name: g for g in evaluate_gates(thresholds, [coach])}
    # retrieval and roleplay did not run: their gates are skipped, not failed.
    assert set(gates) == {"coach.authored.pass_rate", "coach.fresh.pass_rate"}
    assert gates["coach.authored.pass_rate"].threshold == 0.5
    assert gates["coach.authored.pass_rate"].ok
    fresh = gates["coach.fresh.pass_rate"]
    assert fresh.threshold == 0.2 and fresh.goal == 0.95 and fresh.ok  # 1/3 ≥ 0.2
    assert fresh.describe() == "coach.fresh.pass_rate = 0.333 (needs ≥ 0.2; goal ≥ 0.95)"


def test_a_split_gate_fails_alone_and_a_split_that_did_not_run_is_skipped(
    tmp_path: Path,
) -> None:
    thresholds = load_thresholds(gates_file(tmp_path, SPLIT_GATES), "embedded")
    only_fresh = suite_result("coach", [case("coach", "a-p1", FRESH, False)])
    (gate,) = evaluate_gates(thresholds, [only_fresh])
    assert gate.name == "coach.fresh.pass_rate" and not gate.ok
    authored_retrieval = suite_result(
        "retrieval", [case("retrieval", "a", AUTHORED, True, **ranked(1.0, 1.0, 0.5))]
    )
    (gate,) = evaluate_gates(thresholds, [authored_retrieval])
    assert gate.name == "retrieval.authored.mrr" and gate.value == 0.5 and not gate.ok


def test_a_gate_on_a_metric_the_suite_does_not_report_fails(tmp_path: Path) -> None:
    text = "backends:\n  default:\n    coach: {fresh: {pass_rate_core: {min: 1.0}}}\n"
    thresholds = load_thresholds(gates_file(tmp_path, text), "embedded")
    (gate,) = evaluate_gates(thresholds, [suite_result("coach", [case("coach", "x", FRESH, True)])])
    assert gate.value is None and not gate.ok


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("coach: {pass_rate: {least: 0.5}}", r"coach.pass_rate .* must be min or max .* not least"),
        ("coach: {fresh: {pass_rate: {min: 0.5, max: 0.9}}}", "fresh.pass_rate .* min and max"),
        ("coach: {authored: {pass_rate: 0.5}}", r"coach.authored.pass_rate .* must be \{min: x\}"),
        ("coach: {pass_rate: {min: lots}}", "malformed"),
    ],
)
def test_a_malformed_gate_is_one_sentence_naming_it(
    tmp_path: Path, text: str, message: str
) -> None:
    path = gates_file(tmp_path, "backends:\n  default:\n    " + text + "\n")
    with pytest.raises(DataError, match=message):
        load_thresholds(path, "embedded")


def test_the_shipped_thresholds_gate_both_splits_of_coach_and_retrieval() -> None:
    for backend in ("embedded", "openai"):
        gates = load_thresholds(THRESHOLDS_FILE, backend).gates
        for suite in FRESH_SUITES:
            scopes = gates[suite]
            for split in (AUTHORED, FRESH):
                assert scopes.get("every") or scopes.get(split), (backend, suite, split)
    retrieval_gates = load_thresholds(THRESHOLDS_FILE, "embedded").gates["retrieval"]
    for split in (AUTHORED, FRESH):
        assert {"hit_at_3", "recall_at_5", "mrr"} <= set(retrieval_gates[split]), split


def test_the_tag_table_gives_each_split_its_own_rate() -> None:
    coach = suite_result(
        "coach",
        [
            case("coach", "a", AUTHORED, True),
            case("coach", "a-p1", FRESH, False),
            case("coach", "a-p2", FRESH, True),
        ],
    )
    row = tag_table([coach])["t"]
    assert row["cases"] == 3 and row["passes"] == 2
    assert row["splits"][AUTHORED]["pass_rate"] == 1.0
    assert row["splits"][FRESH]["pass_rate"] == 0.5 and row["splits"][FRESH]["cases"] == 2
