"""The tool trajectory: strict, unordered, subset or superset match (agentevals).

Both sides are flattened to one assistant message per tool call, so a model that
sends two calls in one message and one that sends them one by one are judged
alike; strict mode then compares them in order. Expected arguments are
case-insensitive regexes, not literals: "ml engineer" and "machine learning
engineer" are the same role to the salary tool.
"""

from __future__ import annotations

import json
import re
from typing import Any

from agentevals.trajectory.match import create_trajectory_match_evaluator

from coach.evals.datasets import TrajectorySpec
from coach.evals.graders.check import Check

# agentevals calls the matcher as (output, reference) in some modes and (reference,
# output) in others (subset runs the superset test backwards); this key marks the spec.
_SPEC = "__expected__"


def _messages(calls: list[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    return [
        {
            "role": "assistant",
            "content": "",
            "tool_calls": [
                {
                    "id": f"call_{i}",
                    "type": "function",
                    "function": {"name": name, "arguments": json.dumps(args, default=str)},
                }
            ],
        }
        for i, (name, args) in enumerate(calls)
    ]


def value_matches(actual: Any, expected: Any) -> bool:
    if isinstance(expected, list):
        values = actual if isinstance(actual, list) else [actual]
        return all(any(value_matches(v, e) for v in values) for e in expected)
    if isinstance(expected, str):
        text = actual if isinstance(actual, str) else json.dumps(actual, default=str)
        return re.search(expected, text, re.IGNORECASE) is not None
    return bool(actual == expected)


def _args_match(first: dict[str, Any], second: dict[str, Any]) -> bool:
    spec, actual = (first, second) if _SPEC in first else (second, first)
    wanted = {k: v for k, v in spec.items() if k != _SPEC}
    return all(key in actual and value_matches(actual[key], v) for key, v in wanted.items())


def grade_trajectory(calls: list[tuple[str, dict[str, Any]]], spec: TrajectorySpec) -> Check:
    expected = [(c.name, {**c.args, _SPEC: True}) for c in spec.calls]
    names = {name for name, _ in calls} | {c.name for c in spec.calls}
    evaluator = create_trajectory_match_evaluator(
        trajectory_match_mode=spec.mode,
        tool_args_match_mode="superset",
        tool_args_match_overrides=dict.fromkeys(names, _args_match),
    )
    result = evaluator(outputs=_messages(calls), reference_outputs=_messages(expected))
    got = ", ".join(_show(n, a) for n, a in calls) or "no tool calls"
    want = ", ".join(_show(c.name, c.args) for c in spec.calls) or "no tool calls"
    if result["score"]:
        return Check("trajectory", True, f"{spec.mode} match: {got}")
    return Check("trajectory", False, f"{spec.mode} mismatch — called {got}; expected {want}")


def _show(name: str, args: dict[str, Any]) -> str:
    shown = {k: v for k, v in args.items() if k != _SPEC and k != "offer_text"}
    inner = ", ".join(f"{k}={v!r}" for k, v in list(shown.items())[:4])
    return f"{name}({inner})"
