"""The offline coach's reasoning: understand a turn, choose tools, write the answer.

Stateless by design: each call re-reads the conversation it is given, so slots
carried across turns ("and in New York?") survive restarts with the checkpointer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, ToolMessage

from coach.contracts import (
    PlaybookPassages,
    SalaryEstimateResult,
    ToolName,
    ToolResult,
    parse_result,
)
from coach.embedded import composers, writer
from coach.embedded.calls import anchor_args, offer_args, walk_away_args
from coach.embedded.calls import tool_call as _call
from coach.embedded.intents import Classification, IntentClassifier
from coach.errors import CoachError
from coach.messages import human_texts, turn_messages
from coach.understanding import (
    Slots,
    asks_a_tradeoff,
    completes_a_tradeoff,
    read_slots,
    states_an_offer,
)

# A message this short that names only a slot ("and in NYC?") continues the last topic.
FOLLOW_UP_MAX_WORDS = 8
FOLLOW_UP_INTENTS = {"salary", "targets", "offer_score", "counter"}
FOLLOW_UP_MAX_SIMILARITY = 0.75
# Topics chain over this many earlier messages ("data scientist?", "senior", "in Chicago");
# classifying the whole thread on every turn would grow with the conversation.
TOPIC_LOOKBACK = 4
# A reply this short to advice ("what if they insist?") is searched with the question before.
SHORT_REPLY_WORDS = 6
# Within "targets": which of the two numbers the message asks for (both when it names both).
WALK_AWAY_ASK = re.compile(r"(?i)\bwalk[- ]?away\b|\bfloor\b|\blowest\b|\bminimum\b")
ANCHOR_ASK = re.compile(r"(?i)\banchor|\brange\b|\btarget\b|\bask(?:ing)? for\b")
WALK_AWAY_QUERY = "set your walk-away floor relative to current pay"
COUNTER_ASK = re.compile(r"(?i)\bcounter(?:[- ]?offer)?\b(?! offers?\b)|\bpush back\b")
ADVICE_QUERIES = {
    "salary": "state a range anchored at the function median",
    "targets": "state a range anchored at the function median",
    "offer_score": "evaluate the offer against the market median and negotiate the whole package",
    "counter": "counter once with specifics",
    "compare": "compare offers on 4-year total comp",
    "tradeoff": "sign-on bonus or more base: clawback, and what compounds over 4-year total comp",
}
# A short answer to a trade-off's question ("my base is 140k", "raises of 3%") completes it.
TRADEOFF_REPLY_WORDS = 12


@dataclass(frozen=True)
class Understanding:
    intent: str
    slots: Slots
    text: str
    classification: Classification
    query: str = ""  # what to search the playbook for, when it is the message itself
    tradeoff: str = ""  # the trade-off question to price, with any answer to what it asked


def _slots_or_none(text: str, classification: Classification) -> Slots:
    """Slots need the market tables; if they can't be read, advice still works."""
    try:
        return read_slots(text)
    except CoachError:
        if classification.intent in {"advice", "greeting", "off_topic"}:
            return Slots()
        raise  # a pay or offer question must say the data is broken, not guess


def understand(messages: Sequence[BaseMessage], classifier: IntentClassifier) -> Understanding:
    texts = human_texts(messages)
    text = texts[-1] if texts else ""
    classification = classifier.classify(text)
    current = _slots_or_none(text, classification)
    carried = Slots()
    topic: str | None = None  # the effective intent of the previous message
    tradeoff = ""  # the last trade-off question, with the answers given to it since
    recent = len(texts) - 1 - TOPIC_LOOKBACK
    for index, earlier in enumerate(texts[:-1]):
        if index >= recent:  # slots from every message; topics only from the last few
            earlier_class = classifier.classify(earlier)
            found = _slots_or_none(earlier, earlier_class)
            intent = _effective_intent(earlier, earlier_class, found, topic, carried)
            topic, tradeoff = _tradeoff_turn(earlier, found, intent, topic, tradeoff)
        else:
            found = _slots_or_none(earlier, classification)
        if states_an_offer(earlier, found):
            found = Slots(**{**found.__dict__, "offer_text": earlier})
        carried = found.merged_over(carried)
    slots = current.merged_over(carried)
    intent = _effective_intent(text, classification, current, topic, carried)
    intent, tradeoff = _tradeoff_turn(text, current, intent, topic, tradeoff)
    if intent == "targets" and not _target_calls(
        Understanding(intent, slots, text, classification)
    ):
        intent = "advice"  # nothing to compute with: the playbook on how to set them
    if intent in {"offer_score", "counter"}:
        offer_text = text if states_an_offer(text, current) else carried.offer_text
        slots = Slots(**{**slots.__dict__, "offer_text": offer_text})
    query = text
    if intent == "advice" and topic == "advice" and _is_short_reply(text, current):
        query = f"{texts[-2]} {text}"  # "what if they insist?" means nothing on its own
    return Understanding(intent, slots, text, classification, query, tradeoff)


