"""A follow-up that moves an offer ("and in Denver?", "and as a staff engineer?") scores the
same offer there: the market it is judged against is the new place's or level's, and the
answer says what it looked at instead of the letter (seen by a newcomer: the step said
Denver while the answer still judged Austin's market)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from langchain_core.tools import StructuredTool

from coach.config import Settings
from coach.contracts import OfferScoreResult, parse_result
from coach.session import CoachReply, CoachSession
from coach.tools import score_offer_tool

OFFER = (
    "I got an offer for senior data engineer in Austin: 160k base, 10% bonus, "
    "80k RSUs over 4 years. Is it good?"
)


@pytest.fixture(scope="module")
def session(ingested_settings: Settings) -> CoachSession:
    return CoachSession(ingested_settings)


def _scored(turn: CoachReply) -> Any:
    return next(s.result for s in turn.tool_steps if s.name == "score_offer")


def _score(settings: Settings, **args: str) -> OfferScoreResult:
    tool = score_offer_tool(settings)
    assert isinstance(tool, StructuredTool) and tool.func is not None
    _, artifact = tool.func(**args)
    result = parse_result("score_offer", artifact)
    assert isinstance(result, OfferScoreResult)
    return result


@pytest.mark.parametrize(
    ("follow_up", "said"),
    [
        ("and in Denver?", "location Denver"),
        ("what about if the job was in Seattle", "location Seattle"),
        ("same offer but in Boston?", "location Boston"),
    ],
)
def test_a_new_city_scores_the_offer_there(
    session: CoachSession, follow_up: str, said: str
) -> None:
    thread = f"moved-{uuid.uuid4().hex}"
    first = _scored(session.ask(thread, OFFER))
    turn = session.ask(thread, follow_up)
    moved = _scored(turn)
    assert moved.market_median_base != first.market_median_base
    assert f"Scored as asked:** {said}" in turn.text
    assert "(the offer says Austin)" in turn.text
    assert f"${moved.market_median_base:,.0f}" in turn.text  # the new market, in the answer


def test_a_new_level_scores_the_offer_at_that_level(session: CoachSession) -> None:
    thread = f"moved-{uuid.uuid4().hex}"
    first = _scored(session.ask(thread, OFFER))
    turn = session.ask(thread, "and as a staff engineer?")
    moved = _scored(turn)
    assert moved.market_median_base > first.market_median_base
    assert "level staff (the offer says senior)" in turn.text


@pytest.mark.parametrize("same", ["Austin, TX", "austin", "Austin-Round Rock-San Marcos, TX"])
def test_the_same_place_written_otherwise_changes_nothing(
    ingested_settings: Settings, same: str
) -> None:
    plain = _score(ingested_settings, offer_text=OFFER)
    named = _score(ingested_settings, offer_text=OFFER, location=same)
    assert named.market_median_base == plain.market_median_base
    assert "Scored as asked" not in named.rendered


def test_a_place_the_letter_leaves_out_is_filled_without_a_note(
    ingested_settings: Settings,
) -> None:
    text = "Offer: senior data engineer, 160k base, 10% bonus. Good?"
    scored = _score(ingested_settings, offer_text=text, location="Denver")
    assert "Denver" in scored.rendered
    assert "Scored as asked" not in scored.rendered
