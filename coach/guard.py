"""The numbers guard: every money figure in an answer must come from this turn's tools.

The project's one rule: code owns the numbers. After an answer, the amounts in its
text are checked against the figures the turn's tool results declare (their
``figures()``, field by field: a number that merely sits inside a tool's prose does
not count) and the ones the user typed; anything else is flagged as unverified.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from langchain_core.messages import BaseMessage, HumanMessage, ToolMessage

from coach import prompts
from coach.citations import DEFLECT_CURRENT, ON_THE_SPOT
from coach.contracts import parse_result
from coach.messages import message_text
from coach.money import find_amounts, format_usd

# "$186,650" may fairly be written "$187K" or "$186.7K": allow rounding, nothing more.
ROUNDING = 0.005
MIN_TOLERANCE = 500


def _numbers_typed(text: str) -> Iterable[float]:
    """Every number the user wrote: amounts ("185k") and plain numbers alike."""
    for amount in find_amounts(text):
        yield float(amount.value)
    for match in re.finditer(r"\d[\d,]*(?:\.\d+)?", text):
        yield float(match.group().replace(",", ""))


def supported_figures(messages: Sequence[BaseMessage]) -> set[float]:
    """Figures the answer may state: declared by tool results, or written by the user."""
    figures: set[float] = set()
    for message in messages:
        figures.update(_declared(message))
    return figures


def _declared(message: BaseMessage) -> set[float]:
    """The figures one message supports: a tool result's fields, or what the user typed."""
    if isinstance(message, ToolMessage):
        stored = message.artifact if message.artifact is not None else message.content
        result = parse_result(message.name or "", stored)
        return {float(f) for f in result.figures()} if result is not None else set()
    if isinstance(message, HumanMessage):
        return set(_numbers_typed(message_text(message)))
    return set()


def _supported(value: float, figures: set[float]) -> bool:
    return any(abs(value - f) <= max(MIN_TOLERANCE, ROUNDING * f) for f in figures)


def unsupported_amounts(answer: str, messages: Sequence[BaseMessage]) -> list[str]:
    """Money figures in ``answer`` that no tool result or user message supports."""
    # Messages are read until every figure stated is supported (usually by this turn's
    # tools, first): a long thread's earlier messages are then not parsed at all.
    unchecked = [amount for amount in find_amounts(answer) if amount.explicit]
    for message in messages:
        if not unchecked:
            break
        figures = _declared(message)
        unchecked = [a for a in unchecked if not _supported(float(a.value), figures)]
    return list(dict.fromkeys(format_usd(amount.value) for amount in unchecked))


# -- instructions and advice --------------------------------------------------------
# A model may be talked into quoting its instructions or into advice that works against
# the user. Both are checked in code after the answer, whatever the prompt said.
SHINGLE_WORDS = 8
PROMPT_FILES = ("coach", "recruiter", "write_answer")
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
