"""The referee: negotiation state and the recruiter's policy, as pure functions.

``open_call(scenario)`` and ``recruiter_move(scenario, state, parsed)`` return a new
state and the decided ``RecruiterMove``; nothing here phrases words or calls a
model. The hidden budget is read only here: every concession goes through
``_concede``, which clamps to the budget, and ``assert_within_budget`` runs after
every step, so no path (and no prompt) can give more than the employer allows.

The rules, by toughness (numbers in ``STANCES``):

* The call opens with the question about expectations, or, practising on the
  candidate's own offer, with that offer and "what do you think?".
* Asked for the offer, or given no number, a soft recruiter states it at once; a
  standard one says once why it wants a number first, then states it; a tough one
  does that and asks for current pay once. A number is asked for at most
  ``MAX_NUMBER_REQUESTS`` times a call: after that, no figure means the offer stands.
  Naming a low number or current pay lowers the offer it then presents (never
  below ``anchor_discount`` under the planned one).
* Every reply says what the candidate did first (``Heard``: a number, a floor, the
  work, the data, a decline), or nudges gently after "ok"; never praise for nothing.
  A reply carries at most one objection (``OBJECTION_ACTS``).
* Base moves only for a specific number backed by enough evidence points (market
  data 1, each kind of evidence 1 up to 3, a competing offer 2), by a share of the
  gap between the table and the ask, for a limited number of moves. Then it is
  capped ("top of our range") and the recruiter offers another lever instead.
* Asks above ``ABSURD_RATIO`` x the first offer are refused with no concession;
  ungrounded counters get an objection, never money.
* Sign-on, equity, PTO and title move when the case is grounded or base is capped,
  by a share of what is left; the start date moves on request.
* After ``max_rounds`` turns the recruiter makes a final offer; pushing past it
  twice, or repeated absurd asks, ends the call.
* Asked for the offer in writing, it agrees with the terms as they stand (nothing
  moves; the call may end open). A stated floor is heard, not countered. Hostility
  ends a tough call at once, a standard one on the second time, and only draws a
  warning from a soft recruiter. An acceptance closes at the terms on the table,
  whatever figures it restates; a turn that tries to break the role-play moves
  nothing, but its own ask is answered on the candidate's number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from pydantic import BaseModel, Field

from coach.errors import InputError
from coach.roleplay.moves import CandidateMove, Component, MoveKind, ParsedTurn
from coach.roleplay.scenario import Scenario, Terms, Toughness

ABSURD_RATIO = 1.6  # a base ask above 1.6x the first offer is not a counter, it is a wish
SIGN_ON_ABSURD_SHARE = 0.5  # a sign-on above half the first base
MONEY_STEP = 1_000  # concessions are whole thousands


class Act(StrEnum):
    GREET = "greet"
    ASK_EXPECTATIONS = "ask_expectations"
    ACK = "ack"  # names what the candidate just did (``Beat.heard``)
    PROMPT = "prompt"  # a gentle nudge when the candidate said nothing
    ASK_CURRENT_PAY = "ask_current_pay"
    REASON_FOR_NUMBER = "reason_for_number"  # once, before the offer: why it asks first
    PRESS_FOR_NUMBER = "press_for_number"
    HOLD_WITHOUT_NUMBER = "hold_without_number"  # no figure, nothing to take back: it stands
    PRESENT_OFFER = "present_offer"
    ASK_THOUGHTS = "ask_thoughts"  # "what do you think?" after opening with the offer
    RESTATE_OFFER = "restate_offer"
    SEND_IN_WRITING = "send_in_writing"
    ACK_FLOOR_MET = "ack_floor_met"  # a stated floor the table already clears
    WARN_HOSTILE = "warn_hostile"
    DEADLINE = "deadline"
    CONCEDE = "concede"
    OFFER_ALTERNATIVE = "offer_alternative"
    OBJECT = "object"
    REFUSE_ABSURD = "refuse_absurd"
    HOLD_COMPONENT = "hold_component"
    REFUSE_TITLE = "refuse_title"
    ALREADY_THERE = "already_there"
    INFO_REFRESHERS = "info_refreshers"
    GRANT_TIME = "grant_time"
    REFUSE_TIME = "refuse_time"
    ASK_COMPETING_DETAILS = "ask_competing_details"
    DEFLECT_PROBE = "deflect_probe"
    STAY_IN_ROLE = "stay_in_role"
    REDIRECT = "redirect"
    SAVE_ATTEMPT = "save_attempt"
    FINAL_OFFER = "final_offer"
    HOLD_FINAL = "hold_final"
    CLOSE_ACCEPTED = "close_accepted"
    ACK_WALK = "ack_walk"
    RECRUITER_WALKS = "recruiter_walks"
    HOLD_ASK = "hold_ask"  # the candidate's figure heard, nothing moved this turn
    ENDS_ON_HOSTILITY = "ends_on_hostility"


# The canned pushback beats: a reply carries at most one of them.
OBJECTION_ACTS = frozenset({Act.OBJECT, Act.REFUSE_ABSURD})
MAX_NUMBER_REQUESTS = 2  # "what number?" at most twice a call: asked, then stated or held


class Heard(StrEnum):
    """What the candidate did, as the recruiter's acknowledgement names it."""

    FLOOR = "floor"  # stated a walk-away floor (amount)
    NUMBER = "number"  # named a figure (amount)
    CURRENT_PAY = "current_pay"
    EXAMPLE = "example"  # described work they did
    DATA = "data"  # cited market data
    COMPETING = "competing"  # mentioned another offer or other interviews
    DECLINED = "declined"  # declined to share
    QUESTION = "question"  # asked for the offer


