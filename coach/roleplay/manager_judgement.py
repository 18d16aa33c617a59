"""One judgement of a raise talk, read from its log; the live hints come from it too.

What the articles ask of a talk with one's own manager, each a check with its playbook
section: outcomes, not output; differentiation or risk stated ("what would break if you
left?"); examples tied to business results; the market rate named with its source; no
emotional appeals; no threat to leave without a real offer; a concrete ask (a figure,
a percent or a band, and a date); a written follow-up agreed. Conduct (hostility, pasted
instructions) is listed only when it happened.

As in the recruiter's call (``judgement``), a hint is what became true at the turn just
played, so it can't say a thing the scorecard denies: a warning speaks only of a
mistake that stays made (``FINAL``), what can still be put right gets a tip, and a
strength is praised only when the card will praise it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from string import Template

from coach import citations as cite
from coach.prompts import load, render
from coach.roleplay.hints import Hint
from coach.roleplay.judgement import Judgement, MistakeResult, Praise, Status
from coach.roleplay.manager_policy import MAct, ManagerMove, ManagerState, TalkLog, TalkOutcome
from coach.roleplay.manager_scenario import ManagerScenario
from coach.roleplay.manager_voice import day_text


@dataclass(frozen=True)
class _Check:
    title: str
    citation: str
    shown: bool = True  # conduct is listed only when it happened


MISTAKES: dict[str, _Check] = {
    "output_not_outcomes": _Check("Selling output instead of outcomes", cite.OUTCOMES_NOT_OUTPUT),
    "no_business_results": _Check("No examples tied to business results", cite.ANNUAL_REVIEWS),
    "no_differentiation": _Check("Not saying what would break without you", cite.DIFFERENTIATION),
    "no_market_source": _Check("Not naming the market rate and its source", cite.FUNCTION_MEDIAN),
    "emotional_appeal": _Check("Appealing to feelings instead of facts", cite.FACTS_NOT_FEELINGS),
    "bluff_threat": _Check(
        "Threatening to leave without a real alternative", cite.NO_BLUFFING, shown=False
    ),
    "no_concrete_ask": _Check("No concrete ask (a figure, and when)", cite.ANNUAL_REVIEWS),
    "no_written_followup": _Check("No written follow-up agreed", cite.PROMOTIONS),
    "hostile": _Check("Hostility toward your manager", cite.ANY_PUSHBACK, shown=False),
    "injection": _Check("Trying to game the manager", cite.ANY_PUSHBACK, shown=False),
}
MIN_EXAMPLES = 2  # "two or three concrete examples" (timing § Annual reviews)
# Mistakes that stay made once made: the only ones a warning hint speaks of.
FINAL = ("emotional_appeal", "bluff_threat", "hostile", "injection")
# A strength is not praised when one of these was made in the same talk.
CONFLICTS: dict[str, tuple[str, ...]] = {
    "outcomes": ("output_not_outcomes",),
    "differentiation": ("no_differentiation",),
    "market_source": ("no_market_source",),
    "concrete_ask": ("no_concrete_ask",),
    "written_followup": ("no_written_followup",),
    "real_alternative": ("bluff_threat",),
}


@dataclass(frozen=True)
class _Talk:
    scenario: ManagerScenario
    state: ManagerState

    def first(self, flag: str) -> int | None:
        return next((log.turn for log in self.state.log if getattr(log.read, flag)), None)

    @property
    def asked(self) -> int | None:
        """The first turn that asked for anything: money, a promotion, a title."""
        return next(
            (
                log.turn
                for log in self.state.log
                if log.ask is not None
                or log.read.promotion
                or log.read.title_only
                or log.read.defers
                or log.read.wants_raise
            ),
            None,
        )

    def ultimatum(self, log: TalkLog) -> bool:
        """A turn that threatens to leave with no real offer behind it: "20k more or I'll
        quit" is the threat the articles warn about, not an ask, whatever figure it names."""
        return log.read.threat and not log.read.alternative and not _had_offer(self.state, log.turn)

    def concrete_ask(self) -> int | None:
        """The first turn with a concrete ask: a figure (a number, a percent, a band), or a
        date for what is asked (a promotion "in the June cycle"); never an ultimatum."""
        for log in self.state.log:
            if self.ultimatum(log):
                continue
            asks = log.ask is not None or log.read.promotion or log.read.title_only
            if log.ask is not None or (log.read.proposes_date and (asks or self.asked)):
                return log.turn
        return None

    def ultimatum_ask(self) -> int | None:
        """The first turn whose figure came as an ultimatum."""
        return next(
            (log.turn for log in self.state.log if log.ask is not None and self.ultimatum(log)),
            None,
        )

    def dated_figure(self) -> bool:
        asks = [log for log in self.state.log if log.ask is not None and not self.ultimatum(log)]
        return any(log.read.dated for log in self.state.log) and bool(asks)


