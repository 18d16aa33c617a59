"""Answers to advice questions, composed for the person instead of pasted from the playbook.

A topic (knowledge/embedded/topics.yaml) is chosen by the turn's top playbook hit, so
the answer speaks about the section it cites. The topic names the fact tools it can use
(the person's anchor range, walk-away number, offer score or counter); the brain runs
them in a second round of the turn (``calls_needed``), and ``compose`` fills the topic's
template (prompts/embedded/topics/) with their figures: the direct answer first, a
script, one line asking for the one missing fact, then "Why:" with its citations.

Every figure is copied from a tool result through ``format_usd``, never computed here,
so the numbers guard can trace it; the templates state percentages only.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from coach import citations as cite
from coach import prompts
from coach.contracts import (
    AnchorRangeResult,
    CounterLever,
    CounterResult,
    GrantWorth,
    OfferScoreResult,
    Passage,
    PlaybookPassages,
    SalaryEstimateResult,
    ToolName,
    ToolResult,
    WalkAwayResult,
)
from coach.embedded.calls import anchor_args, gap_args, offer_args, tool_call, walk_away_args
from coach.errors import DataError
from coach.money import format_usd, nearest_thousand, written_in
from coach.resources import KNOWLEDGE_DIR
from coach.understanding import Slots, promotion_level

TOPICS_FILE = KNOWLEDGE_DIR / "embedded" / "topics.yaml"
# The tools a topic may list as its facts, and what each needs from the slots.
FACT_TOOLS = (
    ToolName.ANCHOR_RANGE,
    ToolName.WALK_AWAY,
    ToolName.SCORE_OFFER,
    ToolName.DRAFT_COUNTER,
    ToolName.SALARY_LOOKUP,
)
# A raise talk's market gap needs the role, the place and the base today; the lookup runs
# once the role and the place are known (the median alone is worth showing), and each
# missing fact is asked for in the one ask line (facts/ask_gap_*.md).
GAP_FACTS = ("role", "location", "current_base")
# The topic a raise talk gets when no hit names a raise topic of its own.
RAISE_DEFAULT = "raise-at-work"
# Raise topics chosen by what the question says (RaiseCues), never by a hit alone: a
# "budget" or "top of range" section also answers questions that are neither.
PROMOTION_TOPIC = "promotion"
CUED_TOPICS = {
    "frozen": "raise-frozen",
    "not_yet": "raise-not-yet",
    "promotion": PROMOTION_TOPIC,
    "evidence": "raise-evidence",
}


@dataclass(frozen=True)
class RaiseCues:
    """What a raise talk's question says that its top hit may not: the person asks for the
    number (how much, am I underpaid), the base is frozen, the manager said not yet, or
    it is about a promotion, it brings up AI or the tools' productivity. Read from the
    words by the brain (coach.embedded.brain)."""

    number: bool = False
    frozen: bool = False
    not_yet: bool = False
    promotion: bool = False
    ai: bool = False
    evidence: bool = False  # asks whether a piece of work counts, or what does
    own_work: str = ""  # the person's own piece of work, as they told it
    paid_more: bool = False  # someone there is paid more for the same work (a new hire)


OFFER_TOOLS = frozenset({ToolName.SCORE_OFFER, ToolName.DRAFT_COUNTER})
MAX_CITATIONS = 2
OVERVIEW = "Overview"  # coach.playbook's name for the text before a file's first section
MAX_LEVERS = 3
Results = Mapping[str, ToolResult]
R = TypeVar("R", bound=ToolResult)


@dataclass(frozen=True)
class Topic:
    id: str
    sections: tuple[str, ...]  # "doc-id#section-slug", or "doc-id" for a whole document
    facts: tuple[ToolName, ...]
    ask: ToolName | None
    template: str
    levers: tuple[str, ...] = ()  # counter levers (CounterLever.key) the answer prices
    roles: tuple[str, ...] = ()  # the roles it is written for...
    for_hits: tuple[str, ...] = ()  # ...when the top hit is one of these docs or sections
    raise_hits: tuple[str, ...] = ()  # in a raise talk, these docs or sections choose it too
    # Chosen by what the question says (CUED_TOPICS), not by a hit: the sections it cites,
    # since the search may not have brought one of them ("doc-id § Heading").
    cites: tuple[str, ...] = ()
    named_by: tuple[str, ...] = ()  # patterns of the words naming its part of a package
    next_step: str = ""  # the template for its part asked about again by name
    next_step_by: tuple[str, ...] = ()  # ...or asked first time in these words

    def match(self, section_id: str) -> int:
        """How specifically this topic covers a section: 2 by name, 1 by document, 0 not."""
        doc = section_id.split("#", 1)[0]
        if section_id in self.sections:
            return 2
        return 1 if doc in self.sections else 0

    @property
    def raise_talk(self) -> bool:
        """A topic of the conversation with one's own manager: it works out the gap."""
        return ToolName.SALARY_LOOKUP in self.facts

    def match_in_raise(self, section_id: str) -> int:
        """How specifically this topic takes a section in a raise talk: 2, 1 or 0."""
        doc = section_id.split("#", 1)[0]
        if section_id in self.raise_hits:
            return 2
        return 1 if doc in self.raise_hits else 0


