"""The counter-proposal: an anchor from the market, a range, levers with dollar values, a script.

Rules, each from the playbook:

* Anchor at the function median or better: max(market p50, offer base), to the
  nearest $1,000 (anchoring § Stating a range built on the anchor).
* Range from the anchor to 15% above it; 20% above is shown as the stretch. The
  single base ask in the script is the 15% top: one specific number
  (sequence § Step five: counter once, with specifics).
* Levers in order of likely give: sign-on, equity, refreshers, level, start date,
  PTO (total-package). Each has a dollar value from the offer or the lookup, or
  says why it has none. A lever worth less than the floor below is listed after
  those worth asking for, and the script never leads with it.
* An ask for more equity is made in the grant's own units (options at the stated
  spread, a percent of the stated valuation, dollars of RSUs), rounded to a number
  a person would say, and priced from that rounded number: the dollars shown are
  exactly what the words ask for.
* With no market median there is no judgement of the base: the script asks the
  recruiter for the band, and the anchor's basis says what the user's own figures
  (current pay, walk-away floor) support.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel

from coach import citations as cite
from coach.money import format_per_share, format_usd, nearest_thousand
from coach.offers.model import HORIZON_YEARS, Offer, OptionGrant, PercentGrant
from coach.offers.score import RAISE_FULL, RAISE_MINIMUM, MarketBenchmark
from coach.offers.totals import WORKDAYS_PER_YEAR, Totals, grant_value
from coach.prompts import render

RANGE_TOP = 0.15  # anchoring: the top of the range 15-20% above the median
RANGE_STRETCH = 0.20
# sequence § Step six: most companies move 10-20% after a specific counter; ask the middle.
TYPICAL_MOVE = 0.15
LATER_START_WEEKS = 3  # total-package § Start date and vacation: "three or four extra weeks"
EXTRA_PTO_DAYS = 5
# The smallest lever worth leading a counter with: the larger of $5,000 (over four years,
# or once for a one-off) and 2% of a year's base. Each ask spends goodwill on the one
# counter the playbook allows (sequence § Step five); under about $100 a month it can't
# change the decision, and a $35 "grant" is a misread offer, not something to ask about.
LEVER_FLOOR = 5_000
LEVER_FLOOR_SHARE_OF_BASE = 0.02
# Share counts and percentages of the company are asked for to two significant figures
# ("1,500 more options", "0.19%"), the way a person says them.
ASK_SIGNIFICANT_FIGURES = 2


class Lever(BaseModel):
    key: Literal["sign_on", "equity", "refreshers", "level", "start_date", "pto"]
    name: str
    ask: str
    value: int | None  # dollars over four years (one-off items: once); None when not computable
    basis: str  # how the value was worked out, or why there is none
    citation: str


class CounterProposal(BaseModel):
    focus: Literal["base", "package", "unknown"]  # unknown: no market median to judge base
    anchor: int | None
    anchor_basis: str
    range_low: int | None
    range_high: int | None
    range_stretch: int | None
    base_ask: int | None
    levers: list[Lever]  # by likely give; those priced under lever_floor last
    lever_floor: int
    script: str
    citations: list[str]


ROUND_TO = 1000  # the anchor and range are rounded to this many dollars


_thousand = nearest_thousand  # a half up, as the range and walk-away tools round


def _base_gap(offer: Offer, anchor: int | None) -> int:
    return max(0, anchor - offer.base) if anchor else 0


def _sign_on(offer: Offer, totals: Totals, gap: int) -> Lever:
    equity = totals.line("equity")
    thin = 0
    if equity is not None and equity.total:
        # A back-loaded grant pays little in year one; a sign-on can even it out.
        thin = max(0, round(equity.total / HORIZON_YEARS) - equity.by_year[0])
    value = gap + thin
    parts = ([f"the first-year base gap of {format_usd(gap)}"] if gap else []) + (
        [
            f"the {format_usd(thin)} by which year-one equity falls short of an even "
            "quarter of the grant"
        ]
        if thin
        else []
    )
    if not value:
        return Lever(
            key="sign_on",
            name="Sign-on bonus",
            value=None,
            citation=cite.SIGN_ON,
            ask="A sign-on that covers the unvested equity or bonus you leave behind.",
            basis="Nothing in the offer's figures to bridge; size it at what you "
            "forfeit by leaving.",
        )
    current = offer.sign_on.amount if offer.sign_on else 0
    ask = (
        f"Raise the sign-on from {format_usd(current)} to {format_usd(current + value)}."
        if current
        else f"A sign-on of {format_usd(value)}."
    )
    return Lever(
        key="sign_on",
        name="Sign-on bonus",
        value=value,
        ask=ask,
        citation=cite.SIGN_ON,
        basis="Covers " + " and ".join(parts) + "; a one-time cost that doesn't reset "
        "pay bands, so it is usually the easiest to move when base is capped.",
    )


def lever_floor(offer: Offer) -> int:
    """The smallest lever worth leading with for this offer (see LEVER_FLOOR)."""
    return max(LEVER_FLOOR, round(offer.base * LEVER_FLOOR_SHARE_OF_BASE))


def _significant(value: float, figures: int = ASK_SIGNIFICANT_FIGURES) -> float:
    """``value`` to ``figures`` significant figures: 1,537 -> 1,500; 0.18667 -> 0.19."""
    if value <= 0:
        return 0.0
    return float(f"{value:.{figures}g}")


def _equity(offer: Offer, totals: Totals, gap: int, floor: int, *, judged: bool) -> Lever:
    """``judged``: there is a market median, so the base has been compared with it."""
    line = totals.line("equity")
    vesting_4y = line.total if line else 0  # what the initial grant pays within four years
    face, private = grant_value(offer, [])  # the whole grant, over its whole schedule
    if offer.equity is not None and 0 < face < floor:
        return Lever(
            key="equity",
            name="Equity grant",
            value=None,
            citation=cite.EQUITY,
            ask="Check the equity grant before asking for more of it: "
            f"{format_usd(face)} for the whole grant is less than {format_usd(floor)}.",
            basis=f"A grant this small is almost always a figure misread: {_worth(offer)}. "
            "No ask is sized from it.",
        )
    if gap and vesting_4y and gap * HORIZON_YEARS > vesting_4y:
        # Four years of the gap would be more than the grant itself (20,000 options asked
        # to become 260,000): an ask many times the grant is not one a company entertains,
        # so it stops at doubling what vests in four years; the sign-on takes the rest.
        target = vesting_4y
        why = (
            f"doubling the {format_usd(vesting_4y)} that vests in four years: four years of "
            f"the {format_usd(gap)} base gap would be more than the grant itself"
        )
    elif gap:
        target = gap * HORIZON_YEARS
        why = (
            f"four years of the {format_usd(gap)} base gap, taken as extra grant value "
            "if base can't move"
        )
    elif vesting_4y:
        target = round(vesting_4y * TYPICAL_MOVE)
        why = (
            f"{TYPICAL_MOVE:.0%} of the {format_usd(vesting_4y)} that vests in four years: "
            "companies usually move 10-20% after a specific counter"
        )
    else:
        return Lever(
            key="equity",
            name="Equity grant",
            value=None,
            citation=cite.EQUITY,
            ask="Ask whether an equity grant is available at this level, and its size.",
            basis="The offer has no equity and base meets the market, so there is no "
            "gap to size it from."
            if judged
            else "The offer has no equity, and with no market median there is no base gap "
            "to size one from.",
        )
    # Share of a grant on this schedule that vests within four years (1.0 for four-year
    # vesting): the ask is sized on what vests in four years, stated on the whole grant.
    within = sum(offer.vesting.year_fractions())
    if within <= 0:
        return Lever(
            key="equity",
            name="Equity grant",
            value=None,
            citation=cite.EQUITY,
            ask="Ask for a vesting schedule that pays out within four years.",
            basis=f"Nothing vests within four years on this schedule "
            f"({offer.vesting.describe()}), so extra grant value can't be priced.",
        )
    ask, extra = _equity_ask(offer, face, target / within)
    value = round(extra * within)
    vests = f", of which {format_usd(value)} vests within four years" if value != extra else ""
    haircut = (
        f" Face value: after the {totals.haircut_percent:g}% liquidity haircut used in the "
        f"totals, {format_usd(round(value * (1 - totals.haircut_percent / 100)))}."
        if private and totals.haircut_percent
        else ""
    )
    return Lever(
        key="equity",
        name="Equity grant",
        value=value,
        basis=f"Sized at {why}; priced on the rounded ask: {format_usd(extra)} more "
        f"grant{vests}.{haircut}",
        citation=cite.EQUITY,
        ask=ask,
    )


def _worth(offer: Offer) -> str:
    """What a grant of this kind is worth, in words: the check a misread grant fails."""
    if isinstance(offer.equity, OptionGrant):
        return "options are worth their count times the share price less the strike"
    if isinstance(offer.equity, PercentGrant):
        return "a percent of the company is worth that percent of the stated valuation"
    return "an RSU grant is worth the number of shares times the price per share"


def _over_vesting(offer: Offer, extra: float, *, more: bool = False) -> str:
    """'$150,000 over the 4-year vesting, $37,500 a year': the extra grant and its yearly share."""
    years = offer.vesting.years
    yearly = "a year" if offer.vesting.kind == "standard" else "a year on average"
    return (
        f"{format_usd(extra)}{' more' if more else ''} over the {years}-year vesting, "
        f"{format_usd(extra / years)} {yearly}"
    )


def _equity_ask(offer: Offer, face: float, wanted: float) -> tuple[str, float]:
    """The ask in the grant's own units, and the extra grant value those units are worth.

    ``wanted`` is the extra grant value aimed at; the ask rounds it to a number a person
    would say, and the value returned is priced from that rounded number.
    """
    equity = offer.equity
    if isinstance(equity, OptionGrant) and face > 0:
        spread = equity.price - equity.strike
        basis = "preferred price" if equity.preferred_price is not None else "409A price"
        more = max(1, round(_significant(wanted / spread)))
        extra = more * spread
        return (
            f"About {more:,} more options at the same strike: {more:,} x the "
            f"{format_per_share(spread)} spread ({format_per_share(equity.price)} {basis} - "
            f"{format_per_share(equity.strike)} strike) = {_over_vesting(offer, extra)}.",
            extra,
        )
    if isinstance(equity, PercentGrant):
        more_pct = _significant(wanted / equity.valuation * 100)
        extra = more_pct / 100 * equity.valuation
        return (
            f"About {equity.percent + more_pct:.4g}% instead of {equity.percent:g}%: "
            f"{more_pct:g}% more of the {format_usd(equity.valuation)} valuation is "
            f"{_over_vesting(offer, extra)}.",
            extra,
        )
    extra = float(max(ROUND_TO, _thousand(wanted)))
    if face > 0:
        return (
            f"A grant worth {format_usd(round(face + extra))} instead of "
            f"{format_usd(round(face))}: {_over_vesting(offer, extra, more=True)}.",
            extra,
        )
    # No grant, or options under water (worth $0 at the stated price): ask in dollars.
    return f"An equity grant worth {_over_vesting(offer, extra)}.", extra


def _refreshers(offer: Offer, totals: Totals) -> Lever:
    line = totals.line("refreshers")
    if offer.refresher is None or line is None or not line.total:
        return Lever(
            key="refreshers",
            name="Refresher grants",
            value=None,
            citation=cite.REFRESHERS,
            ask="Ask how refreshers work and what a typical engineer at your level got "
            "last cycle; get the policy in writing.",
            basis="No refresher policy stated, so there is nothing to value yet.",
        )
    yearly = offer.refresher.annual_value
    value = round(line.total * TYPICAL_MOVE)
    return Lever(
        key="refreshers",
        name="Refresher grants",
        value=value,
        citation=cite.REFRESHERS,
        ask=f"Refreshers of {format_usd(round(yearly * (1 + TYPICAL_MOVE)))} a year "
        f"instead of {format_usd(yearly)}.",
        basis=f"{TYPICAL_MOVE:.0%} more on the {format_usd(line.total)} of refreshers "
        "that vest within four years.",
    )


def _level(market: MarketBenchmark, next_level: tuple[str, MarketBenchmark] | None) -> Lever:
    current = market.median
    upper = next_level[1].median if next_level else None
    if not next_level or current is None or upper is None or upper <= current:
        why = (
            "the lookup has no higher level to compare"
            if not next_level
            else (next_level[1].reason or "no median one level up")
        )
        return Lever(
            key="level",
            name="Level or title",
            value=None,
            citation=cite.TITLE,
            ask="Ask what the next level requires and its pay band; a level change "
            "must be written into the offer.",
            basis=f"No dollar value: {why}.",
        )
    yearly = upper - current
    return Lever(
        key="level",
        name="Level or title",
        value=yearly * HORIZON_YEARS,
        citation=cite.TITLE,
        ask=f"Being leveled at {next_level[0]} rather than one level below.",
        basis=f"Market median one level up is {format_usd(upper)} vs "
        f"{format_usd(current)}: {format_usd(yearly)} a year, times four "
        f"({next_level[1].basis}).",
    )


def _start_date(offer: Offer) -> Lever:
    week = offer.base / 52
    value = round(week * LATER_START_WEEKS)
    when = (
        f" ({(offer.start_date + dt.timedelta(weeks=LATER_START_WEEKS)).isoformat()})"
        if offer.start_date
        else ""
    )
    return Lever(
        key="start_date",
        name="Start date",
        value=value,
        citation=cite.START_AND_PTO,
        ask=f"A start date {LATER_START_WEEKS} weeks later{when}, tied to a reason such "
        "as handing over your current project.",
        basis=f"{LATER_START_WEEKS} weeks at base / 52 = {format_usd(week)} a week: "
        "time off, valued at your pay.",
    )


def _pto(offer: Offer) -> Lever:
    day = offer.base / WORKDAYS_PER_YEAR
    value = round(day * EXTRA_PTO_DAYS * HORIZON_YEARS)
    now = (
        f" ({offer.pto_days + EXTRA_PTO_DAYS:g} instead of {offer.pto_days:g})"
        if offer.pto_days is not None
        else ""
    )
    return Lever(
        key="pto",
        name="Paid time off",
        value=value,
        citation=cite.START_AND_PTO,
        ask=f"{EXTRA_PTO_DAYS} more days of PTO a year{now}.",
        basis=f"{EXTRA_PTO_DAYS} days x {format_usd(day)} a day (base / "
        f"{WORKDAYS_PER_YEAR}) x four years.",
    )


def _lead(levers: list[Lever], floor: int) -> Lever:
    """The one lever the script asks for: the sign-on or equity lever worth the most, else
    the first other lever worth the floor, else the sign-on's question (it has no figure)."""
    worth = [lever for lever in levers if lever.value is not None and lever.value >= floor]
    cash_or_stock = [lever for lever in worth if lever.key in ("equity", "sign_on")]
    if cash_or_stock:
        return max(cash_or_stock, key=lambda lever: lever.value or 0)
    if worth:
        return worth[0]
    return next(lever for lever in levers if lever.key == "sign_on")


