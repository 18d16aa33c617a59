"""`coach offer score` and `coach offer compare`, on a fresh Typer app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from coach.offers.cli import register

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "offers"
runner = CliRunner()


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)
    return app


def test_score_text_offer(app: typer.Typer) -> None:
    result = runner.invoke(
        app,
        [
            "offer",
            "score",
            "Senior ML engineer role at Acme in San Francisco (AI lab): 185k base, 15% bonus, "
            "400k RSUs over 4 years, 20k sign-on, 401k match",
            "--current-base",
            "150k",
            "--floor",
            "170k",
        ],
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Score: " in out and "/100" in out
    # Cited by the section's title (issue 18), not "sequence § …".
    assert "[Negotiation sequence — Step four: the decision rule for what to push on]" in out
    assert "$1,271,000" in out  # 4 x (185,000 + 27,750 + 100,000) + 20,000
    assert "[your evidence: a workflow you built" in out  # no pack yet: the placeholder says how
    assert "A 401(k) match is not counted" in out


def test_a_stray_figure_is_asked_not_dropped(app: typer.Typer) -> None:
    """Issue 15: a figure no label claims would change the totals if dropped: asked."""
    result = runner.invoke(app, ["offer", "score", "185k base, 15% bonus, 50k"])
    assert result.exit_code == 2
    assert "What is 50k in the offer?" in result.stderr and "Score:" not in result.stdout


def test_score_says_what_it_was_judged_on(app: typer.Typer) -> None:
    result = runner.invoke(app, ["offer", "score", "185k base", "--floor", "170k"])
    assert result.exit_code == 0, result.output
    assert "Score: 100/100 (judged only on: meets your walk-away floor)" in result.stdout
    assert "names no role" in result.stdout


def test_score_json(app: typer.Typer) -> None:
    result = runner.invoke(
        app,
        ["offer", "score", str(EXAMPLES / "bigtech.yaml"), "--current-base", "180000", "--json"],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"offer", "totals", "market", "score", "counter", "unparsed", "assumptions"} <= set(data)
    assert data["totals"]["four_year_total"] == sum(data["totals"]["total_by_year"])
    assert 0 <= data["score"]["score"] <= 100
    assert data["score"]["verdicts"][0]["citation"]
    assert data["market"]["sources"]


def test_score_private_equity_shows_the_haircut(app: typer.Typer) -> None:
    result = runner.invoke(app, ["offer", "score", str(EXAMPLES / "scaleup.yaml")])
    assert result.exit_code == 0, result.output
    assert "Total, 50% haircut" in result.stdout
    assert "spread" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["offer", "score", "15% bonus, 20k sign-on"], "couldn't find a base salary"),
        (["offer", "score", "base 5"], "Write the base in full"),
        (["offer", "score", "missing.yaml"], "There is no offer file at missing.yaml."),
        (["offer", "score", "185k base", "--floor", "lots"], "--floor:"),
        (["offer", "score", "185k base", "--haircut", "150"], "haircut of 150%"),
        (["offer", "compare", str(EXAMPLES / "lab.json")], "2 to 5 offers"),
    ],
)
def test_errors_are_one_plain_sentence(app: typer.Typer, args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ")
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_compare_table_json_and_chart(app: typer.Typer, tmp_path: Path) -> None:
    files = [str(EXAMPLES / name) for name in ("bigtech.yaml", "scaleup.yaml", "lab.json")]
    chart = tmp_path / "offers.png"
    result = runner.invoke(app, ["offer", "compare", *files, "--chart", str(chart)])
    assert result.exit_code == 0, result.output
    assert "4-year total" in result.stdout and "Frontier Lab" in result.stdout
    assert chart.read_bytes()[:4] == b"\x89PNG"
    result = runner.invoke(app, ["offer", "compare", *files, "--json"])
    data = json.loads(result.stdout)
    assert data["names"] == ["Hyperscale Cloud AI", "Lumenary AI", "Frontier Lab"]
    assert data["leader"] in data["names"]


def test_a_chart_path_without_extension_says_the_file_it_wrote(
    app: typer.Typer, tmp_path: Path
) -> None:
    files = [str(EXAMPLES / name) for name in ("bigtech.yaml", "scaleup.yaml")]
    result = runner.invoke(app, ["offer", "compare", *files, "--chart", str(tmp_path / "chart")])
    assert result.exit_code == 0, result.output
    written = tmp_path / "chart.png"
    assert written.read_bytes()[:4] == b"\x89PNG"
    assert f"Chart saved to {written}" in " ".join(result.stdout.split())
