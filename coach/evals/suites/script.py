"""Role-play scripts: a scripted candidate played against the real recruiter policy.

A script is the candidate's lines; ``{p50*1.18}``-style placeholders are filled
from what the candidate can see (the market figures in the brief, their own pay,
the offer once presented), never from the hidden budget. Placeholder expressions
are parsed with ``ast`` and only names, numbers, + - * / and max/min are allowed.
"""

from __future__ import annotations

import ast
import operator
import re
from dataclasses import dataclass, field

from coach.evals.datasets import RoleplayCase
from coach.money import format_usd
from coach.roleplay import (
    BudgetBreachError,
    PracticeCall,
    Scenario,
    Scorecard,
    assert_within_budget,
    generate,
    load_scenario,
)
from coach.roleplay.scenario import SCENARIOS_DIR

MAX_REPEATS = 5  # an until_offer line is said at most this many times
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
_OPS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
_FUNCS = {"max": max, "min": min}


def scenario_for(case: RoleplayCase) -> Scenario:
    if case.scenario is not None:
        return load_scenario(SCENARIOS_DIR / f"{case.scenario}.yaml")
    spec = case.generate
    assert spec is not None
    return generate(
        spec.seed,
        toughness=spec.toughness,
        employer_type=spec.employer_type,
        role=spec.role,
        level=spec.level,
        location=spec.location,
    )


def visible_figures(call: PracticeCall) -> dict[str, float]:
    """What the candidate knows: the brief's market figures, their pay, the offer as
    first presented (``first_*``) and as it stands now (``offer_*``)."""
    scenario = call.scenario
    found: dict[str, float] = {}
    if scenario.market is not None:
        market = scenario.market
        found |= {"p25": market.p25, "p50": market.p50, "p75": market.p75}
    if scenario.current_base:
        found["current_base"] = scenario.current_base
    offer = call.state.summary()["offer"]
    if isinstance(offer, dict):
        found |= {f"offer_{k}": v for k, v in offer.items() if isinstance(v, int | float)}
    first = call.state.offered
    if first is not None:
        found |= {f"first_{k}": v for k, v in first.model_dump().items() if isinstance(v, int)}
    return found


def _evaluate(node: ast.AST, names: dict[str, float]) -> float:
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, names)
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return float(node.value)
    if isinstance(node, ast.Name) and node.id in names:
        return float(names[node.id])
    if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
        return _OPS[type(node.op)](_evaluate(node.left, names), _evaluate(node.right, names))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCS:
        return _FUNCS[node.func.id](*(_evaluate(a, names) for a in node.args))
    raise ValueError(f"can't evaluate {ast.unparse(node)!r} here")


def fill(text: str, figures: dict[str, float], words: dict[str, str]) -> str:
    """``{name}`` from the variant's words, else a money expression over ``figures``."""

    def one(match: re.Match[str]) -> str:
        expr = match.group(1).strip()
        if expr in words:
            return words[expr]
        value = _evaluate(ast.parse(expr, mode="eval"), figures)
        return format_usd(value if expr in figures else round(value, -3))

    return _PLACEHOLDER.sub(one, text)


@dataclass
class Played:
    call: PracticeCall
    said: list[str] = field(default_factory=list)
    heard: list[str] = field(default_factory=list)
    breach: str | None = None
    card: Scorecard | None = None


def play(case: RoleplayCase, words: dict[str, str] | None = None) -> Played:
    call = PracticeCall(scenario_for(case))
    played = Played(call, heard=[call.start()])
    for step in case.script:
        line = step.say if step.say is not None else step.until_offer
        times = 1 if step.say is not None else MAX_REPEATS
        for _ in range(times):
            if call.ended or (step.until_offer is not None and call.state.offered is not None):
                break
            text = fill(str(line), visible_figures(call), words or {})
            try:
                result = call.turn(text)
                assert_within_budget(call.scenario, call.state)
            except BudgetBreachError as err:
                played.breach = str(err)
                return played
            played.said.append(text)
            played.heard.append(result.recruiter_text)
    played.card = call.end()
    return played
