"""'What I read' comes before any score, in the CLI and the Offers tab (issue 15, item 2)."""

from __future__ import annotations

import json
import re

import pytest
import typer
from typer.testing import CliRunner

from coach.offers.cli import register
from coach.ui.offers_tab import FormOffer, check_offers

runner = CliRunner()
OFFER = "Senior AI engineer in Seattle: $210k base, 15% bonus, 4,000 RSUs at $95 a share"


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    root = typer.Typer()
    register(root)
    return root


def test_the_cli_shows_what_it_read_before_the_score(app: typer.Typer) -> None:
    result = runner.invoke(app, ["offer", "score", OFFER])
    assert result.exit_code == 0, result.output
    read_at = result.stdout.index("What I read:")
    assert read_at < result.stdout.index("Score:")
    assert '380,000 USD (4,000 × 95.00 per share)  from "4,000 RSUs at $95 a share"' in (
        result.stdout
    )


def test_the_cli_json_carries_the_reading(app: typer.Typer) -> None:
    result = runner.invoke(app, ["offer", "score", OFFER, "--json"])
    data = json.loads(result.stdout)
    fields = {f["path"]: f for f in data["reading"]["fields"]}
    assert fields["equity.value"]["value"] == 380_000
    assert fields["location"]["source"] == "Seattle"


def test_the_cli_asks_instead_of_scoring_a_guess(app: typer.Typer) -> None:
    result = runner.invoke(app, ["offer", "score", "Seattle offer: 185k base, 10,000 RSUs"])
    assert result.exit_code == 2
    assert "What I read:" in result.stdout and "Score:" not in result.stdout
    assert "at what price per share" in result.stderr


def test_the_offers_tab_shows_the_reading_then_the_score() -> None:
    shown = check_offers(FormOffer(), OFFER).markdown
    scored = re.search(r"score \d+/100", shown)
    assert scored is not None and shown.index("**What I read**") < scored.start()
    assert "“4,000 RSUs at $95 a share”" in shown


def test_the_offers_tab_asks_and_does_not_score() -> None:
    shown = check_offers(FormOffer(), "pre-IPO, they're giving me 8,000 RSUs plus 170k base. NYC.")
    assert "**Before I score it, tell me:**" in shown.markdown
    assert "/100" not in shown.markdown and not shown.charts


def test_an_offer_in_pounds_is_shown_in_pounds() -> None:
    text = "London offer: £95,000 base, 10% bonus, £20k sign-on"
    shown = check_offers(FormOffer(), text).markdown
    assert "£95,000" in shown and "$95,000" not in shown


def test_the_paste_boxs_own_example_is_read_whole() -> None:
    """The issue saw the placeholder's example come back 'not scored'."""
    from coach.ui.offers_tab import PLACEHOLDER

    shown = check_offers(FormOffer(), PLACEHOLDER).markdown
    assert "Not read" not in shown and "### Acme" in shown and "### Beta" in shown
    assert len(re.findall(r"score \d+/100", shown)) == 2
