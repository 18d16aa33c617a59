"""One judgement of a practice call: what the candidate did, read from the call's log.

The live hints and the end-of-call scorecard both come from ``judge(scenario, state)``:
the same parsed moves (``state.log``), the same rules, the same thresholds. A hint is
what became true at the turn just played; the scorecard is the judgement of the whole
call. So a hint can never say a thing the scorecard denies: a warning speaks only of a
mistake that stays made once made (``hints.FINAL_MISTAKES``), the ones the candidate can
still put right get a tip and are judged at the end, and a strength is only praised
while no mistake contradicts it (``CONFLICTS``).

Asks are judged against the person's market estimate (``scenario.market``, the
function median for the role, level and place). The articles put a counter's range
between the median and 15–20% above it: an ask in ``ANCHOR_BAND`` is anchored at the
market; above the band with no concrete evidence (a workflow, an eval story, a
measured result, a firm competing offer) is its own mistake; below the median is
money left on the table.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from pydantic import BaseModel

from coach import citations as cite
from coach.money import format_usd
from coach.roleplay.moves import CandidateMove, Component, MoveKind
from coach.roleplay.policy import Act, NegotiationState, Outcome
from coach.roleplay.scenario import Scenario

Status = Literal["made", "avoided", "not tested"]

# An ask is anchored at the market between these shares of the median (the low end of a
# range, or the one figure); a range's top may reach the band's top plus a little.
ANCHOR_BAND = (0.97, 1.20)
RANGE_TOP_MAX = 1.25
# A base figure under half the offer's is not a salary ask ("saved 20k a year in compute"
# read as one): the judgement names no figure it can't stand behind.
_PLAUSIBLE_SHARE = 0.5


class MistakeResult(BaseModel):
    key: str
    title: str
    status: Status
    detail: str
    turn: int | None = None
    citation: str


class Praise(BaseModel):
    key: str
    text: str
    citation: str
    turn: int


class Judgement(BaseModel):
    mistakes: list[MistakeResult]
    went_well: list[Praise]

    def made(self) -> dict[str, MistakeResult]:
        return {m.key: m for m in self.mistakes if m.status == "made"}

    def praised(self) -> dict[str, Praise]:
        return {p.key: p for p in self.went_well}


# Mistake keys, their titles and citations: the one vocabulary of the call's judgement.
# ``shown`` says whether the mistake is listed when not made (conduct is listed only
# when it happened).
@dataclass(frozen=True)
class _Kind:
    title: str
    citation: str
    shown: bool = True


MISTAKES: dict[str, _Kind] = {
    "current_pay": _Kind("Sharing your current pay", cite.ANCHORING_ON_CURRENT_PAY),
    "anchoring": _Kind("Anchoring on your current pay", cite.ANCHORING_ON_CURRENT_PAY),
    "ask_far_above": _Kind("Asking far above the market with no evidence", cite.STATE_RANGE),
    "ask_below": _Kind("Asking below the market (leaving money on the table)", cite.STATE_RANGE),
    "buzzwords": _Kind("No specific evidence behind the ask (or AI buzzwords)", cite.BUZZWORDS),
    "median": _Kind("Not knowing your function median", cite.NOT_KNOWING_THE_MEDIAN),
    "first_offer": _Kind(
        "Accepting the first offer because it is a raise", cite.ACCEPTING_THE_FIRST_OFFER
    ),
    "no_counter": _Kind("Not countering the offer", cite.COUNTER_ONCE, shown=False),
    "base_only": _Kind("Negotiating only base salary", cite.BASE_ONLY),
    "on_the_spot": _Kind("Accepting on the spot", cite.ON_THE_SPOT),
    "hostile": _Kind("Hostility toward the recruiter", cite.ANY_PUSHBACK, shown=False),
    "injection": _Kind("Trying to game the recruiter", cite.ANY_PUSHBACK, shown=False),
}

# A strength is not praised when one of these mistakes was made in the same call.
CONFLICTS: dict[str, tuple[str, ...]] = {
    "deflected": ("current_pay", "anchoring"),
    "anchored_at_market": ("ask_far_above", "ask_below", "anchoring"),
    "market": (),
    "evidence": ("buzzwords",),
    "counter_moved_base": ("first_offer",),
    "levers": ("base_only",),
    "asked_time": ("on_the_spot", "first_offer"),
    "floor": ("ask_below", "ask_far_above"),
}


@dataclass(frozen=True)
class BaseAsk:
    """A base figure the candidate asked for, in dollars, at a turn."""

    turn: int
    low: int
    high: int
    before_offer: bool


@dataclass(frozen=True)
class _Call:
    scenario: Scenario
    state: NegotiationState

    def turns(self) -> Iterator[tuple[int, list[CandidateMove]]]:
        for log in self.state.log:
            yield log.turn, log.moves

    def first(self, *kinds: MoveKind) -> int | None:
        return next(
            (turn for turn, moves in self.turns() if any(m.kind in kinds for m in moves)), None
        )

    def moves(self, *kinds: MoveKind) -> list[tuple[int, CandidateMove]]:
        return [(turn, m) for turn, moves in self.turns() for m in moves if m.kind in kinds]

    def said(self, act: Act) -> int | None:
        return next((log.turn for log in self.state.log if act in log.acts), None)

    @property
    def median(self) -> int | None:
        market = self.scenario.market
        return market.p50 if market else None

    def base_on_table(self, turn: int) -> int:
        """The base on the table when the candidate spoke at ``turn``."""
        base = (self.state.offered or self.scenario.first_offer).base
        for change in self.state.conceded:
            if change.component == "base" and change.turn < turn and isinstance(change.after, int):
                base = change.after
        return base

    @cached_property
    def base_asks(self) -> list[BaseAsk]:
        """Every base figure asked, in dollars (computed once: every check reads it)."""
        offer_turn = self.state.offer_turn
        asks: list[BaseAsk] = []
        for turn, move in self.moves(
            MoveKind.NAMES_NUMBER, MoveKind.NAMES_RANGE, MoveKind.NAMES_PERCENT
        ):
            if move.component not in (None, Component.BASE):
                continue
            before = offer_turn is None or turn <= offer_turn
            reference = self.base_on_table(turn)
            if move.kind == MoveKind.NAMES_PERCENT:
                if move.percent is None:
                    continue
                current = self.state.current_pay if move.detail == "current" else None
                if move.detail == "current" and not current:
                    continue
                value = round((current or reference) * (1 + move.percent / 100))
                asks.append(BaseAsk(turn, value, value, before))
                continue
            low = move.low if move.low is not None else move.amount
            high = move.high if move.high is not None else low
            if low is None or high is None:
                continue
            if move.relative:
                low, high = reference + low, reference + high
            if low >= _PLAUSIBLE_SHARE * reference:
                asks.append(BaseAsk(turn, low, max(low, high), before))
        return asks

    def evidence_by(self, turn: int) -> bool:
        """Concrete evidence cited at or before ``turn``: work, an eval, a result, an offer."""
        for at, move in self.moves(MoveKind.CITES_EVIDENCE, MoveKind.COMPETING_OFFER):
            if at > turn:
                continue
            if move.kind == MoveKind.CITES_EVIDENCE or (move.amount and move.detail == "offer"):
                return True
        return False

    @property
    def countered(self) -> bool:
        """Whether, once the offer was on the table, the candidate asked for more than it
        gave: a figure under the offer, or "that works", is no counter."""
        offer_turn = self.state.offer_turn
        if self.state.offered is None or offer_turn is None:
            return False
        if any(a.turn > offer_turn and a.component != "base" for a in self.state.asks):
            return True
        for a in self.state.asks:
            if a.turn <= offer_turn or a.component != "base":
                continue
            # "can you do better on base?" (no figure), or another offer's higher base
            if a.amount is None or a.amount > self.base_on_table(a.turn):
                return True
        return any(
            ask.turn > offer_turn and ask.high > self.base_on_table(ask.turn)
            for ask in self.base_asks
        )


# The parser's kinds of evidence, as the scorecard says them.
_EVIDENCE_WORDS = {
    "workflow": "a workflow you built",
    "eval": "how you measured it",
    "outcome": "a measured result",
    "portability": "why it carries over",
    "ownership": "what you owned",
}


def _money(value: int) -> str:
    return format_usd(value)


def _ask_text(ask: BaseAsk) -> str:
    if ask.high > ask.low:
        return f"{_money(ask.low)}–{_money(ask.high)}"
    return _money(ask.low)


# ------------------------------------------------------------------ the mistakes


def _current_pay(call: _Call) -> tuple[Status, int | None, str]:
    shared = call.moves(MoveKind.REVEALS_CURRENT_PAY)
    if shared:
        turn, move = shared[0]
        figure = f" ({_money(move.amount)})" if move.amount else ""
        detail = f"You told the recruiter what you make now{figure}."
        deflected = call.first(MoveKind.DEFLECTS_CURRENT)
        if deflected is not None and deflected < turn:
            detail += f" You had kept it back at turn {deflected}, then gave it."
        if call.state.anchor_cost:
            detail += (
                f" The offer opened {_money(call.state.anchor_cost)} lower on base because of it."
            )
        return "made", turn, detail
    if "current_pay" in call.state.questions or call.said(Act.ASK_CURRENT_PAY) is not None:
        return "avoided", None, "Asked what you make now, you kept it to yourself."
    return "avoided", None, "Your current pay never came into the talk."


def _anchoring(call: _Call) -> tuple[Status, int | None, str]:
    framed = call.first(MoveKind.ANCHORS_ON_CURRENT)
    if framed is not None:
        return "made", framed, "You framed your ask on what you make now, not on the market."
    current, median = call.state.current_pay, call.median
    shared = call.first(MoveKind.REVEALS_CURRENT_PAY)
    if current and shared is not None:
        for ask in call.base_asks:
            # A figure a small step above today's pay and under the market: built on it.
            built = ask.turn >= shared and ask.low <= current * 1.15
            if built and (median is None or ask.low < median * ANCHOR_BAND[0]):
                return (
                    "made",
                    ask.turn,
                    f"Your ask ({_ask_text(ask)}) was a step up from your current "
                    f"{_money(current)}, not a figure from the market.",
                )
    if call.state.anchor_cost and shared is not None:
        return (
            "made",
            call.state.offer_turn or shared,
            "The recruiter built the offer on your current pay.",
        )
    return "avoided", None, "Your current pay never became the anchor."


def _far_above(call: _Call) -> tuple[Status, int | None, str]:
    median = call.median
    asks = call.base_asks
    if median is None or not asks:
        return "not tested", None, "You named no base figure to judge against the market."
    # Evidence given at any point in the call backs the ask (an ask first, then the case
    # for it, is still a case); with none, the first ask above the band is the mistake.
    backed = call.evidence_by(call.state.turn)
    for ask in asks:
        if ask.low > median * ANCHOR_BAND[1] and not backed:
            return (
                "made",
                ask.turn,
                f"You asked for {_ask_text(ask)}, {ask.low / median:.1f}× the "
                f"{_money(median)} market median for this role, with no evidence behind it; "
                "a counter's range tops out 15–20% above the median.",
            )
    return (
        "avoided",
        None,
        "Every figure you named was within the market band or backed by evidence.",
    )


def _below(call: _Call) -> tuple[Status, int | None, str]:
    median = call.median
    asks = call.base_asks
    floors = [(turn, m.amount) for turn, m in call.moves(MoveKind.STATES_FLOOR) if m.amount]
    if median is None or not (asks or floors):
        return "not tested", None, "You named no base figure to judge against the market."
    for turn, floor in floors:
        # A walk-away under the median says you would take less than the going rate.
        if floor < median * ANCHOR_BAND[0] and floor >= _PLAUSIBLE_SHARE * median:
            return (
                "made",
                turn,
                f"Your minimum ({_money(floor)}) sits under the {_money(median)} market median "
                "for this role: it tells them you would take less than the going rate.",
            )
    for ask in asks:
        if ask.low < median * ANCHOR_BAND[0]:
            return (
                "made",
                ask.turn,
                f"You asked for {_ask_text(ask)}, under the {_money(median)} market median for "
                f"this role: {_money(median - ask.low)} a year left on the table before "
                "the talk began.",
            )
    return "avoided", None, "No figure you named was under the market median."


def _buzzwords(call: _Call) -> tuple[Status, int | None, str]:
    evidence = call.first(MoveKind.CITES_EVIDENCE)
    if evidence is not None:
        kinds = [_EVIDENCE_WORDS.get(kind, kind) for kind in sorted(call.state.evidence)]
        return (
            "avoided",
            evidence,
            "You cited specific work: " + (", ".join(kinds) or "your own") + ".",
        )
    buzz = call.first(MoveKind.BUZZWORDS)
    if buzz is not None:
        return (
            "made",
            buzz,
            "You described AI skills in general terms, with no specific workflow, eval or result.",
        )
    asks = call.base_asks
    if asks or call.countered:
        turn = asks[0].turn if asks else None
        return (
            "made",
            turn,
            "You asked for more with nothing specific behind it: no workflow you built, "
            "no eval story, no measured result.",
        )
    if call.state.offered is not None:
        # The premium is paid for evidence: an offer met with none leaves it on the table.
        return (
            "made",
            None,
            "With the offer on the table you never showed what your work achieved: no "
            "workflow you built, no eval story, no measured result.",
        )
    return (
        "not tested",
        None,
        "You asked for nothing, so no evidence was needed; a workflow, an eval story and a "
        "portability story would ground an ask.",
    )


def _median(call: _Call) -> tuple[Status, int | None, str]:
    cited = call.first(MoveKind.CITES_MARKET)
    if cited is not None:
        return "avoided", cited, "You cited market data for the role."
    asks = call.base_asks
    if asks:
        return (
            "made",
            asks[0].turn,
            "You named a figure without tying it to market data for the role.",
        )
    if call.state.outcome in (Outcome.ACCEPTED, Outcome.CANDIDATE_WALKED):
        return (
            "made",
            call.state.turn,
            "You decided on the offer without checking it against the market.",
        )
    return (
        "not tested",
        None,
        "You named no figure and made no decision, so the market never came into it.",
    )


def _first_offer(call: _Call) -> tuple[Status, int | None, str]:
    state = call.state
    if state.outcome != Outcome.ACCEPTED:
        return "not tested", None, "You did not accept an offer on this call."
    if call.countered:
        return "avoided", None, "You countered before accepting."
    return "made", state.turn, "You accepted the first offer without a counter."


def _base_only(call: _Call) -> tuple[Status, int | None, str]:
    levers = {c.value for c in Component} - {Component.BASE.value}
    turn = next((a.turn for a in call.state.asks if a.component in levers), None)
    if turn is not None:
        return "avoided", turn, "You asked about more than base."
    # Pushing on base before the offer counts too, once an offer came of it.
    pushed = call.countered or (call.state.offered is not None and bool(call.base_asks))
    if pushed:
        return (
            "made",
            None,
            "You negotiated base only: sign-on, equity, level, start date and PTO were "
            "never raised.",
        )
    return "not tested", None, "You did not negotiate any component."


def _no_counter(call: _Call) -> tuple[Status, int | None, str]:
    """An offer left standing with no counter (saying yes to it is ``first_offer``)."""
    state = call.state
    if state.offered is None or call.countered or state.outcome == Outcome.ACCEPTED:
        return "not tested", None, ""
    return (
        "made",
        None,
        "The offer was on the table and you never asked for more than it gave, on base or "
        "on any other part of the package.",
    )


def _on_the_spot(call: _Call) -> tuple[Status, int | None, str]:
    state = call.state
    if state.outcome != Outcome.ACCEPTED:
        return "not tested", None, "You did not accept on this call."
    time_turn = call.first(MoveKind.ASKS_TIME, MoveKind.ASKS_IN_WRITING)
    if time_turn is not None and time_turn < state.turn:
        return "avoided", None, "You took time before saying yes."
    return "made", state.turn, "You said yes on the call instead of taking the offer in writing."


def _hostile(call: _Call) -> tuple[Status, int | None, str]:
    turn = call.first(MoveKind.HOSTILE)
    if turn is None:
        return "avoided", None, "You kept it courteous."
    return "made", turn, "You insulted or threatened the recruiter; that costs goodwill, not them."


def _injection(call: _Call) -> tuple[Status, int | None, str]:
    turn = call.first(MoveKind.INJECTION)
    if turn is None:
        return "avoided", None, "You played the call straight."
    return (
        "made",
        turn,
        "You tried to make the recruiter break its role or reveal its budget; a real "
        "recruiter would stop trusting you, and no figure came of it.",
    )


_CHECKS: dict[str, Callable[[_Call], tuple[Status, int | None, str]]] = {
    "current_pay": _current_pay,
    "anchoring": _anchoring,
    "ask_far_above": _far_above,
    "ask_below": _below,
    "buzzwords": _buzzwords,
    "median": _median,
    "first_offer": _first_offer,
    "no_counter": _no_counter,
    "base_only": _base_only,
    "on_the_spot": _on_the_spot,
    "hostile": _hostile,
    "injection": _injection,
}


# ------------------------------------------------------------------ what went well


def _strengths(call: _Call) -> list[Praise]:
    found: list[Praise] = []

    def add(key: str, turn: int | None, text: str, citation: str) -> None:
        if turn is not None:
            found.append(Praise(key=key, text=text, citation=citation, turn=turn))

    add(
        "deflected",
        call.first(MoveKind.DEFLECTS_CURRENT),
        "You kept your current pay out of it and pointed to the market.",
        cite.DEFLECT_CURRENT,
    )
    median, asks = call.median, call.base_asks
    if median is not None and asks:
        first = asks[0]
        if (
            ANCHOR_BAND[0] <= first.low / median <= ANCHOR_BAND[1]
            and first.high <= median * RANGE_TOP_MAX
        ):
            add(
                "anchored_at_market",
                first.turn,
                f"You anchored at the market: {_ask_text(first)} against a "
                f"{_money(median)} median.",
                cite.STATE_RANGE,
            )
    add("market", call.first(MoveKind.CITES_MARKET), "You cited market data.", cite.FUNCTION_MEDIAN)
    add(
        "evidence",
        call.first(MoveKind.CITES_EVIDENCE),
        "You brought specific evidence of your work.",
        cite.EVIDENCE_PACK,
    )
    moved = [c.turn for c in call.state.conceded if c.component == "base"]
    add(
        "counter_moved_base",
        moved[0] if moved else None,
        "Your specific counter moved base.",
        cite.COUNTER_ONCE,
    )
    levers = {c.value for c in Component} - {Component.BASE.value}
    add(
        "levers",
        next((a.turn for a in call.state.asks if a.component in levers), None),
        "You negotiated beyond base.",
        cite.SIGN_ON,
    )
    writing, time = call.first(MoveKind.ASKS_IN_WRITING), call.first(MoveKind.ASKS_TIME)
    asked = [turn for turn in (writing, time) if turn is not None]
    if writing is not None and time is not None:
        text = "You asked for the offer in writing and for time to decide."
    elif writing is not None:
        text = "You asked for the offer in writing before deciding."
    else:
        text = "You asked for time to decide instead of answering on the call."
    add("asked_time", min(asked) if asked else None, text, cite.NEVER_ON_THE_SPOT)
    floors = call.moves(MoveKind.STATES_FLOOR)
    if floors:
        turn, move = floors[0]
        kept = not (
            call.state.outcome == Outcome.ACCEPTED
            and move.amount
            and call.state.table.base < move.amount
        )
        if kept:
            figure = f" ({_money(move.amount)})" if move.amount else ""
            add("floor", turn, f"You named your walk-away number{figure}.", cite.WALK_AWAY_NUMBER)
    return found


# ------------------------------------------------------------------ the judgement


def judge(scenario: Scenario, state: NegotiationState) -> Judgement:
    """The judgement of the call so far (of the whole call, once it has ended)."""
    call = _Call(scenario, state)
    mistakes: list[MistakeResult] = []
    for key, check in _CHECKS.items():
        status, turn, detail = check(call)
        kind = MISTAKES[key]
        if status != "made" and not kind.shown:
            continue
        mistakes.append(
            MistakeResult(
                key=key,
                title=kind.title,
                status=status,
                detail=detail,
                turn=turn,
                citation=kind.citation,
            )
        )
    made = {m.key for m in mistakes if m.status == "made"}
    went_well = [
        praise
        for praise in _strengths(call)
        if not made.intersection(CONFLICTS.get(praise.key, ()))
    ]
    return Judgement(mistakes=mistakes, went_well=sorted(went_well, key=lambda p: p.turn))


def new_at(before: Judgement, after: Judgement, turn: int) -> tuple[list[str], list[str]]:
    """The mistakes made and strengths shown at ``turn``: what a hint may speak of."""
    made_before = before.made()
    mistakes = [
        key
        for key, m in after.made().items()
        if key not in made_before and (m.turn is None or m.turn == turn)
    ]
    praised_before = before.praised()
    strengths = [
        key for key, p in after.praised().items() if p.turn == turn and key not in praised_before
    ]
    return mistakes, strengths


def checks_markdown(
    heading: str, mistakes: Sequence[MistakeResult], went_well: Sequence[Praise]
) -> list[str]:
    """A scorecard's checks (each made, avoided or not tested, with its turn and citation)
    and what went well: the recruiter's card and the manager's say them one way."""
    lines = ["", f"**{heading}**"]
    for m in mistakes:
        turn = f" (turn {m.turn})" if m.turn and m.status == "made" else ""
        lines.append(f"- {m.title}: **{m.status}**{turn}. {m.detail} [{m.citation}]")
    if went_well:
        lines += ["", "**What went well**"]
        lines += [f"- Turn {p.turn}: {p.text} [{p.citation}]" for p in went_well]
    return lines
