"""The manager's decisions in a raise or promotion talk, as pure functions.

``open_talk(scenario)`` and ``manager_move(scenario, state, turn)`` return a new state and
the decided ``ManagerMove``; nothing here phrases words or calls a model. The hidden pool
(``RaisePool``) is read only here: base moves go through ``_raise_to``, which clamps to
the pool, and ``assert_within_pool`` runs after every step, so no message (a threat, a
claimed band, a huge ask, pasted instructions) can make the manager give more than the
pool, pay a bonus over its pool, grant a title it has no approval for, or date a plan
before the next review.

The rules, by toughness (numbers in ``STANCES``):

* The case earns points: outcomes tied to business results 1 (2 with two or more such
  examples), what would break without them or the risk they carry 1, the market named
  with its source 1, a real competing offer (with a figure or in writing) 2. Emotional
  appeals, output counts and threats earn nothing.
* Base moves only for a concrete ask (a figure, a percent or "Xk more") backed by enough
  points, by a share of the gap between the table and the ask, a limited number of times,
  never past the pool. An ungrounded ask meets, in turn, the productivity narrative, "the
  budget cycle is closed" and "let's revisit at the next review". At the band's top (or
  with the pool spent) the manager says so, and once offers a one-off bonus instead.
* A promotion needs more points; short of them, "the promotion needs another half of
  scope". With them and a next level approved, the title moves and base may move to the
  promotion's pool; a tough manager gives the title first without money. No approved level:
  the title never moves.
* Asked for a plan, for criteria, or for it in writing, the manager agrees a written plan
  dated at the next review (never earlier), with what was agreed on the table.
* Pool and band probes, claimed band figures and pasted instructions are deflected, and
  nothing moves that turn. A threat to leave with no real offer moves nothing; hostility
  ends a tough talk at once, a standard one the second time, and only draws a warning
  from a soft manager. After ``max_rounds`` the manager sums up where it can land.
* The same ask or stall is never the whole reply twice in a row: a talk that gives the
  manager nothing new moves on (prompted twice: what to bring; asked for the case or the
  number twice: the next review's date; then "anything else?", then the summing up).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from coach.errors import InputError
from coach.roleplay.manager_reading import EmployeeTurn
from coach.roleplay.manager_scenario import ManagerScenario, TalkKind
from coach.roleplay.scenario import Toughness

MONEY_STEP = 1_000
ABSURD_RAISE = 0.40  # asking for more than 40% on base is not a raise request, it is a wish


class MAct(StrEnum):
    OPEN = "open"
    ACK = "ack"
    ASK_CASE = "ask_case"  # "walk me through the impact"
    ASK_NUMBER = "ask_number"  # "what are you thinking?"
    PRODUCTIVITY = "productivity"  # "with AI everyone does more, so raises are smaller"
    CYCLE_CLOSED = "cycle_closed"
    REVISIT_AT_REVIEW = "revisit_at_review"
    TOP_OF_BAND = "top_of_band"
    NEEDS_SCOPE = "needs_scope"  # "the promotion needs another half of scope"
    COUNTER = "counter"  # a smaller raise: amount = the new base
    ALREADY_THERE = "already_there"
    TITLE_ONLY = "title_only"  # the title, no money
    PROMOTE = "promote"  # the title and a new base
    BONUS_INSTEAD = "bonus_instead"  # a one-off bonus instead of base
    WRITTEN_PLAN = "written_plan"  # a written plan with the review date
    REFUSE_ABSURD = "refuse_absurd"
    DEFLECT_PROBE = "deflect_probe"
    CANT_CONFIRM_BAND = "cant_confirm_band"
    STAY_IN_ROLE = "stay_in_role"
    HEARS_EMOTION = "hears_emotion"  # "I hear you; help me with the business case"
    NO_THREATS = "no_threats"  # a threat with no offer: nothing moves
    ASK_OFFER_DETAILS = "ask_offer_details"
    WARN_HOSTILE = "warn_hostile"
    ENDS_MEETING = "ends_meeting"
    SUM_UP = "sum_up"  # the last word: where the manager can land
    HOLD = "hold"  # "that's where I can land"
    CLOSE_AGREED = "close_agreed"
    ACK_DECLINE = "ack_decline"
    PART_DECLINED = "part_declined"  # one part said no to: amount = the bonus taken back
    ACK_QUIT = "ack_quit"
    PROMPT = "prompt"
    ANYTHING_ELSE = "anything_else"  # the table stands; nothing new was asked


class Heard(StrEnum):
    RESULTS = "results"
    RISK = "risk"
    MARKET = "market"
    OFFER = "offer"


class TalkOutcome(StrEnum):
    OPEN = "open"
    AGREED = "agreed"
    DECLINED = "declined"
    QUIT = "quit"
    MANAGER_ENDED = "manager_ended"


@dataclass(frozen=True)
class MStance:
    points_for_raise: int
    points_for_promotion: int
    split: tuple[float, ...]  # share of the table-to-ask gap given on each base move
    raise_moves: int
    bonus_share: float
    title_first: bool  # a promotion comes as the title alone first
    max_rounds: int
    hostile_strikes: int  # 0: only ever warns


STANCES: dict[Toughness, MStance] = {
    Toughness.SOFT: MStance(1, 2, (0.8, 0.6), 2, 1.0, False, 8, 0),
    Toughness.STANDARD: MStance(2, 3, (0.6, 0.4), 2, 0.7, False, 6, 2),
    Toughness.TOUGH: MStance(3, 4, (0.45,), 1, 0.5, True, 5, 1),
}
OBJECTIONS = (MAct.PRODUCTIVITY, MAct.CYCLE_CLOSED, MAct.REVISIT_AT_REVIEW)
PUSHBACK = frozenset(
    {*OBJECTIONS, MAct.TOP_OF_BAND, MAct.NEEDS_SCOPE, MAct.REFUSE_ABSURD, MAct.NO_THREATS}
)


class MBeat(BaseModel):
    act: MAct
    amount: int | None = None  # a base, a raise or a bonus, in dollars
    bonus: int | None = None  # a written plan's one-off bonus, said with its base
    title: str | None = None
    day: date | None = None
    heard: Heard | None = None


class ManagerMove(BaseModel):
    beats: list[MBeat]
    ended: bool = False

    def acts(self) -> list[MAct]:
        return [b.act for b in self.beats]

    def money(self) -> set[int]:
        return {b.amount for b in self.beats if b.amount is not None}


class WrittenPlan(BaseModel):
    """What the manager agreed to put in writing, and for when."""

    day: date
    base: int  # the base on the table when the plan was agreed
    title: str
    bonus: int = 0
    promotion_review: bool = False  # the plan is a promotion case for that date
    turn: int


class TalkLog(BaseModel):
    turn: int
    read: EmployeeTurn
    acts: list[MAct]
    ask: int | None = None  # the base asked for, in dollars


class ManagerState(BaseModel):
    outcome: TalkOutcome = TalkOutcome.OPEN
    closed: bool = False
    turn: int = 0
    base: int
    title: str
    bonus: int = 0
    plan: WrittenPlan | None = None
    raise_moves: int = 0
    objections: list[MAct] = Field(default_factory=list)
    bonus_offered: bool = False
    number_asked: bool = False
    case_asked: bool = False
    results: int = 0  # distinct examples tied to a business result
    result_keys: list[str] = Field(default_factory=list)  # their figures (see read_turn)
    differentiation: bool = False
    market_source: str | None = None
    alternative: int | None = None  # a real offer's base (0: one in writing, no figure)
    hostile: int = 0
    bluffed: bool = False  # threatened to leave with no offer in hand
    title_only: bool = False  # asked for the title, not money
    summed_up: bool = False
    log: list[TalkLog] = Field(default_factory=list)

    def summary(self) -> dict[str, object]:
        """What the employee may see: what is on the table. Never the pool."""
        return {
            "outcome": self.outcome.value,
            "turn": self.turn,
            "base": self.base,
            "title": self.title,
            "bonus": self.bonus,
            "plan_date": self.plan.day.isoformat() if self.plan else None,
        }


class PoolBreachError(RuntimeError):
    """A bug: the state gives more than the hidden pool allows."""


def base_limit(scenario: ManagerScenario, title: str) -> int:
    pool = scenario.pool
    if title == pool.next_title and pool.promotion_max is not None:
        return pool.promotion_max
    return pool.raise_max


def assert_within_pool(scenario: ManagerScenario, state: ManagerState) -> None:
    """Raise PoolBreachError if anything on the table or in the plan is beyond the pool."""
    pool = scenario.pool
    if state.title not in {scenario.title, pool.next_title}:
        raise PoolBreachError(f"title {state.title!r} was never approved.")
    if not scenario.current_base <= state.base <= base_limit(scenario, state.title):
        raise PoolBreachError(f"base {state.base} is outside the pool.")
    if state.bonus > pool.bonus_max:
        raise PoolBreachError(f"bonus {state.bonus} is above the pool {pool.bonus_max}.")
    if state.plan is not None and state.plan.day < pool.review_date:
        raise PoolBreachError(f"the plan's date {state.plan.day} is before the next review.")


def case_points(state: ManagerState) -> int:
    points = min(2, state.results) + int(state.differentiation) + int(bool(state.market_source))
    return points + (2 if state.alternative is not None else 0)


# ------------------------------------------------------------------ the reply, being drafted


@dataclass
class _Draft:
    scenario: ManagerScenario
    state: ManagerState
    read: EmployeeTurn
    beats: list[MBeat] = field(default_factory=list)
    ask: int | None = None

    @property
    def stance(self) -> MStance:
        return STANCES[self.scenario.toughness]

    def say(self, act: MAct, **values: object) -> None:
        self.beats.append(MBeat(act=act, **values))  # type: ignore[arg-type]

    @property
    def pushed_back(self) -> bool:
        return any(b.act in PUSHBACK for b in self.beats)

    def object(self) -> None:
        """The next objection (productivity, cycle closed, next review), one a reply."""
        if self.pushed_back:
            return
        act = next((a for a in OBJECTIONS if a not in self.state.objections), OBJECTIONS[-1])
        if act not in self.state.objections:
            self.state.objections.append(act)
        if act == MAct.REVISIT_AT_REVIEW:
            self.say(act, day=self.scenario.pool.review_date)
        else:
            self.say(act)

    def close(self, outcome: TalkOutcome) -> None:
        self.state.closed, self.state.outcome = True, outcome


def open_talk(scenario: ManagerScenario) -> tuple[ManagerState, ManagerMove]:
    state = ManagerState(base=scenario.current_base, title=scenario.title)
    assert_within_pool(scenario, state)
    return state, ManagerMove(beats=[MBeat(act=MAct.OPEN, title=scenario.title)])


def manager_move(
    scenario: ManagerScenario, state: ManagerState, read: EmployeeTurn
) -> tuple[ManagerState, ManagerMove]:
    """The manager's decided answer to one employee message, and the new state."""
    if state.closed:
        raise InputError("The talk has ended; start a new one or replay from an earlier turn.")
    t = _Draft(scenario, state.model_copy(deep=True), read)
    t.state.turn += 1
    t.ask = _ask_of(t)
    _record(t)
    if read.hostile and not read.quits:
        _hostile(t)
    elif read.quits:
        t.say(MAct.ACK_QUIT)
        t.close(TalkOutcome.QUIT)
    elif read.injection:
        t.say(MAct.STAY_IN_ROLE)
    elif read.accepts and (t.ask is None or t.ask <= t.state.base or _moved(t.state, scenario)):
        # A yes closes on exactly what is on the table: a figure said with it ("I accept
        # the 10% raise") names the offer, it never moves money after the yes.
        if read.written:  # "ok, let's put it in writing": the plan, then the yes
            _plan(t)
        _agree(t)
    else:
        _talk(t)
    if not t.state.closed:
        _move_on(t)
    if not t.state.closed and not t.state.summed_up and t.state.turn >= t.stance.max_rounds:
        t.state.summed_up = True
        t.say(MAct.SUM_UP, amount=t.state.base, title=t.state.title)
    t.state.log.append(
        TalkLog(turn=t.state.turn, read=read, acts=[b.act for b in t.beats], ask=t.ask)
    )
    assert_within_pool(scenario, t.state)
    return t.state, ManagerMove(beats=t.beats, ended=t.state.closed)


