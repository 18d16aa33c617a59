"""The call's overall grade: 0-100 and a letter, with the three reasons that weigh most.

Built only from the call's judgement (``judgement.judge``) and the money outcome, so the
grade can't disagree with the scorecard it sits on. The weights follow what the articles
say costs most: the money actually secured (30), anchoring on the market (20), and five
habits worth 10 each (current pay kept out, evidence, the whole package, not deciding on
the call, conduct). The habits weigh more than the money together because the money
also depends on a recruiter the candidate can't see into: a call played well that has
not closed yet still grades C or better. A part the call never tested scores half: the grade
neither rewards nor punishes what the candidate had no chance to do.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from coach.money import format_usd
from coach.roleplay.judgement import Judgement
from coach.roleplay.policy import NegotiationState, Outcome

LETTERS = ((90, "A"), (80, "B"), (70, "C"), (60, "D"), (0, "F"))


class GradePart(BaseModel):
    name: str
    points: int
    most: int
    reason: str


class Grade(BaseModel):
    score: int
    letter: str  # "—" when not graded
    reasons: list[str]  # the three parts that weigh most, in words
    parts: list[GradePart]
    graded: bool = True  # False: the call ended before there was an offer to judge


NOT_GRADED = "—"


@dataclass(frozen=True)
class _Habit:
    name: str
    most: int
    strength: str | None  # the praise that earns it all
    mistakes: tuple[str, ...]  # any of these made earns nothing
    untested: str


HABITS = (
    _Habit(
        "anchor",
        20,
        "anchored_at_market",
        ("ask_far_above", "ask_below", "anchoring"),
        "You named no base figure of your own against the market.",
    ),
    _Habit(
        "current pay",
        10,
        None,
        ("current_pay", "anchoring"),
        "Your current pay stayed out of it.",
    ),
    _Habit("evidence", 10, "evidence", ("buzzwords",), "You brought no specific evidence."),
    _Habit(
        "package",
        10,
        "levers",
        ("base_only",),
        "You negotiated no component beyond base.",
    ),
    _Habit(
        "decision",
        10,
        "asked_time",
        ("on_the_spot", "first_offer"),
        "You neither said yes on the call nor asked for it in writing.",
    ),
    _Habit(
        "conduct", 10, None, ("hostile", "injection"), "You kept the call courteous and straight."
    ),
)
MONEY_MOST = 30
KEPT_OFFER = 10  # of MONEY_MOST: an offer kept, even unimproved, beats an offer lost


def _money(
    state: NegotiationState,
    judgement: Judgement,
    captured: float | None,
    lost: bool,
    gain: int,
) -> GradePart:
    if lost and state.outcome == Outcome.CANDIDATE_WALKED and "floor" in judgement.praised():
        return GradePart(
            name="money",
            points=MONEY_MOST // 2,
            most=MONEY_MOST,
            reason="You walked away at the walk-away number you had named.",
        )
    if lost:
        who = (
            "The recruiter ended the call"
            if state.outcome == Outcome.RECRUITER_WALKED
            else ("You walked away")
        )
        return GradePart(
            name="money", points=0, most=MONEY_MOST, reason=f"{who}: the offer was lost."
        )
    if captured is None:
        return GradePart(name="money", points=0, most=MONEY_MOST, reason="No offer was reached.")
    # Keeping the offer is worth a third of the part; the rest is the room secured.
    points = KEPT_OFFER + round((MONEY_MOST - KEPT_OFFER) * captured)
    reason = (
        f"You secured {captured:.0%} of the room their budget allowed "
        f"({format_usd(gain)} over 4 years)."
        if gain > 0
        else "You kept the offer, but it did not move from where it started."
    )
    return GradePart(name="money", points=points, most=MONEY_MOST, reason=reason)


def _habit(habit: _Habit, judgement: Judgement, ended_by_them: bool) -> GradePart:
    made, praised = judgement.made(), judgement.praised()
    if habit.name == "decision" and ended_by_them:
        # Pushed until the recruiter walked: the decision was taken out of your hands.
        return GradePart(
            name=habit.name,
            points=0,
            most=habit.most,
            reason="You pushed until the recruiter ended the call, so the decision was theirs.",
        )
    wrong = next((made[key] for key in habit.mistakes if key in made), None)
    if wrong is not None:
        return GradePart(name=habit.name, points=0, most=habit.most, reason=wrong.detail)
    if habit.strength is None:
        return GradePart(name=habit.name, points=habit.most, most=habit.most, reason=habit.untested)
    if habit.strength in praised:
        reason = praised[habit.strength].text
        return GradePart(name=habit.name, points=habit.most, most=habit.most, reason=reason)
    return GradePart(
        name=habit.name, points=habit.most // 2, most=habit.most, reason=habit.untested
    )


def grade_call(
    state: NegotiationState,
    judgement: Judgement,
    captured: float | None,
    lost: bool,
    gain: int = 0,
) -> Grade:
    """The grade of a call from its judgement; ``captured`` is the share of the budget's
    4-year room the candidate secured (None when no offer was reached)."""
    parts = [_money(state, judgement, captured, lost, gain)]
    ended_by_them = state.outcome == Outcome.RECRUITER_WALKED
    parts += [_habit(habit, judgement, ended_by_them) for habit in HABITS]
    if state.offered is None and state.outcome == Outcome.OPEN:
        # Ended before any offer: most of what a grade weighs never came up.
        reason = "Not graded: the call ended before the recruiter made an offer."
        return Grade(score=0, letter=NOT_GRADED, reasons=[reason], parts=parts, graded=False)
    score = sum(p.points for p in parts)
    letter = next(letter for floor, letter in LETTERS if score >= floor)
    weighty = sorted(parts, key=lambda p: abs(p.points - p.most / 2), reverse=True)[:3]
    reasons = [f"{p.points}/{p.most} ({p.name}): {p.reason}" for p in weighty]
    return Grade(score=score, letter=letter, reasons=reasons, parts=parts)
