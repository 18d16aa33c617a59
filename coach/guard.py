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

from coach.citations import DEFLECT_CURRENT, ON_THE_SPOT
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


# -- instructions and advice --------------------------------------------------------
# A model may be talked into quoting its instructions or into advice that works against
# the user. Both are checked in code after the answer, whatever the prompt said.
SHINGLE_WORDS = 8
PROMPT_FILES = ("coach", "recruiter")
REDACTED = (
    "I can't share my instructions. Ask me about your role, your offer or what to say "
    "to the recruiter instead."
)
HARMFUL_ADVICE: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        re.compile(
            r"\b(tell|give|share|disclose|reveal)\b[^.]{0,40}\byour (current|present) "
            r"(salary|pay|base|compensation)\b",
            re.I,
        ),
        "revealing your current pay",
        DEFLECT_CURRENT,
    ),
    (
        re.compile(r"\baccept\b[^.]{0,30}\b(on the spot|right away|immediately|today)\b", re.I),
        "accepting on the spot",
        ON_THE_SPOT,
    ),
)
NEGATION = re.compile(
    r"\b(don't|do not|never|avoid|instead of|rather than|no need to|not)\b[^.]*$", re.I
)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def _prompt_shingles() -> set[tuple[str, ...]]:
    from coach import prompts

    found: set[tuple[str, ...]] = set()
    for name in PROMPT_FILES:
        found |= _shingles(_words(prompts.load(name).template))
    return found


def leaks_instructions(answer: str) -> bool:
    """True when the answer repeats a run of 8+ words from a system prompt."""
    return bool(_shingles(_words(answer)) & _prompt_shingles())


def harmful_advice(answer: str) -> list[tuple[str, str]]:
    """Advice in ``answer`` that the playbook warns against: (what, citation) pairs."""
    found = []
    for pattern, what, cite in HARMFUL_ADVICE:
        for match in pattern.finditer(answer):
            before = answer[max(0, match.start() - 40) : match.start()]
            if not NEGATION.search(before):  # "never tell them your current salary" is fine
                found.append((what, cite))
                break
    return found
