"""The scorecard after a raise talk: the money gained or left, what was agreed for later.

Money is told against two yardsticks: the hidden pool (what the manager could have
given on base this cycle, shown now that the talk is over: left in the pool = the most
base at the title reached - the base agreed) and the market (the gap between base and
the market median for the role, level and place, before and after, with the estimate's
source). A talk that ended open keeps what the manager put on the table, which is
still only words unless it is in writing; a decline or a resignation gains nothing.
Then the checks from the talk's one judgement (``manager_judgement.judge``, which the
live hints use too), each with its playbook section, and a grade.

The grade (0-100): the money captured of the pool's room, 30; then eight checks, 10
each, minus conduct: outcomes, differentiation, results, the market with its source,
no emotional appeal, a concrete ask, a written follow-up; a threat with no offer,
hostility or pasted instructions take 10 each off. A check the talk never tested scores
half. In a promotion talk the money is measured against what the promotion could pay,
so a raise at the old title never counts as all the room taken; a promotion not won,
or a plan dated later than the date asked for, is named first among the reasons.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from pydantic import BaseModel

from coach.money import format_usd
from coach.roleplay.grade import LETTERS, Grade, GradePart
from coach.roleplay.judgement import Judgement, MistakeResult, Praise, checks_markdown
from coach.roleplay.manager_judgement import judge
from coach.roleplay.manager_policy import ManagerState, TalkOutcome, base_limit
from coach.roleplay.manager_scenario import ManagerScenario, TalkKind
from coach.roleplay.manager_voice import day_text
from coach.roleplay.scorecard import ReplayPoint

GAINS = (TalkOutcome.AGREED, TalkOutcome.OPEN)
_HABITS = (
    ("outcomes", "output_not_outcomes"),
    ("results", "no_business_results"),
    ("differentiation", "no_differentiation"),
    ("market", "no_market_source"),
    ("facts", "emotional_appeal"),
    ("ask", "no_concrete_ask"),
    ("in writing", "no_written_followup"),
)
_CONDUCT = ("bluff_threat", "hostile", "injection")


class AgreedLater(BaseModel):
    what: str
    day: date
    asked_day: date | None = None  # the date the person asked for, when the plan is later


class ManagerScorecard(BaseModel):
    kind: str = "manager"
    scenario_id: str
    talk: str
    outcome: TalkOutcome
    verdict: str
    turns: int
    current_base: int
    final_base: int
    raise_amount: int
    raise_pct: float
    bonus: int
    title_before: str
    title_after: str
    pool_base_max: int  # the most base at the title reached
    raise_max: int
    promotion_max: int | None
    band_top: int
    bonus_max: int
    review_date: date
    left_in_pool: int
    market_median: int | None
    market_source: str | None
    gap_before: int | None
    gap_after: int | None
    agreed_later: AgreedLater | None
    mistakes: list[MistakeResult]
    went_well: list[Praise]
    grade: Grade
    replay: list[ReplayPoint]
    assumptions: list[str]


def _grade(
    judgement: Judgement, captured: float, missed: str | None = None, room: str = "the pool had"
) -> Grade:
    status = {m.key: m.status for m in judgement.mistakes}
    parts = [
        GradePart(
            name="money",
            points=round(30 * captured),
            most=30,
            reason=f"you took {round(100 * captured)}% of the room {room}",
        )
    ]
    for name, key in _HABITS:
        got = {"avoided": 10, "not tested": 5}.get(status.get(key, "not tested"), 0)
        parts.append(GradePart(name=name, points=got, most=10, reason=_reason(judgement, key)))
    penalty = 10 * sum(1 for key in _CONDUCT if status.get(key) == "made")
    score = max(0, sum(p.points for p in parts) - penalty)
    letter = next(letter for floor, letter in LETTERS if score >= floor)
    short = [p for p in sorted(parts, key=lambda p: p.points / p.most) if p.points < p.most]
    reasons = [f"{p.reason} ({p.name})" for p in short[:3]]
    if missed:
        reasons.insert(0, f"{missed} (outcome)")
    reasons = reasons or ["Every check met, and the pool's room taken."]
    if penalty:
        reasons.append(f"conduct cost {penalty} points (a threat, hostility or pasted text)")
    return Grade(score=score, letter=letter, reasons=reasons, parts=parts)


def _reason(judgement: Judgement, key: str) -> str:
    found = next((m for m in judgement.mistakes if m.key == key), None)
    return found.detail if found else "not tested"


def _later(scenario: ManagerScenario, state: ManagerState) -> AgreedLater | None:
    plan = state.plan
    if plan is None:
        return None
    parts = [f"base {format_usd(plan.base)}" if plan.base > scenario.current_base else None]
    if plan.title != scenario.title:
        parts.append(f"the title {plan.title}")
    if plan.bonus:
        parts.append(f"a one-off bonus of {format_usd(plan.bonus)}")
    if plan.promotion_review:
        parts.append("the promotion case reviewed")
    agreed = ", ".join(p for p in parts if p) or "the case reviewed again"
    # The plan's date is when what was asked is looked at again: later than the date the
    # person asked for, what they asked for slid (a promotion case, or base left as it was).
    deferred = plan.promotion_review or plan.base <= scenario.current_base
    asked = _asked_day(state, plan.day) if deferred else None
    return AgreedLater(
        what=f"In writing: {agreed}, at the review",
        day=plan.day,
        asked_day=asked if asked is not None and asked < plan.day else None,
    )


_MONTHS = (
    {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
    | {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
    | {"sept": 9}
)
_DAY = re.compile(
    r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.? (\d{1,2})\b", re.I
)


def _asked_day(state: ManagerState, plan_day: date) -> date | None:
    """The first month and day the person named for their ask ("effective March 1"), in
    the plan's year: the date they asked for, to hold the plan's date against."""
    for log in state.log:
        found = _DAY.search(log.read.text) if log.read.dated else None
        if found is None:
            continue
        month = _MONTHS[found.group(1).lower()]
        try:
            return date(plan_day.year, month, int(found.group(2)))
        except ValueError:
            return None
    return None


def _slid(scenario: ManagerScenario, state: ManagerState, later: AgreedLater | None) -> str | None:
    """What the grade must say about an outcome weaker than the ask, checks aside."""
    missed = []
    if scenario.talk == TalkKind.PROMOTION and state.title == scenario.title:
        missed.append("no promotion: the title did not move")
    if later is not None and later.asked_day is not None:
        missed.append(
            f"the date agreed ({day_text(later.day)}) is later than the one you asked for "
            f"({day_text(later.asked_day)})"
        )
    return "; ".join(missed) or None


def _verdict(
    scenario: ManagerScenario, state: ManagerState, kept: int, left: int, bonus: int
) -> str:
    usd, gained = format_usd, kept - scenario.current_base
    if state.outcome == TalkOutcome.QUIT:
        return "You resigned in the meeting: nothing was gained, and the raise talk is over."
    if state.outcome == TalkOutcome.MANAGER_ENDED:
        return "Your manager ended the meeting: nothing was gained this time."
    if state.outcome == TalkOutcome.DECLINED:
        return f"You declined: base stays at {usd(scenario.current_base)} for now."
    money = (
        f"base {usd(scenario.current_base)} → {usd(kept)} (+{usd(gained)})"
        if gained
        else (f"base unchanged at {usd(kept)}")
    )
    extra = f", a one-off bonus of {usd(bonus)}" if bonus else ""
    title = f", the title {state.title}" if state.title != scenario.title else ""
    how = "Agreed" if state.outcome == TalkOutcome.AGREED else "Open, on the table"
    pool = (
        f" The pool allowed {usd(left)} more on base."
        if left > 0
        else (" You took all the pool allowed on base.")
    )
    return f"{how}: {money}{title}{extra}.{pool}"


def build_manager_scorecard(
    scenario: ManagerScenario, state: ManagerState, employee_turns: list[str]
) -> ManagerScorecard:
    pool = scenario.pool
    gains = state.outcome in GAINS
    kept = state.base if gains else scenario.current_base
    bonus = state.bonus if gains else 0
    title = state.title if gains else scenario.title
    most = base_limit(scenario, state.title)
    left = most - kept
    # A promotion talk is measured against what a promotion could have paid: a raise
    # that fills the pool at the old title is not the promotion that was asked for.
    aim = most
    if scenario.talk == TalkKind.PROMOTION and pool.next_title is not None:
        aim = max(most, base_limit(scenario, pool.next_title))
    room = aim - scenario.current_base
    captured = min(1.0, (kept - scenario.current_base) / room) if room > 0 else 1.0
    judgement = judge(scenario, state)
    median = scenario.market.p50 if scenario.market else None
    source = None
    if scenario.market:
        source = ", ".join(scenario.market.sources) or scenario.market.basis
    raised = kept - scenario.current_base
    later = _later(scenario, state) if gains else None
    return ManagerScorecard(
        scenario_id=scenario.id,
        talk=scenario.talk.value,
        outcome=state.outcome,
        verdict=_verdict(scenario, state, kept, left, bonus),
        turns=state.turn,
        current_base=scenario.current_base,
        final_base=kept,
        raise_amount=raised,
        raise_pct=round(100 * raised / scenario.current_base, 1),
        bonus=bonus,
        title_before=scenario.title,
        title_after=title,
        pool_base_max=most,
        raise_max=pool.raise_max,
        promotion_max=pool.promotion_max,
        band_top=pool.band_top,
        bonus_max=pool.bonus_max,
        review_date=pool.review_date,
        left_in_pool=left,
        market_median=median,
        market_source=source,
        gap_before=median - scenario.current_base if median else None,
        gap_after=median - kept if median else None,
        agreed_later=later,
        mistakes=judgement.mistakes,
        went_well=judgement.went_well,
        grade=_grade(
            judgement,
            captured if gains else 0.0,
            _slid(scenario, state, later),
            "a promotion could pay" if aim > most else "the pool had",
        ),
        replay=[
            ReplayPoint(index=i, turn=i + 1, candidate=text)
            for i, text in enumerate(employee_turns)
        ],
        assumptions=[
            "The pool, the band and the review date are practice figures priced from the "
            "market estimate and your base; the pool and the band stayed hidden during the "
            "talk.",
            "A one-off bonus is paid once; it is not added to base or to the market gap.",
        ],
    )


def _gap(value: int | None) -> str:
    if value is None:
        return "—"
    return f"{format_usd(value)} under" if value > 0 else f"{format_usd(-value)} over"


def manager_scorecard_markdown(card: ManagerScorecard, today: date | None = None) -> str:
    usd = format_usd
    lines = [
        f"### Scorecard — {card.grade.letter} ({card.grade.score}/100)",
        "",
        f"**{card.verdict}**",
        "",
        "Why this grade:",
        *[f"- {reason}" for reason in card.grade.reasons],
        "",
        "| | Before | After | The pool allowed |",
        "|---|---|---|---|",
        f"| Base | {usd(card.current_base)} | {usd(card.final_base)} | {usd(card.pool_base_max)} |",
        f"| Title | {card.title_before} | {card.title_after} | "
        f"{card.title_after if card.promotion_max is None else 'one level up'} |",
        f"| One-off bonus | — | {usd(card.bonus) if card.bonus else '—'} | {usd(card.bonus_max)} |",
        "",
        f"- Money: +{usd(card.raise_amount)} on base ({card.raise_pct:+.1f}%); "
        f"{usd(card.left_in_pool)} left in the pool; the band's top was {usd(card.band_top)}.",
    ]
    if card.market_median is not None:
        lines.append(
            f"- Market: median {usd(card.market_median)} ({card.market_source}); your base was "
            f"{_gap(card.gap_before)} it, and is now {_gap(card.gap_after)} it."
        )
    if card.agreed_later is not None:
        later = card.agreed_later
        slid = (
            f" That is later than the {day_text(later.asked_day)} you asked for."
            if later.asked_day
            else ""
        )
        lines.append(f"- Agreed for later: {later.what} on {day_text(later.day)}.{slid}")
    else:
        review = day_text(card.review_date)
        # The review is usually still ahead when the card is read: say it in that tense.
        tense = "is" if card.review_date >= (today or date.today()) else "was"
        lines.append(f"- Agreed for later: nothing in writing (the next review {tense} {review}).")
    lines += checks_markdown("The checks", card.mistakes, card.went_well)
    lines += ["", "<sub>" + " ".join(card.assumptions) + "</sub>"]
    return "\n".join(lines)
