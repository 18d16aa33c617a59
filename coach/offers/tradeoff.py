"""A trade-off priced: two alternatives side by side over one year and four.

"A one-time $30k sign-on or $10k more base?", "a 10% bonus or +8k base?", "2,000 more
RSUs for $15,000 of base?", "a later start or the sign-on?": each side is priced part by
part, year by year, and its totals are the sums of its parts. What compounds is said
(base feeds the bonus percentage and every raise; a sign-on is paid once and may be
clawed back), the raise assumption is the user's or none, and anything the question
leaves out (the base a bonus percentage is figured on, the price of a share) is asked
for, with the figure at which the two sides tie where that can be computed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pydantic import BaseModel, Field

from coach import citations as cite
from coach.errors import InputError
from coach.money import format_usd
from coach.offers.model import HORIZON_YEARS, MAX_BASE, MIN_BASE, Vesting
from coach.offers.totals import DEFAULT_HAIRCUT
from coach.offers.tradeoff_read import (
    Component,
    Kind,
    Side,
    TradeoffQuestion,
    question_from_options,
    read_parts,
    tradeoff_question,
)

__all__ = [
    "Kind",
    "Tradeoff",
    "TradeoffLine",
    "TradeoffQuestion",
    "TradeoffSide",
    "compare_tradeoff",
    "question_from_options",
    "read_parts",
    "tradeoff_question",
]

MAX_RAISE_PERCENT = 50.0
WEEKS_PER_YEAR = 52  # the playbook's week of pay: base / 52 ($200K -> about $3,800)
_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "CAD": "C$"}
# The usual pattern the playbook names (total-package § Vesting schedules and cliffs):
# four years, a one-year cliff, then monthly. Used, and said, when a question gives none.
USUAL_VESTING = Vesting()


class TradeoffLine(BaseModel):
    """One part of a side, per year; ``one_time`` parts are paid once, in year one."""

    part: Kind
    label: str
    by_year: list[int]
    one_time: bool = False

    @property
    def total(self) -> int:
        return sum(self.by_year)


class TradeoffSide(BaseModel):
    name: str
    words: str
    lines: list[TradeoffLine] = Field(default_factory=list)
    by_year: list[int] = Field(default_factory=list)
    first_year: int | None = None  # None while a part is unpriced (see ``unpriced``)
    four_year_total: int | None = None
    unpriced: list[str] = Field(default_factory=list)


class Tradeoff(BaseModel):
    currency: str
    basis: str  # "the whole package" or "only what differs between them"
    sides: list[TradeoffSide]
    leader_first_year: str | None = None
    lead_first_year: int | None = None
    leader_four_years: str | None = None
    lead_four_years: int | None = None
    findings: list[str] = Field(default_factory=list)
    clawback: str = ""
    compounding: str = ""
    raise_percent: float = 0.0
    raise_basis: str = ""
    asks: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    read: list[str] = Field(default_factory=list)
    citations: list[str] = Field(default_factory=list)


def money(value: float, currency: str = "USD") -> str:
    """format_usd in the question's currency (£10,000), with the sign in front."""
    text = format_usd(abs(value))
    if currency != "USD":
        text = text.replace("$", _SYMBOLS.get(currency, f"{currency} "), 1)
    return f"-{text}" if value < 0 else text


@dataclass(frozen=True)
class _Inputs:
    """What the comparison works from, after the caller's overrides."""

    q: TradeoffQuestion
    base: int | None
    bonus_percent: float | None
    growth: float


def _check_override(
    base: int | None,
    bonus_percent: float | None,
    raise_percent: float | None,
    clawback_months: int | None,
) -> None:
    if base is not None and not MIN_BASE <= base <= MAX_BASE:
        raise InputError(
            f"base: {format_usd(base)} is not a yearly base I can use; "
            f"give one between {format_usd(MIN_BASE)} and {format_usd(MAX_BASE)}."
        )
    if bonus_percent is not None and not 0 <= bonus_percent <= 200:
        raise InputError(f"bonus_percent: {bonus_percent:g}% is not a bonus target; use 0 to 200.")
    if raise_percent is not None and not 0 <= raise_percent <= MAX_RAISE_PERCENT:
        raise InputError(
            f"raise_percent: {raise_percent:g}% a year is not a raise I can compound; "
            f"use 0 to {MAX_RAISE_PERCENT:g}."
        )
    if clawback_months is not None and not 0 <= clawback_months <= 60:
        raise InputError(f"clawback_months: {clawback_months} is not valid; use 0 to 60.")


