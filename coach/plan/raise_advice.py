"""The raise plan's advice, each line cited: the fallback asks when base is frozen, the
manager's likely objections with their answers, when to push, and a manager practice
call's lessons (up to three).

The wording is the templates' in coach/prompts/plan/raise_*.md; the figures in it (the
ask) are the builder's, passed in already written.
"""

from __future__ import annotations

from coach import citations as cite
from coach.plan.model import Cited, MarketPart, ObjectionPart
from coach.prompts import render
from coach.roleplay.manager_scorecard import ManagerScorecard

# The manager's moves (the practice call's), as the person will hear them.
PRODUCTIVITY = "With AI everyone does more, so raises are smaller this year"
CYCLE_CLOSED = "The budget cycle is closed"
NEXT_REVIEW = "Let's revisit at the next review"
TOP_OF_BAND = "You're already at the top of your band"
MORE_SCOPE = "The promotion needs more scope"

_ANSWERS = {
    PRODUCTIVITY: ("raise_objection_productivity", cite.PRODUCTIVITY_ARGUMENT),
    CYCLE_CLOSED: ("raise_objection_cycle_closed", cite.ANNUAL_REVIEWS),
    NEXT_REVIEW: ("raise_objection_next_review", cite.FACTS_NOT_FEELINGS),
    TOP_OF_BAND: ("raise_objection_top_of_band", cite.PROMOTIONS),
    MORE_SCOPE: ("raise_objection_more_scope", cite.PROMOTIONS),
}


def likely_objections(promotion: bool, base: int, market: MarketPart) -> list[str]:
    """All five moves, the likeliest first: a promotion is met with "more scope"; a base
    at or over the median with "the top of your band"; anyone else first hears the
    productivity narrative."""
    first = [PRODUCTIVITY]
    if market.median is not None and base >= market.median.value:
        first.insert(0, TOP_OF_BAND)
    if promotion:
        first.insert(0, MORE_SCOPE)
    return list(dict.fromkeys([*first, CYCLE_CLOSED, NEXT_REVIEW, TOP_OF_BAND, MORE_SCOPE]))


def objections(
    promotion: bool, base: int, market: MarketPart, ask: str, date: str, evidence: str
) -> list[ObjectionPart]:
    found = []
    for says in likely_objections(promotion, base, market):
        template, citation = _ANSWERS[says]
        answer = render(f"plan/{template}", ask=ask, date=date, evidence=evidence)
        found.append(ObjectionPart(says=says, answer=answer, citation=citation))
    return found


def fallbacks(ask: str, date: str, next_market: MarketPart | None) -> list[Cited]:
    """What to ask for when base is frozen, in order: a written plan with a date, a
    promotion with its scope defined, a one-off bonus, and a title only as the last
    resort (with a written timeline for its pay)."""
    level = next_market.level if next_market is not None else None
    return [
        Cited(
            text=render("plan/raise_fallback_plan", ask=ask, date=date),
            citation=cite.FACTS_NOT_FEELINGS,
        ),
        Cited(
            text=render("plan/raise_fallback_promotion", next=f" (to {level})" if level else ""),
            citation=cite.PROMOTIONS,
        ),
        Cited(text=render("plan/raise_fallback_bonus"), citation=cite.BUDGET_FIXED),
        Cited(text=render("plan/raise_fallback_title"), citation=cite.PROMOTIONS),
    ]


def timeline(review: str | None, agreed: tuple[str, str] | None) -> list[Cited]:
    """When to push: prepare now, book the talk before the review (or before budgets are
    decided), what to say in it, the written follow-up; and what a practice call agreed."""
    steps = [Cited(text=render("plan/raise_timeline_prepare"), citation=cite.BUILD_LEVERAGE)]
    booked = (
        render("plan/raise_timeline_review", date=review)
        if review
        else render("plan/raise_timeline_no_review")
    )
    steps.append(Cited(text=booked, citation=cite.ANNUAL_REVIEWS))
    steps.append(
        Cited(text=render("plan/raise_timeline_meeting"), citation=cite.FACTS_NOT_FEELINGS)
    )
    steps.append(Cited(text=render("plan/raise_timeline_writing"), citation=cite.PROMOTIONS))
    if agreed is not None:
        what, day = agreed
        steps.append(
            Cited(
                text=render(
                    "plan/raise_timeline_agreed", what=what[:1].lower() + what[1:], date=day
                ),
                citation=cite.PROMOTIONS,
            )
        )
    return steps


def lessons(card: ManagerScorecard) -> list[Cited]:
    """The manager scorecard's lessons, up to three: the reasons that weigh most in its grade,
    each with the section of the check behind it (the money part: ask for the number)."""
    found = []
    for reason in card.grade.reasons[:3]:
        check = next((m for m in card.mistakes if m.detail and m.detail in reason), None)
        found.append(Cited(text=reason, citation=check.citation if check else cite.ANNUAL_REVIEWS))
    return found
