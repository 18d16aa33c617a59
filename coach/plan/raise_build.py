"""Build the raise or promotion plan: the talk with one's own manager.

The market comes from the salary_lookup tool (as the offer plan gets it, with n and
sources), for the person's level and, for a promotion, the next one. The gap and the
ask are the tool's figures set against the person's own base, with the subtraction
written out: nothing else is priced here.

The market figure the ask is toward (timing § Annual reviews: ask clearly for the
number; anchoring § Finding your function median: the median is the market rate):

- paid under the median: the median, which closes the gap;
- at or over the median, under the 75th percentile: the 75th percentile, the top the
  playbook leaves for a strong evidence pack (anchoring § Stating a range...);
- at or over the 75th percentile, or asking for a promotion: the next level's median
  (timing § Promotions and level-ups: ask whether the new pay sits at the level's median
  or its floor), or its 75th percentile when the base is already past that median.

The ask said is that figure to the nearest $1,000, or, when it is more than one step
(``targets.STEP_MAX``, 20%) above the base, a first step of 20% now with the rest on a
dated path (raises § Know your market gap): a promotion to a next level whose median is
+86% is asked for as +20% and a written path, never as one +86% ask. The exact median
stays in the script with its source.

After a practice talk with one's manager, the plan starts from the talk: a higher base
it agreed is said with its date and what is in writing, and the gap and the ask are
worked from that base (the ask met, when it reached the figure the plan would have
asked); the results the person stated in it are their outcomes when the evidence pack
is empty (their words and figures); its date is the one it agreed or named.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from coach import citations as cite
from coach.config import Settings
from coach.errors import InputError
from coach.evidence import saved_bullets
from coach.market.normalize import LEVEL_LABELS, level_code, next_level_code
from coach.market.targets import raise_ask
from coach.money import format_usd
from coach.plan import raise_advice
from coach.plan.build import market_part
from coach.plan.model import (
    AskPart,
    MarketPart,
    Plan,
    RangePart,
    ScriptPart,
    Sourced,
    TalkPart,
    WalkAwayPart,
)
from coach.plan.script import as_clause, blanks
from coach.prompts import render
from coach.roleplay.manager_policy import TalkOutcome
from coach.roleplay.manager_reading import results_said
from coach.roleplay.manager_scorecard import ManagerScorecard
from coach.roleplay.manager_voice import day_text

MOST_OUTCOMES = 3  # the section is "My three outcomes"


@dataclass(frozen=True)
class RaiseRequest:
    """The person asking their own manager: their base, role, level, city; a promotion
    or a raise; the review date when known (after a practice talk: the date it agreed or
    named); a manager practice call's scorecard. ``app``: the plan is for the browser, so
    a blank left names what to find out there, never a command-line flag."""

    current_base: int
    role: str
    level: str | None = None
    city: str | None = None
    promotion: bool = False
    review_date: dt.date | None = None
    scorecard: ManagerScorecard | None = None
    today: dt.date = field(default_factory=dt.date.today)
    app: bool = False


@dataclass(frozen=True)
class _Agreed:
    """What a practice talk ended with agreed: the new base, and when it takes effect."""

    base: int
    line: str  # said on the plan, with the written follow-up
    date: str | None  # when the remaining ask is for: the review after the agreed one


def _blank(what: str, app: bool) -> str:
    return render(f"plan/raise_blank_{what}_{'app' if app else 'cli'}")


def day_words(day: dt.date) -> str:
    """A date as the practice talk and its scorecard say it ("July 1, 2027"): one format."""
    return day_text(day)


def can_promote(level: str | None) -> bool:
    """Whether the market data prices a level above ``level``."""
    return next_level_code(level) is not None


def _next_level(level: str | None) -> str:
    """The level one up, as its code ("EX"); InputError naming --level."""
    if not level:
        raise InputError(
            "--level: a promotion plan needs your level today (entry, mid, senior) to price "
            "the next one."
        )
    up = next_level_code(level)
    if up is None:
        raise InputError(
            f"--level: {LEVEL_LABELS[level_code(level)]} is the highest level the market data "
            "prices; plan a raise instead (leave out --promotion)."
        )
    return up  # the code: the lookup reads it, the page says its label


def _gap(
    base: int, market: MarketPart, mine: str
) -> tuple[Sourced | None, float | None, str, list[str]]:
    """The median minus the base, as a share of the median, said and shown worked.
    ``mine``: whose base it is in words ("My base", "My base as agreed")."""
    if market.median is None:
        return None, None, "", []
    median = market.median.value
    gap = median - base
    pct = round(100 * abs(gap) / median, 1)
    who = _who(market.level, market.role) + (f" in {market.location}" if market.location else "")
    words = {
        "mine": mine,
        "base": format_usd(base),
        "pct": f"{pct:g}",
        "who": who,
        "median": format_usd(median),
        "source": "salary lookup",
        "gap": format_usd(abs(gap)),
    }
    template = "raise_gap_under" if gap > 0 else "raise_gap_over" if gap < 0 else "raise_gap_at"
    arithmetic = [
        f"Median {format_usd(median)} (salary lookup) − {mine.lower()} {format_usd(base)} = "
        f"{'−' if gap < 0 else ''}{format_usd(abs(gap))}; ÷ the median = {pct:g}%."
    ]
    return (
        Sourced(value=gap, source=market.median.source),
        pct,
        render(f"plan/{template}", **words),
        arithmetic,
    )


def _who(level: str | None, role: str | None) -> str:
    """ "senior data engineer"; a level of several words after the role: "data engineer
    (staff and above)", not "staff and above data engineer"."""
    if level and " " in level.strip() and role:
        return f"{role} ({level})"
    return " ".join(x for x in (level, role) if x)


