"""Practise on your own offer (issue 17, item 6): the scenario is that offer, and the
recruiter opens the call with it. Through the scenario, the UI handlers and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from coach.errors import InputError
from coach.market.estimate import estimate_for
from coach.money import find_amounts
from coach.offers import parse_offer
from coach.roleplay import Act, PracticeCall, Toughness, assert_within_budget, open_call
from coach.roleplay.cli import register
from coach.roleplay.scenario import UNNAMED_COMPANY, from_offer
from coach.ui import practice_tab as pt

SEATTLE = (
    "Offer from Acme AI: 185k base, 20k sign-on, 400k RSUs over 4 years, 25 days PTO, "
    "senior ML engineer in Seattle"
)
NO_CITY = "Offer from Acme AI for a senior ML engineer: 185k base, 20k sign-on, 400k RSUs"
NO_ROLE = "Acme AI, Seattle: 185k base, 20k sign-on"


def money(text: str) -> set[int]:
    return {a.value for a in find_amounts(text)}


@pytest.mark.parametrize("toughness", list(Toughness))
@pytest.mark.parametrize("seed", [1, 2, 3, 44])
def test_the_scenario_is_the_offer_whatever_the_seed(toughness: Toughness, seed: int) -> None:
    scenario = from_offer(parse_offer(SEATTLE).offer, seed, toughness=toughness)
    assert (scenario.company, scenario.location) == ("Acme AI", "Seattle")
    assert scenario.role == "machine learning engineer" and scenario.level == "senior"
    assert scenario.first_offer.title == "Senior Machine Learning Engineer"
    first = scenario.first_offer
    assert (first.base, first.sign_on, first.equity, first.pto_days) == (
        185_000,
        20_000,
        400_000,
        25,
    )
    assert scenario.opens_with_offer and scenario.current_base is None
    state, _ = open_call(scenario)
    assert_within_budget(scenario, state)


@pytest.mark.parametrize("toughness", list(Toughness))
def test_the_recruiter_opens_with_the_offer_and_asks_what_they_think(
    toughness: Toughness,
) -> None:
    scenario = from_offer(parse_offer(SEATTLE).offer, 7, toughness=toughness)
    state, opening = open_call(scenario)
    acts = opening.acts()
    assert acts[0] == Act.GREET and Act.PRESENT_OFFER in acts and acts[-1] == Act.ASK_THOUGHTS
    assert Act.ASK_EXPECTATIONS not in acts
    assert state.offered == scenario.first_offer and state.offer_turn == 0
    words = PracticeCall(scenario).start()
    assert "Acme AI" in words and words.rstrip().endswith("?")
    assert {185_000, 20_000, 400_000} <= money(words)


def test_an_offer_without_a_city_uses_national_figures_and_says_so() -> None:
    scenario = from_offer(parse_offer(NO_CITY).offer, 3)
    assert scenario.location is None
    national = estimate_for("machine learning engineer", level="senior", location=None)
    assert scenario.market is not None and scenario.market.p50 == national.p50
    call = pt.start(pt.Setup(offer_text=NO_CITY, seed=3))
    assert "national" in pt.brief_markdown(call).lower()


def test_an_offer_without_a_role_asks_for_it_or_takes_the_role_box() -> None:
    with pytest.raises(InputError, match="role"):
        pt.start(pt.Setup(offer_text=NO_ROLE, seed=3))
    call = pt.start(pt.Setup(offer_text=NO_ROLE, role="data scientist", seed=3))
    assert call.scenario.role == "data scientist" and call.scenario.location == "Seattle"


def test_an_offer_without_a_company_gets_no_invented_one() -> None:
    text = "Senior ML engineer in Seattle: 185k base"
    scenario = from_offer(parse_offer(text).offer, 5)
    assert scenario.company == UNNAMED_COMPANY


# ------------------------------------------------------------ the Practice tab


def test_the_practice_tab_opens_with_the_pasted_offer(tmp_path: Path) -> None:
    call = pt.start(pt.Setup(offer_text=SEATTLE, seed=7))
    chat = pt.chat_of(call)
    assert len(chat) == 1 and chat[0]["role"] == "assistant"
    assert {185_000, 20_000, 400_000} <= money(chat[0]["content"])
    brief = pt.brief_markdown(call)
    assert "Acme AI" in brief and "Seattle" in brief and "Senior Machine Learning Engineer" in brief
    # The first turn answers the offer; nothing re-asks for expectations.
    call = pt.play(call, "Thanks! Based on market data the median is higher; could we do 210k?")
    assert call.state.offer_turn == 0
    store = pt.PracticeStore(tmp_path)
    store.save("t", call)
    assert store.load("t").scenario.opens_with_offer  # survives a restart


def test_the_same_seed_gives_the_same_call_on_the_offer() -> None:
    a = pt.start(pt.Setup(offer_text=SEATTLE, seed=11))
    b = pt.start(pt.Setup(offer_text=SEATTLE, seed=11))
    assert a.scenario == b.scenario and pt.chat_of(a) == pt.chat_of(b)


# ------------------------------------------------------------ the CLI


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    register(app)

    @app.command()
    def other() -> None:  # a second command, so `roleplay` stays a named subcommand
        """Unused."""

    return app


def test_coach_roleplay_practises_on_an_offer(app: typer.Typer, tmp_path: Path) -> None:
    script = tmp_path / "turns.yaml"
    script.write_text('["Thanks, could you send it in writing?", "I accept."]\n', encoding="utf-8")
    result = CliRunner().invoke(
        app, ["roleplay", "--offer", SEATTLE, "--seed", "4", "--script", str(script), "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["scenario"]["company"] == "Acme AI" and data["scenario"]["location"] == "Seattle"
    opening = data["transcript"][0]
    assert opening["role"] == "recruiter" and 185_000 in money(opening["text"])
    assert data["final_terms"]["base"] == 185_000


def test_coach_roleplay_offer_without_a_role_is_one_sentence(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["roleplay", "--offer", NO_ROLE, "--seed", "1", "--json"])
    assert result.exit_code != 0
    assert "role" in result.output


def test_coach_roleplay_interactive_on_an_offer_shows_it_first(app: typer.Typer) -> None:
    result = CliRunner().invoke(
        app, ["roleplay", "--offer", NO_CITY, "--seed", "2", "--templates"], input="/end\n"
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Practising on your offer" in out and "national figures" in out
    assert "Acme AI" in out and out.index("$185k") < out.index("You:")  # the offer comes first
