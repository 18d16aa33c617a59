"""The numbers guard: every money figure in an answer must come from this turn's tools.

DESIGN.md's one rule: code owns the numbers. After an answer, the amounts in its
text are checked against the figures in the turn's tool results (and the ones the
user typed); anything else is flagged to the user as unverified.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any

from langchain_core.messages import BaseMessage, HumanMessage, ToolMessage

from coach.money import find_amounts, format_usd

# "$186,650" may fairly be written "$187K" or "$186.7K": allow rounding, nothing more.
ROUNDING = 0.005
MIN_TOLERANCE = 500


def _numbers_in(value: Any) -> Iterable[float]:
    if isinstance(value, bool):
        return
    if isinstance(value, int | float):
        yield float(value)
    elif isinstance(value, str):
        for amount in find_amounts(value):
            yield float(amount.value)
        for match in re.finditer(r"\d[\d,]*(?:\.\d+)?", value):
            yield float(match.group().replace(",", ""))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _numbers_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _numbers_in(item)


def supported_figures(messages: Sequence[BaseMessage]) -> set[float]:
    """Figures the answer may state: from tool results and from what the user wrote."""
    figures: set[float] = set()
    for message in messages:
        if isinstance(message, ToolMessage):
            artifact = getattr(message, "artifact", None)
            content: Any = artifact if artifact is not None else message.content
            if isinstance(content, str):
                with contextlib.suppress(ValueError):
                    content = json.loads(content)
            figures.update(_numbers_in(content))
        elif isinstance(message, HumanMessage):
            figures.update(_numbers_in(message.content))
    return figures


def _supported(value: float, figures: set[float]) -> bool:
    return any(abs(value - f) <= max(MIN_TOLERANCE, ROUNDING * f) for f in figures)


def unsupported_amounts(answer: str, messages: Sequence[BaseMessage]) -> list[str]:
    """Money figures in ``answer`` that no tool result or user message supports."""
    figures = supported_figures(messages)
    flagged: list[str] = []
    for amount in find_amounts(answer):
        if amount.explicit and not _supported(float(amount.value), figures):
            flagged.append(format_usd(amount.value))
    return list(dict.fromkeys(flagged))