def slugify(text: str) -> str:
    """A heading as its chunk id slug: the same rule as coach.playbook.slugify, which
    the topics test holds this to (imported from there it would load the vector store)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def section_id(passage: Passage) -> str:
    return f"{passage.doc_id}#{slugify(passage.section)}"


def _tool(name: Any, topic: str, field: str) -> ToolName:
    if name not in {t.value for t in FACT_TOOLS}:
        allowed = ", ".join(t.value for t in FACT_TOOLS)
        raise DataError(f"Topic {topic}: '{field}' names {name!r}; use one of {allowed}.")
    return ToolName(name)


@cache
def load_topics(path: Path = TOPICS_FILE) -> tuple[Topic, ...]:
    """The topics file, checked field by field (one sentence naming what is wrong)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"The topics file {path.name} cannot be read: {exc}") from exc
    topics = []
    for entry in data.get("topics") or []:
        tid = str(entry.get("id") or "")
        if (
            not tid
            or not (entry.get("sections") or entry.get("cites"))
            or not entry.get("template")
        ):
            raise DataError(f"A topic in {path.name} lacks an id, sections or a template.")
        facts = tuple(_tool(f, tid, "facts") for f in entry.get("facts") or ())
        ask = _tool(entry["ask"], tid, "ask") if entry.get("ask") else None
        if ask is not None and ask not in facts:
            raise DataError(f"Topic {tid}: it asks for {ask.value}, which is not in its facts.")
        topics.append(
            Topic(
                id=tid,
                sections=tuple(str(s) for s in entry.get("sections") or ()),
                facts=facts,
                ask=ask,
                template=str(entry["template"]),
                levers=tuple(str(k) for k in entry.get("levers") or ()),
                roles=tuple(str(r) for r in entry.get("roles") or ()),
                for_hits=tuple(str(h) for h in entry.get("for_hits") or ()),
                raise_hits=tuple(str(h) for h in entry.get("raise_hits") or ()),
                cites=tuple(str(c) for c in entry.get("cites") or ()),
                named_by=tuple(str(w) for w in entry.get("named_by") or ()),
                next_step=str(entry.get("next_step") or ""),
                next_step_by=tuple(str(w) for w in entry.get("next_step_by") or ()),
            )
        )
    return tuple(topics)


@cache
def _naming() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (t.id, re.compile(r"(?i)\b(?:" + "|".join(t.named_by) + r")\b"))
        for t in load_topics()
        if t.named_by
    )


def named_topic(text: str) -> str | None:
    """The one topic whose part of a package the words name ("is 0.1% in options worth
    it?": equity); None when they name none, or several ("RSUs or a sign-on?")."""
    named = {tid for tid, words in _naming() if words.search(text)}
    return named.pop() if len(named) == 1 else None


