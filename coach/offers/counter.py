"""The counter-proposal: an anchor from the market, a range, levers with dollar values, a script.

Rules, each from the playbook:

* Anchor at the function median or better: max(market p50, offer base), to the
  nearest $1,000 (anchoring § Stating a range built on the anchor).
* Range from the anchor to 15% above it; 20% above is shown as the stretch. The
  single base ask in the script is the 15% top: one specific number
  (sequence § Step five: counter once, with specifics).
* Levers in order of likely give: sign-on, equity, refreshers, level, start date,
  PTO (total-package). Each has a dollar value from the offer or the lookup, or
  says why it has none.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel

from coach import citations as cite
from coach.money import format_usd
from coach.offers.model import HORIZON_YEARS, Offer, OptionGrant, PercentGrant
from coach.offers.score import MarketBenchmark
from coach.offers.totals import WORKDAYS_PER_YEAR, Totals
from coach.prompts import render

RANGE_TOP = 0.15  # anchoring: the top of the range 15-20% above the median
RANGE_STRETCH = 0.20
# sequence § Step six: most companies move 10-20% after a specific counter; ask the middle.
TYPICAL_MOVE = 0.15
LATER_START_WEEKS = 3  # total-package § Start date and vacation: "three or four extra weeks"
EXTRA_PTO_DAYS = 5


class Lever(BaseModel):
    key: Literal["sign_on", "equity", "refreshers", "level", "start_date", "pto"]
    name: str
    ask: str
    value: int | None  # dollars over four years (one-off items: once); None when not computable
    basis: str  # how the value was worked out, or why there is none
    citation: str


class CounterProposal(BaseModel):
    focus: Literal["base", "package"]
    anchor: int | None
    anchor_basis: str
    range_low: int | None
    range_high: int | None
    range_stretch: int | None
    base_ask: int | None
    levers: list[Lever]
    script: str
    citations: list[str]


ROUND_TO = 1000  # the anchor and range are rounded to this many dollars


def _thousand(value: float) -> int:
    return int(round(value / ROUND_TO) * ROUND_TO)


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


def _equity(offer: Offer, totals: Totals, gap: int) -> Lever:
    line = totals.line("equity")
    grant = line.total if line else 0
    if gap:
        value = gap * HORIZON_YEARS
        basis = (
            f"Four years of the {format_usd(gap)} base gap, taken as extra grant value "
            "if base can't move."
        )
    elif grant:
        value = round(grant * TYPICAL_MOVE)
        basis = (
            f"{TYPICAL_MOVE:.0%} of the {format_usd(grant)} that vests in four years: "
            "companies usually move 10-20% after a specific counter."
        )
    else:
        return Lever(
            key="equity",
            name="Equity grant",
            value=None,
            citation=cite.EQUITY,
            ask="Ask whether an equity grant is available at this level, and its size.",
            basis="The offer has no equity and base meets the market, so there is no "
            "gap to size it from.",
        )
    return Lever(
        key="equity",
        name="Equity grant",
        value=value,
        basis=basis,
        citation=cite.EQUITY,
        ask=_equity_ask(offer, grant, value),
    )


def _equity_ask(offer: Offer, grant: int, extra: int) -> str:
    equity = offer.equity
    if grant and isinstance(equity, OptionGrant):
        spread = equity.price - equity.strike
        more = round(extra / spread) if spread > 0 else 0
        return (
            f"About {more:,} more options at the same strike (worth {format_usd(extra)} "
            "at the stated spread)."
        )
    if grant and isinstance(equity, PercentGrant):
        share = equity.percent * (grant + extra) / grant
        return (
            f"About {share:.3g}% instead of {equity.percent:g}% (worth {format_usd(extra)} more)."
        )
    if grant:
        return f"A grant worth {format_usd(grant + extra)} instead of {format_usd(grant)}."
    return f"An equity grant worth {format_usd(extra)} over four years."


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


def _script(
    offer: Offer, market: MarketBenchmark, base_ask: int | None, levers: list[Lever]
) -> str:
    by_key = {lever.key: lever for lever in levers}
    role = offer.role or "this role"
    if base_ask is not None:
        ask = (
            f"Looking at the market for {role} and at what I would bring, I'm asking for a "
            f"base of {format_usd(base_ask)}."
        )
        close = f"If we can reach {format_usd(base_ask)}, I'm ready to sign."
    else:
        # One clean counter: the single lever worth the most, not a list of demands.
        valued = [lever for lever in levers if lever.value and lever.key in ("equity", "sign_on")]
        main = max(valued, key=lambda lever: lever.value or 0) if valued else by_key["sign_on"]
        ask = f"The base works for me. Where I'd like to move is this: {_lower(main.ask)}"
        close = "If we can get there, I'm ready to sign."
    market_reason = (
        f"market pay for this role: a median base of {format_usd(market.median)} ({market.basis})"
        if market.median is not None
        else "[the market median for this role, with its source]"
    )
    because = (
        "Three things get me there: [a workflow you built and its measured result]; "
        f"[how you measured quality: your eval story]; and {market_reason}."
    )
    return render(
        "embedded/counter_script",
        for_company=f" from {offer.company}" if offer.company else "",
        ask=ask,
        because=because,
        close=close,
    )


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def counter_offer(
    offer: Offer,
    totals: Totals,
    market: MarketBenchmark,
    *,
    next_level: tuple[str, MarketBenchmark] | None = None,
) -> CounterProposal:
    """The counter: anchor, range, levers with dollar values, and a script to send.

    ``next_level`` is the name of the level above the offer's and its market benchmark,
    from the same lookup; without it the level lever has no dollar value.
    """
    median = market.median
    anchor = _thousand(max(median, offer.base)) if median is not None else None
    focus: Literal["base", "package"] = (
        "base" if median is not None and offer.base < median else "package"
    )
    gap = _base_gap(offer, anchor) if focus == "base" else 0
    low = anchor
    high = _thousand(anchor * (1 + RANGE_TOP)) if anchor else None
    stretch = _thousand(anchor * (1 + RANGE_STRETCH)) if anchor else None
    if anchor is None:
        basis = f"No anchor: {market.reason or 'no market median'}."
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
    levers = [
        _sign_on(offer, totals, gap),
        _equity(offer, totals, gap),
        _refreshers(offer, totals),
        _level(market, next_level),
        _start_date(offer),
        _pto(offer),
    ]
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
        script=_script(offer, market, base_ask, levers),
        citations=[
            cite.STATE_RANGE,
            cite.COUNTER_ONCE,
            *dict.fromkeys(lever.citation for lever in levers),
        ],
    )
