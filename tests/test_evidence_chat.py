"""The offline coach on the evidence pack: "help me build my evidence pack" and "what
evidence should I bring?" get the pack explained with the person's saved bullets when a
pack exists, and where to build it (the form, `coach evidence`) when not. The bullets'
own figures ("$40k") are the person's: the numbers guard doesn't flag them."""

from __future__ import annotations

import pytest

from coach.config import Settings
from coach.evidence import EvidencePack, delete_pack, save_pack
from coach.session import CoachSession

BULLETS = [
    "Cut support cost by $40k a year: built a triage bot (GPT-4o); first reply from 6 h to 20 min.",
    "Measured routing accuracy: 71% before, 93% after.",
]


@pytest.fixture(scope="module")
def session(own_ingested_settings: Settings) -> CoachSession:
    return CoachSession(own_ingested_settings)


@pytest.mark.parametrize("question", ["what is an evidence pack?", "what evidence should I bring?"])
def test_no_pack_yet_says_where_to_build_it(session: CoachSession, question: str) -> None:
    delete_pack(session.settings.home)
    turn = session.ask(f"evidence-none-{question[:6]}", question)
    assert "Prove it with an evidence pack" in turn.answer
    assert "Evidence pack tab" in turn.answer and "`coach evidence`" in turn.answer
    assert "help me build my evidence pack" in turn.answer  # the chat's own interview


def test_a_saved_pack_is_shown_as_written(session: CoachSession) -> None:
    home = session.settings.home
    save_pack(home, EvidencePack(bullets=BULLETS))
    try:
        turn = session.ask("evidence-saved", "what evidence should I bring?")
    finally:
        delete_pack(home)
    assert "**Your evidence pack**" in turn.answer
    assert all(f"- {b}" in turn.answer for b in BULLETS)
    assert turn.unverified == []