def topic_heading(topic_id: str) -> str:
    """The words of the heading of a topic's first section ("total-package#equity":
    "equity"), to search for its part by name; "" for an unknown topic."""
    topic = next((t for t in load_topics() if t.id == topic_id), None)
    if topic is None or not topic.sections:
        return ""
    return topic.sections[0].partition("#")[2].replace("-", " ")


def has_next_step(topic_id: str) -> bool:
    """Whether the topic has a next step for its part asked about again by name."""
    return any(t.id == topic_id and t.next_step for t in load_topics())


@cache
def _next_step_asks() -> dict[str, re.Pattern[str]]:
    return {
        t.id: re.compile(r"(?i)\b(?:" + "|".join(t.next_step_by) + r")")
        for t in load_topics()
        if t.next_step and t.next_step_by
    }


def asks_next_step(topic_id: str, text: str) -> bool:
    """Whether ``text`` asks the topic's next step first time ("the recruiter says the
    grant is worth 240k, do I trust it?": how to check it, not the equity answer)."""
    words = _next_step_asks().get(topic_id)
    return words is not None and words.search(text) is not None


def topic_of_section(sid: str, topics: tuple[Topic, ...] | None = None) -> Topic | None:
    """The topic that covers a section most specifically (the first one on a tie)."""
    best, best_score = None, 0
    for topic in topics if topics is not None else load_topics():
        score = topic.match(sid)
        if score > best_score:
            best, best_score = topic, score
    return best


def topic_for(
    passages: PlaybookPassages | None,
    role: str | None = None,
    raise_talk: RaiseCues | None = None,
) -> Topic | None:
    """The topic of the top hit: the section the answer will cite first; for a person
    whose role has a topic of its own for that hit ("as a data engineer, what's my case
    when they say AI does half my job?"), that one. In a raise talk (the person asks their
    own employer for more; ``raise_talk`` holds what the question says), the raise topic
    its words name, else the role's or the first hit's, else the raise itself."""
    if passages is None or not passages.passages:
        return None
    sid = section_id(passages.passages[0])
    if raise_talk is not None:
        cued = _cued_topic(raise_talk)
        if cued is not None:
            return cued
    role_topic = _role_topic(role, sid)
    if role_topic is not None and (raise_talk is None or raise_talk.ai):
        return role_topic
    if raise_talk is not None:
        return _raise_topic(passages, role, raise_talk.ai)
    return topic_of_section(sid, _fitting(role))


@cache
def _reframes() -> frozenset[str]:
    """The topics that answer the "AI makes everyone productive" argument: in a raise talk
    they answer only a question that brings it up (``RaiseCues.ai``)."""
    return frozenset(t.id for t in load_topics() if t.template.startswith("reframing"))


def _fitting(role: str | None) -> tuple[Topic, ...]:
    """The topics that may answer this person. One written for some roles ("framing for
    engineering managers") is not the answer for a person who said they are something
    else (a PM): their words would be put in someone else's job; its section then falls
    to the topic of its document ("reframing productivity"). Anyone else may get it."""
    return tuple(t for t in load_topics() if not t.roles or role is None or role in t.roles)


def _by_id(tid: str) -> Topic:
    return next(t for t in load_topics() if t.id == tid)


def _cued_topic(cues: RaiseCues) -> Topic | None:
    for cue, tid in CUED_TOPICS.items():  # in order: a freeze outweighs a promotion
        if getattr(cues, cue):
            return _by_id(tid)
    return None


def _role_topic(role: str | None, sid: str) -> Topic | None:
    if not role:
        return None
    doc = sid.split("#", 1)[0]
    for topic in load_topics():
        if role in topic.roles and (sid in topic.for_hits or doc in topic.for_hits):
            return topic
    return None


def _raise_topic(passages: PlaybookPassages, role: str | None = None, ai: bool = True) -> Topic:
    """A raise talk's topic: the first hit whose section has a raise topic, or that a raise
    topic takes in a raise talk ("the budget is fixed" said by one's manager); else the
    raise itself."""
    topics = _fitting(role)
    for passage in passages.passages:
        sid = section_id(passage)
        own = topic_of_section(sid, topics)
        if (
            own is not None
            and own.raise_talk
            and own.id not in CUED_TOPICS.values()
            and (ai or own.id not in _reframes())
        ):
            return own
        taken = max(topics, key=lambda t: t.match_in_raise(sid))
        if taken.match_in_raise(sid) and (ai or taken.id not in _reframes()):
            return taken
    return _by_id(RAISE_DEFAULT)


