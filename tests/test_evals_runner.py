"""`coach eval` on the offline coach: the CI gate, exit codes, repeats, --compare, crashes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from coach.config import Settings
from coach.evals.cli import register

runner = CliRunner()

SMALL_COACH = """
suite: coach
cases:
  - id: salary-seattle
    tags: [salary]
    ask: What does a senior ML engineer in Seattle make?
    expect:
      tools: {mode: superset, calls: [{name: salary_lookup, args: {level: senior}}]}
      facts: [median]
      citations: [anchoring]
  - id: follow-up-staff
    tags: [follow-up]
    turns:
      - user: What does a senior ML engineer in Seattle make?
      - user: what about staff level?
        expect:
          tools: {mode: superset, calls: [{name: salary_lookup, args: {level: staff}}]}
          facts: [median]
"""
FAILING_COACH = """
  - id: impossible-fact
    tags: [advice]
    ask: Should I tell them my current salary?
    expect: {facts: [xyzzy], citations: [anchoring]}
"""
SMALL_OTHERS = {
    "retrieval.yaml": """
suite: retrieval
cases:
  - id: current-salary
    tags: [anchoring]
    query: should I tell the recruiter my current salary
    relevant: ['anchoring § Deflecting the current-salary question']
""",
    "roleplay.yaml": """
suite: roleplay
cases:
  - id: accept-at-once
    tags: [accept]
    scenario: senior-ml-engineer-scaleup
    script: ["That sounds great, I accept the offer!"]
    expect: {outcome: accepted, mistakes: {on_the_spot: made}}
""",
}
FRESH = {  # blind paraphrases of SMALL_COACH's and SMALL_OTHERS' cases
    "coach.yaml": """
suite: coach
cases:
  - id: salary-seattle-p1
    fresh_of: salary-seattle
    tags: [salary]
    ask: how much does a senior machine learning engineer earn in seattle
    expect:
      tools: {mode: superset, calls: [{name: salary_lookup, args: {level: senior}}]}
      facts: [median]
      citations: [anchoring]
""",
    "retrieval.yaml": """
suite: retrieval
cases:
  - id: current-salary-p1
    fresh_of: current-salary
    tags: [anchoring]
    query: recruiter wants my present pay, must I say it
    relevant: ['anchoring § Deflecting the current-salary question']
