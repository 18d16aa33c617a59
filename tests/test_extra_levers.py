"""Remote days, a learning budget, a later start and more vacation each get an answer of
their own (seen by a newcomer: "Can I negotiate remote work instead of more money?" got the
equity and sign-on script of the whole-package answer)."""

from __future__ import annotations

import uuid

import pytest

from coach.config import Settings
from coach.session import CoachSession


@pytest.fixture(scope="module")
def session(ingested_settings: Settings) -> CoachSession:
    return CoachSession(ingested_settings)


@pytest.mark.parametrize(
    ("question", "section", "said"),
    [
        (
            "Can I negotiate remote work instead of more money?",
            "Remote flexibility and learning budget",
            "office days",
        ),
        (
            "would they give me a learning budget if base is capped?",
            "Remote flexibility and learning budget",
            "learning budget",
        ),
        (
            "can i ask for a later start date and more PTO?",
            "Start date and vacation",
            "start",
        ),
    ],
)
def test_the_lever_asked_about_is_the_one_answered(
    session: CoachSession, question: str, section: str, said: str
) -> None:
    turn = session.ask(f"lever-{uuid.uuid4().hex}", question)
    script = turn.text.split("**Say:**", 1)[1].split("\n", 1)[0]
    assert said in script
    assert "equity grant" not in script
    assert section in turn.text.split("**Why:**", 1)[1]