def _pick_ask(
    base: int, market: MarketPart, next_market: MarketPart | None
) -> tuple[Sourced | None, str, list[str]]:
    """The figure asked for, which market figure it is, and its citations."""
    if next_market is not None:
        level = next_market.level or "the next level"
        if next_market.median is not None and base < next_market.median.value:
            return next_market.median, f"the median for {level}", [cite.PROMOTIONS]
        if next_market.p75 is not None and base < next_market.p75.value:
            return next_market.p75, f"the 75th percentile for {level}", [cite.PROMOTIONS]
        return None, "", [cite.PROMOTIONS]
    if market.median is not None and base < market.median.value:
        return market.median, "the median", [cite.ANNUAL_REVIEWS, cite.FUNCTION_MEDIAN]
    if market.p75 is not None and base < market.p75.value:
        return market.p75, "the 75th percentile", [cite.ANNUAL_REVIEWS, cite.STATE_RANGE]
    return None, "", [cite.PROMOTIONS]


def _ask(
    request: RaiseRequest,
    market: MarketPart,
    next_market: MarketPart | None,
    evidence: str,
    agreed: _Agreed | None,
) -> AskPart:
    base = agreed.base if agreed is not None else request.current_base
    figure, which, citations = _pick_ask(base, market, next_market)
    date = agreed.date if agreed is not None else None
    if agreed is None and request.review_date:
        date = day_words(request.review_date)
    if figure is None:
        priced = next_market if next_market is not None else market
        why = (
            "my base is already at or past the 75th percentile for the level asked about; "
            "the case is the next level (--promotion) and my outcomes"
            if priced.median is not None
            else (priced.unknown or "the lookup has no median for this role and place")
        )
        return AskPart(basis=why, date=date, citations=citations)
    step = raise_ask(base, figure.value)
    arithmetic = [
        f"The market figure is {which}: {format_usd(figure.value)} (salary lookup"
        + (f", {next_market.n:,} salaries" if next_market is not None and next_market.n else "")
        + ").",
        *step.arithmetic,
    ]
    source_market = next_market if next_market is not None else market
    who = _who(source_market.level, source_market.role)
    if source_market.location:
        who += f" in {source_market.location}"
    script = render(
        "plan/raise_script_staged" if step.staged else "plan/raise_script",
        evidence=(evidence[:1].upper() + evidence[1:] + ".")
        if evidence
        else _blank("evidence", request.app),
        who=who,
        median=format_usd(source_market.median.value) if source_market.median else "",
        sources=", ".join(s.split(" (")[0] for s in source_market.sources) or "salary lookup",
        ask=format_usd(step.ask),
        pct=f"{step.percent:.0f}",
        rest=format_usd(step.rest),
        date=date or _blank("date", request.app),
    )
    return AskPart(
        low=Sourced(value=step.ask, source=figure.source, currency=figure.currency),
        market=figure,
        staged=step.staged,
        basis=f"a first step toward {which}" if step.staged else which,
        date=date,
        arithmetic=arithmetic,
        script=script,
        missing=blanks(script),
        citations=[cite.MARKET_GAP, *citations] if step.staged else [*citations, cite.MARKET_GAP],
    )