def _package(q: TradeoffQuestion, side: Side, other: Side) -> dict[Kind, Component]:
    """The parts this side has: the context, with this side's changes and without what it
    gives up for the other side."""
    parts = {c.kind: c for c in q.context if c.stated}
    for kind in other.kinds - side.kinds:
        theirs = other.of(kind)
        named_from_context = theirs is not None and (
            not theirs.stated or (kind in parts and theirs.amount == parts[kind].amount)
        )
        if q.exchange or named_from_context:
            parts.pop(kind, None)  # "swap the sign-on for +12k base": the sign-on goes
    for part in side.parts:
        if part.kind is Kind.BASE and part.delta:
            continue  # a change of base is applied on top, in _base_of
        if part.stated or part.kind not in parts:
            parts[part.kind] = part
    return parts


def _base_of(
    side: Side, parts: dict[Kind, Component], base: int | None
) -> tuple[int | None, float | None]:
    """(this side's whole base or None, its change of base or None)."""
    whole = parts.get(Kind.BASE)
    known = whole.amount if whole is not None and not whole.delta else base
    change = side.of(Kind.BASE)
    delta: float | None = 0.0
    if change is not None and change.delta:
        if change.amount is not None:
            delta = change.amount
        elif change.percent is not None:
            delta = known * change.percent / 100 if known is not None else None
    return (round(known + delta) if known is not None and delta is not None else None), delta


def _line(kind: Kind, label: str, by_year: list[int], one_time: bool = False) -> TradeoffLine:
    return TradeoffLine(part=kind, label=label, by_year=by_year, one_time=one_time)


def _grown(value: float, growth: float) -> list[int]:
    return [round(value * growth ** (y - 1)) for y in range(1, HORIZON_YEARS + 1)]


def _once(value: int) -> list[int]:
    return [value] + [0] * (HORIZON_YEARS - 1)


def _equity_value(part: Component, q: TradeoffQuestion) -> tuple[float | None, str]:
    """(the grant's value or None, what is needed to value it)."""
    if part.amount is not None:
        return float(part.amount), ""
    if part.shares is not None:
        if q.price_per_share is None:
            return None, "the price per share of the RSUs"
        return part.shares * q.price_per_share, ""
    if part.percent is not None:
        if q.valuation is None:
            return None, "the company valuation the equity percentage is priced at"
        return part.percent / 100 * q.valuation, ""
    return None, "the size of the equity grant"


def _equity_label(part: Component, q: TradeoffQuestion, value: float) -> str:
    cur = q.currency
    if part.shares is not None:
        shares = f"{abs(part.shares):,.0f} {'more ' if part.delta else ''}RSUs"
        return f"{shares} × {money(q.price_per_share or 0, cur)} = {money(value, cur)}"
    if part.percent is not None:
        return f"{part.percent:g}% of a {money(q.valuation or 0, cur)} valuation"
    return f"Equity grant of {money(value, cur)}"