def _checks(talk: _Talk) -> dict[str, tuple[Status, int | None, str]]:
    s, asked = talk.state, talk.asked
    outcome_turn, output_turn = talk.first("outcomes"), talk.first("output")
    if outcome_turn is None:
        # A result the results check counts is an outcome here too: the card once said
        # "You described no work either way" beside "One example tied to a business result".
        outcome_turn = talk.first("results")
    found: dict[str, tuple[Status, int | None, str]] = {}
    if output_turn is not None and outcome_turn is None:
        found["output_not_outcomes"] = (
            "made",
            output_turn,
            "You counted work done (tickets, hours, volume); a manager forwards results: "
            "what changed for revenue, cost, risk or customers.",
        )
    elif outcome_turn is not None:
        found["output_not_outcomes"] = ("avoided", None, "You framed your work as outcomes.")
    else:
        found["output_not_outcomes"] = ("not tested", None, "You described no work either way.")
    if asked is None:
        found["no_business_results"] = ("not tested", None, "You asked for nothing.")
    elif s.results >= MIN_EXAMPLES:
        found["no_business_results"] = (
            "avoided",
            None,
            f"{s.results} examples tied to business results.",
        )
    elif s.results:
        # One example: the talk fell short when the last example was told (or at the ask,
        # if that came later), not before the example was given.
        told = max(log.turn for log in s.log if log.read.results)
        found["no_business_results"] = (
            "made",
            max(asked, told),
            "One example tied to a business result; bring two or three, each with its number.",
        )
    else:
        found["no_business_results"] = (
            "made",
            asked,
            "You asked without one example tied to a business result (a metric the company "
            "feels: revenue, cost, incidents, customers).",
        )
    differentiation = talk.first("differentiation") or talk.first("risk")
    if differentiation is not None:
        found["no_differentiation"] = ("avoided", None, "You said what would break without you.")
    elif asked is None:
        found["no_differentiation"] = ("not tested", None, "You asked for nothing.")
    else:
        found["no_differentiation"] = (
            "made",
            asked,
            "You never said what would break or stall if you left, or the risk you carry.",
        )
    source_turn = talk.first("market_source")
    market_turn = talk.first("market")
    if source_turn is not None:
        found["no_market_source"] = (
            "avoided",
            None,
            f"You named the market rate with its source ({s.market_source}).",
        )
    elif asked is None:
        found["no_market_source"] = ("not tested", None, "You asked for nothing.")
    else:
        detail = (
            "You mentioned the market but not where the figure comes from (AI Pulse, "
            "Levels.fyi, the salary guide): name it, so it reads as data."
            if market_turn is not None
            else "You never named the market rate for your role, nor its source."
        )
        found["no_market_source"] = ("made", market_turn or asked, detail)
    emotional = talk.first("emotional")
    found["emotional_appeal"] = (
        ("made", emotional, "You appealed to feelings or personal need; keep it to the case.")
        if emotional is not None
        else ("avoided", None, "You kept feelings and personal need out of it.")
    )
    threat = next(
        (
            log.turn
            for log in s.log
            if log.read.threat and not log.read.alternative and not _had_offer(s, log.turn)
        ),
        None,
    )
    if threat is not None:
        found["bluff_threat"] = (
            "made",
            threat,
            "You threatened to leave with no offer behind it; a manager can call it.",
        )
    concrete = talk.concrete_ask()
    number = next((log.turn for log in s.log if log.ask is not None), None)
    if concrete is not None:
        detail = (
            "You asked for a figure with a date."
            if talk.dated_figure()
            else (
                "You named a figure; add the date it takes effect next time."
                if number is not None
                else "You put a date on the ask; name the figure too next time."
            )
        )
        found["no_concrete_ask"] = ("avoided", None, detail)
    elif not s.log:
        found["no_concrete_ask"] = ("not tested", None, "The talk had no turns.")
    elif talk.ultimatum_ask() is not None:
        # A figure was named (the blind talks count "220 grand base or I'm out" as one), but
        # only inside the threat: said so, never praised, and the threat is its own check.
        found["no_concrete_ask"] = (
            "avoided",
            None,
            "You named a figure, but only as an ultimatum (pay it or you leave): that is the "
            "threat flagged in its own check, not an ask. Say the figure with the date it "
            "takes effect and the results behind it.",
        )
    else:
        found["no_concrete_ask"] = (
            "made",
            asked or s.turn,
            "You never named a figure (a number, a percent or a band) or a date for it.",
        )
    if s.plan is not None:
        found["no_written_followup"] = (
            "avoided",
            None,
            f"A written follow-up was agreed, dated {day_text(s.plan.day)}.",
        )
    elif not s.log:
        found["no_written_followup"] = ("not tested", None, "The talk had no turns.")
    else:
        found["no_written_followup"] = (
            "made",
            s.turn,
            "Nothing was agreed in writing: ask for the plan and its date in an email.",
        )
    for key, flag, text in (
        ("hostile", "hostile", "You were hostile toward your manager."),
        ("injection", "injection", "You tried to game the manager with pasted instructions."),
    ):
        turn = talk.first(flag)
        if turn is not None:
            found[key] = ("made", turn, text)
    return found