def _script(
    offer: Offer,
    market: MarketBenchmark,
    base_ask: int | None,
    levers: list[Lever],
    floor: int,
    walk_away: int | None,
    evidence: Sequence[str] = (),
) -> str:
    role = offer.role or "this role"
    market_reason = (
        f"market pay for this role: a median base of {format_usd(market.median)} ({market.basis})"
        if market.median is not None
        else "[the market median for this role, with its source]"
    )
    because = _because(market_reason, evidence)
    if market.median is None:
        # No market to compare with: no sentence judges the base. Ask for the band first;
        # the counter comes once there is a median to anchor on (sequence § Step five).
        ask = (
            f"Before I respond on the numbers, could you share the pay band for {role} at "
            "this level, and where this offer sits in it?"
        )
        because = _because(
            "[the market median for this role, with its source]", evidence, band=True
        )
        close = "I'm keen to make this work and will come back to you quickly."
    elif base_ask is not None:
        ask = (
            f"Looking at the market for {role} and at what I would bring, I'm asking for a "
            f"base of {format_usd(base_ask)}."
        )
        close = f"If we can reach {format_usd(base_ask)}, I'm ready to sign."
    else:
        # One clean counter: the single lever worth the most, not a list of demands.
        main = _lead(levers, floor)
        # The base is judged only against figures: at or above the median, and not under
        # the user's own walk-away floor.
        base_fits = walk_away is None or offer.base >= walk_away
        opening = "The base works for me. " if base_fits else ""
        ask = f"{opening}Where I'd like to move is this: {_lower(main.ask)}"
        close = "If we can get there, I'm ready to sign."
    return render(
        "embedded/counter_script",
        for_company=f" from {offer.company}" if offer.company else "",
        ask=ask,
        because=because,
        close=close,
    )