def _side(
    name: str, side: Side, other: Side, inputs: _Inputs, whole: bool
) -> tuple[TradeoffSide, dict[str, float]]:
    """One side priced part by part. ``whole``: the whole package, else only what this
    side names (the rest is the same on both sides and cancels)."""
    q, g, cur = inputs.q, inputs.growth, inputs.q.currency
    parts = _package(q, side, other)
    base, delta = _base_of(side, parts, inputs.base)
    lines: list[TradeoffLine] = []
    unpriced: list[str] = []
    facts: dict[str, float] = {}
    own = parts if whole else {k: v for k, v in parts.items() if side.of(k) is not None}
    bonus = parts.get(Kind.BONUS)
    pct = bonus.percent if bonus is not None else inputs.bonus_percent
    if bonus is None and Kind.BONUS in other.kinds and inputs.bonus_percent is not None:
        pct = None  # the other side's bonus is the alternative to this side
    if whole and base is not None:
        lines.append(_line(Kind.BASE, f"Base {money(base, cur)}", _grown(base, g)))
    elif delta:
        word = "more" if delta > 0 else "less"
        lines.append(_line(Kind.BASE, f"{money(abs(delta), cur)} {word} base", _grown(delta, g)))
    if delta is None:
        unpriced.append("your base salary (the change of base is a percentage of it)")
    if pct is not None and (whole or (Kind.BONUS in own and base is not None)):
        if base is None:
            unpriced.append(f"your base salary (the {pct:g}% bonus is figured on it)")
        else:
            bonus_line = _grown(base * pct / 100, g)
            lines.append(_line(Kind.BONUS, f"Bonus {pct:g}% of base (target)", bonus_line))
    elif pct is not None and Kind.BONUS in own:
        unpriced.append(f"your base salary (the {pct:g}% bonus is figured on it)")
        facts["bonus_percent"] = pct
    elif pct is not None and delta:
        # Base feeds the bonus: the extra base raises the bonus by its percentage.
        on_delta = _grown(delta * pct / 100, g)
        lines.append(_line(Kind.BONUS, f"{pct:g}% bonus on that base", on_delta))
    if bonus is not None and bonus.amount is not None and (whole or Kind.BONUS in own):
        flat = _grown(bonus.amount, 1.0)  # a bonus in money is not figured on base
        lines.append(_line(Kind.BONUS, f"Bonus {money(bonus.amount, cur)}", flat))
    for kind, label in ((Kind.SIGN_ON, "Sign-on"), (Kind.RELOCATION, "Relocation")):
        part = own.get(kind)
        if part is not None and part.amount is not None:
            lines.append(_line(kind, f"{label} (once)", _once(part.amount), one_time=True))
    equity = own.get(Kind.EQUITY)
    if equity is not None:
        value, need = _equity_value(equity, q)
        if value is None:
            unpriced.append(need)
            if equity.shares is not None:
                facts["shares"] = equity.shares
            if equity.percent is not None:
                facts["equity_percent"] = equity.percent
        else:
            fractions = USUAL_VESTING.year_fractions(HORIZON_YEARS)
            vested = [round(value * f) for f in fractions]
            lines.append(_line(Kind.EQUITY, _equity_label(equity, q, value), vested))
    if Kind.START in own:
        start = own[Kind.START]
        if start.months is not None:
            facts["start_months"] = start.months
    by_year = [sum(line.by_year[y] for line in lines) for y in range(HORIZON_YEARS)]
    complete = not unpriced
    if base is not None:
        facts["base"] = base
    return (
        TradeoffSide(
            name=name,
            words=side.words,
            lines=lines,
            by_year=by_year,
            first_year=by_year[0] if complete else None,
            four_year_total=sum(by_year) if complete else None,
            unpriced=unpriced,
        ),
        facts,
    )


def _leader(a: TradeoffSide, b: TradeoffSide, field: str) -> tuple[str | None, int | None]:
    x, y = getattr(a, field), getattr(b, field)
    if x is None or y is None:
        return None, None
    if x == y:
        return "tie", 0
    return (a.name, x - y) if x > y else (b.name, y - x)