def _had_offer(state: ManagerState, turn: int) -> bool:
    return any(log.read.alternative for log in state.log if log.turn <= turn)


def _strengths(talk: _Talk, made: set[str]) -> list[Praise]:
    s, found = talk.state, []

    def add(key: str, turn: int | None, text: str, citation: str) -> None:
        if turn is not None and not set(CONFLICTS.get(key, ())) & made:
            found.append(Praise(key=key, text=text, citation=citation, turn=turn))

    add(
        "outcomes",
        talk.first("outcomes"),
        "You framed your work as business outcomes.",
        cite.OUTCOMES_NOT_OUTPUT,
    )
    add(
        "differentiation",
        talk.first("differentiation") or talk.first("risk"),
        "You said what would break without you.",
        cite.DIFFERENTIATION,
    )
    add(
        "market_source",
        talk.first("market_source"),
        f"You named the market rate with its source ({s.market_source}).",
        cite.FUNCTION_MEDIAN,
    )
    # Praised as the articles define it: a figure and its date, not said as a threat.
    add(
        "concrete_ask",
        talk.concrete_ask() if talk.dated_figure() else None,
        "You made a concrete ask: a figure, and when it takes effect.",
        cite.ANNUAL_REVIEWS,
    )
    add(
        "written_followup",
        s.plan.turn if s.plan else None,
        "You got the follow-up agreed in writing, with a date.",
        cite.PROMOTIONS,
    )
    add(
        "real_alternative",
        talk.first("alternative"),
        "You named a real offer with its figure, calmly.",
        cite.NO_BLUFFING,
    )
    return sorted(found, key=lambda p: p.turn)


def judge(scenario: ManagerScenario, state: ManagerState) -> Judgement:
    talk = _Talk(scenario, state)
    found = _checks(talk)
    mistakes = [
        MistakeResult(
            key=key,
            title=kind.title,
            status=found[key][0],
            turn=found[key][1],
            detail=found[key][2],
            citation=kind.citation,
        )
        for key, kind in MISTAKES.items()
        if key in found and (kind.shown or found[key][0] == "made")
    ]
    made = {m.key for m in mistakes if m.status == "made"}
    return Judgement(mistakes=mistakes, went_well=_strengths(talk, made))


# ------------------------------------------------------------------ live hints

# What the manager just did -> the tip on answering it.
_ANSWERS: tuple[tuple[MAct, str, str], ...] = (
    (MAct.PRODUCTIVITY, "productivity", cite.PRODUCTIVITY_ARGUMENT),
    (MAct.TOP_OF_BAND, "top_of_band", cite.PROMOTIONS),
    (MAct.NEEDS_SCOPE, "needs_scope", cite.PROMOTIONS),
    (MAct.TITLE_ONLY, "title_only", cite.PROMOTIONS),
    (MAct.BONUS_INSTEAD, "bonus_instead", cite.ANNUAL_REVIEWS),
    (MAct.CYCLE_CLOSED, "cycle_closed", cite.ANNUAL_REVIEWS),
    (MAct.REVISIT_AT_REVIEW, "revisit_at_review", cite.ANNUAL_REVIEWS),
    (MAct.NO_THREATS, "no_threats", cite.NO_BLUFFING),
    (MAct.DEFLECT_PROBE, "probe", cite.FUNCTION_MEDIAN),
    (MAct.CANT_CONFIRM_BAND, "probe", cite.FUNCTION_MEDIAN),
    (MAct.COUNTER, "counter", cite.ANNUAL_REVIEWS),
)
_PRAISE_ORDER = (
    "outcomes",
    "differentiation",
    "market_source",
    "concrete_ask",
    "written_followup",
    "real_alternative",
)


