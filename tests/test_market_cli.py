"""`coach salary` through a real Typer app and CliRunner."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from coach.market import lookup
from coach.market.cli import register


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer(pretty_exceptions_enable=False)

    @app.callback()
    def main() -> None:
        """A stand-in for coach.cli.app."""

    register(app)
    return app


def run(app: typer.Typer, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["salary", *args], env={"COLUMNS": "160"})
    return result.exit_code, result.stdout, result.stderr


def test_table_shows_the_headline_cells_and_sources(app: typer.Typer) -> None:
    code, out, _err = run(app, "--role", "software engineer", "--location", "SF")
    expected = lookup("software engineer", location="SF")
    assert code == 0
    assert f"${expected.p50:,}" in out and f"${expected.p25:,}" in out
    assert "OEWS" in out and "Sources" in out and "public domain" in out


def test_premiums_print_as_ranges_with_their_source(app: typer.Typer) -> None:
    code, out, _err = run(
        app, "--role", "ai engineer", "--level", "senior", "--skills", "rag,fine-tuning",
        "--domain", "healthcare",
    )  # fmt: skip
    assert code == 0
    assert "+15% to +20%" in out and "+15% to +25%" in out
    assert "not applied" in out


def test_json_has_the_estimate_fields(app: typer.Typer) -> None:
    code, out, _err = run(
        app, "--role", "MLE", "--level", "L5", "--location", "Seattle", "--year", "2025", "--json"
    )
    data = json.loads(out)
    assert code == 0
    assert data["role"] == "machine learning engineer" and data["level"] == "SE"
    assert data["p25"] <= data["p50"] <= data["p75"]
    assert data["n"] >= 20 and data["basis"]
    for key in ("p10", "p90", "sources", "premiums", "assumptions", "notes", "cells"):
        assert key in data
    # Issue 15: Seattle is applied to the national senior cell, and the cell's own figures
    # stay beside the adjusted ones with the ratio and how it was made.
    ratio = data["location_ratio"]["ratio"]
    assert ratio > 1 and data["unadjusted"]["p50"] < data["p50"]
    assert data["p50"] == round(data["unadjusted"]["p50"] * ratio)
    assert "Seattle" in data["method"] and f"{ratio:.3f}" in data["method"]


def test_unknown_cell_prints_unknown_not_a_number(app: typer.Typer) -> None:
    code, out, _err = run(
        app, "--role", "product manager", "--level", "staff", "--location", "Germany"
    )
    assert code == 0
    assert "Unknown:" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "astronaut"], "Unknown role 'astronaut'"),
        (["--role", "data scientist", "--location", "Gotham"], "Unknown location 'Gotham'"),
        (["--role", "data scientist", "--year", "2099"], "2099 is in the future"),
        (["--role", "  "], "role is empty"),
    ],
)
def test_errors_are_one_sentence_on_stderr_with_exit_2(
    app: typer.Typer, args: list[str], message: str
) -> None:
    code, out, err = run(app, *args)
    assert code == 2
    assert message in err and err.startswith("Error: ")
    assert "Traceback" not in err + out
    assert len(err.strip().splitlines()) == 1