def _tradeoff_turn(
    text: str, current: Slots, intent: str, topic: str | None, last: str
) -> tuple[str, str]:
    """(intent, the trade-off question to price) for this message.

    A trade-off question is priced as asked; a short reply right after one that gives it
    a figure it lacked ("my base is 140k", "raises of 3%") is priced with it.
    """
    if intent == "tradeoff":
        return intent, text
    short = len(text.split()) <= TRADEOFF_REPLY_WORDS and not current.role
    if topic == "tradeoff" and last and short and completes_a_tradeoff(last, text):
        return "tradeoff", f"{last.rstrip()} {text}"
    return intent, ""


def _effective_intent(
    text: str, classification: Classification, current: Slots, topic: str | None, carried: Slots
) -> str:
    """The intent a message has in its conversation, not on its own."""
    intent: str = classification.intent
    if asks_a_tradeoff(text):
        return "tradeoff"  # "a $30k sign-on or $10k more base?" weighs two ways, scores none
    offer_like = states_an_offer(text, current)
    if _is_follow_up(text, current, classification) and topic in FOLLOW_UP_INTENTS:
        intent = topic  # "senior level", then "in Chicago": both continue the salary question
    if intent in {"salary", "off_topic"} and offer_like:
        intent = "offer_score"
    if intent == "compare" and offer_like and len(split_offers(text)) < 2:
        intent = "offer_score"  # one offer is scored, not compared
    if intent == "offer_score" and COUNTER_ASK.search(text):
        intent = "counter"  # the figures pull towards scoring; the words ask for a counter
    no_offer = not offer_like and not carried.offer_text
    role = current.role or carried.role
    if intent == "offer_score" and no_offer and role and "offer" not in text.lower():
        intent = "salary"  # "what's the market rate for me?" after naming the role
    return intent


def _is_short_reply(text: str, current: Slots) -> bool:
    return len(text.split()) <= SHORT_REPLY_WORDS and not current.has_market_slot


def _is_follow_up(text: str, current: Slots, classification: Classification) -> bool:
    """A short message naming only a slot ("what about senior?") continues the last topic,
    unless it closely matches an example of another intent."""
    short = len(text.split()) <= FOLLOW_UP_MAX_WORDS
    unsure = classification.score < FOLLOW_UP_MAX_SIMILARITY
    return short and unsure and current.has_market_slot and not current.amounts


_OFFER_MARK = re.compile(
    r"(?i)\b(?:offer|option)\s*(?:[a-e1-5]|one|two|three|four|five)\b\s*[:\-–—)]?|\bvs\.?\b|\bversus\b"
)


def split_offers(text: str) -> list[str]:
    """'Offer A: 180k base ... Offer B: 170k base ...' -> one text per offer that has money."""
    parts = [p.strip(" ,;.\n") for p in _OFFER_MARK.split(text)]
    if len([p for p in parts if read_slots(p).amounts]) < 2:
        parts = [p.strip() for p in text.splitlines()]
    return [p for p in parts if p and read_slots(p).amounts and "base" in p.lower()]


def _target_calls(u: Understanding) -> list[dict[str, Any]]:
    """anchor_range when the role is known, walk_away when current pay or a floor is."""
    s = u.slots
    walk = bool(WALK_AWAY_ASK.search(u.text))
    anchor = bool(ANCHOR_ASK.search(u.text)) or not walk
    calls: list[dict[str, Any]] = []
    if anchor and s.role:
        calls.append(_call(ToolName.ANCHOR_RANGE, anchor_args(s), len(calls)))
    if walk and (s.current_base or s.floor):
        calls.append(_call(ToolName.WALK_AWAY, walk_away_args(s), len(calls)))
    return calls


