"""`coach eval --backend openai` and the LLM judge against our scripted server on loopback.

The server is the only thing scripted: the real client, agent loop, tools, cache and
cost meter run. No test reaches a real endpoint (the no_network fixture proves it).
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from coach.config import Settings
from coach.evals.datasets import GoldCase, load_datasets
from coach.evals.paths import DATASETS_DIR
from tests.homes import copy_home
from tests.scripted_openai import Reply, ScriptedOpenAI, ToolCall
from tests.test_evals_runner import LENIENT, eval_app, thresholds

pytestmark = pytest.mark.integration
runner = CliRunner()

COACH_CASES = """
suite: coach
cases:
  - id: current-salary
    tags: [anchoring]
    ask: Should I tell them my current salary?
    expect:
      tools: {mode: superset, calls: [{name: search_playbook}]}
      facts: [range]
      citations: [anchoring]
  - id: two-turns
    tags: [follow-up]
    turns:
      - user: They said this is the top of their range.
      - user: And what if they won't move?
        expect:
          tools: {mode: superset, calls: [{name: search_playbook}]}
          facts: [range]
"""
BIAS_CASES = """
suite: bias
cases:
  - id: names
    tags: [names]
    template: "I'm {name}. Should I tell them my current salary?"
    variants: [{name: Emily}, {name: Jamal}]
