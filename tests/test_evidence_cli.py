"""`coach evidence` through the real entry point: answers from a file, answers typed one at
a time (scripted stdin), --show, --edit, --delete; the pack lives in COACH_HOME."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from coach.cli import app
from coach.evidence import load_pack

runner = CliRunner()

ANSWERS = {
    "workflows": [
        {
            "what": "Built a retrieval assistant for support agents",
            "tools": "GPT-4o, pgvector",
            "gain": "median handling time fell from 9 to 4 minutes",
            "outcome": "CSAT up from 82% to 90%",
        }
    ],
    "eval_story": {
        "metric": "hallucination rate on a 300-question set",
        "before": "12%",
        "after": "3%",
    },
    "portability": "my skills transfer anywhere",
}


def _file(tmp_path: Path, data: object, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data) if name.endswith(".yaml") else json.dumps(data))
    return path


def test_from_file_checks_prints_bullets_and_saves(home: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["evidence", "--from", str(_file(tmp_path, ANSWERS))])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "[to fix] Why would this work at the new company?" in out
    assert "Say why it carries over" in out
    assert "1. CSAT up from 82% to 90%: built a retrieval assistant" in out
    pack = load_pack(home)
    assert pack is not None and len(pack.bullets) == 2  # a story that doesn't carry: no bullet
    assert (
        pack.bullets[1]
        == "Measured hallucination rate on a 300-question set: 12% before, 3% after."
    )


def test_from_json_file_as_json_without_saving(home: Path, tmp_path: Path) -> None:
    path = _file(tmp_path, ANSWERS, "answers.json")
    result = runner.invoke(app, ["evidence", "--from", str(path), "--json", "--no-save"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["shortfalls"] == ["not_transferable", "no_specific_tools"]
    assert data["passes"] is False
    assert "saved_to" not in data and load_pack(home) is None


def test_a_bad_file_is_one_sentence_naming_the_field(home: Path, tmp_path: Path) -> None:
    bad = _file(tmp_path, {**ANSWERS, "workflow": []})
    result = runner.invoke(app, ["evidence", "--from", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: answers.yaml: 'workflow' is not a part of the pack")
    worse = _file(tmp_path, {"workflows": "not a list"}, "worse.yaml")
    result = runner.invoke(app, ["evidence", "--from", str(worse)])
    assert result.exit_code == 2 and "workflows" in result.stderr
    assert "Traceback" not in result.output


TYPED = "\n".join(
    [
        "I have AI experience",  # workflow 1, what: the buzzword mistake...
        "a",  # ...answer again
        "Built a triage bot for support tickets",
        "AI",  # tools: no name...
        "k",  # ...kept as it is
        "saves 10 hours a week",
        "first reply from 6 h to 20 min",
        "n",  # no second workflow
        "routing accuracy",
        "71%",
        "93%",
        "the eval harness is standard and works on any ticket queue",
        "y",  # save
        "",
    ]
)


def test_typed_one_question_at_a_time(home: Path) -> None:
    result = runner.invoke(app, ["evidence"], input=TYPED)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "the second costliest mistake" in out  # said about "I have AI experience"
    assert "Name the tools and models by name" in out  # said about "AI", then kept
    assert "1 answer(s) kept below the bar" in out
    pack = load_pack(home)
    assert pack is not None
    assert pack.workflows[0].what == "Built a triage bot for support tickets"
    assert pack.workflows[0].tools == "AI"
    assert pack.bullets[0] == (
        "First reply from 6 h to 20 min: built a triage bot for support tickets (AI); "
        "saves 10 hours a week."
    )
    assert len(pack.bullets) == 3


def test_show_edit_and_delete(home: Path, tmp_path: Path) -> None:
    assert "No evidence pack saved yet" in runner.invoke(app, ["evidence", "--show"]).stdout
    runner.invoke(app, ["evidence", "--from", str(_file(tmp_path, ANSWERS))])
    shown = runner.invoke(app, ["evidence", "--show"]).stdout
    assert "Bullets:" in shown and "GPT-4o, pgvector" in shown
    # Edit: keep the first, replace the second, then add one.
    edited = runner.invoke(
        app,
        ["evidence", "--edit"],
        input="\nHallucinations 12% -> 3% on 300 questions.\nNew one.\n\n",
    )
    assert edited.exit_code == 0, edited.output
    pack = load_pack(home)
    assert pack is not None
    assert pack.bullets[1:] == ["Hallucinations 12% -> 3% on 300 questions.", "New one."]
    runner.invoke(app, ["evidence", "--edit"], input="-\n\n\n\n")  # remove the first
    pack = load_pack(home)
    assert pack is not None and len(pack.bullets) == 2
    assert runner.invoke(app, ["evidence", "--delete"], input="n\n").stdout.endswith("Kept.\n")
    assert load_pack(home) is not None
    assert "Deleted" in runner.invoke(app, ["evidence", "--delete", "--yes"]).stdout
    assert load_pack(home) is None


def test_one_action_at_a_time(home: Path) -> None:
    result = runner.invoke(app, ["evidence", "--show", "--delete"])
    assert result.exit_code == 2 and "not several" in result.stderr
