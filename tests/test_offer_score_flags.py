"""`coach offer score --role --level --location --company --employer-type` (issue 15, item 6):
the flags fill what the text leaves out, win over what it says (and say so), and a bad value
is one sentence naming the flag."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from coach.errors import InputError
from coach.offers import Offer
from coach.offers.cli import register
from coach.offers.model import EmployerType
from coach.offers.stated import MAX_FIELD_CHARS, check_field, with_stated

runner = CliRunner()


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def _score(app: typer.Typer, *args: str) -> dict:  # type: ignore[type-arg]
    result = runner.invoke(app, ["offer", "score", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def test_flags_fill_what_the_text_leaves_out(app: typer.Typer) -> None:
    bare = _score(app, "185k base")
    assert bare["market"]["known"] is False  # no role: nothing to look up
    data = _score(
        app,
        "185k base",
        "--role",
        "ML engineer",
        "--level",
        "senior",
        "--location",
        "Seattle",
        "--company",
        "Acme",
        "--employer-type",
        "AI lab",
    )
    offer = data["offer"]
    assert (offer["role"], offer["level"], offer["location"], offer["company"]) == (
        "ML engineer",
        "senior",
        "Seattle",
        "Acme",
    )
    assert offer["employer_type"] == "ai_lab"
    assert data["market"]["known"] is True and data["market"]["percentiles"]["p50"]
    assert "Seattle" in data["market"]["description"]
    assert not any("using" in note for note in data["assumptions"])  # nothing was replaced


# An offer file states its fields outright, so the test doesn't hang on how text is read.
OFFER_FILE = (
    "company: Acme\nrole: ML engineer\nlocation: Seattle\nemployer_type: AI lab\nbase: 185000\n"
)


@pytest.fixture
def offer_file(tmp_path: Path) -> str:
    path = tmp_path / "offer.yaml"
    path.write_text(OFFER_FILE)
    return str(path)


def test_a_flag_that_differs_from_the_text_is_used_and_said(
    app: typer.Typer, offer_file: str
) -> None:
    read = _score(app, offer_file)["offer"]
    assert read["location"] == "Seattle"  # what the offer says, so the flag below differs
    data = _score(app, offer_file, "--location", "Boston", "--employer-type", "other")
    assert data["offer"]["location"] == "Boston"
    assert (
        "The offer gives the location as 'Seattle'; using 'Boston' from --location "
        "instead." in data["assumptions"]
    )
    assert "Boston" in data["market"]["description"]
    assert data["offer"]["employer_type"] == "other"
    assert (
        "The offer gives the employer type as 'AI lab'; using 'other employer' from "
        "--employer-type instead." in data["assumptions"]
    )


def test_the_replacement_is_shown_in_the_printed_assumptions(
    app: typer.Typer, offer_file: str
) -> None:
    result = runner.invoke(app, ["offer", "score", offer_file, "--company", "Beta"])
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "Assumptions" in out
    assert "The offer gives the company as 'Acme'; using 'Beta' from --company instead." in (out)


@pytest.mark.parametrize(
    ("flag", "value", "message"),
    [
        ("--level", "wizard", "--level: Unknown level 'wizard'"),
        ("--employer-type", "startup", "--employer-type: 'startup' is not an employer type"),
        ("--role", "  ", "--role: The role is empty"),
        ("--location", "x" * (MAX_FIELD_CHARS + 1), "--location: The location"),
        ("--company", "", "--company: The company is empty"),
    ],
)
def test_a_bad_flag_is_one_sentence_naming_it(
    app: typer.Typer, flag: str, value: str, message: str
) -> None:
    result = runner.invoke(app, ["offer", "score", "185k base", flag, value])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {message}")
    assert result.stderr.count("\n") == 1  # one line
    assert "Traceback" not in result.output


def test_stated_fields_equal_to_the_text_leave_no_note() -> None:
    offer = Offer(base=185_000, role="ML engineer", employer_type="AI lab")
    updated, notes = with_stated(offer, {"role": "ml  Engineer", "employer_type": "ai lab"})
    assert notes == []
    assert updated.employer_type is EmployerType.AI_LAB


def test_check_field_reads_employer_types_and_keeps_names_as_written() -> None:
    assert check_field("employer_type", "big tech") is EmployerType.BIG_TECH
    assert check_field("location", "  San   Francisco ") == "San Francisco"
    with pytest.raises(InputError, match="level"):
        check_field("level", "grand poobah")