class Objection(StrEnum):
    BASIS = "basis"
    OTHER_OFFERS = "other_offers"
    INTERNAL_EQUITY = "internal_equity"
    BUDGET_FIXED = "budget_fixed"
    AI_PRODUCTIVITY = "ai_productivity"
    TOP_OF_RANGE = "top_of_range"
    DEADLINE = "deadline"


# What an ungrounded counter meets, in order; "other offers?" is skipped once known.
UNGROUNDED_OBJECTIONS = (
    Objection.BASIS,
    Objection.OTHER_OFFERS,
    Objection.INTERNAL_EQUITY,
    Objection.BUDGET_FIXED,
    Objection.AI_PRODUCTIVITY,
)
MONEY = ("base", "sign_on", "equity")


class Phase(StrEnum):
    PRE_OFFER = "pre_offer"
    OFFER = "offer"
    CLOSED = "closed"


class Outcome(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    CANDIDATE_WALKED = "candidate_walked"
    RECRUITER_WALKED = "recruiter_walked"


@dataclass(frozen=True)
class Stance:
    """How hard the recruiter is; see the module docstring for what each number does."""

    evidence_for_base: int
    evidence_for_levers: int
    base_split: tuple[float, ...]  # share of the table-to-ask gap given on each base move
    base_moves: int
    lever_share: float  # share of a lever's remaining room given per grounded ask
    lever_asks: int
    proactive_share: float  # share of the sign-on room offered unasked when base caps
    max_rounds: int
    deadline_days: int
    extension_days: int  # 0: refuses the first request for more time
    pre_offer: tuple[str, ...]
    absurd_strikes: int
    save_walk: bool
    hostile_strikes: int  # hostile messages that end the call; 0: it only ever warns
    anchor_discount: float = 0.07
    anchor_markup: float = 0.10  # an offer built on current pay lands this far above it
    start_step_weeks: int = 2
    pto_step_days: int = 5


STANCES: dict[Toughness, Stance] = {
    Toughness.SOFT: Stance(
        evidence_for_base=1,
        evidence_for_levers=0,
        base_split=(0.8, 0.6, 0.5),
        base_moves=3,
        lever_share=1.0,
        lever_asks=2,
        proactive_share=0.6,
        max_rounds=8,
        deadline_days=7,
        extension_days=7,
        pre_offer=("expectations",),
        absurd_strikes=4,
        save_walk=True,
        hostile_strikes=0,
    ),
    Toughness.STANDARD: Stance(
        evidence_for_base=2,
        evidence_for_levers=1,
        base_split=(0.65, 0.5),
        base_moves=2,
        lever_share=0.9,
        lever_asks=2,
        proactive_share=0.5,
        max_rounds=6,
        deadline_days=3,
        extension_days=4,
        pre_offer=("expectations", "reason"),
        absurd_strikes=3,
        save_walk=True,
        hostile_strikes=2,
    ),
    Toughness.TOUGH: Stance(
        evidence_for_base=3,
        evidence_for_levers=2,
        base_split=(0.45,),
        base_moves=1,
        lever_share=0.6,
        lever_asks=1,
        proactive_share=0.4,
        max_rounds=4,
        deadline_days=1,
        extension_days=0,
        pre_offer=("expectations", "reason", "current_pay"),
        absurd_strikes=2,
        save_walk=False,
        hostile_strikes=1,
    ),
}


# ------------------------------------------------------------------ state


class Beat(BaseModel):
    """One thing the recruiter says; every figure in it comes from the state."""

    act: Act
    component: str | None = None
    amount: int | None = None  # money for base/sign_on/equity, days or weeks otherwise
    objection: Objection | None = None
    terms: Terms | None = None
    title: str | None = None
    days: int | None = None
    heard: Heard | None = None  # for ACK: what the candidate did


class RecruiterMove(BaseModel):
    beats: list[Beat]
    ended: bool = False

    def acts(self) -> list[Act]:
        return [beat.act for beat in self.beats]

    def money(self) -> set[int]:
        """Every money figure the recruiter's words may contain."""
        found: set[int] = set()
        for beat in self.beats:
            if beat.amount is not None and (beat.component in MONEY or beat.component is None):
                found.add(beat.amount)
            if beat.terms is not None:
                found |= {v for v in (beat.terms.base, beat.terms.sign_on, beat.terms.equity) if v}
        return found


class Change(BaseModel):
    component: str
    before: int | str
    after: int | str
    turn: int


class Refusal(BaseModel):
    component: str
    asked: int | None = None
    reason: str
    turn: int


class Ask(BaseModel):
    component: str
    amount: int | None = None
    turn: int


class TurnLog(BaseModel):
    turn: int
    moves: list[CandidateMove]
    acts: list[Act]
    objection: Objection | None = None


class NegotiationState(BaseModel):
    phase: Phase = Phase.PRE_OFFER
    outcome: Outcome = Outcome.OPEN
    table: Terms
    offered: Terms | None = None
    turn: int = 0
    offer_turn: int | None = None
    questions: list[str] = Field(default_factory=list)
    asks: list[Ask] = Field(default_factory=list)
    conceded: list[Change] = Field(default_factory=list)
    refused: list[Refusal] = Field(default_factory=list)
    objections: list[Objection] = Field(default_factory=list)
    expectations: tuple[int, int] | None = None
    current_pay: int | None = None
    anchored_on_current: bool = False
    deflected: bool = False
    market_cited: bool = False
    evidence: list[str] = Field(default_factory=list)
    competing: str | None = None
    competing_amount: int | None = None
    base_moves: int = 0
    lever_asks: dict[str, int] = Field(default_factory=dict)
    alternative_offered: bool = False
    absurd_strikes: int = 0
    deadline_days: int = 3
    time_asked: bool = False
    extension_granted: bool = False
    time_refused: int = 0
    final_offer_turn: int | None = None
    pushes_after_final: int = 0
    saved_walk: bool = False
    number_requests: int = 0  # times the recruiter asked the candidate for a number
    floor: int | None = None  # the candidate's stated walk-away base
    hostile: int = 0  # hostile messages so far
    written_sent: bool = False  # the recruiter agreed to send the offer in writing
    anchor_cost: int = 0
    log: list[TurnLog] = Field(default_factory=list)

    @property
    def closed(self) -> bool:
        return self.phase == Phase.CLOSED

    @property
    def countered(self) -> bool:
        """Whether the candidate asked for anything once the offer was on the table."""
        return self.offered is not None and any(
            ask.turn > (self.offer_turn or 0) for ask in self.asks
        )

    def summary(self) -> dict[str, object]:
        """What the candidate may see: the table, the round, the deadline. Never the budget."""
        return {
            "phase": self.phase.value,
            "outcome": self.outcome.value,
            "turn": self.turn,
            "offer": self.table.model_dump() if self.offered else None,
            "deadline_days": self.deadline_days if self.offered else None,
            "final_offer": self.final_offer_turn is not None,
        }


class BudgetBreachError(RuntimeError):
    """A bug: the state offers more than the hidden budget allows."""


def assert_within_budget(scenario: Scenario, state: NegotiationState) -> None:
    """Raise BudgetBreachError if any component on the table is beyond the budget."""
    terms = (state.table, *([state.offered] if state.offered else []))
    titles = {scenario.first_offer.title, scenario.budget.next_title}
    for on_table in terms:
        for component in (*MONEY, "pto_days", "start_weeks"):
            value, most = getattr(on_table, component), scenario.budget.limit(component)
            if value > most:
                raise BudgetBreachError(f"{component} {value} is above the budget {most}.")
        if on_table.title not in titles:
            raise BudgetBreachError(f"title {on_table.title!r} was never approved.")


def evidence_points(state: NegotiationState) -> int:
    points = int(state.market_cited) + min(3, len(state.evidence))
    if state.competing == "offer":
        points += 2 if state.competing_amount else 1
    elif state.competing == "interviews":
        points += 1
    return points


def base_capped(scenario: Scenario, state: NegotiationState) -> bool:
    stance = STANCES[scenario.toughness]
    return state.base_moves >= stance.base_moves or state.table.base >= scenario.budget.base_max


# ------------------------------------------------ the recruiter's reply, being drafted


@dataclass
class _RecruiterDraft:
    scenario: Scenario
    state: NegotiationState
    parsed: ParsedTurn
    beats: list[Beat] = field(default_factory=list)

    @property
    def stance(self) -> Stance:
        return STANCES[self.scenario.toughness]

    def say(
        self,
        act: Act,
        *,
        component: str | None = None,
        amount: int | None = None,
        objection: Objection | None = None,
        terms: Terms | None = None,
        title: str | None = None,
        days: int | None = None,
        heard: Heard | None = None,
    ) -> None:
        self.beats.append(
            Beat(
                act=act,
                component=component,
                amount=amount,
                objection=objection,
                terms=terms,
                title=title,
                days=days,
                heard=heard,
            )
        )

    @property
    def objected(self) -> bool:
        """Whether this reply already pushes back: one objection a reply, never a stack."""
        return any(beat.act in OBJECTION_ACTS for beat in self.beats)

    def object(self) -> None:
        """The next canned objection, unless this reply already has one."""
        if not self.objected:
            self.say(Act.OBJECT, objection=_next_objection(self))

    def ask_for_number(self, act: Act) -> bool:
        """Ask the candidate for a number, at most ``MAX_NUMBER_REQUESTS`` times a call."""
        if self.state.number_requests >= MAX_NUMBER_REQUESTS:
            return False
        self.state.number_requests += 1
        self.say(act)
        return True

    def close(self, outcome: Outcome) -> None:
        self.state.phase, self.state.outcome = Phase.CLOSED, outcome


def open_call(scenario: Scenario) -> tuple[NegotiationState, RecruiterMove]:
    """The recruiter's first words: a greeting and the question about expectations, or,
    practising on the candidate's own offer, the greeting, that offer and "what do you think?"."""
    stance = STANCES[scenario.toughness]
    state = NegotiationState(table=scenario.first_offer, deadline_days=stance.deadline_days)
    draft = _RecruiterDraft(scenario, state, ParsedTurn(text="", moves=()))
    draft.say(Act.GREET, title=scenario.first_offer.title)
    if scenario.opens_with_offer:
        _present(draft, with_deadline=state.deadline_days <= 1)  # an exploding offer says so
        draft.say(Act.ASK_THOUGHTS)
    else:
        state.questions.append("expectations")
        state.number_requests = 1
        draft.say(Act.ASK_EXPECTATIONS)
    assert_within_budget(scenario, state)
    return state, RecruiterMove(beats=draft.beats)


def recruiter_move(
    scenario: Scenario, state: NegotiationState, parsed: ParsedTurn
) -> tuple[NegotiationState, RecruiterMove]:
    """The recruiter's decided answer to one candidate message, and the new state."""
    if state.closed:
        raise InputError("The call has ended; start a new one or replay from an earlier turn.")
    turn = _RecruiterDraft(scenario, state.model_copy(deep=True), _floor_is_no_ask(parsed))
    turn.state.turn += 1
    _record(turn)
    if parsed.has(MoveKind.HOSTILE) and not parsed.has(MoveKind.WALKS, MoveKind.ACCEPTS):
        _hostile(turn)
    elif turn.state.phase == Phase.PRE_OFFER:
        _pre_offer(turn)
    else:
        _negotiate(turn)
    _no_echo(turn)
    objection = next((b.objection for b in turn.beats if b.objection), None)
    turn.state.log.append(
        TurnLog(
            turn=turn.state.turn,
            moves=list(parsed.moves),
            acts=[b.act for b in turn.beats],
            objection=objection,
        )
    )
    assert_within_budget(scenario, turn.state)
    return turn.state, RecruiterMove(beats=turn.beats, ended=turn.state.closed)


def _floor_is_no_ask(p: ParsedTurn) -> ParsedTurn:
    """ "My walk-away is 225k" states a floor: the same figure read as an ask is dropped."""
    floors = {m.amount for m in p.all(MoveKind.STATES_FLOOR) if m.amount}
    if not floors:
        return p
    named = (MoveKind.NAMES_NUMBER, MoveKind.NAMES_RANGE)
    kept = tuple(m for m in p.moves if not (m.kind in named and m.amount in floors))
    return p.model_copy(update={"moves": kept})


def _accepts(p: ParsedTurn) -> bool:
    """A yes: figures restated with it are the candidate reading the offer back, not asks."""
    return p.has(MoveKind.ACCEPTS) and not p.has(MoveKind.WALKS)


def _record(t: _RecruiterDraft) -> None:
    """Remember what the candidate revealed, cited and asked for."""
    s, p = t.state, t.parsed
    s.market_cited = s.market_cited or p.has(MoveKind.CITES_MARKET)
    s.evidence += sorted(p.evidence() - set(s.evidence))
    s.anchored_on_current = s.anchored_on_current or p.has(MoveKind.ANCHORS_ON_CURRENT)
    revealed = p.all(MoveKind.REVEALS_CURRENT_PAY)
    if revealed and s.current_pay is None:
        s.current_pay = revealed[0].amount
    floors = [m.amount for m in p.all(MoveKind.STATES_FLOOR) if m.amount]
    if floors:
        s.floor = max(floors)
    s.time_asked = s.time_asked or p.has(MoveKind.ASKS_TIME)
    s.deflected = s.deflected or p.has(MoveKind.DEFLECTS_CURRENT)
    if _accepts(p):
        return  # "the 188k and the sign-on work for me, I accept" asks for nothing
    for move in p.all(MoveKind.COMPETING_OFFER):
        if s.competing != "offer":
            s.competing = move.detail
        if move.amount and move.detail == "offer":
            s.competing_amount = max(move.amount, s.competing_amount or 0)
            if s.offered is not None:  # "they offer 200k" after our offer is a counter
                component = str(move.component or Component.BASE)
                s.asks.append(Ask(component=component, amount=move.amount, turn=s.turn))
    for move in p.all(
        MoveKind.NAMES_NUMBER, MoveKind.NAMES_RANGE, MoveKind.NAMES_PERCENT, MoveKind.ASKS
    ):
        s.asks.append(Ask(component=str(move.component), amount=move.amount, turn=s.turn))
    if s.phase == Phase.PRE_OFFER:
        s.expectations = _expectations(s, p) or s.expectations


def _expectations(s: NegotiationState, p: ParsedTurn) -> tuple[int, int] | None:
    """A base number named before the offer: a range, an amount, or a raise on current pay."""
    for move in p.asks_for(Component.BASE):
        if move.kind == MoveKind.NAMES_PERCENT and move.percent is not None:
            reference = s.current_pay if move.detail == "current" else None
            if reference:
                value = round(reference * (1 + move.percent / 100))
                return value, value
        elif move.amount and move.amount >= 10_000 and move.kind != MoveKind.ASKS:
            return move.low or move.amount, move.high or move.amount
    return None


# ------------------------------------------------------------------ listening


# What is left of a message that says nothing: "ok", "hmm", "...", "sure".
_FILLER_WORDS = 3


def _says_nothing(p: ParsedTurn) -> bool:
    """Silence, "ok" or "hmm": no move worth an answer and hardly any words."""
    quiet = all(m.kind in (MoveKind.OFF_TOPIC, MoveKind.ENTHUSIASM) for m in p.moves)
    return quiet and "?" not in p.text and len(p.text.split()) <= _FILLER_WORDS


def _heard(t: _RecruiterDraft) -> tuple[Heard, int | None] | None:
    """What to acknowledge, most telling first; None when there is nothing to name.

    A number with grounds is acknowledged by its grounds (the work, the data), a bare
    number by the number; a floor always by the floor, since it is not a counter."""
    p, s = t.parsed, t.state
    floors = p.all(MoveKind.STATES_FLOOR)
    if floors:
        return Heard.FLOOR, floors[0].amount
    asked = _named_amount(p)
    if p.has(MoveKind.CITES_EVIDENCE):
        return Heard.EXAMPLE, None
    if p.has(MoveKind.CITES_MARKET):
        return Heard.DATA, None
    if asked is not None:
        return Heard.NUMBER, asked
    if p.has(MoveKind.REVEALS_CURRENT_PAY):
        return Heard.CURRENT_PAY, None
    if p.has(MoveKind.COMPETING_OFFER):
        return Heard.COMPETING, None
    if p.has(MoveKind.DEFLECTS_CURRENT):
        return Heard.DECLINED, None
    if p.has(MoveKind.ASKS_FOR_OFFER) and s.offered is None:
        return Heard.QUESTION, None
    return None


def _named_amount(p: ParsedTurn) -> int | None:
    """The base figure the candidate named themselves (not a percent, not a bare ask)."""
    for move in p.asks_for(Component.BASE):
        named = move.kind in (MoveKind.NAMES_NUMBER, MoveKind.NAMES_RANGE)
        if named and move.amount and not move.relative and move.amount >= 10_000:
            return move.low or move.amount
    return None


def _acknowledge(t: _RecruiterDraft) -> None:
    """Open the reply by naming what the candidate did, or nudge gently if they said nothing."""
    if _says_nothing(t.parsed):
        t.say(Act.PROMPT)
        return
    heard = _heard(t)
    if heard is not None:
        what, amount = heard
        t.say(Act.ACK, heard=what, amount=amount, component="base" if amount else None)


def _no_echo(t: _RecruiterDraft) -> None:
    """Drop "$400k on base, noted" when the reply goes on to name that same figure
    ("$400k isn't realistic"): the answer already shows it was heard."""
    acked = [b for b in t.beats if b.act == Act.ACK and b.heard == Heard.NUMBER]
    if acked and any(
        b.amount == acked[0].amount for b in t.beats if b.act in (Act.REFUSE_ABSURD, Act.HOLD_ASK)
    ):
        t.beats.remove(acked[0])


def _hostile(t: _RecruiterDraft) -> None:
    """Insults or threats: no concession that turn; the call ends by toughness."""
    s, strikes = t.state, t.stance.hostile_strikes
    s.hostile += 1
    if strikes and s.hostile >= strikes:
        t.say(Act.ENDS_ON_HOSTILITY)
        t.close(Outcome.RECRUITER_WALKED)
        return
    t.say(Act.WARN_HOSTILE)


# ------------------------------------------------------------------ before the offer


def _pre_offer(t: _RecruiterDraft) -> None:
    p = t.parsed
    if p.has(MoveKind.WALKS):
        t.say(Act.ACK_WALK)
        t.close(Outcome.CANDIDATE_WALKED)
        return
    if p.has(MoveKind.INJECTION):
        t.say(Act.STAY_IN_ROLE)
    elif p.has(MoveKind.PROBES_BUDGET):
        t.say(Act.DEFLECT_PROBE)
    # "Sounds good" before the offer answers the recruiter's words, not an offer.
    soft = all(m.detail == "soft" for m in p.all(MoveKind.ACCEPTS))
    if _accepts(p) and not soft:
        _present(t, with_deadline=False)  # a yes before the offer: no deadline to set
        t.say(Act.CLOSE_ACCEPTED, terms=t.state.table)
        t.close(Outcome.ACCEPTED)
        return
    if not t.beats:
        _acknowledge(t)  # off-topic talk needs no "let's get back to it": the question steers
    named = _expectations(t.state, p)
    if named and named[0] > ABSURD_RATIO * t.scenario.first_offer.base:
        # Heard and answered: a figure far past the role is said to be so before the offer.
        t.say(Act.REFUSE_ABSURD, component="base", amount=named[0])
        _no_echo(t)
    question = _next_question(t)
    if question is None:
        _present(t)
        return
    t.state.questions.append(question)
    if question == "current_pay":
        t.say(Act.ASK_CURRENT_PAY)
    elif not t.ask_for_number(Act.REASON_FOR_NUMBER):
        t.state.questions.pop()
        _present(t)


def _next_question(t: _RecruiterDraft) -> str | None:
    """The stance's next question before the offer; each is asked at most once."""
    s = t.state
    for question in t.stance.pre_offer:
        if question in s.questions:
            continue
        if question == "current_pay" and (s.current_pay is not None or s.deflected):
            continue
        if question == "reason" and s.expectations is not None:
            continue
        return question
    return None


def _present(t: _RecruiterDraft, *, with_deadline: bool = True) -> None:
    """Put the first offer on the table, lowered if the candidate anchored low."""
    s, planned, stance = t.state, t.scenario.first_offer, t.stance
    anchors = []
    if s.expectations and s.expectations[0] < planned.base:
        anchors.append(s.expectations[0])
    if s.current_pay and s.current_pay * (1 + stance.anchor_markup) < planned.base:
        anchors.append(round(s.current_pay * (1 + stance.anchor_markup)))
    base = planned.base
    if anchors:
        floor = planned.base * (1 - stance.anchor_discount)
        base = min(planned.base, _round_money(max(min(anchors), floor)))
    s.table = planned.model_copy(update={"base": base})
    s.offered, s.anchor_cost = s.table, planned.base - base
    s.phase, s.offer_turn = Phase.OFFER, s.turn
    t.say(Act.PRESENT_OFFER, terms=s.table)
    if not with_deadline:
        return
    t.say(Act.DEADLINE, days=s.deadline_days)
    if s.deadline_days <= 1:
        s.objections.append(Objection.DEADLINE)


# ------------------------------------------------------------------ negotiating


def _negotiate(t: _RecruiterDraft) -> None:
    p, s = t.parsed, t.state
    if p.has(MoveKind.WALKS):
        _candidate_walks(t)
        return
    if _accepts(p):
        t.say(Act.CLOSE_ACCEPTED, terms=s.table)  # the terms on the table, not the words
        t.close(Outcome.ACCEPTED)
        return
    if p.has(MoveKind.INJECTION):
        t.say(Act.STAY_IN_ROLE)  # no concession in a turn that tries to break the call
        _answer_without_conceding(t)
        return
    if p.has(MoveKind.ASKS_IN_WRITING):
        _send_in_writing(t)
        return
    _acknowledge(t)
    if p.has(MoveKind.PROBES_BUDGET):
        t.say(Act.DEFLECT_PROBE)
    if s.final_offer_turn is not None and _pushes(p):
        _after_final(t)
    else:
        _asks(t)
    if p.has(MoveKind.ASKS_TIME) and not s.closed:
        _time(t)
    if s.floor is not None and p.has(MoveKind.STATES_FLOOR) and not s.closed:
        _floor(t)
    if p.has(MoveKind.ASKS_FOR_OFFER) and not s.closed and not _answered(t):
        t.say(Act.RESTATE_OFFER, terms=s.table)
    if not _answered(t):
        _nothing_to_answer(t)
    if (
        not s.closed
        and s.final_offer_turn is None
        and (s.turn - (s.offer_turn or 0) >= t.stance.max_rounds)
    ):
        s.final_offer_turn = s.turn
        t.say(Act.FINAL_OFFER, terms=s.table)


def _answered(t: _RecruiterDraft) -> bool:
    """Whether the reply says more than an acknowledgement."""
    return any(beat.act not in (Act.ACK, Act.PROMPT) for beat in t.beats)


def _answer_without_conceding(t: _RecruiterDraft) -> None:
    """An ask inside a message that tries to break the call: answered on the candidate's
    own number, with nothing moved this turn."""
    ask = _named_amount(t.parsed)
    if ask is None:
        return
    s, offered = t.state, t.state.offered or t.state.table
    if ask <= s.table.base:
        t.say(Act.ALREADY_THERE, component="base", amount=s.table.base)
    elif ask > ABSURD_RATIO * offered.base:
        _absurd(t, "base", ask)
    else:
        t.say(Act.HOLD_ASK, component="base", amount=ask)


def _send_in_writing(t: _RecruiterDraft) -> None:
    """Asked for the offer in writing: agree, with the terms as they stand. Nothing moves,
    nothing is countered; the offer stands and the call may end open."""
    s = t.state
    s.written_sent = True
    t.say(Act.SEND_IN_WRITING, terms=s.table)
    if t.parsed.has(MoveKind.ASKS_TIME):
        _time(t)
    else:
        t.say(Act.DEADLINE, days=s.deadline_days)


def _floor(t: _RecruiterDraft) -> None:
    """A stated walk-away is heard, not countered: the recruiter holds where it is."""
    s = t.state
    if s.floor is not None and s.floor <= s.table.base:
        t.say(Act.ACK_FLOOR_MET, component="base", amount=s.table.base)
    elif not _answered(t):
        t.say(Act.RESTATE_OFFER, terms=s.table)


def _pushes(p: ParsedTurn) -> bool:
    return p.has(
        MoveKind.NAMES_NUMBER,
        MoveKind.NAMES_RANGE,
        MoveKind.NAMES_PERCENT,
        MoveKind.ASKS,
        MoveKind.THREATENS_WALK,
        MoveKind.COMPETING_OFFER,
    )


def _money_push(p: ParsedTurn) -> bool:
    money = (Component.BASE, Component.SIGN_ON, Component.EQUITY)
    return p.has(MoveKind.THREATENS_WALK, MoveKind.COMPETING_OFFER) or any(
        p.asks_for(c) for c in money
    )


def _after_final(t: _RecruiterDraft) -> None:
    """Past the final offer everything is held; a second push for money ends the call."""
    if _money_push(t.parsed):
        t.state.pushes_after_final += 1
    if t.state.pushes_after_final >= 2:
        t.say(Act.RECRUITER_WALKS)
        t.close(Outcome.RECRUITER_WALKED)
    else:
        t.say(Act.HOLD_FINAL, terms=t.state.table)


def _asks(t: _RecruiterDraft) -> None:
    p = t.parsed
    ask = _base_ask(t)
    if ask is not None:
        _base(t, ask)
    elif p.asks_for(Component.BASE):
        _base_without_number(t)
    for component in (Component.SIGN_ON, Component.EQUITY):
        moves = p.asks_for(component)
        if moves and not t.state.closed:
            _lever(t, component.value, moves[0])
    if p.asks_for(Component.TITLE):
        _title(t)
    for move in p.asks_for(Component.START_DATE):
        _days(t, "start_weeks", move, t.stance.start_step_weeks, needs_grounds=False)
    for move in p.asks_for(Component.PTO):
        _days(t, "pto_days", move, t.stance.pto_step_days, needs_grounds=True)
    if p.asks_for(Component.REFRESHERS):
        t.say(Act.INFO_REFRESHERS)
    if p.has(MoveKind.COMPETING_OFFER) and ask is None and not t.state.competing_amount:
        t.say(Act.ASK_COMPETING_DETAILS)
    if p.has(MoveKind.THREATENS_WALK) and not _answered(t):
        t.object()


def _base_ask(t: _RecruiterDraft) -> int | None:
    """The highest base the candidate asked for this turn (a range counts at its low end)."""
    s, values = t.state, []
    for move in t.parsed.asks_for(Component.BASE):
        if move.kind == MoveKind.NAMES_PERCENT and move.percent is not None:
            reference = s.current_pay if move.detail == "current" else s.table.base
            if reference:
                values.append(round(reference * (1 + move.percent / 100)))
        elif move.amount is not None and move.kind != MoveKind.ASKS:
            value = s.table.base + move.amount if move.relative else move.amount
            if value >= 10_000:  # "$5" is not a salary
                values.append(value)
    competing = [
        m.amount
        for m in t.parsed.all(MoveKind.COMPETING_OFFER)
        if m.amount and m.component in (None, Component.BASE)
    ]
    values += [amount for amount in competing if amount > s.table.base]
    return max(values) if values else None


def _base(t: _RecruiterDraft, ask: int) -> None:
    s, stance, offered = t.state, t.stance, t.state.offered or t.state.table
    if ask <= s.table.base:
        t.say(Act.ALREADY_THERE, component="base", amount=s.table.base)
        return
    if ask > ABSURD_RATIO * offered.base:
        _absurd(t, "base", ask)
        return
    if evidence_points(s) < stance.evidence_for_base:
        s.refused.append(Refusal(component="base", asked=ask, reason="ungrounded", turn=s.turn))
        t.object()
        return
    if base_capped(t.scenario, s):
        s.refused.append(Refusal(component="base", asked=ask, reason="capped", turn=s.turn))
        _top_of_range(t)
        return
    split = stance.base_split[min(s.base_moves, len(stance.base_split) - 1)]
    _concede(t, "base", s.table.base + split * (ask - s.table.base))
    s.base_moves += 1
    if base_capped(t.scenario, s):
        _note(t, Objection.TOP_OF_RANGE)


def _base_without_number(t: _RecruiterDraft) -> None:
    """ "Can you do better?": asked for a figure once; after that the offer stands."""
    if base_capped(t.scenario, t.state):
        _top_of_range(t)
    elif not t.ask_for_number(Act.PRESS_FOR_NUMBER):
        t.say(Act.HOLD_WITHOUT_NUMBER, terms=t.state.table)


def _top_of_range(t: _RecruiterDraft) -> None:
    """Base is capped: say so, and once, offer another lever if the case is grounded."""
    _note(t, Objection.TOP_OF_RANGE)
    s = t.state
    if s.alternative_offered or evidence_points(s) < t.stance.evidence_for_levers:
        return
    if t.parsed.asks_for(Component.SIGN_ON) or t.parsed.asks_for(Component.EQUITY):
        return  # the lever they asked for is answered next: one figure per lever a turn
    for component in ("sign_on", "equity"):
        if _asked_absurdly(t, component):
            continue  # never "that's absurd" and "here's more of it" in one breath
        room = t.scenario.budget.limit(component) - getattr(s.table, component)
        if room >= MONEY_STEP:
            s.alternative_offered = True
            target = getattr(s.table, component) + t.stance.proactive_share * room
            _concede(t, component, target, act=Act.OFFER_ALTERNATIVE)
            return


def _lever(t: _RecruiterDraft, component: str, move: CandidateMove) -> None:
    s, stance = t.state, t.stance
    current = getattr(s.table, component)
    room = t.scenario.budget.limit(component) - current
    grounded = evidence_points(s) >= stance.evidence_for_levers or base_capped(t.scenario, s)
    if not grounded:
        s.refused.append(
            Refusal(component=component, asked=move.amount, reason="ungrounded", turn=s.turn)
        )
        t.object()
        return
    requested = None
    if move.amount is not None and move.kind != MoveKind.ASKS:
        requested = current + move.amount if move.relative else move.amount
        if _absurd_lever(t, component, requested):
            _absurd(t, component, requested)
            return
        if requested <= current:
            t.say(Act.ALREADY_THERE, component=component, amount=current)
            return
    if s.lever_asks.get(component, 0) >= stance.lever_asks or room < MONEY_STEP:
        s.refused.append(
            Refusal(component=component, asked=requested, reason="capped", turn=s.turn)
        )
        t.say(Act.HOLD_COMPONENT, component=component)
        return
    s.lever_asks[component] = s.lever_asks.get(component, 0) + 1
    target = current + stance.lever_share * room
    if requested is not None:
        target = min(target, requested)
    if not _concede(t, component, target):
        t.say(Act.HOLD_COMPONENT, component=component)


def _asked_absurdly(t: _RecruiterDraft, component: str) -> bool:
    """Whether this turn asks for an absurd amount of ``component`` (refused later on)."""
    current = getattr(t.state.table, component)
    for move in t.parsed.asks_for(Component(component)):
        if move.amount is not None and move.kind != MoveKind.ASKS:
            requested = current + move.amount if move.relative else move.amount
            if _absurd_lever(t, component, requested):
                return True
    return False


def _absurd_lever(t: _RecruiterDraft, component: str, requested: int) -> bool:
    offered = t.state.offered or t.state.table
    if component == "sign_on":
        return requested > SIGN_ON_ABSURD_SHARE * offered.base
    return requested > max(3 * offered.equity, offered.base)


def _absurd(t: _RecruiterDraft, component: str, asked: int) -> None:
    s = t.state
    s.absurd_strikes += 1
    s.refused.append(Refusal(component=component, asked=asked, reason="absurd", turn=s.turn))
    if s.absurd_strikes >= t.stance.absurd_strikes:
        t.beats = [b for b in t.beats if b.act not in OBJECTION_ACTS]
        t.say(Act.RECRUITER_WALKS)
        t.close(Outcome.RECRUITER_WALKED)
        return
    if not t.objected:
        t.say(Act.REFUSE_ABSURD, component=component, amount=asked)


def _title(t: _RecruiterDraft) -> None:
    s, budget = t.state, t.scenario.budget
    grounded = evidence_points(s) >= t.stance.evidence_for_levers
    if budget.next_title and s.table.title != budget.next_title and grounded:
        before = s.table.title
        s.table = s.table.model_copy(update={"title": budget.next_title})
        s.conceded.append(
            Change(component="title", before=before, after=budget.next_title, turn=s.turn)
        )
        t.say(Act.CONCEDE, component="title", title=budget.next_title)
        return
    s.refused.append(Refusal(component="title", reason="fixed", turn=s.turn))
    t.say(Act.REFUSE_TITLE, title=s.table.title)


def _days(
    t: _RecruiterDraft, component: str, move: CandidateMove, step: int, *, needs_grounds: bool
) -> None:
    s = t.state
    current = getattr(s.table, component)
    if (
        needs_grounds
        and evidence_points(s) < t.stance.evidence_for_levers
        and not base_capped(t.scenario, s)
    ):
        s.refused.append(
            Refusal(component=component, asked=move.amount, reason="ungrounded", turn=s.turn)
        )
        t.say(Act.HOLD_COMPONENT, component=component)
        return
    target = current + step
    if move.amount is not None:
        target = current + move.amount if move.relative else move.amount
    if target > 60:
        _absurd(t, component, target)
        return
    if not _concede(t, component, target):
        s.refused.append(
            Refusal(component=component, asked=move.amount, reason="capped", turn=s.turn)
        )
        t.say(Act.HOLD_COMPONENT, component=component, amount=current)


def _time(t: _RecruiterDraft) -> None:
    s, stance = t.state, t.stance
    if stance.extension_days == 0 and s.time_refused == 0:
        s.time_refused += 1
        t.say(Act.REFUSE_TIME, days=s.deadline_days)
        _note(t, Objection.DEADLINE, say=False)
        return
    if not s.extension_granted:
        s.extension_granted = True
        s.deadline_days += stance.extension_days or 1
    t.say(Act.GRANT_TIME, days=s.deadline_days)


def _candidate_walks(t: _RecruiterDraft) -> None:
    """A walk-out: a soft or standard recruiter tries once to save a grounded candidate."""
    s, stance = t.state, t.stance
    room = t.scenario.budget.sign_on_max - s.table.sign_on
    can_save = (
        stance.save_walk
        and not s.saved_walk
        and s.final_offer_turn is None
        and evidence_points(s) >= stance.evidence_for_base
        and room >= MONEY_STEP
    )
    if not can_save:
        t.say(Act.ACK_WALK)
        t.close(Outcome.CANDIDATE_WALKED)
        return
    s.saved_walk = True
    t.say(Act.SAVE_ATTEMPT)
    _concede(t, "sign_on", s.table.sign_on + stance.lever_share * room)
    s.final_offer_turn = s.turn
    t.say(Act.FINAL_OFFER, terms=s.table)


def _nothing_to_answer(t: _RecruiterDraft) -> None:
    """Nothing asked: steer back, ask once for a figure, or leave the offer standing."""
    p = t.parsed
    if any(beat.act == Act.PROMPT for beat in t.beats):
        t.say(Act.ASK_THOUGHTS)  # "ok": no push, just "take your time; what do you think?"
        return
    if p.has(MoveKind.OFF_TOPIC) and not t.beats:
        t.say(Act.REDIRECT)
    elif p.moves and all(m.kind == MoveKind.ENTHUSIASM for m in p.moves):
        t.say(Act.ASK_THOUGHTS)  # "I'm excited about the role!" is not a push for money
    elif not t.ask_for_number(Act.PRESS_FOR_NUMBER):
        t.say(Act.HOLD_WITHOUT_NUMBER, terms=t.state.table)


# ------------------------------------------------------------------ the one place money moves


def _round_money(value: float) -> int:
    return int(round(value / MONEY_STEP) * MONEY_STEP)


def _concede(t: _RecruiterDraft, component: str, target: float, act: Act = Act.CONCEDE) -> bool:
    """Raise one component toward ``target``, never past its budget. False if nothing moved."""
    s = t.state
    current = getattr(s.table, component)
    most = t.scenario.budget.limit(component)
    value = _round_money(target) if component in MONEY else round(target)
    value = min(value, most)
    if value <= current:
        return False
    s.table = s.table.model_copy(update={component: value})
    s.conceded.append(Change(component=component, before=current, after=value, turn=s.turn))
    t.say(act, component=component, amount=value)
    return True


def _note(t: _RecruiterDraft, objection: Objection, *, say: bool = True) -> None:
    if objection not in t.state.objections:
        t.state.objections.append(objection)
    if say and not t.objected:
        t.say(Act.OBJECT, objection=objection)


def _next_objection(t: _RecruiterDraft) -> Objection:
    s = t.state
    for objection in UNGROUNDED_OBJECTIONS:
        if objection == Objection.OTHER_OFFERS and s.competing:
            continue
        if objection not in s.objections:
            s.objections.append(objection)
            return objection
    return Objection.BUDGET_FIXED
