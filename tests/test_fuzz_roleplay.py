"""Bad-input fuzzing of the practice call: parser, turns, replay, restore and scenario set-up."""

from __future__ import annotations

import functools
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.roleplay import PracticeCall, Scenario, assert_within_budget, generate, parse_moves
from coach.roleplay.report import transcript_markdown
from tests.fuzz import (
    FRAGMENTS,
    HUGE,
    any_text,
    assert_no_leak,
    hostile_text,
    profile,
    returns_or_plain_error,
)

TOUGHNESS = ["soft", "standard", "tough"]


@functools.cache
def scenario(seed: int, toughness: str) -> Scenario:
    return generate(seed, toughness=toughness)


scenarios = st.builds(scenario, st.integers(1, 4), st.sampled_from(TOUGHNESS))


@profile(400)
@given(hostile_text(max_parts=8))
def test_parse_moves_reads_any_text(text: str) -> None:
    parsed = parse_moves(text)
    for move in parsed.moves:
        for value in (move.amount, move.low, move.high):
            assert value is None or value >= 0


@pytest.mark.parametrize("name", list(HUGE))
def test_parse_moves_on_huge_text(name: str) -> None:
    parse_moves(HUGE[name])


@profile(120)
@given(scenarios, st.lists(hostile_text(max_parts=5), min_size=1, max_size=6))
def test_turns_answer_or_say_why_and_the_budget_holds(scn: Scenario, texts: list[str]) -> None:
    call = PracticeCall(scn)
    assert call.start().strip()
    for text in texts:
        result = returns_or_plain_error(call.turn, text)
        if result is not None:
            assert result.recruiter_text.strip()
            assert_no_leak(result.recruiter_text)
        assert_within_budget(scn, call.state)
    card = call.end()
    assert_no_leak(transcript_markdown(call, card))


@pytest.mark.parametrize("name", list(HUGE))
def test_a_huge_turn_is_refused_plainly(name: str) -> None:
    call = PracticeCall(scenario(1, "standard"))
    returns_or_plain_error(call.turn, HUGE[name])
    assert call.turns == []


@profile(80)
@given(
    scenarios,
    st.lists(st.sampled_from(FRAGMENTS), max_size=4),
    st.one_of(st.integers(), st.integers(-2, 6)),
    hostile_text(max_parts=3),
)
def test_replay_from_any_turn_number(
    scn: Scenario, texts: list[str], index: int, again: str
) -> None:
    call = PracticeCall(scn)
    for text in texts:
        returns_or_plain_error(call.turn, text)
    replayed = returns_or_plain_error(call.replay_from, index)
    if replayed is not None:
        assert len(replayed.turns) == index
        returns_or_plain_error(replayed.turn, again)


def _saved_call() -> str:
    call = PracticeCall(scenario(2, "standard"))
    call.turn("Based on market data my target range is 190k to 220k.")
    return call.to_json()


SAVED = _saved_call()


def _mangled(data: object) -> st.SearchStrategy[object]:
    """The saved call with one value somewhere replaced by junk."""
    junk = st.one_of(st.none(), st.integers(), st.floats(), any_text, st.just([]), st.just({}))

    def paths(node: object, prefix: tuple = ()) -> list[tuple]:
        found = [prefix]
        if isinstance(node, dict):
            for key, value in node.items():
                found += paths(value, (*prefix, key))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                found += paths(value, (*prefix, i))
        return found

    def put(path: tuple, value: object) -> object:
        copy = json.loads(json.dumps(data))
        if not path:
            return value
        target = copy
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        return copy

    return st.builds(put, st.sampled_from(paths(data)), junk)


@profile(200)
@given(
    st.one_of(
        any_text,
        hostile_text(),
        _mangled(json.loads(SAVED)).map(json.dumps),
        st.sampled_from(["[" * 5_000, '{"version": ' + "9" * 5_000 + "}", "null", "NaN", ""]),
    )
)
def test_a_saved_call_restores_or_says_why(text: str) -> None:
    call = returns_or_plain_error(PracticeCall.from_json, text)
    if call is not None:
        # A restored call is usable: it can take a turn (or say why not) and be scored.
        returns_or_plain_error(call.turn, "Can we do 200k base?")
        returns_or_plain_error(call.end)


@profile(100)
@given(
    st.one_of(st.integers(), st.integers(0, 50)),
    st.one_of(
        st.sampled_from(TOUGHNESS), hostile_text(max_parts=1), st.sampled_from([" Tough ", ""])
    ),
    st.one_of(st.none(), st.sampled_from(["ML engineer", "data scientist"]), hostile_text(1)),
    st.one_of(st.none(), st.sampled_from(["senior", "L5"]), hostile_text(1)),
    st.one_of(st.none(), st.sampled_from(["Seattle", "remote", "Germany"]), hostile_text(1)),
    st.one_of(st.none(), st.sampled_from(["ai lab", "big tech", "other"]), hostile_text(1)),
)
def test_generate_builds_a_scenario_or_says_why(
    seed: int,
    toughness: str,
    role: str | None,
    level: str | None,
    location: str | None,
    employer: str | None,
) -> None:
    scn = returns_or_plain_error(
        generate,
        seed,
        toughness=toughness,
        role=role,
        level=level,
        location=location,
        employer_type=employer,
    )
    if scn is not None:
        assert scn.budget.base_max >= scn.first_offer.base
        assert PracticeCall(scn).start().strip()
