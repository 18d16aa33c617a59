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


# ------------------------------------------------------------------ the talk with a manager

MANAGER = pt.Setup(
    role="data engineer",
    level="senior",
    location="Austin",
    toughness="standard",
    seed=7,
    counterpart="My manager (a raise or promotion)",
    current_base="140k",
    talk="raise",
)


def test_a_talk_with_a_manager_from_the_tab(tmp_path: Path) -> None:
    from coach.evidence import EvidencePack, save_pack

    save_pack(tmp_path, EvidencePack(bullets=["Cut the warehouse bill 30%, saving $250k a year"]))
    call = pt.start(MANAGER, evidence=pt.pack_bullets(tmp_path))
    assert "manager" in pt.brief_markdown(call) and "$140,000" in pt.brief_markdown(call)
    store = pt.PracticeStore(tmp_path)
    call = pt.play(call, "I'd like 155k from the next review.")
    store.save("m1", call)
    call = store.load("m1")  # a saved talk comes back as a talk, not a recruiter call
    hints = pt.hints_of(call)
    assert "Cut the warehouse bill 30%" in hints  # the user's own bullet, quoted
    card = pt.end(call)
    assert card.startswith("### Scorecard") and "Agreed for later" in card and "§" not in card
    assert pt.export(call).startswith("# Practice talk")


def test_a_manager_talk_needs_a_base_that_is_money() -> None:
    with pytest.raises(InputError, match="base today"):
        pt.start(pt.Setup(counterpart="manager", current_base="lots", role="data engineer"))


@pytest.mark.parametrize(
    ("choice", "value"), [*pt.COUNTERPARTS.items(), *[(v, v) for v in pt.COUNTERPARTS.values()]]
)
def test_the_set_up_line_follows_who_is_across_the_table(choice: str, value: str) -> None:
    line = pt.flow_markdown(choice)
    if value == "manager":
        assert "recruiter" not in line.lower() and "your manager" in line
    else:
        assert "the recruiter" in line and "manager" not in line


def test_an_unknown_counterpart_is_named_in_one_sentence() -> None:
    with pytest.raises(InputError, match="Who is across the table"):
        pt.flow_markdown("my landlord")


def test_a_manager_talk_says_manager_when_it_starts_restores_and_ends(tmp_path: Path) -> None:
    call = pt.start(MANAGER)
    assert pt.flow_of(call) == pt.flow_markdown("manager")
    call = pt.play(call, "No thanks, I'm done here.")
    assert call.ended
    assert "manager" in pt.closed_note(call) and "recruiter" not in pt.closed_note(call)
    recruiter = pt.start(pt.Setup(role="data engineer", seed=3))
    assert "recruiter" in pt.closed_note(recruiter)
    assert pt.flow_of(recruiter) == pt.flow_markdown("recruiter")


def test_the_practice_tab_wires_the_set_up_line_to_the_choice(tmp_path: Path) -> None:
    from coach.config import Settings
    from coach.ui.app import build_blocks
    from coach.ui.services import Services

    demo = build_blocks(Services(Settings(home=tmp_path)))
    ids = {id(b): getattr(b, "elem_id", None) for b in demo.blocks.values()}
    flow = [b for b in demo.blocks.values() if getattr(b, "elem_id", None) == "practice-flow"]
    assert flow and "the recruiter" in getattr(flow[0], "value", "")
    wired = [
        fn
        for fn in demo.fns.values()
        if [ids.get(id(b)) for b in fn.inputs] == ["practice-counterpart"]
        and "practice-flow" in [ids.get(id(b)) for b in fn.outputs]
    ]
    assert wired, "choosing the manager talk must change the set-up line"
