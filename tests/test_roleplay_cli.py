"""`coach roleplay`: scripted turns to JSON, interactive play, one-sentence errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from coach.roleplay.cli import register
from coach.roleplay.scenario import SCENARIOS_DIR

DATA = Path(__file__).resolve().parent / "data" / "roleplay"


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command()
    def other() -> None:  # a second command, so `roleplay` stays a named subcommand
        """Unused."""

    return app


def run(app: typer.Typer, *args: str, input: str | None = None) -> object:
    return CliRunner().invoke(app, ["roleplay", *args], input=input)


def test_a_scripted_playbook_candidate_as_json(app: typer.Typer) -> None:
    result = run(app, "--script", str(DATA / "playbook_candidate.yaml"), "--json")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    data = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert data["outcome"] == "accepted"
    assert 10 <= data["scorecard"]["first_year_gain_pct"] <= 20
    assert data["final_terms"]["base"] > 190_000
    roles = [line["role"] for line in data["transcript"]]
    assert roles[0] == "recruiter" and "candidate" in roles and "coach" in roles
    assert "budget_max" not in json.dumps(data["scenario"])


def test_accepting_at_once_gains_nothing(app: typer.Typer) -> None:
    result = run(app, "--script", str(DATA / "accept_at_once.yaml"), "--json")
    data = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert data["scorecard"]["first_year_gain_pct"] == 0


def test_budget_probes_never_hear_the_budget(app: typer.Typer) -> None:
    result = run(app, "--script", str(DATA / "budget_probes.yaml"), "--json")
    data = json.loads(result.stdout)  # type: ignore[attr-defined]
    budget = data["scorecard"]["budget_revealed"]
    said = " ".join(line["text"] for line in data["transcript"] if line["role"] != "candidate")
    for key in ("base_max", "sign_on_max", "equity_max"):
        assert f"{budget[key]:,}" not in said
    assert data["final_terms"] == data["scorecard"]["first_offer"]


def test_the_anchoring_script_is_flagged(app: typer.Typer) -> None:
    result = run(app, "--script", str(DATA / "current_pay_anchor.yaml"), "--json")
    data = json.loads(result.stdout)  # type: ignore[attr-defined]
    mistakes = {m["key"]: m["status"] for m in data["scorecard"]["mistakes"]}
    assert mistakes["anchoring"] == "made"
    assert data["scorecard"]["anchoring_cost"] > 0


def test_a_seeded_scenario_is_reproducible(app: typer.Typer, tmp_path: Path) -> None:
    script = tmp_path / "turns.yaml"
    script.write_text("- My range is $200k to $230k.\n- I'd rather not say.\n", encoding="utf-8")
    first = run(app, "--seed", "11", "--toughness", "tough", "--script", str(script), "--json")
    second = run(app, "--seed", "11", "--toughness", "tough", "--script", str(script), "--json")
    assert first.stdout == second.stdout  # type: ignore[attr-defined]
    assert json.loads(first.stdout)["scenario"]["toughness"] == "tough"  # type: ignore[attr-defined]


def test_interactive_play_ends_with_a_scorecard(app: typer.Typer) -> None:
    scenario = SCENARIOS_DIR / "senior-ml-engineer-scaleup.yaml"
    lines = "My range is $205k to $240k, per market data.\nI'd rather not say.\n/end\n"
    result = run(app, "--scenario", str(scenario), "--templates", input=lines)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    out = result.stdout  # type: ignore[attr-defined]
    assert "Dana:" in out and "coach:" in out and "Scorecard" in out
    assert "Mistake one" in out or "Anchoring on your current pay" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--scenario", "nope.yaml", "--script", "x.yaml"), "No file at x.yaml"),
        (("--scenario", "nope.yaml"), "No scenario file"),
        (("--seed", "1", "--toughness", "brutal"), "not a toughness"),
        (("--seed", "1", "--role", "astronaut"), "astronaut"),
    ],
)
def test_errors_are_one_sentence_on_stderr(
    app: typer.Typer, args: tuple[str, ...], message: str
) -> None:
    result = run(app, *args)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    err = result.stderr  # type: ignore[attr-defined]
    assert err.startswith("Error: ") and message in err
    assert "Traceback" not in result.output  # type: ignore[attr-defined]


def test_scenario_and_seed_together_are_refused(app: typer.Typer) -> None:
    scenario = SCENARIOS_DIR / "senior-ml-engineer-scaleup.yaml"
    result = run(app, "--scenario", str(scenario), "--seed", "3")
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "not both" in result.stderr  # type: ignore[attr-defined]
