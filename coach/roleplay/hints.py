"""Live coaching hints: after each candidate turn, at most one, citing the playbook.

The coach never speaks as the recruiter: a hint is a separate object, built from
the parsed moves and the decided recruiter move, with its text in
``prompts/roleplay/hints/<key>.md``. Hints carry no figures, so they cannot leak
anything the recruiter knows.

Order of priority: what the candidate just did wrong, then what the recruiter just
did that needs an answer, then what the candidate did well.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from coach import citations as cite
from coach.prompts import render
from coach.roleplay.moves import Component, MoveKind, ParsedTurn
from coach.roleplay.policy import (
    Act,
    NegotiationState,
    Objection,
    Outcome,
    RecruiterMove,
)

Tone = Literal["warning", "tip", "praise"]


class Hint(BaseModel):
    key: str
    tone: Tone
    text: str
    citation: str


@dataclass(frozen=True)
class _Context:
    before: NegotiationState
    after: NegotiationState
    parsed: ParsedTurn
    move: RecruiterMove

    def said(self, *acts: Act) -> bool:
        return any(beat.act in acts for beat in self.move.beats)

    def objection(self) -> Objection | None:
        return next((b.objection for b in self.move.beats if b.objection), None)

    def refused_now(self, component: str, reason: str) -> bool:
        return any(
            r.turn == self.after.turn and r.component == component and r.reason == reason
            for r in self.after.refused
        )


Rule = Callable[[_Context], bool]
_OTHER_LEVERS = (
    Component.SIGN_ON,
    Component.EQUITY,
    Component.REFRESHERS,
    Component.TITLE,
    Component.START_DATE,
    Component.PTO,
)


def _levers_asked(ctx: _Context) -> bool:
    return any(ctx.parsed.asks_for(c) for c in _OTHER_LEVERS)


# key -> (tone, citation, rule); checked in this order, first match wins.
RULES: tuple[tuple[str, Tone, str, Rule], ...] = (
    (
        "current_pay_revealed",
        "warning",
        cite.ANCHORING_ON_CURRENT_PAY,
        lambda c: c.parsed.has(MoveKind.REVEALS_CURRENT_PAY),
    ),
    (
        "anchored_on_current",
        "warning",
        cite.ANCHORING_ON_CURRENT_PAY,
        lambda c: c.parsed.has(MoveKind.ANCHORS_ON_CURRENT),
    ),
    (
        "accepted_without_counter",
        "warning",
        cite.ACCEPTING_THE_FIRST_OFFER,
        lambda c: c.after.outcome == Outcome.ACCEPTED and not c.after.countered,
    ),
    ("absurd_ask", "warning", cite.COUNTER_ONCE, lambda c: c.said(Act.REFUSE_ABSURD)),
    (
        "recruiter_walked",
        "warning",
        cite.FINAL_OR_WALK,
        lambda c: c.after.outcome == Outcome.RECRUITER_WALKED,
    ),
    ("buzzwords", "warning", cite.BUZZWORDS, lambda c: c.parsed.has(MoveKind.BUZZWORDS)),
    (
        "base_only",
        "warning",
        cite.BASE_ONLY,
        lambda c: c.refused_now("base", "capped") and not _levers_asked(c),
    ),
    *(
        (key, "tip", citation, (lambda o: lambda c: c.objection() == o)(objection))
        for objection, key, citation in (
            (Objection.BASIS, "objection_basis", cite.EVIDENCE_PACK),
            (Objection.OTHER_OFFERS, "objection_other_offers", cite.OTHER_OFFERS),
            (Objection.INTERNAL_EQUITY, "objection_internal_equity", cite.INTERNAL_EQUITY),
            (Objection.BUDGET_FIXED, "objection_budget_fixed", cite.BUDGET_FIXED),
            (Objection.AI_PRODUCTIVITY, "objection_ai_productivity", cite.AI_PRODUCTIVITY),
            (Objection.TOP_OF_RANGE, "top_of_range", cite.TOP_OF_RANGE),
        )
    ),
    (
        "exploding_deadline",
        "tip",
        cite.EXTENSION,
        lambda c: (
            c.said(Act.REFUSE_TIME)
            or (c.said(Act.DEADLINE) and Objection.DEADLINE in c.after.objections)
        ),
    ),
    (
        "budget_probe",
        "tip",
        cite.STATE_RANGE,
        lambda c: c.said(Act.DEFLECT_PROBE, Act.STAY_IN_ROLE),
    ),
    ("asked_current_pay", "tip", cite.DEFLECT_CURRENT, lambda c: c.said(Act.ASK_CURRENT_PAY)),
    (
        "offer_on_table",
        "tip",
        cite.EVALUATE_OFFER,
        lambda c: c.said(Act.PRESENT_OFFER) and not c.after.closed,
    ),
    (
        "final_offer",
        "tip",
        cite.REFUSES_TO_BUDGE,
        lambda c: c.said(Act.FINAL_OFFER, Act.HOLD_FINAL),
    ),
    ("competing_details", "tip", cite.NO_BLUFFING, lambda c: c.said(Act.ASK_COMPETING_DETAILS)),
    ("press_for_number", "tip", cite.STATE_RANGE, lambda c: c.said(Act.PRESS_FOR_NUMBER)),
    (
        "deflected",
        "praise",
        cite.DEFLECT_CURRENT,
        lambda c: c.parsed.has(MoveKind.DEFLECTS_CURRENT),
    ),
    ("evidence", "praise", cite.WORKFLOWS, lambda c: bool(c.parsed.evidence())),
    ("market", "praise", cite.FUNCTION_MEDIAN, lambda c: c.parsed.has(MoveKind.CITES_MARKET)),
    ("levers", "praise", cite.SIGN_ON, lambda c: _levers_asked(c)),
    ("asked_time", "praise", cite.NEVER_ON_THE_SPOT, lambda c: c.parsed.has(MoveKind.ASKS_TIME)),
)


def hint_for(
    before: NegotiationState, after: NegotiationState, parsed: ParsedTurn, move: RecruiterMove
) -> Hint | None:
    """The one hint worth showing after this turn, or None."""
    ctx = _Context(before, after, parsed, move)
    for key, tone, citation, rule in RULES:
        if rule(ctx):
            return Hint(
                key=key,
                tone=tone,
                citation=citation,
                text=render(f"roleplay/hints/{key}", citation=citation),
            )
    return None
