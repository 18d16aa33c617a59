"""The Practice call tab: start, three turns, hints, scorecard, replay, export, restart."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.errors import InputError
from coach.ui import practice_tab as pt

SETUP = pt.Setup(
    role="machine learning engineer",
    level="senior",
    location="Seattle",
    employer_type="AI-native scale-up",
    toughness="standard",
    seed=7,
)
TURNS = [
    "My target range is based on market data for senior ML engineers; I'd rather not share "
    "my current salary.",
    "Based on the market median and the production RAG workflow I built, which cut support "
    "tickets by 30%, and my eval framework, I'm targeting a higher base. Can we get there?",
    "If base is capped, could we close the gap with a sign-on bonus and more equity?",
]


def test_three_turns_then_a_scorecard(tmp_path: Path) -> None:
    call = pt.start(SETUP)
    store = pt.PracticeStore(tmp_path)
    assert "**" in pt.brief_markdown(call)
    for text in TURNS:
        call = pt.play(call, text)
        store.save("t1", call)
        call = store.load("t1")  # every turn survives a restart
    chat = pt.chat_of(call)
    assert [m["role"] for m in chat][:3] == ["assistant", "user", "assistant"]
    said = [m["content"] for m in chat if m["role"] == "user"]
    assert len(said) == 3
    # Numbered as "Replay from turn" counts them.
    assert all(f"Turn {n}</sub>" in text for n, text in enumerate(said, start=1))
    card = pt.end(call)
    assert card.startswith("### Scorecard")
    assert "Left on the table" in card
    assert "anchoring on your current pay: **avoided**" in card.lower()
    exported = pt.export(call)
    assert exported.startswith("# Practice call") and "### Scorecard" in exported


def test_hints_stay_out_of_the_recruiter_chat() -> None:
    call = pt.play(pt.start(SETUP), "I currently make $150,000, so anything above that works.")
    hints = pt.hints_of(call)
    # The hint cites its section by title ("Mistakes — …"), never by file id.
    assert "Turn 1" in hints and "Mistakes — " in hints and "§" not in hints
    recruiter_lines = [m["content"] for m in pt.chat_of(call) if m["role"] == "assistant"]
    assert all("§" not in line for line in recruiter_lines)


def test_replay_from_a_turn() -> None:
    call = pt.start(SETUP)
    for text in TURNS:
        call = pt.play(call, text)
    replayed = pt.replay(call, 2)
    assert len(replayed.turns) == 1
    assert replayed.turns[0].candidate == TURNS[0]


@pytest.mark.parametrize(
    ("action", "message"),
    [
        (lambda: pt.play(None, "hi"), "Start a practice call first"),
        (lambda: pt.end(None), "no practice call to score"),
        (lambda: pt.replay(pt.start(SETUP), 5), "Pick a turn between 1 and 1"),
        (lambda: pt.play(pt.start(SETUP), "   "), "Type what you would say"),
        (lambda: pt.start(pt.Setup(role="astronaut")), "astronaut"),
    ],
)
def test_bad_input_is_one_sentence(action, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match=message):
        action()


def test_same_seed_same_scenario() -> None:
    a, b = pt.start(SETUP), pt.start(SETUP)
    assert a.scenario == b.scenario
    assert pt.chat_of(a) == pt.chat_of(b)


def test_practising_on_an_offer_starts_from_its_figures() -> None:
    offer = (
        "Offer from Acme AI: 185k base, 20k sign-on, 400k RSUs over 4 years, 25 days PTO, "
        "senior ML engineer in Seattle"
    )
    call = pt.start(pt.Setup(offer_text=offer, seed=7))
    first = call.scenario.first_offer
    assert (first.base, first.sign_on, first.equity, first.pto_days) == (
        185_000,
        20_000,
        400_000,
        25,
    )
    assert call.scenario.company == "Acme AI"
    assert call.scenario.location == "Seattle"
    # Issue 17: the recruiter opens with the user's offer, on the first line, as said aloud.
    opening = pt.chat_of(call)[0]["content"]
    assert call.state.offered == first and "$185k" in opening