def plan(u: Understanding, tools: Sequence[str]) -> list[dict[str, Any]]:
    """The tool calls for this turn (only tools that are bound)."""
    s = u.slots
    calls: list[dict[str, Any]] = []
    if u.intent == "salary" and s.role:
        calls.append(
            _call(
                ToolName.SALARY_LOOKUP,
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
    elif u.intent == "targets":
        calls += _target_calls(u)
    elif u.intent in {"offer_score", "counter"} and s.offer_text:
        name = ToolName.SCORE_OFFER if u.intent == "offer_score" else ToolName.DRAFT_COUNTER
        calls.append(_call(name, offer_args(s), len(calls)))
    elif u.intent == "tradeoff" and u.tradeoff:
        calls.append(_call(ToolName.COMPARE_TRADEOFF, {"question": u.tradeoff}, len(calls)))
    elif u.intent == "compare":
        offers = split_offers(u.text)
        if len(offers) >= 2:
            calls.append(_call(ToolName.COMPARE_OFFERS, {"offers": offers}, len(calls)))
    if u.intent != "greeting":
        query = (
            (u.query or u.text)
            if u.intent in {"advice", "off_topic"}
            else ADVICE_QUERIES.get(u.intent, u.text)
        )
        if u.intent == "targets" and any(c["name"] == ToolName.WALK_AWAY for c in calls):
            query = WALK_AWAY_QUERY
        k = 1 if u.intent in {"salary", "targets"} else 3
        calls.append(_call(ToolName.SEARCH_PLAYBOOK, {"query": query, "k": k}, len(calls)))
    return [c for c in calls if c["name"] in tools]


def results_of_turn(messages: Sequence[BaseMessage]) -> list[ToolMessage] | None:
    """Tool results of the current turn, or None if no tool was called yet this turn."""
    turn = turn_messages(messages)
    if not any(isinstance(m, AIMessage) and m.tool_calls for m in turn):
        return None
    return [m for m in turn if isinstance(m, ToolMessage)]


def tool_result(message: ToolMessage) -> ToolResult | None:
    """The typed result of a tool message: its artifact, or its content if it has none."""
    stored = message.artifact if message.artifact is not None else message.content
    return parse_result(message.name or "", stored)


def offline_reply(
    messages: Sequence[BaseMessage], tools: Sequence[str], classifier: IntentClassifier
) -> AIMessage:
    u = understand(messages, classifier)
    results = results_of_turn(messages)
    if results is None:
        calls = plan(u, tools)
        if calls:
            return AIMessage(content="", tool_calls=calls)
        results = []
    found = {m.name or "": tool_result(m) for m in results}
    typed = {name: result for name, result in found.items() if result is not None}
    if u.intent == "advice":
        # Second round: the topic the search found may use the person's own figures.
        more = _fact_calls(u, typed, [m.name or "" for m in results], tools)
        if more:
            return AIMessage(content="", tool_calls=more)
    return AIMessage(
        content=writer.write(u.intent, u.slots, typed, previous=previous_estimate(messages))
    )


def _fact_calls(
    u: Understanding, typed: dict[str, ToolResult], called: list[str], tools: Sequence[str]
) -> list[dict[str, Any]]:
    """The fact tools the searched topic wants and this turn has not run yet."""
    passages = typed.get(ToolName.SEARCH_PLAYBOOK)
    if not isinstance(passages, PlaybookPassages):
        return []
    topic = composers.topic_for(passages)
    if topic is None:
        return []
    return [c for c in composers.calls_needed(topic, u.slots, called) if c["name"] in tools]


def previous_estimate(messages: Sequence[BaseMessage]) -> SalaryEstimateResult | None:
    """The last salary estimate before this turn: what a follow-up ("and in Raleigh?")
    is compared with, so the answer can say what changed."""
    earlier = list(messages)[: len(messages) - len(turn_messages(messages))]
    for message in reversed(earlier):
        if isinstance(message, ToolMessage) and message.name == ToolName.SALARY_LOOKUP:
            result = tool_result(message)
            return result if isinstance(result, SalaryEstimateResult) else None
    return None