""",
}
LENIENT = "backends:\n  default:\n    coach: {pass_rate: {min: 0.0}}\n"
STRICT = "backends:\n  default:\n    coach: {pass_rate: {min: 1.0}}\n"


def eval_app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.callback()
    def main() -> None:  # a group, so the command is invoked as `eval`
        pass

    return app


def datasets(tmp_path: Path, *, failing: bool = False, fresh: bool = False) -> Path:
    folder = tmp_path / "datasets"
    folder.mkdir(exist_ok=True)
    (folder / "coach.yaml").write_text(SMALL_COACH + (FAILING_COACH if failing else ""))
    for name, text in SMALL_OTHERS.items():
        (folder / name).write_text(text)
    if fresh:
        (folder / "fresh").mkdir(exist_ok=True)
        for name, text in FRESH.items():
            (folder / "fresh" / name).write_text(text)
    return folder


def thresholds(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "thresholds.yaml"
    path.write_text(text)
    return path


@pytest.fixture
def env(ingested_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.setenv("COACH_HOME", str(ingested_settings.home))
    return ingested_settings


def invoke(*args: str | Path) -> object:
    return runner.invoke(eval_app(), ["eval", "-q", *map(str, args)])


# ------------------------------------------------------------------ the CI gate


# A hang guard, not a speed check (speed is benchmarks/bench_evals.py): the run holds
# both splits, five times the coach cases of the authored split alone.
@pytest.mark.timeout(1200)
def test_the_embedded_suite_meets_its_thresholds(
    env: Settings, tmp_path: Path, no_network: list[str]
) -> None:
    """`make test` runs every suite, both splits, on the offline coach and gates on
    evals/thresholds.yaml."""
    report = tmp_path / "report.json"
    result = invoke("--json", report)
    assert result.exit_code == 0, result.stdout + result.stderr
    data = json.loads(report.read_text())
    suites = {"coach", "retrieval", "roleplay", "practice", "manager", "bias", "gold"}
    assert set(data["suites"]) == suites
    assert data["gates"] and all(g["ok"] for g in data["gates"])
    # The manager talks (issue 21) are gated: the pool kept, hints and card agreeing.
    manager = {g["metric"] for g in data["gates"] if g["suite"] == "manager"}
    assert {"pool_breaches", "pool_leaks", "contradictions", "judgement_accuracy"} <= manager
    # The blind practice calls are gated: no contradiction, no wrong "made", no breach.
    practice = {g["metric"] for g in data["gates"] if g["suite"] == "practice"}
    assert {"contradictions", "wrong_made", "budget_breaches", "budget_leaks"} <= practice
    assert data["cost"]["usd"] == 0 and data["meta"]["backend"] == "embedded"
    # Both splits ran and are gated: the authored cases and their blind paraphrases.
    for name in ("coach", "retrieval"):
        assert set(data["suites"][name]["metrics"]) == {"authored", "fresh"}
        gated = {g["split"] for g in data["gates"] if g["suite"] == name}
        assert gated == {"authored", "fresh"}, name
    retrieval = data["suites"]["retrieval"]["metrics"]["fresh"]
    assert {"hit_at_3", "recall_at_5", "mrr"} <= set(retrieval)
    assert not any(c["flaky"] for s in data["suites"].values() for c in s["cases"])


# ------------------------------------------------------------------ exit codes


def test_below_a_threshold_exits_1_and_says_what_failed(env: Settings, tmp_path: Path) -> None:
    result = invoke(
        "--suite", "coach", "--datasets", datasets(tmp_path, failing=True),
        "--thresholds", thresholds(tmp_path, STRICT),
    )  # fmt: skip
    assert result.exit_code == 1
    assert "Below threshold: coach.authored.pass_rate" in result.stderr
    assert "coach/impossible-fact" in result.stderr and "/xyzzy/" in result.stderr


@pytest.mark.parametrize(
    ("args", "sentence"),
    [
        (["--backend", "openai"], "needs a model endpoint"),
        (["--backend", "gpt"], "Unknown backend"),
        (["--suite", "vibes"], "Unknown suite"),
        (["--split", "holdout"], "Unknown split 'holdout'; pick from: authored, fresh, all"),
        (["--split", "fresh", "--suite", "roleplay"], "No roleplay cases in the fresh split"),
        (["--judge"], "--judge needs a model endpoint"),
    ],
)
def test_errors_are_one_sentence_and_exit_2(
    env: Settings, tmp_path: Path, args: list[str], sentence: str
) -> None:
    result = invoke(*args, "--datasets", datasets(tmp_path))
    assert result.exit_code == 2
    assert sentence in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_broken_dataset_exits_2(env: Settings, tmp_path: Path) -> None:
    folder = datasets(tmp_path)
    (folder / "broken.yaml").write_text(
        "suite: coach\ncases:\n  - {id: x, ask: hi, expect: {facts: ['(']}}"
    )
    result = invoke("--datasets", folder)
    assert result.exit_code == 2 and "bad regex" in result.stderr


def test_a_crashing_case_fails_alone(env: Settings, tmp_path: Path) -> None:
    folder = datasets(tmp_path)
    (folder / "roleplay.yaml").write_text(
        SMALL_OTHERS["roleplay.yaml"]
        + "  - {id: bad-placeholder, tags: [x], scenario: senior-ml-engineer-scaleup,"
        " script: ['{base_max}']}\n"
    )
    report = tmp_path / "r.json"
    result = invoke("--suite", "roleplay", "--datasets", folder, "--json", report,
                    "--thresholds", thresholds(tmp_path, LENIENT))  # fmt: skip
    assert result.exit_code == 0
    cases = {c["id"]: c for c in json.loads(report.read_text())["suites"]["roleplay"]["cases"]}
    assert cases["accept-at-once"]["passed"]
    assert not cases["bad-placeholder"]["passed"]
    assert "ValueError" in cases["bad-placeholder"]["failures"][0]["reason"]


# ------------------------------------------------------------------ splits


FRESH_GATE = "backends:\n  default:\n    coach: {fresh: {pass_rate: {min: 1.0}}}\n"


def test_both_splits_are_reported_side_by_side_and_gated_apart(
    env: Settings, tmp_path: Path
) -> None:
    report = tmp_path / "r.json"
    result = invoke("--suite", "coach", "--suite", "retrieval", "--json", report,
                    "--datasets", datasets(tmp_path, failing=True, fresh=True),
                    "--thresholds", thresholds(tmp_path, FRESH_GATE))  # fmt: skip
    # The authored split has a failing case, but only the fresh split is gated here.
    assert result.exit_code == 0, result.stderr
    assert re.search(r"coach\s+│ authored │\s+3 │", result.stdout), result.stdout
    assert re.search(r"coach\s+│ fresh\s+│\s+1 │ +100\.0%", result.stdout), result.stdout
    assert re.search(r"retrieval │ fresh\s+│\s+1 │ +100\.0%.*recall@5 1\.000", result.stdout)
    assert "ok coach.fresh.pass_rate = 1.000" in result.stdout
    data = json.loads(report.read_text())
    coach = data["suites"]["coach"]
    assert coach["metrics"]["authored"]["cases"] == 3 and coach["metrics"]["fresh"]["cases"] == 1
    assert coach["metrics"]["authored"]["pass_rate"] == pytest.approx(2 / 3)
    paraphrase = next(c for c in coach["cases"] if c["split"] == "fresh")
    assert paraphrase["fresh_of"] == "salary-seattle" and paraphrase["passed"]
    assert data["meta"]["splits"] == ["authored", "fresh"]
    assert data["tags"]["salary"]["splits"]["fresh"]["cases"] == 1


def test_split_runs_one_split_and_its_gates_only(env: Settings, tmp_path: Path) -> None:
    folder = datasets(tmp_path, failing=True, fresh=True)
    report = tmp_path / "r.json"
    gates = thresholds(tmp_path, STRICT)  # pass_rate ≥ 1 on every split: authored fails
    result = invoke("--split", "fresh", "--suite", "coach", "--datasets", folder,
                    "--thresholds", gates, "--json", report)  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = json.loads(report.read_text())
    assert [c["id"] for c in data["suites"]["coach"]["cases"]] == ["salary-seattle-p1"]
    assert [g["split"] for g in data["gates"]] == ["fresh"]
    result = invoke("--split", "authored", "--suite", "coach", "--datasets", folder,
                    "--thresholds", gates)  # fmt: skip
    assert result.exit_code == 1
    assert "Below threshold: coach.authored.pass_rate" in result.stderr
    assert "fresh" not in result.stdout


# ------------------------------------------------------------------ repeats and --compare


def test_repeat_gives_intervals_and_runs_deterministic_suites_once(
    env: Settings, tmp_path: Path
) -> None:
    report = tmp_path / "r.json"
    result = invoke("--repeat", "3", "--datasets", datasets(tmp_path), "--json", report,
                    "--thresholds", thresholds(tmp_path, LENIENT))  # fmt: skip
    assert result.exit_code == 0, result.stderr
    data = json.loads(report.read_text())
    coach = data["suites"]["coach"]["cases"][0]
    assert coach["n"] == 3 and coach["passes"] == 3 and not coach["flaky"]
    low, high = coach["wilson"]
    assert 0.4 < low < 0.5 and high == 1.0  # Wilson, 3 of 3
    assert data["suites"]["retrieval"]["cases"][0]["n"] == 1
    assert "retrieval" in data["meta"]["deterministic_suites_run_once"]


def _baseline(report: Path, passed: dict[str, bool]) -> Path:
    data = json.loads(report.read_text())
    for suite in data["suites"].values():
        for case in suite["cases"]:
            case["passed"] = passed.get(case["id"], case["passed"])
    out = report.with_name("baseline.json")
    out.write_text(json.dumps(data))
    return out


def test_compare_pairs_cases_and_reports_mcnemar(env: Settings, tmp_path: Path) -> None:
    folder, lenient = datasets(tmp_path, failing=True), thresholds(tmp_path, LENIENT)
    first = tmp_path / "first.json"
    assert invoke("--suite", "coach", "--datasets", folder, "--thresholds", lenient,
                  "--json", first).exit_code == 0  # fmt: skip
    # The baseline said impossible-fact passed (it regressed) and salary-seattle failed.
    baseline = _baseline(first, {"impossible-fact": True, "salary-seattle": False})
    second = tmp_path / "second.json"
    result = invoke("--suite", "coach", "--datasets", folder, "--thresholds", lenient,
                    "--json", second, "--compare", baseline)  # fmt: skip
    assert result.exit_code == 0  # one each way is no significant regression
    compared = json.loads(second.read_text())["compare"]
    assert compared["regressed"] == ["coach/impossible-fact"]
    assert compared["improved"] == ["coach/salary-seattle"]
    assert compared["p_value"] == pytest.approx(1.0) and compared["paired"] == 3
    assert "McNemar p = 1" in result.stdout


def test_a_significant_regression_exits_1(env: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "datasets"
    folder.mkdir()
    cases = "".join(
        f"  - {{id: gone-{i}, tags: [x], ask: 'Is the sign-on bonus negotiable?',"
        " expect: {facts: [xyzzy]}}\n"
        for i in range(6)
    )
    (folder / "coach.yaml").write_text("suite: coach\ncases:\n" + cases)
    lenient, first = thresholds(tmp_path, LENIENT), tmp_path / "first.json"
    invoke("--datasets", folder, "--thresholds", lenient, "--json", first)
    baseline = _baseline(first, {f"gone-{i}": True for i in range(6)})
    result = invoke("--datasets", folder, "--thresholds", lenient, "--compare", baseline)
    assert result.exit_code == 1
    assert "Regressed against" in result.stderr and "p = 0.0312" in result.stderr
