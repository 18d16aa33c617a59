"""Recruiter role-play: a practice call whose recruiter can't be talked into caving.

The pieces, one concern each: ``scenario`` (offer, hidden budget, persona; YAML or
generated from market data), ``moves`` (candidate-move parser), ``policy`` (the
state and the recruiter's decisions; the only code that reads the budget),
``voice`` (templates or an LLM phrase a decided move), ``hints`` (the coach's
live hints), ``scorecard`` and ``session`` (``PracticeCall``, what the UI and CLI drive).

The raise or promotion talk with one's own manager runs on the same engine, in modules of
its own: ``manager_scenario`` (the person, their pay, the hidden raise pool, band top and
review date), ``manager_reading`` (the employee's turn, on top of ``moves``' money),
``manager_policy`` (the manager's decisions; the only code that reads the pool),
``manager_voice``, ``manager_judgement`` (hints and checks), ``manager_scorecard`` and
``manager_session`` (``ManagerCall``; ``load_call`` restores either kind).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.roleplay.moves import CandidateMove, Component, MoveKind, ParsedTurn, parse_moves
    from coach.roleplay.policy import (
        Act,
        BudgetBreachError,
        NegotiationState,
        Outcome,
        RecruiterMove,
        assert_within_budget,
        open_call,
        recruiter_move,
    )
    from coach.roleplay.scenario import (
        Persona,
        Scenario,
        Terms,
        Toughness,
        example_scenarios,
        generate,
        load_scenario,
    )
    from coach.roleplay.scorecard import Scorecard
    from coach.roleplay.session import PracticeCall, TurnResult

# The names above, loaded on first use (PEP 562): `coach` registers the practice command at
# every start, and importing these modules compiles patterns and models (~0.15 s) that only
# a practice call needs.
_HOME = {
    **dict.fromkeys(
        ("CandidateMove", "Component", "MoveKind", "ParsedTurn", "parse_moves"), "moves"
    ),
    **dict.fromkeys(
        (
            "Act",
            "BudgetBreachError",
            "NegotiationState",
            "Outcome",
            "RecruiterMove",
            "assert_within_budget",
            "open_call",
            "recruiter_move",
        ),
        "policy",
    ),
    **dict.fromkeys(
        (
            "Persona",
            "Scenario",
            "Terms",
            "Toughness",
            "example_scenarios",
            "generate",
            "load_scenario",
        ),
        "scenario",
    ),
    "Scorecard": "scorecard",
    "PracticeCall": "session",
    "TurnResult": "session",
}


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # once: later lookups are plain module attributes
    return value


__all__ = [
    "Act",
    "BudgetBreachError",
    "CandidateMove",
    "Component",
    "MoveKind",
    "NegotiationState",
    "Outcome",
    "ParsedTurn",
    "Persona",
    "PracticeCall",
    "RecruiterMove",
    "Scenario",
    "Scorecard",
    "Terms",
    "Toughness",
    "TurnResult",
    "assert_within_budget",
    "example_scenarios",
    "generate",
    "load_scenario",
    "open_call",
    "parse_moves",
    "recruiter_move",
]
