"""The offline coach's reasoning: understand a turn, choose tools, write the answer.

Stateless by design: each call re-reads the conversation it is given, so slots
carried across turns ("and in New York?") survive restarts with the checkpointer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage

from coach.agent import turn_messages
from coach.embedded import writer
from coach.embedded.intents import Classification, IntentClassifier
from coach.embedded.slots import Slots, extract
from coach.errors import CoachError
from coach.tools import (
    COMPARE_OFFERS,
    DRAFT_COUNTER,
    SALARY_LOOKUP,
    SCORE_OFFER,
    SEARCH_PLAYBOOK,
)

# A message this short that names only a slot ("and in NYC?") continues the last topic.
FOLLOW_UP_MAX_WORDS = 8
FOLLOW_UP_INTENTS = {"salary", "offer_score", "counter"}
FOLLOW_UP_MAX_SIMILARITY = 0.75
COUNTER_ASK = re.compile(r"(?i)\bcounter(?:[- ]?offer)?\b(?! offers?\b)|\bpush back\b")
ADVICE_QUERIES = {
    "salary": "state a range anchored at the function median",
    "offer_score": "evaluate the offer against the market median and negotiate the whole package",
    "counter": "counter once with specifics",
    "compare": "compare offers on 4-year total comp",
}


@dataclass(frozen=True)
class Understanding:
    intent: str
    slots: Slots
    text: str
    classification: Classification


def _text(message: BaseMessage) -> str:
    content = message.content
    if isinstance(content, str):
        return content
    return " ".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content)


def _human_texts(messages: Sequence[BaseMessage]) -> list[str]:
    return [_text(m) for m in messages if isinstance(m, HumanMessage)]


def _slots_or_none(text: str, classification: Classification) -> Slots:
    """Slots need the market tables; if they can't be read, advice still works."""
    try:
        return extract(text)
    except CoachError:
        if classification.intent in {"advice", "greeting", "off_topic"}:
            return Slots()
        raise  # a pay or offer question must say the data is broken, not guess


def understand(messages: Sequence[BaseMessage], classifier: IntentClassifier) -> Understanding:
    texts = _human_texts(messages)
    text = texts[-1] if texts else ""
    classification = classifier.classify(text)
    current = _slots_or_none(text, classification)
    carried = Slots()
    previous_intent: str | None = None
    for earlier in texts[:-1]:
        found = _slots_or_none(earlier, classification)
        if _offer_like(earlier, found):
            found = Slots(**{**found.__dict__, "offer_text": earlier})
        carried = found.merged_over(carried)
    slots = current.merged_over(carried)
    intent = classification.intent
    if len(texts) > 1:
        previous_intent = classifier.classify(texts[-2]).intent
    if _is_follow_up(text, current, classification) and previous_intent in FOLLOW_UP_INTENTS:
        intent = previous_intent
    if intent in {"salary", "off_topic"} and _offer_like(text, current):
        intent = "offer_score"
    if intent == "compare" and _offer_like(text, current) and len(split_offers(text)) < 2:
        intent = "offer_score"  # one offer is scored, not compared
    if intent == "offer_score" and COUNTER_ASK.search(text):
        intent = "counter"  # the figures pull towards scoring; the words ask for a counter
    if intent in {"offer_score", "counter"}:
        offer_text = text if _offer_like(text, current) else carried.offer_text
        slots = Slots(**{**slots.__dict__, "offer_text": offer_text})
    return Understanding(intent, slots, text, classification)


def _is_follow_up(text: str, current: Slots, classification: Classification) -> bool:
    """A short message naming only a slot ("what about senior?") continues the last topic,
    unless it closely matches an example of another intent."""
    short = len(text.split()) <= FOLLOW_UP_MAX_WORDS
    unsure = classification.score < FOLLOW_UP_MAX_SIMILARITY
    return short and unsure and current.has_market_slot and not current.amounts