def _catch_up_month(lead: TradeoffSide, lag: TradeoffSide) -> int | None:
    """The month the four-year leader's running total first reaches the other side's.

    One-time parts are paid in month one; yearly parts accrue by the month. Equity is
    left out of this (a cliff makes it lumpy): None when either side has any.
    """

    def month_by_month(side: TradeoffSide) -> list[float]:
        running, out = 0.0, []
        for month in range(HORIZON_YEARS * 12):
            for line in side.lines:
                if line.one_time:
                    running += line.by_year[0] if month == 0 else 0
                else:
                    running += line.by_year[month // 12] / 12
            out.append(running)
        return out

    if any(ln.part is Kind.EQUITY for s in (lead, lag) for ln in s.lines):
        return None
    ahead, behind = month_by_month(lead), month_by_month(lag)
    return next((m + 1 for m in range(len(ahead)) if ahead[m] >= behind[m] - 0.5), None)


def compare_tradeoff(
    q: TradeoffQuestion,
    *,
    base: int | None = None,
    bonus_percent: float | None = None,
    raise_percent: float | None = None,
    clawback_months: int | None = None,
) -> Tradeoff:
    """Both sides of ``q`` over one year and four, with what compounds and what is missing.

    ``base``, ``bonus_percent``, ``raise_percent`` and ``clawback_months`` fill in what
    the question leaves out (a tool's arguments); the question's own figures come first.
    """
    _check_override(base, bonus_percent, raise_percent, clawback_months)
    ctx_base = q.context_of(Kind.BASE)
    if ctx_base is not None and ctx_base.amount is not None and not ctx_base.delta:
        base = ctx_base.amount
    ctx_bonus = q.context_of(Kind.BONUS)
    if ctx_bonus is not None and ctx_bonus.percent is not None:
        bonus_percent = ctx_bonus.percent
    raise_given = q.raise_percent if q.raise_percent is not None else raise_percent
    if raise_given is not None and not 0 <= raise_given <= MAX_RAISE_PERCENT:
        raise InputError(
            f"raise: {raise_given:g}% a year is not a raise I can compound; "
            f"use 0 to {MAX_RAISE_PERCENT:g}."
        )
    clawback = q.clawback_months if q.clawback_months is not None else clawback_months
    inputs = _Inputs(q, base, bonus_percent, 1 + (raise_given or 0) / 100)
    a_side, b_side = q.sides
    whole = all(
        _base_of(s, _package(q, s, o), base)[0] is not None
        for s, o in ((a_side, b_side), (b_side, a_side))
    )
    a, a_facts = _side("A", a_side, b_side, inputs, whole)
    b, b_facts = _side("B", b_side, a_side, inputs, whole)
    leader1, lead1 = _leader(a, b, "first_year")
    leader4, lead4 = _leader(a, b, "four_year_total")
    cur = q.currency
    findings: list[str] = []
    cited = [cite.COMPARE_4_YEAR_TOTAL]
    for span, leader, lead in (("one year", leader1, lead1), ("four years", leader4, lead4)):
        if leader == "tie":
            findings.append(f"Over {span} the two sides pay the same.")
        elif leader is not None and lead is not None:
            findings.append(f"Over {span}, {leader} pays {money(lead, cur)} more.")
    if leader1 and leader4 and "tie" not in (leader1, leader4) and leader1 != leader4:
        lead_side, lag_side = (a, b) if leader4 == "A" else (b, a)
        month = _catch_up_month(lead_side, lag_side)
        if month is not None:
            findings.append(
                f"{lead_side.name} catches up with {lag_side.name} in month {month}: before "
                f"then {lag_side.name} is ahead, after it {lead_side.name} is."
            )
    kinds = a_side.kinds | b_side.kinds | {c.kind for c in q.context}
    _payout_break_even(a, b, findings)
    _base_break_even(a, b, a_facts, b_facts, findings, cur)
    _equity_break_even(a, b, a_facts, b_facts, findings, cur)
    asks = list(dict.fromkeys(a.unpriced + b.unpriced))
    notes: list[str] = []
    if Kind.BONUS in kinds:
        cited.append(cite.BONUS_PAYOUT)
    if Kind.EQUITY in kinds:
        cited += [cite.EQUITY, cite.VESTING]
        if any(ln.part is Kind.EQUITY for s in (a, b) for ln in s.lines):
            notes.append(
                "Equity is valued at the stated price, vesting over 4 years with a 1-year "
                "cliff (the usual pattern); ask for the real schedule."
            )
        if q.private:
            notes.append(
                f"Private-company shares can't be sold until an IPO or a tender offer: at the "
                f"project's {DEFAULT_HAIRCUT:.0%} haircut the equity is worth "
                f"{1 - DEFAULT_HAIRCUT:.0%} of its paper value, and it may be worth nothing."
            )
    if Kind.START in kinds:
        cited.append(cite.START_AND_PTO)
        _start_findings(a, b, a_facts, b_facts, findings, asks, q, cur)
    clawback_text = _clawback(a, b, clawback, cur)
    if clawback_text:
        cited += [cite.SIGN_ON, cite.SIGN_ON_CLAWBACK]
    compounding = _compounding(a, b, a_side, b_side, bonus_percent)
    if compounding:
        cited.append(cite.DECISION_RULE)
    if raise_given is not None:
        raise_basis = (
            f"Raises of {raise_given:g}% a year, as you gave them, compound the base and "
            "everything figured on it from year 2."
        )
    else:
        raise_basis = (
            "No yearly raise is assumed (0%): the playbook gives no raise rate to assume. "
            "Tell me yours (for example 'raises of 3% a year') and the base side compounds."
        )
    if Kind.BONUS in kinds and (
        bonus_percent
        or any("Bonus" in ln.label or "bonus" in ln.label for s in (a, b) for ln in s.lines)
    ):
        notes.append(
            "A bonus is a target: what it pays depends on the company and you; ask what it "
            "has paid out as a share of target in recent years."
        )
    return Tradeoff(
        currency=cur,
        basis="the whole package" if whole else "only what differs between them",
        sides=[a, b],
        leader_first_year=leader1,
        lead_first_year=lead1,
        leader_four_years=leader4,
        lead_four_years=lead4,
        findings=findings,
        clawback=clawback_text,
        compounding=compounding,
        raise_percent=raise_given or 0.0,
        raise_basis=raise_basis,
        asks=asks,
        notes=notes,
        read=list(q.read),
        citations=list(dict.fromkeys(cited)),
    )


def _bonus_totals(side: TradeoffSide) -> tuple[int, int]:
    """(four-year total of the bonus lines, of everything else)."""
    bonus = sum(ln.total for ln in side.lines if ln.part is Kind.BONUS)
    return bonus, sum(side.by_year) - bonus


def _payout_break_even(a: TradeoffSide, b: TradeoffSide, findings: list[str]) -> None:
    """When the sides differ in bonus target: the payout rate at which they tie."""
    if a.four_year_total is None or b.four_year_total is None:
        return
    (bonus_a, fixed_a), (bonus_b, fixed_b) = _bonus_totals(a), _bonus_totals(b)
    if bonus_a == bonus_b:
        return
    hi, lo = (a, b) if bonus_a > bonus_b else (b, a)
    bonus_hi, fixed_hi = max((bonus_a, fixed_a), (bonus_b, fixed_b))
    bonus_lo, fixed_lo = min((bonus_a, fixed_a), (bonus_b, fixed_b))
    rate = (fixed_lo - fixed_hi) / (bonus_hi - bonus_lo)
    if rate <= 0:
        findings.append(
            f"{hi.name} leads over four years even if its bonus paid nothing: its guaranteed "
            "pay alone is more."
        )
    elif rate < 1:
        findings.append(
            f"{hi.name}'s lead rests on its bonus: over four years it stays ahead only if the "
            f"bonus pays out at least {math.ceil(rate * 100)}% of target; below that, "
            f"{lo.name} is ahead."
        )
    else:
        findings.append(
            f"Even paid in full, {hi.name}'s bigger bonus doesn't make up for {lo.name}'s "
            f"guaranteed pay over four years; it would take {math.ceil(rate * 100)}% of target."
        )


def _base_break_even(
    a: TradeoffSide,
    b: TradeoffSide,
    fa: dict[str, float],
    fb: dict[str, float],
    findings: list[str],
    cur: str,
) -> None:
    """A bonus percentage against a fixed sum, with no base given: the base at which they tie."""
    for side, facts, other in ((a, fa, b), (b, fb, a)):
        pct = facts.get("bonus_percent")
        if pct is None or not pct or other.first_year is None or other.first_year <= 0:
            continue
        recurring = sum(ln.by_year[0] for ln in other.lines if not ln.one_time)
        if recurring <= 0:
            continue
        tie = recurring / (pct / 100)
        findings.append(
            f"The {pct:g}% bonus ({side.name}) pays more each year than {other.name}'s "
            f"{money(recurring, cur)} only when your base is above {money(round(tie), cur)}, "
            "and only if the bonus pays out in full."
        )


def _equity_break_even(
    a: TradeoffSide,
    b: TradeoffSide,
    fa: dict[str, float],
    fb: dict[str, float],
    findings: list[str],
    cur: str,
) -> None:
    """Equity with no price: the share price (or valuation) at which it matches the other side."""
    for side, facts, other in ((a, fa, b), (b, fb, a)):
        if other.four_year_total is None or other.four_year_total <= 0:
            continue
        if facts.get("shares"):
            price = other.four_year_total / abs(facts["shares"])
            findings.append(
                f"The {abs(facts['shares']):,.0f} RSUs ({side.name}) match {other.name}'s "
                f"{money(other.four_year_total, cur)} over four years at "
                f"{money(round(price), cur)} a share, if all of them vest within the four years."
            )
        elif facts.get("equity_percent"):
            valuation = other.four_year_total / (facts["equity_percent"] / 100)
            findings.append(
                f"The {facts['equity_percent']:g}% ({side.name}) matches {other.name}'s "
                f"{money(other.four_year_total, cur)} at a valuation of "
                f"{money(round(valuation), cur)}."
            )


def _start_findings(
    a: TradeoffSide,
    b: TradeoffSide,
    fa: dict[str, float],
    fb: dict[str, float],
    findings: list[str],
    asks: list[str],
    q: TradeoffQuestion,
    cur: str,
) -> None:
    """A later start is time, not cash: priced in weeks of pay when the base is known."""
    later, other = (a, b) if Kind.START in q.sides[0].kinds else (b, a)
    facts = fa if later is a else fb
    base = fa.get("base") or fb.get("base")
    cash = (
        other.first_year - later.first_year
        if other.first_year is not None and later.first_year is not None
        else None
    )
    months = facts.get("start_months")
    if base and cash and cash > 0:
        weeks = cash / (base / WEEKS_PER_YEAR)
        findings.append(
            f"The {money(cash, cur)} more that {other.name} pays in year one is about "
            f"{weeks:.1f} weeks of your base pay: that's the price of the later start."
        )
    elif cash and cash > 0:
        asks.append(
            f"your base salary, to put the {money(cash, cur)} in weeks of pay against the "
            "extra time off"
        )
    if months is None:
        asks.append("how many weeks later you'd start")
    elif base:
        unpaid = round(base * months / 12)
        findings.append(
            f"Starting {months:g} months later also means about {money(unpaid, cur)} of "
            "base you won't be paid by them in that time, unless you're paid elsewhere."
        )
    findings.append(
        f"{later.name} (the later start) is time, not cash: worth it if you'd use the weeks "
        "(a vest or bonus you'd collect first, a clean handover, a real break)."
    )


def _clawback(
    a: TradeoffSide,
    b: TradeoffSide,
    months: int | None,
    cur: str,
) -> str:
    """What a clawback puts at risk, in months and money, when a side pays a sum once."""
    once = [(s, ln) for s in (a, b) for ln in s.lines if ln.one_time and ln.total]
    if not once:
        return ""
    side, line = once[0]
    other = b if side is a else a
    what = "sign-on" if line.label.startswith("Sign-on") else "relocation package"
    sum_once = money(line.total, cur)
    window = months if months is not None else 12
    extra = sum(ln.by_year[0] for ln in other.lines if not ln.one_time) - sum(
        ln.by_year[0] for ln in side.lines if not ln.one_time
    )
    by_then = ""
    if extra > 0:
        paid = round(extra * min(window, 12) / 12)
        by_then = (
            f" Leave at month {window} and {side.name}'s {what} goes back, while "
            f"{other.name}'s extra pay has paid you {money(paid, cur)} by then."
        )
    if months is not None:
        return (
            f"The {sum_once} {what} is repaid if you leave within {months} months: it "
            f"isn't yours to count until then.{by_then}"
        )
    if what == "relocation package":
        return (
            f"Ask whether the {sum_once} relocation package must be repaid if you leave "
            "early, as a sign-on usually must, and on what terms.{by_then}"
        ).replace("{by_then}", by_then)
    return (
        f"A {what} usually comes with a clawback, commonly 12 months and sometimes 24: ask "
        f"whether the {sum_once} is repaid in full or prorated, and whether a layoff "
        f"counts.{by_then}"
    )


def _compounding(
    a: TradeoffSide, b: TradeoffSide, a_side: Side, b_side: Side, bonus_percent: float | None
) -> str:
    """What grows with base, and what doesn't."""

    def base_paid(side: TradeoffSide) -> int:
        return sum(ln.by_year[0] for ln in side.lines if ln.part is Kind.BASE)

    if a_side.of(Kind.BASE) is None and b_side.of(Kind.BASE) is None:
        return ""
    higher = a if base_paid(a) > base_paid(b) else b
    text = (
        f"{higher.name}'s higher base compounds: the bonus percentage, every future raise "
        "and often the refreshers are figured on base, and the next employer's offer "
        "starts from it."
    )
    if bonus_percent:
        text += f" Here the extra base also raises the {bonus_percent:g}% bonus."
    once = any(ln.one_time for s in (a, b) for ln in s.lines)
    if once:
        text += " A one-time payment is paid once and compounds nothing."
    return text
