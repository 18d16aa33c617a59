"""Recruiter role-play: a practice call whose recruiter can't be talked into caving.

The pieces, one concern each: ``scenario`` (offer, hidden budget, persona; YAML or
generated from market data), ``moves`` (candidate-move parser), ``policy`` (the
state and the recruiter's decisions; the only code that reads the budget),
``voice`` (templates or an LLM phrase a decided move), ``hints`` (the coach's
live hints), ``scorecard`` and ``session`` (``PracticeCall``, what the UI and CLI drive).
"""

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
