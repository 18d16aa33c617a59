"""An ultimatum is not a concrete ask: "20k more or I'll quit", with no real offer behind
it, is the threat the articles warn about (no emotional appeals or threats without a real
alternative; a concrete ask is a number or a band and a date)."""

from __future__ import annotations

import pytest

from coach.roleplay.manager_judgement import judge
from tests.test_manager_talk import PREPARED, play, talk

ULTIMATUMS = [
    "If I don't get 20k more I'll quit.",
    "Pay me 160k or I walk.",
    "Give me 170k by April 1 or I'll resign.",
    "I want a 10% raise, otherwise I'll start looking elsewhere.",
    "Unless base goes to 165k this cycle, I'm going to leave.",
]


@pytest.mark.parametrize("text", ULTIMATUMS)
def test_an_ultimatum_is_flagged_as_a_threat_and_never_praised_as_a_concrete_ask(
    text: str,
) -> None:
    call = play(talk(), [text])
    verdict = judge(call.scenario, call.state)
    checks = {m.key: m for m in verdict.mistakes}
    assert checks["bluff_threat"].status == "made" and checks["bluff_threat"].turn == 1
    # The figure was named (the blind talks count it), but only inside the threat: said so.
    assert "ultimatum" in checks["no_concrete_ask"].detail
    assert "concrete_ask" not in verdict.praised()
    hint = call.turns[-1].hint
    assert hint is not None and hint.key == "bluff_threat" and hint.tone == "warning"


@pytest.mark.parametrize("text", ULTIMATUMS)
def test_a_later_ask_with_its_date_is_still_concrete_and_the_threat_stays_made(
    text: str,
) -> None:
    call = play(talk(), [text, "To be concrete: I'm asking for 158k, effective April 1."])
    verdict = judge(call.scenario, call.state)
    made = {m.key for m in verdict.mistakes if m.status == "made"}
    assert "bluff_threat" in made and "no_concrete_ask" not in made
    assert verdict.praised()["concrete_ask"].turn == 2


def test_a_figure_with_a_date_and_a_case_is_praised_as_concrete() -> None:
    call = play(talk(), PREPARED[:3])
    verdict = judge(call.scenario, call.state)
    assert "concrete_ask" in verdict.praised()
    assert "bluff_threat" not in {m.key for m in verdict.mistakes}


def test_a_figure_without_a_date_is_an_ask_but_not_praised_as_concrete() -> None:
    call = play(talk(), [PREPARED[0], "I'd like 158k."])
    verdict = judge(call.scenario, call.state)
    ask = next(m for m in verdict.mistakes if m.key == "no_concrete_ask")
    assert ask.status == "avoided" and "date" in ask.detail
    assert "concrete_ask" not in verdict.praised()


def test_a_real_offer_named_with_its_figure_is_no_ultimatum() -> None:
    call = play(
        talk(),
        [
            PREPARED[0],
            "I have a written offer at 175k and I'd rather stay; could you get me to 165k "
            "effective April 1, or I'll take it?",
        ],
    )
    verdict = judge(call.scenario, call.state)
    assert "bluff_threat" not in {m.key for m in verdict.mistakes}
    assert "concrete_ask" in verdict.praised()