# The user's evidence bullets the script says aloud (evidence-pack: "Keep it to bullets you
# can say aloud"); the articles' counter names a workflow and the eval framework: two.
EVIDENCE_IN_SCRIPT = 2


def _because(market: str, evidence: Sequence[str], *, band: bool = False) -> str:
    """Why the ask: the first two of the user's evidence bullets, as they wrote them, and
    the market; with no bullets, one placeholder naming the evidence and how to build it."""
    said = [" ".join(b.split()) for b in evidence if b.strip()][:EVIDENCE_IN_SCRIPT]
    name = "band_because" if band else "because"
    if not said:
        placeholder = render("evidence/counter/placeholder")
        return render(f"evidence/counter/{name}_no_pack", market=market, placeholder=placeholder)
    return render(
        f"evidence/counter/{name}",
        count="Three" if len(said) == EVIDENCE_IN_SCRIPT else "Two",
        bullets="\n".join(f"- {b}" for b in said),
        market=market if band else market[:1].upper() + market[1:],
    )


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _own_figures(current_base: int | None, floor: int | None) -> str:
    """What the user's own numbers support when there is no market median."""
    parts: list[str] = []
    if current_base is not None:
        low = round(current_base * (1 + RAISE_MINIMUM))
        high = round(current_base * (1 + RAISE_FULL))
        parts.append(
            f"a {RAISE_MINIMUM:.0%}-{RAISE_FULL:.0%} raise on your current "
            f"{format_usd(current_base)} is {format_usd(low)} to {format_usd(high)} "
            f"({cite.FLOOR_FROM_CURRENT_PAY}); keep it to yourself, it is a floor, not an "
            f"anchor ({cite.ANCHORING_ON_CURRENT_PAY})"
        )
    if floor is not None:
        parts.append(f"your walk-away floor is {format_usd(floor)}")
    if not parts:
        return (
            " Find the function median for your role, place and level before you counter "
            f"({cite.NOT_KNOWING_THE_MEDIAN})."
        )
    return " Your own figures: " + "; ".join(parts) + "."


