"""A message naming two levels ("senior manager or director") is priced at one, and the
answer says which, and how to see the other: never a silent pick (issue 16, item 3)."""

from __future__ import annotations

import pytest

from coach.config import Settings
from coach.session import CoachSession
from coach.understanding import levels_named, read_slots


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("and if i went up to senior manager or director", ("senior", "director")),
        ("senior or staff?", ("senior", "staff")),
        ("what does a senior staff engineer make", ("senior staff",)),
        ("sr data scientist in nyc", ("senior",)),
        ("junior or mid-level data analyst in Austin", ("entry", "mid")),
        ("what does a data scientist in Denver make", ()),
    ],
)
def test_levels_named_in_the_order_said(text: str, named: tuple[str, ...]) -> None:
    assert levels_named(text) == named
    if named:
        assert read_slots(text).level in named  # the level the lookup gets is one of them


@pytest.fixture(scope="module")
def session(own_ingested_settings: Settings) -> CoachSession:
    return CoachSession(own_ingested_settings)


def test_two_levels_say_which_the_figures_are_for(session: CoachSession) -> None:
    turn = session.ask("two-levels", "what does a senior or staff ML engineer make in Boston?")
    first = turn.text.split("\n\n", 1)[0]
    assert "senior and staff" in first and "for senior" in first and '"and staff?"' in first
    again = session.ask("two-levels", "and staff?")
    assert "**Levels:**" not in again.text and "staff" in again.text.lower()


def test_one_level_gets_no_note(session: CoachSession) -> None:
    turn = session.ask("one-level", "what does a senior ML engineer make in Boston?")
    assert "**Levels:**" not in turn.text