def role_topic_of(role: str | None) -> Topic | None:
    """The framing topic written for this role, if one is."""
    if not role:
        return None
    return next((t for t in load_topics() if role in t.roles), None)


# -- the second round: the facts the topic can use --------------------------------------
def _ready(tool: ToolName, s: Slots) -> bool:
    if tool == ToolName.ANCHOR_RANGE:
        return bool(s.role)
    if tool == ToolName.WALK_AWAY:
        return bool(s.current_base or s.floor)
    if tool == ToolName.SALARY_LOOKUP:
        return bool(s.role and s.location)
    return bool(s.offer_text)


def _args(tool: ToolName, s: Slots, topic: Topic | None = None) -> dict[str, Any]:
    if tool == ToolName.SALARY_LOOKUP and topic is not None and topic.id == PROMOTION_TOPIC:
        # A promotion is priced at the next level's market, as the raise plan prices it
        # (raise_build._pick_ask): the lookup's ask is then the plan's ask for the same facts.
        up = promotion_level(s.level)
        return gap_args(replace(s, level=up) if up else s)
    if tool == ToolName.ANCHOR_RANGE:
        return anchor_args(s)
    if tool == ToolName.WALK_AWAY:
        return walk_away_args(s)
    if tool == ToolName.SALARY_LOOKUP:
        return gap_args(s)
    return offer_args(s)


def calls_needed(topic: Topic, slots: Slots, called: Collection[str]) -> list[dict[str, Any]]:
    """The topic's fact tools whose inputs are known and that this turn has not run.

    anchor_range is left out when an offer tool runs: the offer's score and counter
    carry the market anchor already.
    """
    tools = [t for t in topic.facts if t.value not in called and _ready(t, slots)]
    if any(t in OFFER_TOOLS for t in tools) or any(t in called for t in OFFER_TOOLS):
        tools = [t for t in tools if t != ToolName.ANCHOR_RANGE]
    return [tool_call(t, _args(t, slots, topic), len(called) + n) for n, t in enumerate(tools)]


# -- the answer ------------------------------------------------------------------------
def _of(results: Results, name: ToolName, kind: type[R]) -> R | None:
    result = results.get(name)
    return result if isinstance(result, kind) else None


def _fragment(name: str, **values: object) -> str:
    return prompts.render(f"embedded/facts/{name}", **values)


@dataclass(frozen=True)
class Facts:
    """The person's figures this turn's tools computed (None: not known)."""

    anchor: AnchorRangeResult | None = None
    walk: WalkAwayResult | None = None
    score: OfferScoreResult | None = None
    counter: CounterResult | None = None
    estimate: SalaryEstimateResult | None = None  # the market for a raise talk's gap

    @classmethod
    def of(cls, results: Results) -> Facts:
        anchor = _of(results, ToolName.ANCHOR_RANGE, AnchorRangeResult)
        walk = _of(results, ToolName.WALK_AWAY, WalkAwayResult)
        score = _of(results, ToolName.SCORE_OFFER, OfferScoreResult)
        counter = _of(results, ToolName.DRAFT_COUNTER, CounterResult)
        return cls(
            anchor if anchor is not None and anchor.median and anchor.top_low else None,
            walk if walk is not None and walk.walk_away else None,
            score if score is not None and score.score is not None else None,
            counter if counter is not None and (counter.anchor or counter.levers) else None,
            _of(results, ToolName.SALARY_LOOKUP, SalaryEstimateResult),
        )

    def known(self, tool: ToolName) -> bool:
        found = {
            ToolName.ANCHOR_RANGE: self.anchor,
            ToolName.WALK_AWAY: self.walk,
            ToolName.SCORE_OFFER: self.score,
            ToolName.DRAFT_COUNTER: self.counter,
            ToolName.SALARY_LOOKUP: self.estimate,
        }
        return found[tool] is not None

    def range(self) -> tuple[int, int] | None:
        """The range to state: the anchor tool's, else the counter's or the score's."""
        if self.anchor is not None and self.anchor.median and self.anchor.top_low:
            return self.anchor.low_end, self.anchor.top_low
        for pair in (
            self.counter.range if self.counter is not None else [],
            self.score.counter_range if self.score is not None else [],
        ):
            if len(pair) >= 2 and pair[0] and pair[1]:
                return pair[0], pair[1]
        return None