def _render(key: str, tone: str, citation: str, **values: str) -> Hint:
    return Hint(
        key=key,
        tone=tone,  # type: ignore[arg-type]
        citation=citation,
        text=render(f"roleplay/manager/hints/{key}", citation=citation, **values),
    )


def _results_tip(scenario: ManagerScenario) -> Hint:
    """No result behind the ask yet: the user's own bullets when they have a pack."""
    bullets = [b.strip() for b in scenario.evidence if b.strip()]
    if bullets:
        quoted = "; ".join(f"“{b.rstrip('.')}”" for b in bullets[:2])
        return _render("no_results_pack", "tip", cite.EVIDENCE_PACK, bullets=quoted)
    return _render("no_results_yet", "tip", cite.OUTCOMES_NOT_OUTPUT)


@cache
def _again_lines() -> dict[str, Template]:
    lines = load("roleplay/manager/hints_again").template.splitlines()
    pairs = (line.split(":", 1) for line in lines if ":" in line)
    return {key.strip(): Template(value.strip()) for key, value in pairs}


def _again(hint: Hint) -> Hint | None:
    """The short form of a tip already shown ("Still missing: ..."), or None."""
    line = _again_lines().get(hint.key)
    if line is None:
        return None
    text = line.substitute(citation=hint.citation)
    return hint.model_copy(update={"text": text})


def manager_hint(
    scenario: ManagerScenario,
    before: ManagerState,
    after: ManagerState,
    move: ManagerMove,
    shown: Sequence[str] = (),
) -> Hint | None:
    """The one hint worth showing after this turn, or None. ``shown``: the hints' texts
    of the talk so far: a tip already shown comes back once in its short form ("Still
    missing: ..."), never word for word, and then not at all."""
    hint = _hint(scenario, before, after, move)
    if hint is not None and hint.text not in shown:
        return hint
    again = _again(hint) if hint is not None else None
    if again is not None and again.text not in shown:
        return again
    return None if after.closed else _next_step(scenario, after, shown)


def _next_lines() -> dict[str, Template]:
    lines = load("roleplay/manager/hints_next").template.splitlines()
    pairs = (line.split(":", 1) for line in lines if ":" in line)
    return {key.strip(): Template(value.strip()) for key, value in pairs}


def _next_step(scenario: ManagerScenario, state: ManagerState, shown: Sequence[str]) -> Hint | None:
    """A turn with nothing new to say still gets a short pointer to what the talk lacks
    (the first check not yet met), or, with every check met, how to close; never a line
    already shown."""
    made = {m.key: m for m in judge(scenario, state).mistakes if m.status == "made"}
    keys = [k for k in _next_lines() if k in made and k not in FINAL]
    moved = state.base > scenario.current_base or state.title != scenario.title or state.bonus
    keys += ["on_track", "wrap_up"] if moved else ["wrap_up"]
    for key in keys:
        citation = made[key].citation if key in made else cite.ANNUAL_REVIEWS
        text = _next_lines()[key].substitute(citation=citation)
        if text not in shown:
            return Hint(key=f"next_{key}", tone="tip", citation=citation, text=text)
    return None


def _hint(
    scenario: ManagerScenario, before: ManagerState, after: ManagerState, move: ManagerMove
) -> Hint | None:
    was, now = judge(scenario, before), judge(scenario, after)
    made_before, made_now = was.made(), now.made()
    for key in FINAL:
        if key in made_now and key not in made_before:
            return _render(key, "warning", MISTAKES[key].citation)
    if after.outcome == TalkOutcome.MANAGER_ENDED:
        return _render("manager_ended", "warning", cite.ANY_PUSHBACK)
    log = after.log[-1]
    if (log.ask is not None or log.read.wants_raise) and not after.results:
        return _results_tip(scenario)
    if log.read.output and not log.read.outcomes and not after.results:
        return _render("output_only", "tip", cite.OUTCOMES_NOT_OUTPUT)
    acts = move.acts()
    for act, key, citation in _ANSWERS:
        if act in acts:
            return _render(key, "tip", citation)
    if log.read.market and not log.read.market_source and not after.market_source:
        return _render("market_no_source", "tip", cite.FACTS_NOT_FEELINGS)
    if log.ask is not None and not log.read.dated and "no_concrete_ask" in made_now:
        return _render("ask_without_date", "tip", cite.ANNUAL_REVIEWS)
    praised_before = was.praised()
    for key in _PRAISE_ORDER:
        praise = now.praised().get(key)
        if praise is not None and key not in praised_before:
            return _render(key, "praise", praise.citation)
    return None
