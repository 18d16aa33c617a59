"""The counter script says the user's evidence bullets (issue 20, item 2): the first two, as
written, with no placeholder left; with no pack, one placeholder names the evidence and how
to build it. Loaded from COACH_HOME at the entry points (the tool, `coach offer score`)."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from coach.config import Settings
from coach.contracts import CounterResult
from coach.evidence import EvidencePack, save_pack
from coach.guard import supported_figures
from coach.offers import MarketBenchmark, Offer, compute_totals, counter_offer
from coach.offers.cli import register
from coach.tools import draft_counter_spec

MARKET = MarketBenchmark(
    known=True,
    description="software engineer · senior · San Francisco",
    basis="test cell, n=500",
    percentiles={"p25": 180_000, "p50": 208_400, "p75": 240_000},
    n=500,
    level_code="SE",
)
BULLETS = [
    "Cut support cost by $40k a year: built a triage bot (GPT-4o); first reply from 6 h to 20 min.",
    "Measured routing accuracy on 500 labelled tickets: 71% before, 93% after.",
    "The eval harness works on any ticket queue.",
]
OFFER = "Senior software engineer at Acme in San Francisco: 180k base, 10% bonus, 20k sign-on"


def _script(offer: Offer, market: MarketBenchmark = MARKET, **kw: object) -> str:
    return counter_offer(offer, compute_totals(offer), market, **kw).script  # type: ignore[arg-type]


def test_the_first_two_bullets_as_written_and_no_placeholder() -> None:
    script = _script(Offer(base=180_000, role="software engineer"), evidence=BULLETS)
    assert f"- {BULLETS[0]}\n- {BULLETS[1]}\n" in script
    assert BULLETS[2] not in script
    assert "Three things get me there:" in script
    assert "[" not in script  # no placeholder of any kind left


def test_one_bullet_is_two_things_with_the_market() -> None:
    script = _script(Offer(base=180_000), evidence=BULLETS[:1])
    assert "Two things get me there:\n- Cut support cost" in script
    assert "- Market pay for this role: a median base of $208,400" in script


def test_no_pack_leaves_one_placeholder_that_says_how_to_fill_it() -> None:
    script = _script(Offer(base=180_000))
    assert script.count("[your evidence:") == 1
    assert "`coach evidence`" in script and "Evidence pack tab" in script
    assert "[how you measured quality" not in script


def test_no_market_asks_the_band_and_still_says_the_bullets() -> None:
    unknown = MarketBenchmark(known=False, description="x", basis="", reason="withheld cell")
    script = _script(Offer(base=180_000), unknown, evidence=BULLETS)
    assert "could you share the pay band" in script
    assert f"and on my work:\n- {BULLETS[0]}" in script
    assert "[your evidence" not in script


def test_the_tool_reads_the_pack_from_coach_home(home: Path) -> None:
    spec = draft_counter_spec(Settings())
    _, before = spec.run(offer_text=OFFER)
    assert "[your evidence:" in CounterResult.model_validate(before).script
    save_pack(home, EvidencePack(bullets=BULLETS))
    _, after = spec.run(offer_text=OFFER)
    result = CounterResult.model_validate(after)
    assert BULLETS[0] in result.script and "[your evidence" not in result.script
    # The user's "$40k" is declared, so the numbers guard reads it as theirs.
    assert 40_000 in result.figures()


def test_offer_score_cli_says_the_bullets(home: Path) -> None:
    app = typer.Typer()
    register(app)
    runner = CliRunner()
    save_pack(home, EvidencePack(bullets=BULLETS))
    result = runner.invoke(app, ["offer", "score", OFFER])
    assert result.exit_code == 0, result.output
    assert "Cut support cost by $40k a year" in result.stdout
    assert "[your evidence" not in result.stdout
    (home / "evidence-pack.json").write_text("{broken")
    result = runner.invoke(app, ["offer", "score", OFFER])
    assert result.exit_code == 0 and "Warning: The evidence pack in" in result.stderr
    assert "[your evidence:" in result.stdout


def test_guard_takes_figures_from_a_user_message() -> None:
    from langchain_core.messages import HumanMessage

    assert 40_000 in supported_figures([HumanMessage("\n".join(BULLETS))])