def _range_values(facts: Facts) -> dict[str, str]:
    pair = facts.range()
    if pair is None:
        return {"range": _fragment("range_unknown"), "your_range": ""}
    low, high = (format_usd(v) for v in pair)
    anchor = facts.anchor
    if anchor is not None:
        place = prompts.place_named(anchor.location, anchor.unadjusted_for)
        who = ", ".join(x for x in (anchor.role, anchor.level_label, place) if x)
        stretch = format_usd(anchor.top_high) if anchor.top_high else high
        your = _fragment("your_range", who=who, low=low, high=high, stretch=stretch)
    else:
        your = _fragment("your_range_offer", low=low, high=high)
    return {"range": f"{low} to {high}", "your_range": your}


def _walk_line(facts: Facts) -> str:
    walk = facts.walk
    if walk is None or walk.walk_away is None:
        return ""
    number = format_usd(walk.walk_away)
    if walk.current_base and walk.walk_away == walk.raise_low:
        line = _fragment("walk_away_pay", walk_away=number, current=format_usd(walk.current_base))
    else:
        line = _fragment("walk_away_floor", walk_away=number)
    median = walk.market_median
    if median:
        name = "walk_away_below_median" if walk.walk_away < median else "walk_away_above_median"
        line += " " + _fragment(name, median=format_usd(median))
    return line


def _levers(topic: Topic, facts: Facts) -> list[CounterLever]:
    """The counter's priced levers this topic names (all of them if it names none)."""
    if facts.counter is None:
        return []
    return [
        lv
        for lv in facts.counter.levers
        if lv.value and (not topic.levers or lv.key in topic.levers)
    ][:MAX_LEVERS]


def _offers_money(facts: Facts) -> str:
    """How the counter's offer writes its money ("$", "€"): its levers and grant in it."""
    return facts.counter.prefix if facts.counter is not None else "$"


def _levers_line(levers: list[CounterLever], facts: Facts) -> str:
    if not levers:
        return ""
    with written_in(_offers_money(facts)):
        priced = "; ".join(f"{lv.name.lower()} +{format_usd(lv.value or 0)}" for lv in levers)
    return _fragment("levers", levers=priced)


def _offer_line(facts: Facts) -> str:
    score = facts.score
    if score is None:
        return ""
    if score.market_median_base:
        return _fragment(
            "offer_scored_median",
            score=score.score,
            median=format_usd(score.market_median_base),
            position=(score.base_position or "").rstrip("."),
        )
    return _fragment("offer_scored", score=score.score)


def _grant_line(facts: Facts) -> str:
    """The offer's own grant in dollars, its sum shown, before advice on valuing grants:
    the person asking what their equity is worth gets that figure first."""
    grant = facts.counter.grant if facts.counter is not None else None
    if grant is None or not grant.how:
        return ""
    with written_in(_offers_money(facts)):  # as the tool wrote the sum in ``how``
        return _grant_sentences(grant)


def _grant_sentences(grant: GrantWorth) -> str:
    private = (
        _fragment(
            "grant_private",
            haircut=f"{grant.haircut_percent:g}",
            kept=format_usd(grant.yearly_kept),
        )
        if grant.private and grant.face and grant.haircut_percent
        else ""
    )
    yearly = (
        _fragment(
            "grant_yearly" if grant.even else "grant_yearly_average",
            years=grant.years,
            yearly=format_usd(grant.yearly),
        )
        if grant.face
        else ""
    )
    exercise = (
        _fragment(
            "grant_exercise",
            options=f"{grant.options:,}",
            cost=format_usd(grant.exercise_cost),
        )
        if grant.exercise_cost
        else ""
    )
    return _fragment(
        "grant_worth", how=grant.how, yearly=yearly, private=private, exercise=exercise
    )


