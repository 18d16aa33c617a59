"""Live coaching hints: after each candidate turn, at most one, citing the playbook.

The coach never speaks as the recruiter: a hint is a separate object, with its text in
``prompts/roleplay/hints/<key>.md``. Hints carry no figures, so they cannot leak
anything the recruiter knows.

A hint about the candidate comes from the call's one judgement
(``coach.roleplay.judgement``): the judgement of the call before and after this turn,
and what became true at this turn. So a hint never says a mistake was made that the
scorecard denies, nor praises what the scorecard calls a mistake. Order of priority:
a mistake just made (one that can't be undone), the call just ended by the recruiter,
a tip on what the candidate can still fix, a tip on what the recruiter just did, then
what the candidate did well.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel

from coach import citations as cite
from coach.prompts import render
from coach.roleplay.judgement import CONFLICTS, MISTAKES, Judgement, judge, new_at
from coach.roleplay.moves import Component, MoveKind, ParsedTurn
from coach.roleplay.policy import (
    Act,
    NegotiationState,
    Objection,
    Outcome,
    RecruiterMove,
)
from coach.roleplay.scenario import Scenario

Tone = Literal["warning", "tip", "praise"]


class Hint(BaseModel):
    key: str
    tone: Tone
    text: str
    citation: str


# Mistakes that stay made once made: the only ones a warning hint speaks of. The others
# (an ask far above the market with no evidence yet, no evidence yet, base only so far, no
# market data yet) can still be put right, so the hint is a tip, and the scorecard judges
# them at the end.
FINAL_MISTAKES = (
    "current_pay",
    "anchoring",
    "ask_below",
    "first_offer",
    "on_the_spot",
    "hostile",
    "injection",
)
# A mistake's hint template, where its name differs from the mistake's key.
_MISTAKE_HINT = {
    "current_pay": "current_pay_revealed",
    "anchoring": "anchored_on_current",
    "first_offer": "accepted_without_counter",
}
# Strengths in the order a praise hint prefers them; the key is the template's name.
_STRENGTH_HINTS = (
    ("deflected", cite.DEFLECT_CURRENT),
    ("anchored_at_market", cite.STATE_RANGE),
    ("evidence", cite.WORKFLOWS),
    ("market", cite.FUNCTION_MEDIAN),
    ("counter_moved_base", cite.COUNTER_ONCE),
    ("levers", cite.SIGN_ON),
    ("floor", cite.WALK_AWAY_NUMBER),
    ("asked_time", cite.NEVER_ON_THE_SPOT),
)


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


def _no_evidence_yet(ctx: _Context) -> bool:
    """An ask this turn with nothing specific behind it so far (not buzzwords: their own tip)."""
    asking = ctx.parsed.has(MoveKind.NAMES_NUMBER, MoveKind.NAMES_RANGE, MoveKind.NAMES_PERCENT)
    return asking and not ctx.after.evidence and not ctx.parsed.has(MoveKind.BUZZWORDS)


# Tips: key -> (tone, citation, rule), checked in this order after the mistakes.
TIPS: tuple[tuple[str, Tone, str, Rule], ...] = (
    ("absurd_ask", "tip", cite.COUNTER_ONCE, lambda c: c.said(Act.REFUSE_ABSURD)),
    (
        "buzzwords",
        "tip",
        cite.BUZZWORDS,
        lambda c: c.parsed.has(MoveKind.BUZZWORDS) and not c.after.evidence,
    ),
    (
        "base_only",
        "tip",
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
    ("no_evidence_yet", "tip", cite.EVIDENCE_PACK, _no_evidence_yet),
)
# Asked for a number again: a tip only when the turn earned no praise ("good: you kept
# your pay out of it" says more than "they want a number" right after a deflection).
PRESS_TIP: tuple[str, Tone, str, Rule] = (
    "press_for_number",
    "tip",
    cite.STATE_RANGE,
    lambda c: c.said(Act.PRESS_FOR_NUMBER, Act.REASON_FOR_NUMBER, Act.HOLD_WITHOUT_NUMBER),
)


def _hint(key: str, tone: Tone, citation: str) -> Hint:
    return Hint(
        key=key,
        tone=tone,
        citation=citation,
        text=render(f"roleplay/hints/{key}", citation=citation),
    )


# The hints that ask for evidence, and their wording when the user has an evidence pack.
_PACK_HINTS = {"no_evidence_yet": "no_evidence_yet_pack", "objection_basis": "objection_basis_pack"}


def evidence_hint(key: str, bullets: tuple[str, ...], citation: str) -> Hint:
    """A hint asking for evidence, when the user has a pack: their own bullets, quoted
    (issue 20: the practice call's evidence moves use the pack), not a generic "name a
    workflow"."""
    quoted = "; ".join(f"“{b.strip().rstrip('.')}”" for b in bullets[:2] if b.strip())
    return Hint(
        key=key,
        tone="tip",
        citation=citation,
        text=render(f"roleplay/hints/{_PACK_HINTS[key]}", citation=citation, bullets=quoted),
    )


def hint_for(
    scenario: Scenario,
    before: NegotiationState,
    after: NegotiationState,
    parsed: ParsedTurn,
    move: RecruiterMove,
) -> Hint | None:
    """The one hint worth showing after this turn, or None."""
    judged_before, judged_after = judge(scenario, before), judge(scenario, after)
    made, shown = new_at(judged_before, judged_after, after.turn)
    for key in FINAL_MISTAKES:
        if key in made:
            return _hint(_MISTAKE_HINT.get(key, key), "warning", MISTAKES[key].citation)
    if after.outcome == Outcome.RECRUITER_WALKED:
        return _hint("recruiter_walked", "warning", cite.FINAL_OR_WALK)
    far = judged_after.made().get("ask_far_above")
    if far is not None and far.turn == after.turn:
        return _hint("ask_far_above", "tip", MISTAKES["ask_far_above"].citation)
    ctx = _Context(before, after, parsed, move)
    for key, tone, citation, rule in TIPS:
        if rule(ctx):
            if key in _PACK_HINTS and scenario.evidence:
                return evidence_hint(key, scenario.evidence, citation)
            return _hint(key, tone, citation)
    for key, citation in _STRENGTH_HINTS:
        if key in shown:
            return _hint(key, "praise", citation)
    key, tone, citation, rule = PRESS_TIP
    return _hint(key, tone, citation) if rule(ctx) else None


def contradictions(hints: list[tuple[int, Hint]], final: Judgement) -> list[str]:
    """Where the live hints and the final judgement disagree (empty when they agree).

    ``hints``: (turn, hint) as shown during the call. A warning about a mistake must find
    it made on the scorecard; a praised strength must be on the scorecard too, unless a
    mistake that rules it out was made at that turn or later (kept back, then given).
    The scorecard must not praise what it calls a mistake.
    """
    found: list[str] = []
    made, praised = final.made(), final.praised()
    mistake_of = {template: key for key, template in _MISTAKE_HINT.items()}
    for turn, hint in hints:
        if hint.tone == "warning" and hint.key != "recruiter_walked":
            key = mistake_of.get(hint.key, hint.key)
            if key not in made:
                status = next((m.status for m in final.mistakes if m.key == key), "absent")
                found.append(f"turn {turn}: the hint says '{key}' was made; the card: {status}")
        if hint.tone == "praise" and hint.key not in praised:
            later = [
                key
                for key in CONFLICTS.get(hint.key, ())
                if key in made and (made[key].turn or turn) >= turn
            ]
            if not later:
                found.append(f"turn {turn}: the hint praises '{hint.key}'; the card does not")
    for key in praised:
        clash = [m for m in CONFLICTS.get(key, ()) if m in made]
        if clash:
            found.append(f"the card praises '{key}' and calls {clash} made")
    return found