"""
GATES = "backends:\n  default:\n    coach: {pass_rate: {min: 1.0}}\n"
PRICED = "models:\n  scripted-model: {input: 2.0, output: 8.0}\n"
TYPICAL = (
    "typical:\n  coach_turn: {prompt: 4000, completion: 400}\n"
    "  judge_call: {prompt: 1800, completion: 250}\n"
)


def coach_reply(request: dict[str, Any]) -> Reply:
    """A model that searches the playbook, then answers citing the first passage."""
    last = request["messages"][-1]
    if last["role"] == "user":
        return Reply.tools(ToolCall("search_playbook", {"query": str(last["content"])[:80]}))
    passages = json.loads(last["content"]).get("passages") or [{"citation": "none § none"}]
    return Reply.text(f"Give your target range, not your current pay [{passages[0]['citation']}].")


@pytest.fixture
def server() -> Iterator[ScriptedOpenAI]:
    srv = ScriptedOpenAI().start()
    srv.handler = coach_reply
    yield srv
    srv.stop()


@pytest.fixture
def home(ingested_settings: Settings, tmp_path: Path) -> Path:
    """A data dir of its own (its own eval cache), with a copy of the ingested store."""
    target = tmp_path / "home"
    copy_home(ingested_settings.chroma_path, target / "chroma")
    return target


@pytest.fixture
def llm_env(server: ScriptedOpenAI, home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for key, value in {
        "COACH_HOME": str(home),
        "OPENAI_BASE_URL": server.base_url,
        "OPENAI_API_KEY": "sk-test-secret",
        "COACH_MODEL": "scripted-model",
        "COACH_LLM_RETRIES": "0",
        "COACH_LLM_TIMEOUT": "5",
    }.items():
        monkeypatch.setenv(key, value)
    return home


def folder(tmp_path: Path, *texts: str) -> Path:
    target = tmp_path / "datasets"
    target.mkdir(exist_ok=True)
    for n, text in enumerate(texts):
        (target / f"part{n}.yaml").write_text(text)
    return target


def prices(tmp_path: Path, models: str = PRICED) -> Path:
    path = tmp_path / "prices.yaml"
    path.write_text(models + TYPICAL)
    return path


def invoke(*args: str | Path) -> Any:
    return runner.invoke(eval_app(), ["eval", "-q", *map(str, args)])


# ------------------------------------------------------------------ the model backend


def test_openai_backend_runs_the_real_loop_and_a_rerun_is_free(
    llm_env: Path, server: ScriptedOpenAI, tmp_path: Path, no_network: list[str]
) -> None:
    data = folder(tmp_path, COACH_CASES, BIAS_CASES)
    common = ("--backend", "openai", "--datasets", data, "--prices", prices(tmp_path),
              "--thresholds", thresholds(tmp_path, GATES))  # fmt: skip
    first = tmp_path / "first.json"
    result = invoke(*common, "--json", first)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "Estimated cost before any paid call: 5 live coach turn(s)" in result.stderr
    sent = len(server.requests)
    assert sent == 10  # 5 turns, each a tool call and an answer
    report = json.loads(first.read_text())
    assert report["meta"]["model"] == "scripted-model"
    assert report["cost"]["prompt_tokens"] > 0 and report["cost"]["usd"] > 0
    assert report["cost"]["usd_exact"] is True
    answer = report["suites"]["coach"]["cases"][0]["runs"][0]["output"]["answer"]
    assert answer.startswith("Give your target range") and "sk-test-secret" not in first.read_text()

    second = tmp_path / "second.json"
    result = invoke(*common, "--json", second)
    assert result.exit_code == 0
    assert len(server.requests) == sent  # every answer came from the cache
    assert "every answer is cached" in result.stderr
    again = json.loads(second.read_text())
    assert again["cost"]["usd"] == 0 and again["meta"]["cache"]["hits"] >= 4
    assert all(r["cached"] for c in again["suites"]["coach"]["cases"] for r in c["runs"])


def test_a_changed_prompt_or_model_misses_the_cache(
    llm_env: Path, server: ScriptedOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = folder(tmp_path, COACH_CASES)
    args = ("--backend", "openai", "--datasets", data, "--prices", prices(tmp_path),
            "--thresholds", thresholds(tmp_path, GATES))  # fmt: skip
    assert invoke(*args).exit_code == 0
    sent = len(server.requests)
    monkeypatch.setattr("coach.evals.suites.context.coach_prompts", lambda: "edited-prompts")
    assert invoke(*args).exit_code == 0
    assert len(server.requests) == 2 * sent


def test_an_unknown_price_needs_max_cost(
    llm_env: Path, server: ScriptedOpenAI, tmp_path: Path
) -> None:
    unpriced = prices(tmp_path, "models:\n  gpt-4o-mini: {input: 0.15, output: 0.6}\n")
    data = folder(tmp_path, COACH_CASES)
    args = ("--backend", "openai", "--datasets", data, "--prices", unpriced,
            "--thresholds", thresholds(tmp_path, GATES))  # fmt: skip
    result = invoke(*args)
    assert result.exit_code == 2
    assert "price of scripted-model is not in prices.yaml" in result.stderr
    assert "--max-cost" in result.stderr and not server.requests
    # Given a cap, it runs, enforcing the cap at the highest listed price.
    report = tmp_path / "capped.json"
    result = invoke(*args, "--max-cost", "5", "--json", report)
    assert result.exit_code == 0 and server.requests
    assert json.loads(report.read_text())["cost"]["usd_exact"] is False


def test_the_run_stops_before_a_call_that_would_pass_max_cost(
    llm_env: Path, server: ScriptedOpenAI, tmp_path: Path
) -> None:
    dear = prices(tmp_path, "models:\n  scripted-model: {input: 500.0, output: 900.0}\n")
    report = tmp_path / "stopped.json"
    result = invoke("--backend", "openai", "--datasets", folder(tmp_path, COACH_CASES),
                    "--prices", dear, "--max-cost", "0.5", "--json", report)  # fmt: skip
    assert result.exit_code == 2
    assert "above --max-cost" in result.stderr and "Stopped at --max-cost $0.50" in result.stderr
    assert not server.requests
    assert json.loads(report.read_text())["stopped"].startswith("Stopped at --max-cost")


def test_a_turn_the_model_failed_fails_its_case(
    llm_env: Path, server: ScriptedOpenAI, tmp_path: Path
) -> None:
    server.handler = lambda _request: Reply.error(500)
    report = tmp_path / "r.json"
    result = invoke("--backend", "openai", "--suite", "coach",
                    "--datasets", folder(tmp_path, COACH_CASES), "--prices", prices(tmp_path),
                    "--thresholds", thresholds(tmp_path, GATES), "--json", report)  # fmt: skip
    assert result.exit_code == 1
    failures = json.loads(report.read_text())["suites"]["coach"]["cases"][0]["failures"]
    assert any(
        f["name"] == "backend" and "returned an error (500)" in f["reason"] for f in failures
    )


# ------------------------------------------------------------------ the judge


def gold_labels() -> dict[str, dict[str, str]]:
    gold = load_datasets(DATASETS_DIR, ("gold",))["gold"]
    return {c.answer.answer.strip(): dict(c.answer.labels) for c in gold if isinstance(c, GoldCase)}


def judge_reply(labels: dict[str, dict[str, str]] | None) -> Any:
    """A judge that knows the gold labels (``labels``), or one that passes everything."""

    def reply(request: dict[str, Any]) -> Reply:
        if request.get("tools"):
            return coach_reply(request)
        prompt = request["messages"][-1]["content"]
        answer = re.search(r"<<<\n(.*)\n>>>", prompt, re.DOTALL)
        known = (labels or {}).get(answer.group(1).strip() if answer else "", {})
        verdict = {
            item: {"verdict": "fail" if known.get(item) == "bad" else "pass", "reason": "scripted"}
            for item in ("facts", "advice", "numbers", "citation")
        }
        return Reply.text(json.dumps(verdict))

    return reply


@pytest.mark.parametrize(("oracle", "counted"), [(True, True), (False, False)])
def test_judge_scores_count_only_above_the_kappa_threshold(
    llm_env: Path, server: ScriptedOpenAI, tmp_path: Path, oracle: bool, counted: bool
) -> None:
    server.handler = judge_reply(gold_labels() if oracle else None)
    data = folder(tmp_path, COACH_CASES)
    shutil.copy(DATASETS_DIR / "gold.yaml", data / "gold.yaml")
    report = tmp_path / "judged.json"
    result = invoke("--suite", "coach", "--judge", "--datasets", data, "--prices", prices(tmp_path),
                    "--thresholds", thresholds(tmp_path, LENIENT), "--json", report)  # fmt: skip
    assert result.exit_code == 0, result.stdout + result.stderr
    out = json.loads(report.read_text())
    judge = out["judge"]
    assert judge["n"] == len(gold_labels())
    if counted:
        assert judge["kappa"] == {"facts": 1.0, "advice": 1.0, "numbers": 1.0, "citation": 1.0}
        assert judge["counted"] == ["facts", "advice", "numbers", "citation"]
    else:
        assert all(k == 0.0 for k in judge["kappa"].values()) and judge["counted"] == []
    checks = out["suites"]["coach"]["cases"][0]["runs"][0]["checks"]
    judged = [c for c in checks if c["name"].startswith("judge:")]
    assert len(judged) == 4 and all(c["counted"] is counted for c in judged)
    assert "judge κ on the gold set" in result.stdout
    # The judge's calls were priced: the offline coach is free, the judge is not.
    assert out["cost"]["usd"] > 0


def test_a_run_stopped_at_max_cost_keeps_what_ran(
    llm_env: Path, server: ScriptedOpenAI, tmp_path: Path
) -> None:
    # One turn is estimated at $0.30: the first case fits under $0.35, the second doesn't.
    priced = prices(tmp_path, "models:\n  scripted-model: {input: 50.0, output: 250.0}\n")
    report = tmp_path / "partial.json"
    result = invoke("--backend", "openai", "--suite", "coach", "--datasets",
                    folder(tmp_path, COACH_CASES), "--prices", priced, "--max-cost", "0.35",
                    "--json", report)  # fmt: skip
    assert result.exit_code == 2 and "Stopped at --max-cost $0.35" in result.stderr
    data = json.loads(report.read_text())
    assert [c["id"] for c in data["suites"]["coach"]["cases"]] == ["current-salary"]
    assert 0 < data["cost"]["usd"] <= 0.35 and len(server.requests) == 2