def _small(lever: Lever, floor: int) -> bool:
    return lever.value is not None and lever.value < floor


def _ordered(levers: list[Lever], floor: int) -> list[Lever]:
    """Levers priced under ``floor`` go last; each group keeps its likely-give order.

    A lever with no figure (a question, like the sign-on that covers what you leave
    behind) keeps its place: it isn't worth less than the floor, it is unpriced.
    """
    return [lever for lever in levers if not _small(lever, floor)] + [
        lever for lever in levers if _small(lever, floor)
    ]


def _mark_small(lever: Lever, floor: int) -> Lever:
    if not _small(lever, floor):
        return lever
    return lever.model_copy(
        update={
            "basis": f"{lever.basis} Under the {format_usd(floor)} floor for a lever worth "
            "leading with, so it is listed last."
        }
    )


def counter_offer(
    offer: Offer,
    totals: Totals,
    market: MarketBenchmark,
    *,
    next_level: tuple[str, MarketBenchmark] | None = None,
    current_base: int | None = None,
    floor: int | None = None,
    evidence: Sequence[str] = (),
) -> CounterProposal:
    """The counter: anchor, range, levers with dollar values, and a script to send.

    ``next_level`` is the name of the level above the offer's and its market benchmark,
    from the same lookup; without it the level lever has no dollar value. ``current_base``
    and ``floor`` are the user's own figures: with no market median, the anchor's basis
    says what they support; a base under ``floor`` is never called fine in the script.
    ``evidence`` is the user's evidence-pack bullets (loaded by the caller: the tool, the
    CLI, the UI): the script says the first two as written; with none, one placeholder
    names the evidence and how to build it.
    """
    median = market.median
    anchor = _thousand(max(median, offer.base)) if median is not None else None
    focus: Literal["base", "package", "unknown"] = (
        "unknown" if median is None else "base" if offer.base < median else "package"
    )
    gap = _base_gap(offer, anchor) if focus == "base" else 0
    low = anchor
    # The top from the figure the anchor rounds (the median, or a base above it), as the
    # range tool works it out: from the rounded anchor the two could differ by $1,000.
    exact = max(median, offer.base) if median is not None else None
    high = _thousand(Decimal(exact) * (1 + Decimal(str(RANGE_TOP)))) if exact else None
    stretch = _thousand(Decimal(exact) * (1 + Decimal(str(RANGE_STRETCH)))) if exact else None
    if anchor is None:
        basis = f"No anchor: {(market.reason or 'no market median').rstrip('.')}." + _own_figures(
            current_base, floor
        )
    elif median is not None and median >= offer.base:
        basis = (
            f"The market median {format_usd(median)} ({market.basis}), "
            f"to the nearest {format_usd(ROUND_TO)}."
        )
    else:
        basis = (
            f"The offer's base {format_usd(offer.base)}, already above the market median "
            f"{format_usd(median or 0)}, to the nearest {format_usd(ROUND_TO)}."
        )
    smallest = lever_floor(offer)
    levers = [
        _sign_on(offer, totals, gap),
        _equity(offer, totals, gap, smallest, judged=median is not None),
        _refreshers(offer, totals),
        _level(market, next_level),
        _start_date(offer),
        _pto(offer),
    ]
    levers = _ordered([_mark_small(lever, smallest) for lever in levers], smallest)
    base_ask = high if focus == "base" else None
    return CounterProposal(
        focus=focus,
        anchor=anchor,
        anchor_basis=basis,
        range_low=low,
        range_high=high,
        range_stretch=stretch,
        base_ask=base_ask,
        levers=levers,
        lever_floor=smallest,
        script=_script(offer, market, base_ask, levers, smallest, floor, evidence),
        citations=[
            *([cite.NOT_KNOWING_THE_MEDIAN] if anchor is None else []),
            cite.STATE_RANGE,
            cite.COUNTER_ONCE,
            *dict.fromkeys(lever.citation for lever in levers),
        ],
    )