def _counter_ask(facts: Facts) -> str:
    if facts.counter is not None and facts.counter.base_ask:
        return format_usd(facts.counter.base_ask)
    pair = facts.range()
    if pair is not None:
        return format_usd(pair[1])
    return _fragment("counter_ask_unknown")


def _ask_line(topic: Topic, facts: Facts, results: Results, slots: Slots, cues: RaiseCues) -> str:
    """One line asking for the topic's missing fact; none when the person gave it (its
    tool ran, and failed with its error shown, or will run), or when the figures it
    would give are known another way."""
    tool = topic.ask
    if tool == ToolName.SALARY_LOOKUP:
        return _gap_ask_line(facts, results, slots, cues)
    if tool is None or facts.known(tool) or tool.value in results or _ready(tool, slots):
        return ""
    if tool in OFFER_TOOLS and (facts.counter or facts.score):
        return ""
    return _fragment(f"ask_{tool.value}")


def _gap_ask_line(facts: Facts, results: Results, slots: Slots, cues: RaiseCues) -> str:
    """One line asking for what the market gap still lacks (the role, the place, the base
    today): when only one fact is missing, or the person asks for the number ("how much
    should I ask for?"); a question about framing or timing is not asked for its figures.
    None once the lookup has answered without a median (no data for the role or place:
    asking more would not help) or with the gap worked out."""
    est = facts.estimate
    if est is not None and (est.gap_pct is not None or not est.known):
        return ""
    if est is None and ToolName.SALARY_LOOKUP.value in results:
        return ""  # the lookup failed: its error is shown, not asked about again
    missing = [name for name in GAP_FACTS if not getattr(slots, name)]
    if not missing or (len(missing) > 1 and not cues.number):
        return ""
    if len(missing) == len(GAP_FACTS):
        return _fragment("ask_salary_lookup")
    return _fragment("ask_gap_" + "_".join(GAP_WORDS[name] for name in missing))


GAP_WORDS = {"role": "role", "location": "place", "current_base": "base"}


# How the market's role names are written in a sentence ("ai engineer" -> "AI engineers").
_ACRONYMS = {"ai": "AI", "ml": "ML", "mlops": "MLOps"}


def _who(est: SalaryEstimateResult) -> str:
    """'senior data engineers in Chicago-Naperville-Elgin, IL-IN': the group the median is of
    (every role the market names ends in a noun that takes an "s")."""
    role = " ".join(_ACRONYMS.get(w, w) for w in (est.role or "").split())
    group = " ".join(x for x in (est.level_label, f"{role}s" if role else "people") if x)
    if est.unadjusted_for:  # national figures: never "the median in Chicago"
        return f"{group} ({prompts.place_named(est.location, est.unadjusted_for)})"
    if not est.location:
        return group
    remote = est.location.lower().startswith("remote")
    return f"{group}, {est.location}" if remote else f"{group} in {est.location}"


def _gap_source(est: SalaryEstimateResult) -> str:
    """The median's source in words: the group it comes from (its size and data set), and
    the place's ratio when one was applied."""
    basis = est.basis or "; ".join(est.sources()[:1])
    if est.location_ratio is not None and est.location:
        return _fragment(
            "gap_source_place", basis=basis, ratio=f"{est.location_ratio:.3f}", place=est.location
        )
    return basis