def _ask_of(t: _Draft) -> int | None:
    """The base asked for this turn, in dollars: a figure, a percent or an increase."""
    r, current = t.read, t.scenario.current_base
    values = []
    if r.ask_base is not None:
        # "a raise to 20k"? a figure under a tenth of pay is an increase, not a salary.
        values.append(r.ask_base if r.ask_base > current // 3 else current + r.ask_base)
    if r.ask_percent is not None:
        values.append(round(current * (1 + r.ask_percent / 100)))
    if r.ask_more is not None:
        values.append(current + r.ask_more)
    return max(values) if values else None


def _record(t: _Draft) -> None:
    s, r = t.state, t.read
    if r.injection or r.band_claim:
        return  # pasted text and claimed bands earn nothing
    # A result told again ("as I said, the 18% cut...") is the same example, not a new one.
    new = [k for k in dict.fromkeys(r.result_keys) if k not in s.result_keys]
    s.result_keys += new
    s.results += len(new) if r.result_keys else r.results
    s.differentiation = s.differentiation or r.differentiation or r.risk
    if r.market_source and not s.market_source:
        s.market_source = r.market_source
    if r.alternative:
        s.alternative = max(r.alternative_amount or 0, s.alternative or 0)
    if r.threat and s.alternative is None:
        s.bluffed = True
    s.title_only = s.title_only or r.title_only


def _acknowledge(t: _Draft) -> None:
    r = t.read
    heard = None
    if r.alternative:
        heard = Heard.OFFER
    elif r.outcomes:
        heard = Heard.RESULTS
    elif r.differentiation or r.risk:
        heard = Heard.RISK
    elif r.market_source:
        heard = Heard.MARKET
    if heard is not None:
        t.say(MAct.ACK, heard=heard)


def _talk(t: _Draft) -> None:
    r, s = t.read, t.state
    if r.says_nothing and not r.declines and _thanks(r):
        _wrap_up(t)
        return
    if r.says_nothing and not r.declines:  # "No thanks." says little, and it is a no
        t.say(MAct.PROMPT)
        return
    _acknowledge(t)
    if r.band_claim:
        t.say(MAct.CANT_CONFIRM_BAND)
        return
    if r.probes:
        t.say(MAct.DEFLECT_PROBE)
    if r.emotional and not r.makes_case:
        t.say(MAct.HEARS_EMOTION)
    if r.threat and not r.alternative and s.alternative is None:
        t.say(MAct.NO_THREATS)
    if r.alternative and not r.alternative_amount and s.alternative == 0:
        t.say(MAct.ASK_OFFER_DETAILS)
    if r.declines_part and not r.declines:
        _part_declined(t)
    # "I don't want the title, I need it in base" names the title to say no to it.
    wants_promotion = (r.promotion or r.title_only) and r.declines_part != "title"
    if wants_promotion:
        _promotion(t)
    if t.ask is not None and not (wants_promotion and s.title != t.scenario.title):
        _raise(t, t.ask)
    elif t.ask is None and not wants_promotion and _asks_for_more(r) and not t.pushed_back:
        _without_number(t)
    if r.defers and t.ask is None and not wants_promotion:
        _offer_own(t)
    if r.written:
        _plan(t)
    elif r.criteria and not t.pushed_back:
        _criteria(t)
    if r.declines and not r.asks_money:
        t.say(MAct.ACK_DECLINE)
        t.close(TalkOutcome.DECLINED)
        return
    if r.accepts and not any(b.act in (MAct.COUNTER, MAct.PROMOTE) for b in t.beats):
        _agree(t)  # a new figure this turn waits for its own yes
        return
    if not _answered(t):
        _nothing_asked(t)


# What the manager says instead of the same ask or stall twice in a row: a talk that
# gives nothing new gets the next step (what to bring, then the review date, then where
# things stand), not the last line again.
_NEXT_STEP = {
    MAct.PROMPT: MAct.ASK_CASE,
    MAct.ASK_CASE: MAct.REVISIT_AT_REVIEW,
    MAct.ASK_NUMBER: MAct.REVISIT_AT_REVIEW,
    MAct.REVISIT_AT_REVIEW: MAct.ANYTHING_ELSE,
    MAct.ANYTHING_ELSE: MAct.SUM_UP,
}


def _move_on(t: _Draft) -> None:
    """The reply is one ask or stall, the very one of the last turn: take the next step."""
    said = [b.act for b in t.beats if b.act != MAct.ACK]
    last = [a for a in t.state.log[-1].acts if a != MAct.ACK] if t.state.log else []
    if len(said) != 1 or said != last or said[0] not in _NEXT_STEP:
        return
    step = _NEXT_STEP[said[0]]
    if step == MAct.SUM_UP and t.state.summed_up:
        return  # nothing further to move to: the voice says it in other words
    t.beats = [b for b in t.beats if b.act == MAct.ACK]
    s = t.state
    if step == MAct.REVISIT_AT_REVIEW:
        if step not in s.objections:
            s.objections.append(step)
        t.say(step, day=t.scenario.pool.review_date)
    elif step == MAct.SUM_UP:
        s.summed_up = True
        t.say(step, amount=s.base, title=s.title)
    else:
        if step == MAct.ASK_CASE:
            s.case_asked = True
        t.say(step)


# "Thanks.", "Thanks, that's fine.", "Great, thank you!": a pleasantry that asks nothing.
_THANKS = re.compile(r"\b(?:thanks?|thank you|cheers|appreciate it)\b", re.IGNORECASE)


def _thanks(r: EmployeeTurn) -> bool:
    return bool(_THANKS.search(r.text))


def _wrap_up(t: _Draft) -> None:
    """Thanks that ask for nothing end the talk on what stands: a plan or money on the
    table is agreed as it is; with nothing moved, nothing is agreed and the next review
    is named. Never the talk reopened with "what did you want to raise?"."""
    s = t.state
    _agree(t)
    if not (s.plan or _moved(s, t.scenario)):
        if MAct.REVISIT_AT_REVIEW not in s.objections:
            s.objections.append(MAct.REVISIT_AT_REVIEW)
        t.say(MAct.REVISIT_AT_REVIEW, day=t.scenario.pool.review_date)


def _nothing_asked(t: _Draft) -> None:
    """No ask this turn: where the table stands, or what the manager needs next."""
    s, r = t.state, t.read
    pushes = r.makes_case or r.emotional or r.threat or r.market
    if (s.raise_moves or s.title != t.scenario.title) and pushes:
        t.say(MAct.HOLD, amount=s.base)
    elif s.raise_moves or s.title != t.scenario.title or s.bonus_offered:
        t.say(MAct.ANYTHING_ELSE)
    elif case_points(s) or t.read.makes_case:
        t.say(MAct.ASK_NUMBER)
    else:
        t.say(MAct.ASK_CASE)


def _asks_for_more(r: EmployeeTurn) -> bool:
    return bool(r.makes_case or r.emotional or r.threat or r.alternative or r.wants_raise) or bool(
        r.market and not r.market_source
    )


def _answered(t: _Draft) -> bool:
    return any(b.act not in (MAct.ACK,) for b in t.beats)


def _moved(s: ManagerState, scenario: ManagerScenario) -> bool:
    return s.base > scenario.current_base or s.title != scenario.title or s.bonus > 0


def _without_number(t: _Draft) -> None:
    """A case with no figure: asked for one once, then the objections; once base has
    moved, where it stands (and the bonus, once)."""
    s = t.state
    if s.raise_moves:
        _top(t)
    elif not case_points(s) and not t.read.makes_case and not s.case_asked:
        s.case_asked = True
        t.say(MAct.ASK_CASE)
    elif not s.number_asked:
        t.state.number_asked = True
        t.say(MAct.ASK_NUMBER)
    else:
        t.object()


def _offer_own(t: _Draft) -> None:
    """ "I'll leave the amount to you": with a case, the manager names its own (smaller)
    figure, part of the pool's room; without one, the objections."""
    s = t.state
    if case_points(s) < t.stance.points_for_raise or s.raise_moves or s.bluffed:
        t.object()
        return
    room = base_limit(t.scenario, s.title) - s.base
    if _raise_to(t, s.base + t.stance.split[-1] * room):
        s.raise_moves += 1
    else:
        _top(t)


def _part_declined(t: _Draft) -> None:
    """A no to one part ("I'll pass on the bonus, I need it in base"): the part is taken
    back (a bonus) or noted, and the talk goes on with the manager's answer on base: what
    it can move to, or where it stops and when it can be looked at again."""
    s, r = t.state, t.read
    withdrawn = s.bonus if r.declines_part == "bonus" and s.bonus else None
    if withdrawn:
        s.bonus = 0
    t.say(MAct.PART_DECLINED, amount=withdrawn)
    asks_title = (r.promotion or r.title_only) and r.declines_part != "title"
    if t.ask is not None or asks_title:
        return  # the figure or the promotion asked with it is answered as usual
    room_left = not _pool_spent(t) and not s.bluffed
    if room_left and case_points(s) >= t.stance.points_for_raise:
        room = base_limit(t.scenario, s.title) - s.base
        if _raise_to(t, s.base + t.stance.split[-1] * room):
            s.raise_moves += 1
            return
    if s.base >= t.scenario.pool.band_top and s.title == t.scenario.title:
        t.say(MAct.TOP_OF_BAND)
    else:
        t.say(MAct.HOLD, amount=s.base)
    if MAct.REVISIT_AT_REVIEW not in s.objections:
        s.objections.append(MAct.REVISIT_AT_REVIEW)
    t.say(MAct.REVISIT_AT_REVIEW, day=t.scenario.pool.review_date)


def _criteria(t: _Draft) -> None:
    """ "What would it take?": the scope for a promotion, or the next review for a raise."""
    s = t.state
    if (t.scenario.talk == TalkKind.PROMOTION or t.read.promotion) and s.title == t.scenario.title:
        t.say(MAct.NEEDS_SCOPE)
    else:
        if MAct.REVISIT_AT_REVIEW not in s.objections:
            s.objections.append(MAct.REVISIT_AT_REVIEW)
        t.say(MAct.REVISIT_AT_REVIEW, day=t.scenario.pool.review_date)


def _pool_spent(t: _Draft) -> bool:
    s = t.state
    return s.raise_moves >= t.stance.raise_moves or s.base >= base_limit(t.scenario, s.title)


def _raise(t: _Draft, ask: int) -> None:
    s, scenario = t.state, t.scenario
    if ask <= s.base:
        t.say(MAct.ALREADY_THERE, amount=s.base)
        return
    if ask > scenario.current_base * (1 + ABSURD_RAISE):
        t.say(MAct.REFUSE_ABSURD)
        return
    if case_points(s) < t.stance.points_for_raise:
        t.object()
        return
    if s.bluffed:  # "pay me or I walk", with no offer: no money under a threat
        t.object()
        return
    if _pool_spent(t):
        _top(t)
        return
    split = t.stance.split[min(s.raise_moves, len(t.stance.split) - 1)]
    if _raise_to(t, s.base + split * (ask - s.base)):
        s.raise_moves += 1
    else:
        _top(t)


def _top(t: _Draft) -> None:
    """Nothing more on base: say so (the band's top or the pool), and once offer a bonus."""
    s, pool = t.state, t.scenario.pool
    at_band = s.base >= pool.band_top or base_limit(t.scenario, s.title) >= pool.band_top
    if at_band and s.title == t.scenario.title:
        t.say(MAct.TOP_OF_BAND)
    elif s.raise_moves:
        t.say(MAct.HOLD, amount=s.base)
    else:
        t.object()
    if not s.bonus_offered and pool.bonus_max >= MONEY_STEP and case_points(s) >= 1:
        s.bonus_offered = True
        s.bonus = _round(pool.bonus_max * t.stance.bonus_share)
        t.say(MAct.BONUS_INSTEAD, amount=s.bonus)


def _promotion(t: _Draft) -> None:
    s, scenario, pool = t.state, t.scenario, t.scenario.pool
    if s.title == pool.next_title:
        return  # already promoted: a figure said with it is answered as a raise
    if not pool.can_promote or case_points(s) < t.stance.points_for_promotion:
        if not t.pushed_back:
            t.say(MAct.NEEDS_SCOPE)
        return
    s.title = pool.next_title or s.title
    if t.stance.title_first or s.title_only:
        t.say(MAct.TITLE_ONLY, title=s.title)
        return
    target = t.ask if t.ask is not None else pool.promotion_max or s.base
    split = t.stance.split[0]
    new_base = _round(s.base + split * (target - s.base))
    s.base = max(s.base, min(new_base, base_limit(scenario, s.title)))
    t.say(MAct.PROMOTE, title=s.title, amount=s.base)


def _plan(t: _Draft) -> None:
    s, scenario = t.state, t.scenario
    promotion_case = scenario.talk == TalkKind.PROMOTION and s.title == scenario.title
    s.plan = WrittenPlan(
        day=scenario.pool.review_date,
        base=s.base,
        title=s.title,
        bonus=s.bonus,
        promotion_review=promotion_case,
        turn=s.turn,
    )
    moved = _moved(s, scenario)
    t.say(
        MAct.WRITTEN_PLAN,
        day=s.plan.day,
        amount=s.base if moved else None,
        bonus=s.bonus if moved and s.bonus else None,
    )


def _agree(t: _Draft) -> None:
    s = t.state
    t.say(MAct.CLOSE_AGREED, amount=s.base, title=s.title)
    t.close(TalkOutcome.AGREED)


def _hostile(t: _Draft) -> None:
    s = t.state
    s.hostile += 1
    strikes = t.stance.hostile_strikes
    if strikes and s.hostile >= strikes:
        t.say(MAct.ENDS_MEETING)
        t.close(TalkOutcome.MANAGER_ENDED)
    else:
        t.say(MAct.WARN_HOSTILE)


# ------------------------------------------------------------------ the one place base moves


def _round(value: float) -> int:
    return int(round(value / MONEY_STEP) * MONEY_STEP)


def _raise_to(t: _Draft, target: float) -> bool:
    """Raise base toward ``target``, never past the pool. False if nothing moved."""
    s = t.state
    value = min(_round(target), base_limit(t.scenario, s.title))
    if value <= s.base:
        return False
    s.base = value
    t.say(MAct.COUNTER, amount=value)
    return True