def _offer_like(text: str, slots: Slots) -> bool:
    lowered = text.lower()
    labels = ("base", "bonus", "rsu", "equity", "sign-on", "signing", "stock", "options")
    return bool(slots.amounts) and any(label in lowered for label in labels)


_OFFER_MARK = re.compile(
    r"(?i)\b(?:offer|option)\s*(?:[a-e1-5]|one|two|three|four|five)\b\s*[:\-–—)]?|\bvs\.?\b|\bversus\b"
)


def split_offers(text: str) -> list[str]:
    """'Offer A: 180k base ... Offer B: 170k base ...' -> one text per offer that has money."""
    parts = [p.strip(" ,;.\n") for p in _OFFER_MARK.split(text)]
    if len([p for p in parts if extract(p).amounts]) < 2:
        parts = [p.strip() for p in text.splitlines()]
    return [p for p in parts if p and extract(p).amounts and "base" in p.lower()]


def _call(name: str, args: dict[str, Any], n: int) -> dict[str, Any]:
    clean_args = {k: v for k, v in args.items() if v not in (None, (), [])}
    return {
        "name": name,
        "args": clean_args,
        "id": f"call_embedded_{n}_{name}",
        "type": "tool_call",
    }


def plan(u: Understanding, tools: Sequence[str]) -> list[dict[str, Any]]:
    """The tool calls for this turn (only tools that are bound)."""
    s = u.slots
    calls: list[dict[str, Any]] = []
    if u.intent == "salary" and s.role:
        calls.append(
            _call(
                SALARY_LOOKUP,
                {
                    "role": s.role,
                    "level": s.level,
                    "location": s.location,
                    "skills": list(s.skills),
                    "domain": s.domain,
                    "employer_type": s.employer_type,
                },
                len(calls),
            )
        )
    elif u.intent in {"offer_score", "counter"} and s.offer_text:
        args = {
            "offer_text": s.offer_text,
            "role": s.role,
            "level": s.level,
            "location": s.location,
            "current_base": str(s.current_base) if s.current_base else None,
            "floor": str(s.floor) if s.floor else None,
        }
        name = SCORE_OFFER if u.intent == "offer_score" else DRAFT_COUNTER
        calls.append(_call(name, args, len(calls)))
    elif u.intent == "compare":
        offers = split_offers(u.text)
        if len(offers) >= 2:
            calls.append(_call(COMPARE_OFFERS, {"offers": offers}, len(calls)))
    if u.intent != "greeting":
        query = (
            u.text if u.intent in {"advice", "off_topic"} else ADVICE_QUERIES.get(u.intent, u.text)
        )
        calls.append(
            _call(
                SEARCH_PLAYBOOK, {"query": query, "k": 3 if u.intent != "salary" else 1}, len(calls)
            )
        )
    return [c for c in calls if c["name"] in tools]


def results_of_turn(messages: Sequence[BaseMessage]) -> list[ToolMessage] | None:
    """Tool results of the current turn, or None if no tool was called yet this turn."""
    turn = turn_messages(messages)
    if not any(isinstance(m, AIMessage) and m.tool_calls for m in turn):
        return None
    return [m for m in turn if isinstance(m, ToolMessage)]


def tool_data(message: ToolMessage) -> Any:
    if message.artifact is not None:
        return message.artifact
    try:
        return json.loads(message.content) if isinstance(message.content, str) else message.content
    except ValueError:
        return {"error": str(message.content)}


def respond(
    messages: Sequence[BaseMessage], tools: Sequence[str], classifier: IntentClassifier
) -> AIMessage:
    u = understand(messages, classifier)
    results = results_of_turn(messages)
    if results is None:
        calls = plan(u, tools)
        if calls:
            return AIMessage(content="", tool_calls=calls)
        results = []
    data = {m.name or "": tool_data(m) for m in results}
    return AIMessage(content=writer.write(u.intent, u.slots, data, tools_available=tools))