def _gap_values(facts: Facts) -> dict[str, str]:
    """The gap line (where the person's base sits against the median, with its source) and
    the figure the script asks for, as the lookup worked it out: toward the median when
    they are under it, the 75th percentile when they are at or over it; words, not a
    placeholder, when neither is known. The line says the market's exact figure; the ask
    is it to the nearest $1,000, or a first step of 20% when it is further than that."""
    est = facts.estimate
    none = {"gap_line": "", "gap_ask": _fragment("gap_ask_unknown")}
    if est is None:
        return none
    who = _who(est)
    if not est.known or est.p50 is None:
        reason = (est.unknown_reason or est.withheld or "no published figures").rstrip(".")
        return {**none, "gap_line": _fragment("gap_unknown", who=who, reason=reason)}
    median = format_usd(est.p50)
    source = _gap_source(est)
    if est.gap_pct is None or est.gap is None:
        line = _fragment("gap_median_only", who=who, median=median, source=source)
        ask = format_usd(nearest_thousand(est.p50))
        return {"gap_line": line, "gap_ask": _fragment("gap_ask_median", ask=ask)}
    base = format_usd(est.current_base or 0)
    if est.gap_pct < 0:
        line = _fragment(
            "gap_under",
            base=base,
            pct=-est.gap_pct,
            who=who,
            median=median,
            source=source,
            difference=format_usd(-est.gap),
        )
    else:
        name = "gap_at" if est.gap_pct == 0 else "gap_over"
        line = _fragment(name, base=base, pct=est.gap_pct, who=who, median=median, source=source)
        if est.ask_target == "p75" and est.p75 is not None:
            line += " " + _fragment("gap_p75", p75=format_usd(est.p75))
    if est.ask is None:
        return {"gap_line": line, "gap_ask": _fragment("gap_ask_outcomes")}
    ask = format_usd(est.ask)
    if not est.ask_staged:
        fragment = "gap_ask_median" if est.ask_target == "p50" else "gap_ask_p75"
        return {"gap_line": line, "gap_ask": _fragment(fragment, ask=ask)}
    figure = "The median" if est.ask_target == "p50" else "The 75th percentile"
    staged = _fragment(
        "gap_staged",
        figure=figure,
        pct=f"{est.ask_target_pct or 0:.0f}",
        ask=ask,
        rest=format_usd(est.ask_rest or 0),
    )
    return {"gap_line": f"{line} {staged}", "gap_ask": _fragment("gap_ask_step", ask=ask)}


def _role_case(topic: Topic, slots: Slots) -> str:
    """For a raise topic, the case to make in the person's own function, in one sentence
    (facts/role_case_<framing template>.md); none for a framing topic, which is that case."""
    framing = role_topic_of(slots.role)
    if framing is None or topic.roles or not topic.raise_talk:
        return ""
    name = f"role_case_{framing.template}"
    return _fragment(name) if prompts.exists(f"embedded/facts/{name}") else ""


def _citations(topic: Topic, passages: PlaybookPassages, facts: Facts) -> list[str]:
    """The top hit's section, then another hit of the same topic, then the section behind
    a figure the answer uses (the range, the walk-away, the first lever priced)."""
    hits = passages.passages
    # A named section says more than a document's overview, whatever their order.
    same = [
        p.citation
        for p in sorted(hits[1:], key=lambda p: p.section == OVERVIEW)
        if topic.match(section_id(p))
    ]
    used = [
        *(facts.anchor.citations()[:1] if facts.anchor is not None else []),
        *(facts.walk.citations()[:1] if facts.walk is not None else []),
        *(lv.citation for lv in _levers(topic, facts)[:1] if lv.citation),
    ]
    # A first step instead of the whole gap: the rule of thumb behind it is cited first.
    staged = facts.estimate is not None and facts.estimate.ask_staged
    step = [cite.MARKET_GAP] if staged else []
    # A topic the question's words chose cites its own sections, found or not.
    own = [p.citation for p in hits if p.citation in topic.cites] + list(topic.cites)
    cited = [own[0] if own else hits[0].citation]
    for citation in [*step, *own, *same, *used]:
        if len(cited) < MAX_CITATIONS and citation not in cited:
            cited.append(citation)
    return cited