def talk_outcomes(card: ManagerScorecard | None) -> list[str]:
    """The business results the person stated in a practice talk, in their own words and
    figures, once each, at most three: their outcomes when the evidence pack is empty."""
    if card is None:
        return []
    said = [r for point in card.replay for r in results_said(point.candidate)]
    return list(dict.fromkeys(said))[:MOST_OUTCOMES]


def _agreed(
    request: RaiseRequest, market: MarketPart, next_market: MarketPart | None
) -> _Agreed | None:
    """A practice talk that ended agreed on a higher base: that base, when it takes
    effect, what is in writing, and whether it met the ask the plan would have made."""
    card = request.scorecard
    if card is None or card.outcome != TalkOutcome.AGREED:
        return None
    if card.final_base <= request.current_base:
        return None
    later = card.agreed_later
    day = later.day if later is not None else request.review_date
    when = day_words(day) if day is not None else render("plan/raise_agreed_no_date")
    figure, which, _ = _pick_ask(request.current_base, market, next_market)
    met = ""
    if figure is not None and card.final_base >= raise_ask(request.current_base, figure.value).ask:
        met = render("plan/raise_agreed_met", which=which, figure=format_usd(figure.value))
    writing = (
        render("plan/raise_agreed_written", what=later.what[:1].lower() + later.what[1:])
        if later is not None
        else render("plan/raise_agreed_unwritten")
    )
    line = render(
        "plan/raise_agreed",
        before=format_usd(request.current_base),
        after=format_usd(card.final_base),
        raised=format_usd(card.final_base - request.current_base),
        date=when,
        writing=writing,
        met=met,
    )
    after = render("plan/raise_date_after", date=when) if day is not None else None
    return _Agreed(base=card.final_base, line=line, date=after)


def build_raise_plan(request: RaiseRequest, settings: Settings | None = None) -> Plan:
    """The raise (or promotion) plan; InputError (one sentence naming the flag) for bad
    input: no role, a promotion with no level or from the top one, a place the lookup
    can't read."""
    role = (request.role or "").strip()
    if not role:
        raise InputError("--role: a raise plan needs your role, e.g. --role 'data engineer'.")
    level, city = (request.level or "").strip(), (request.city or "").strip()
    next_level = _next_level(level) if request.promotion else None
    level = level_code(level) if level else ""
    market = market_part(role, level, city, settings)
    if market.median is None:
        raise InputError(market.unknown or "--role: the lookup has no median for this role.")
    next_market = market_part(role, next_level, city, settings) if next_level else None
    pack = saved_bullets(settings.home) if settings is not None else []
    bullets = pack or talk_outcomes(request.scorecard)  # the pack's first, else the talk's
    evidence = as_clause(bullets[0]) if bullets else ""
    agreed = _agreed(request, market, next_market)
    mine = render("plan/raise_base_agreed" if agreed else "plan/raise_base_now")
    base = agreed.base if agreed is not None else request.current_base
    gap, pct, line, arithmetic = _gap(base, market, mine)
    ask = _ask(request, market, next_market, evidence, agreed)
    ask.arithmetic = arithmetic + ask.arithmetic
    ask_words = format_usd(ask.low.value) if ask.low else "a higher"
    date_words = ask.date or "the next review"
    plan = Plan(
        kind="promotion" if request.promotion else "raise",
        role=market.role or role,
        level=market.level or level or None,
        city=market.location or city or None,
        market=market,
        range=RangePart(),
        walk_away=WalkAwayPart(),
        script=ScriptPart(text=ask.script, missing=ask.missing, evidence_filled=bool(pack)),
        evidence=bullets,
        talk=TalkPart(
            current_base=request.current_base,
            agreed_base=agreed.base if agreed is not None else None,
            agreed_line=agreed.line if agreed is not None else "",
            gap=gap,
            gap_pct=pct,
            gap_line=line,
            next_level=next_level,
            next_market=next_market,
            ask=ask,
            fallbacks=raise_advice.fallbacks(ask_words, date_words, next_market),
            review_date=request.review_date,
        ),
        objections=raise_advice.objections(
            request.promotion,
            base,
            market,
            ask_words,
            date_words,
            evidence or "[the outcome I owned, with its number]",
        ),
    )
    later = request.scorecard.agreed_later if request.scorecard is not None else None
    plan.timeline = raise_advice.timeline(
        day_words(request.review_date) if request.review_date else None,
        (later.what, day_words(later.day)) if later is not None else None,
    )
    if request.scorecard is not None:
        plan.lessons = raise_advice.lessons(request.scorecard)
    return plan
