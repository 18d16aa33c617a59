"""The `coach` command line: JSON out, plain one-line errors, no tracebacks."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from coach.cli import app
from coach.config import Settings

runner = CliRunner()


@pytest.fixture
def cli_env(ingested_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COACH_HOME", str(ingested_settings.home))


def test_search_json(cli_env: None) -> None:
    result = runner.invoke(
        app, ["search", "should I tell them my current salary", "-k", "2", "--json"]
    )
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert len(hits) == 2
    assert hits[0]["doc_id"] == "anchoring"
    assert {"doc_id", "section", "score", "text", "rank"} <= hits[0].keys()


def test_search_text_shows_citations(cli_env: None) -> None:
    result = runner.invoke(app, ["search", "sign-on bonus"])
    assert result.exit_code == 0
    # Each hit named by its section's title ("Total package — Sign-on bonus"); the file
    # ids are in --json.
    assert "Total package — " in result.stdout and "score" in result.stdout
    assert "§" not in result.stdout


def test_ask_cites_and_sources_opens_the_passages(cli_env: None) -> None:
    question = "They said the budget is fixed. What now?"
    plain = runner.invoke(app, ["ask", question, "--thread", "cli-sources-1"])
    assert plain.exit_code == 0, plain.output
    answer = plain.stdout.split("\n— answered by")[0]
    # Cited by the section's title, not its file id (issue 18).
    assert "**Why:**" in answer and "[Objections — " in answer and "§" not in answer
    assert "\n> " not in answer, "no passage pasted into the answer"
    full = runner.invoke(app, ["ask", question, "--thread", "cli-sources-2", "--sources"])
    assert full.exit_code == 0, full.output
    tail = full.stdout.split("— tokens:")[1]
    assert '[Objections — "The budget is fixed"]' in tail
    assert len(tail) > len(answer) / 2, "the passages in full, after the answer"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["search", "  "], "type a question"),
        (["search", "equity", "-k", "0"], "between 1 and"),
        (["search", "equity", "-k", "500"], "between 1 and"),
    ],
)
def test_bad_input_is_one_plain_sentence(cli_env: None, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_search_before_ingest_says_what_to_do(home: object) -> None:
    result = runner.invoke(app, ["search", "equity"])
    assert result.exit_code == 2
    assert "coach ingest" in result.stderr


def test_ingest_reports_and_then_is_a_no_op(home: object) -> None:
    first = runner.invoke(app, ["ingest"])
    assert first.exit_code == 0, first.output
    assert "added" in first.stdout and " 0 added" not in first.stdout
    second = runner.invoke(app, ["ingest", "--quiet"])
    assert second.exit_code == 0
    assert second.stdout == ""


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (["salary", "--bogus"], "Error: No such option: --bogus"),
        (["search", "equity", "-k", "abc"], "Error: Invalid value for '-k'"),
        (["offer", "score"], "Error: Missing argument"),
    ],
)
def test_usage_errors_end_in_one_plain_error_line(args: list[str], error: str) -> None:
    result = runner.invoke(app, args, prog_name="coach")
    assert result.exit_code == 2
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith(error), result.stderr
    assert not set("╭╮╰╯│─") & set(result.stderr)  # no box drawn around it
    assert f"coach {args[0]}" in result.stderr  # and where to look for help


@pytest.mark.parametrize(("value", "why"), [("-1", "greater than or equal to 0"), ("x", "integer")])
def test_a_bad_setting_is_one_sentence_naming_it(
    cli_env: None, monkeypatch: pytest.MonkeyPatch, value: str, why: str
) -> None:
    monkeypatch.setenv("COACH_TOOL_ROUNDS", value)
    result = runner.invoke(app, ["search", "equity"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: The setting COACH_TOOL_ROUNDS=")
    assert why in result.stderr and len(result.stderr.strip().splitlines()) == 1