def compose(
    topic: Topic,
    passages: PlaybookPassages,
    results: Results,
    slots: Slots,
    pressed: bool = False,
    evidence: Sequence[str] = (),
    cues: RaiseCues | None = None,
    again: bool = False,
) -> str:
    """The topic's answer for this person, from its template and this turn's results;
    ``pressed``: the person came back on the same topic ("what if they insist?"), so its
    next step (``<template>_pressed``) rather than the same answer again, and where a
    topic has no next step written, a line saying the answer stands. ``evidence``: the
    person's saved evidence-pack bullets, shown by a template that asks for them. ``again``:
    the question names the topic's part again after its answer, so its ``next_step``."""
    cues = cues or RaiseCues()
    facts = Facts.of(results)
    values = {
        **_range_values(facts),
        "walk_away_line": _walk_line(facts),
        "levers_line": _levers_line(_levers(topic, facts), facts),
        "offer_line": _offer_line(facts),
        "grant_line": _grant_line(facts),
        "counter_ask": _counter_ask(facts),
        "ask": _ask_line(topic, facts, results, slots, cues),
        "why": "; ".join(f"[{c}]" for c in _citations(topic, passages, facts)),
        "named_line": _named_line(slots),
        "evidence_line": _evidence_line(evidence),
        "raise_evidence": _raise_evidence(evidence),
        **_gap_values(facts),
        "role_case": _role_case(topic, slots),
        **_own_work_values(cues),
    }
    template = f"embedded/topics/{topic.template}"
    if again and topic.next_step:  # its part asked about again by name
        return _tidy(prompts.render(f"embedded/topics/{topic.next_step}", **values))
    if pressed and prompts.exists(f"{template}_pressed"):
        return _tidy(prompts.render(f"{template}_pressed", **values))
    answer = prompts.render(template, **values)
    answer = "\n\n".join([*_leads(topic, cues, values), answer])
    if pressed:
        answer = _fragment("pressed_stands") + "\n\n" + answer
    return _tidy(answer)


def _leads(topic: Topic, cues: RaiseCues, values: Mapping[str, str]) -> list[str]:
    """What comes before a raise topic's answer when the question says it: the pay of a
    new hire or a peer (the gap it points to), and the person's own work said back ("yes,
    it counts") before the answer on what makes it count."""
    if not topic.raise_talk:
        return []
    leads = [_fragment("paid_more") if cues.paid_more else ""]
    if topic.id == CUED_TOPICS["evidence"]:
        leads.append(values["own_work_open"])
    return [lead for lead in leads if lead]


def _evidence_line(evidence: Sequence[str]) -> str:
    """The person's saved evidence bullets, as they wrote them; with none, where to build
    the pack (the form, or `coach evidence`)."""
    said = [" ".join(b.split()) for b in evidence if b.strip()]
    if not said:
        return _fragment("evidence_none")
    return _fragment("evidence_saved", bullets="\n".join(f"- {b}" for b in said))


def _raise_evidence(evidence: Sequence[str]) -> str:
    """The outcomes a raise or promotion talk brings: the person's saved bullets, as they
    wrote them; with none, where to build them."""
    said = [" ".join(b.split()) for b in evidence if b.strip()]
    if not said:
        return _fragment("raise_evidence_none")
    return _fragment("raise_evidence_saved", bullets="\n".join(f"- {b}" for b in said))


def _own_work_values(cues: RaiseCues) -> dict[str, str]:
    """The person's own piece of work said back in their words: the answer's first line
    says it counts, and the script puts it in their mouth as they told it."""
    work = re.sub(r"([\\*_`<>\[\]])", r"\\\1", cues.own_work.strip())  # their words, as typed
    if not work:
        return {"own_work_open": "", "own_work_said": _fragment("own_work_none_said")}
    return {
        "own_work_open": _fragment("own_work_open", work=work),
        "own_work_said": _fragment("own_work_said", work=work),
    }


def _named_line(slots: Slots) -> str:
    """What the person named that moves pay within a band (a domain, skills, an employer
    type), said back so they see it was read."""
    named = [x for x in (slots.domain, *slots.skills, slots.employer_type) if x]
    return _fragment("named", named=", ".join(named)) if named else ""


def _tidy(text: str) -> str:
    """Empty fact lines leave gaps: one space between words, one blank line at most."""
    text = re.sub(r"[ \t]{2,}", " ", text)
    text = re.sub(r" +\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
