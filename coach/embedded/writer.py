"""Answers from tool results, written from the templates in prompts/embedded/.

Every figure in an answer is copied from a tool result, never computed here, so
the numbers guard can trace each one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import TypeVar

from coach import citations as cite
from coach import prompts
from coach.contracts import (
    AnchorRangeResult,
    ComparisonGap,
    ComparisonResult,
    CounterResult,
    OfferScoreResult,
    PlaybookPassages,
    SalaryEstimateResult,
    ToolName,
    ToolResult,
    TradeoffResult,
    WalkAwayResult,
)
from coach.embedded import composers
from coach.money import format_usd
from coach.understanding import Slots
from coach.vocabulary import levels

ANCHOR_CITATION = f"[{cite.STATE_RANGE}]"
Results = Mapping[str, ToolResult]
R = TypeVar("R", bound=ToolResult)


def see_also(advice: PlaybookPassages | None, shown: str = "") -> str:
    """The top playbook section as a citation, unless the answer cites it already: the
    passage itself opens from the citation (UI) or with ``coach ask --sources`` (CLI)."""
    if advice is None or not advice.passages:
        return ""
    citation = advice.passages[0].citation
    if f"[{citation}]" in shown:
        return ""
    return prompts.render("embedded/see_also", citation=citation)


def _adjustments(est: SalaryEstimateResult) -> str:
    if not est.adjustments:
        return ""
    lines = ["Premiums reported for this case — ranges with their source, *not* applied above:"]
    for a in est.adjustments:
        on = a.on_p50
        tail = f" → {format_usd(on[0])}–{format_usd(on[1])} on the median" if on else ""
        lines.append(f"- {a.what}: +{a.low_pct:g}% to +{a.high_pct:g}% ({a.source}){tail}")
    return "\n".join(lines) + "\n\n"


def _references(est: SalaryEstimateResult) -> str:
    if not est.references:
        return ""
    lines = ["Reference figures from the articles:"]
    for r in est.references:
        span = " – ".join(format_usd(v) for v in (r.low, r.high) if v is not None)
        lines.append(f"- {r.what}{': ' + span if span else ''} ({r.source})")
    return "\n".join(lines) + "\n\n"


def _method(est: SalaryEstimateResult) -> str:
    """How the figures were made, when a place was applied to them (the ratio and the two
    medians it comes from), or when the place asked could not be (national figures)."""
    shown = est.location_ratio is not None or est.unadjusted_for
    return f"{est.method}\n\n" if est.method and shown else ""


def salary(
    est: SalaryEstimateResult,
    advice: PlaybookPassages | None,
    previous: SalaryEstimateResult | None = None,
) -> str:
    place = prompts.place_named(est.location, est.unadjusted_for)
    title = ", ".join(x for x in (est.role, est.level_label, place) if x)
    change = est.change_from(previous) if previous is not None else None
    unknown = ""
    if not est.known:
        reason = est.unknown_reason or est.withheld or "no source has figures for it."
        # Its own paragraph: the template loader strips trailing blank lines.
        unknown = prompts.render("embedded/salary_unknown", reason=reason) + "\n\n"
    basis = prompts.render("embedded/salary_basis", basis=est.basis) if est.basis else ""
    if est.n and f"{est.n:,}" not in basis:  # the group's size, when its words omit it
        basis += " " + prompts.render("embedded/salary_count", count=f"{est.n:,}")
    assumptions = " ".join(est.assumptions)
    cited = advice.citations() if advice else []
    answer = prompts.render(
        "embedded/salary",
        title=title,
        table=est.markdown(),
        basis=basis.strip(),
        method=_method(est),
        adjustments=_adjustments(est),
        references=_references(est),
        unknown=unknown,
        citation=f"[{cited[0]}]" if cited else ANCHOR_CITATION,
        sources="; ".join(est.sources()) or "none",
        assumptions=f" Assumptions: {assumptions}" if assumptions else "",
    )
    gap = _salary_gap(est)
    if gap:
        answer = f"{gap}\n\n{answer}"
    return f"**What changed:** {change}\n\n{answer}" if change else answer


def _salary_gap(est: SalaryEstimateResult) -> str:
    """Where the person's base today sits against this median, when they gave it."""
    if est.gap_pct is None or est.gap is None or est.p50 is None:
        return ""
    side = "under" if est.gap_pct < 0 else "over"
    return prompts.render(
        "embedded/salary_gap",
        base=format_usd(est.current_base or 0),
        pct=abs(est.gap_pct),
        side=side,
        median=format_usd(est.p50),
        difference=format_usd(abs(est.gap)),
    )


def write(
    intent: str,
    slots: Slots,
    results: Results,
    previous: SalaryEstimateResult | None = None,
    change: str = "",
    question: str = "",
    pressed: str = "",
    evidence: Sequence[str] = (),
    cues: composers.RaiseCues | None = None,
    again: str = "",
    thread_offers: bool = False,
    sign_on_gap: str = "",
    at_haircut: bool = False,
) -> str:
    """The answer to this turn from its tool results (by tool name); ``previous`` is the
    last turn's estimate, so a follow-up says what it changed; ``change`` is what a
    what-if follow-up changed in the offer; ``question`` one asked beside an offer, answered
    after its score; ``pressed`` the topic of the last answer when this turn leans on it
    ("and if they keep pushing?"): the answer goes a step further, not round again;
    ``evidence`` the person's saved evidence-pack bullets; ``cues`` what a raise talk's
    question says (the number asked for, a freeze, ...); ``again`` the topic whose part
    this question names again after its answer (its next step answers); ``thread_offers``
    the offers compared are ones the thread gave before (the difference leads);
    ``sign_on_gap`` a counter against another offer asks what sign-on closes the gap;
    ``at_haircut`` offers are weighed with private equity after the haircut, as asked."""
    errors = [r.error for r in results.values() if r.error]
    body = _body(
        intent,
        slots,
        results,
        previous,
        question,
        pressed,
        evidence,
        cues,
        again,
        thread_offers,
        sign_on_gap,
        at_haircut,
    )
    if change:
        body = prompts.render("embedded/what_changed", change=change) + "\n\n" + body
    parts = [prompts.render("embedded/tool_error", error=e) for e in errors] + [body]
    parts.append(prompts.render("embedded/footer"))
    return "\n\n".join(p for p in parts if p.strip())


def _of(results: Results, name: ToolName, kind: type[R]) -> R | None:
    """The result of tool ``name`` if it answered with data (not an error)."""
    result = results.get(name)
    return result if isinstance(result, kind) else None


def _targets(results: Results, advice: PlaybookPassages | None) -> str:
    """The anchor range and the walk-away number, whichever this turn computed."""
    found = [
        _of(results, ToolName.ANCHOR_RANGE, AnchorRangeResult),
        _of(results, ToolName.WALK_AWAY, WalkAwayResult),
    ]
    shown = [r.markdown() for r in found if r is not None and r.markdown()]
    if not shown:
        return ""
    text = "\n\n".join(shown)
    extra = see_also(advice, text)
    return text + (f"\n\n{extra}" if extra else "")


def _body(
    intent: str,
    slots: Slots,
    results: Results,
    previous: SalaryEstimateResult | None = None,
    question: str = "",
    pressed: str = "",
    evidence: Sequence[str] = (),
    cues: composers.RaiseCues | None = None,
    again: str = "",
    thread_offers: bool = False,
    sign_on_gap: str = "",
    at_haircut: bool = False,
) -> str:
    advice = _of(results, ToolName.SEARCH_PLAYBOOK, PlaybookPassages)
    if intent in ADVICE_INTENTS:
        talk = cues if intent == "raise" else None
        return _advice(advice, slots, results, pressed, talk, cues, evidence, again)
    est = _of(results, ToolName.SALARY_LOOKUP, SalaryEstimateResult)
    if est is not None:
        return salary(est, advice, previous)
    targets = _targets(results, advice)
    if targets:
        return targets

    offer_results: tuple[tuple[ToolName, type[ToolResult]], ...] = (
        (ToolName.SCORE_OFFER, OfferScoreResult),
        (ToolName.DRAFT_COUNTER, CounterResult),
        (ToolName.COMPARE_OFFERS, ComparisonResult),
        (ToolName.COMPARE_TRADEOFF, TradeoffResult),
    )
    rival = _of(results, ToolName.COMPARE_OFFERS, ComparisonResult)
    for name, kind in offer_results:
        result = _of(results, name, kind)
        if isinstance(result, CounterResult) and rival is not None and rival.gap is not None:
            # "counter the startup so it matches A": what closes the gap, then the counter
            # ("what sign-on would cover the rest?": the sign-on that closes it, first)
            gap = _gap_asked(rival, at_haircut)
            against = counter_against(gap, rival.names[0], sign_on_gap)
            against += _nothing_to_cut(rival, at_haircut)
            return f"{against}\n\n{result.markdown()}"
        if thread_offers and isinstance(result, ComparisonResult) and result.gap is not None:
            # The same offers asked about again ("what's the yearly difference between
            # them?"): the difference first, then the table it comes from.
            difference = compare_difference(_gap_asked(result, at_haircut))
            difference += _nothing_to_cut(result, at_haircut)
            return f"{difference}\n\n{result.markdown()}"
        if result is not None and result.markdown():
            if question and advice is not None:  # the other thing the message asked
                answer = _advice(advice, slots, results)
                return f"{result.markdown()}\n\n**{question}**\n\n{answer}"
            extra = see_also(advice, result.markdown())
            return result.markdown() + (f"\n\n{extra}" if extra else "")
    if intent == "greeting":
        return prompts.render("embedded/greeting")
    if intent == "thanks":
        return prompts.render("embedded/thanks")
    if intent == "salary" and not slots.role:
        extra = see_also(advice)
        return prompts.render("embedded/need_role") + (f"\n\n{extra}" if extra else "")
    if intent == "salary":  # the lookup refused the role or place: its error is the answer
        return see_also(advice)
    if intent in {"offer_score", "counter"} and not slots.offer_text:
        extra = see_also(advice)
        return prompts.render("embedded/need_offer") + (f"\n\n{extra}" if extra else "")
    if intent == "off_topic":
        return prompts.render("embedded/off_topic")
    if intent == "clarify":
        return prompts.render("embedded/clarify")
    if intent == "out_of_scope":
        # The negotiation side of it, when the playbook has a section that surely fits
        # ("is it legal for them to ask my salary history?").
        side = _advice(advice, slots, results) if _sure(advice) else ""
        return prompts.render("embedded/out_of_scope") + (f"\n\n{side}" if side else "")
    return _advice(advice, slots, results, evidence=evidence)


_NUMBERED = re.compile(r"Offer \d+")


# How a counter asks for the sign-on that closes the gap: with the base free to move, or
# at the base the employer said it will not go past.
SIGN_ON_ASKED = "asked"
SIGN_ON_AT_CEILING = "at the base's ceiling"


def _gap_asked(comparison: ComparisonResult, at_haircut: bool) -> ComparisonGap:
    """The comparison's gap on the basis asked: after the haircut when the person counts
    private equity that way (and the haircut changes a total), else at face value."""
    gap = comparison.gap_after_haircut if at_haircut else None
    return gap or comparison.gap  # type: ignore[return-value]  # callers checked .gap


def _nothing_to_cut(comparison: ComparisonResult, at_haircut: bool) -> str:
    """Said when the person counts equity at a haircut that changes no total ("count the
    rsus at half" of two public offers): the figures stand at face value, and why."""
    if not at_haircut or comparison.gap_after_haircut is not None:
        return ""
    return prompts.render("embedded/facts/no_haircut")


def counter_against(gap: ComparisonGap, countered: str, sign_on: str = "") -> str:
    """What a counter must close to match the thread's other offer (``countered`` is the
    comparison's name for the offer countered), or that it already leads; ``sign_on``
    (SIGN_ON_*): the sign-on that would close it, asked for, comes first."""

    def said(name: str) -> str:  # "Offer 2" is the comparison's number, not the person's
        return "the other offer" if _NUMBERED.fullmatch(name) else name

    haircut = other_basis(gap, lambda name: "this offer" if name == countered else said(name))
    if gap.total == 0:
        other = gap.behind if gap.ahead == countered else gap.ahead
        return prompts.render(
            "embedded/facts/counter_even", other=said(other), haircut=haircut
        ).strip()
    if gap.ahead == countered:
        return prompts.render(
            "embedded/facts/counter_already_ahead",
            behind=said(gap.behind),
            total=format_usd(gap.total),
            yearly=format_usd(gap.yearly),
            haircut=haircut,
        ).strip()
    if sign_on:
        has = gap.sign_on_to_match - gap.total
        return prompts.render(
            "embedded/facts/counter_sign_on",
            ahead=said(gap.ahead),
            total=format_usd(gap.total),
            sign_on=format_usd(gap.sign_on_to_match),
            has=prompts.render("embedded/facts/counter_sign_on_has", has=format_usd(has))
            if has
            else "",
            haircut=haircut,
            rest=prompts.render("embedded/facts/counter_sign_on_at_ceiling")
            if sign_on == SIGN_ON_AT_CEILING
            else prompts.render(
                "embedded/facts/counter_sign_on_or_base", base=format_usd(gap.base_to_match)
            ),
        ).strip()
    return prompts.render(
        "embedded/facts/counter_to_match",
        ahead=said(gap.ahead),
        total=format_usd(gap.total),
        yearly=format_usd(gap.yearly),
        base=format_usd(gap.base_to_match),
        haircut=haircut,
    ).strip()


def other_basis(gap: ComparisonGap, name: Callable[[str], str]) -> str:
    """How the gap stands on the other basis, where that differs: after the liquidity haircut
    for a gap at face value; at face value for one counted after the haircut, as asked. The
    lead may change hands there: whoever is ahead, by how much (``name`` says an offer)."""
    if gap.at_haircut:
        if gap.face == 0:
            return prompts.render("embedded/facts/compare_even_at_face")
        leads = gap.ahead if gap.face > 0 else gap.behind
        return prompts.render(
            "embedded/facts/compare_at_face", ahead=name(leads), by=format_usd(abs(gap.face))
        )
    if gap.after_haircut in (gap.total, 0):
        return ""
    leads = gap.ahead if gap.after_haircut > 0 else gap.behind
    return prompts.render(
        "embedded/facts/compare_haircut", ahead=name(leads), by=format_usd(abs(gap.after_haircut))
    )


def compare_difference(gap: ComparisonGap, table_above: bool = False) -> str:
    """What the offer ahead pays more than the next, over four years, a year on average and
    year by year, and after the haircut on private equity where that differs."""
    years = ", ".join(
        f"year {n}: {format_usd(v)} more" if v >= 0 else f"year {n}: {format_usd(-v)} less"
        for n, v in enumerate(gap.by_year, start=1)
    )
    above = prompts.render("embedded/facts/compare_above") if table_above else ""
    if gap.total == 0:
        return prompts.render(
            "embedded/facts/compare_even", ahead=gap.ahead, behind=gap.behind, above=above
        ).strip()
    haircut = other_basis(gap, str)
    return prompts.render(
        "embedded/facts/compare_difference",
        ahead=gap.ahead,
        behind=gap.behind,
        total=format_usd(gap.total),
        yearly=format_usd(gap.yearly),
        years=years,
        haircut=haircut,
        above=above,
    ).strip()


# Intents answered by a composed topic: the playbook's advice, and the raise talk (whose
# topic is chosen among the raise topics, its figures the market gap).
ADVICE_INTENTS = {"advice", "raise"}
# A best section this sure (fused rank score, 1.0 = first for every ranker) is answered.
SURE_SECTION = 0.8


def _sure(advice: PlaybookPassages | None) -> bool:
    top = advice.passages[0].score if advice and advice.passages else None
    return top is not None and top >= SURE_SECTION


def _advice(
    advice: PlaybookPassages | None,
    slots: Slots,
    results: Results,
    pressed: str = "",
    raise_talk: composers.RaiseCues | None = None,
    cues: composers.RaiseCues | None = None,
    evidence: Sequence[str] = (),
    again: str = "",
) -> str:
    """A composed answer on the topic of the top playbook hit; the passages themselves
    open from the citations (UI) or with ``coach ask --sources`` (CLI). Pressed further
    on the last answer's topic, the topic's next step."""
    if advice is None or not advice.passages:
        return ""  # the search failed: its error is the answer
    topic = composers.topic_for(advice, slots.role, raise_talk)
    if topic is None:  # a section no topic covers (a playbook file added without one)
        return prompts.render("embedded/advice", citation=f"[{advice.passages[0].citation}]")
    return composers.compose(
        topic,
        advice,
        results,
        slots,
        pressed=topic.id == pressed,
        cues=cues,
        evidence=evidence,
        again=topic.id == again,
    )


_CITED = re.compile(r"\[[^\]\n]+\]")


def advice_of(answer: str) -> str:
    """An answer without its citations: two answers that differ only in the sections they
    cite give the same advice."""
    return " ".join(_CITED.sub("", answer).split())


_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?=\s|$)", re.S)


def same_answer(before: str, gist: str = "") -> str:
    """What a follow-up gets when the advice it leads to is the last answer's, word for
    word: that answer's first sentence, pointed to, and a request for what would change it
    (a follow-up never gets the same answer again)."""
    if not gist:
        first = before.split("\n\n", 1)[0].strip()
        found = _FIRST_SENTENCE.match(first)
        gist = (found.group(1) if found else first).strip()
    body = prompts.render("embedded/same_answer", gist=gist)
    return "\n\n".join([body, prompts.render("embedded/footer")])


def offer_year_by_year(result: OfferScoreResult, change: str = "") -> str:
    """The offer's own total pay, asked for again after its score ("so whats my actual
    total comp in yr 1"): year one first, then four years, from the scored totals, after
    what a what-if changed (``change``: "what if the stock drops 40%, whats yr 1 then");
    "" when the offer was not totalled."""
    if not result.total_by_year or result.four_year_total is None:
        return ""
    years = len(result.total_by_year)
    body = prompts.render(
        "embedded/facts/offer_year_by_year",
        each=", ".join(
            f"year {n}: {format_usd(v)}" for n, v in enumerate(result.total_by_year, start=1)
        ),
        total=format_usd(result.four_year_total),
        years=str(years),
        average=format_usd(round(result.four_year_total / years)),
    )
    cut = result.total_by_year_after_haircut
    if cut:  # private stock at face value is no pay yet: the same after its haircut
        body = body.rstrip() + prompts.render(
            "embedded/facts/offer_year_by_year_haircut",
            haircut=f"{result.haircut_percent:g}",
            each=", ".join(f"year {n}: {format_usd(v)}" for n, v in enumerate(cut, start=1)),
            total=format_usd(sum(cut)),
        )
    changed = prompts.render("embedded/what_changed", change=change) if change else ""
    return "\n\n".join(p for p in [changed, body.strip(), prompts.render("embedded/footer")] if p)


def offer_later_years(result: OfferScoreResult, change: str = "") -> str:
    """The offer's own total pay in the years after the first, asked for after the year-one
    answer ("and every yr after that?"): one figure when those years are equal, else each;
    "" when the offer was not totalled over more than one year."""
    by_year = result.total_by_year
    if len(by_year) < 2 or result.four_year_total is None:
        return ""
    years = len(by_year)
    body = prompts.render(
        "embedded/facts/offer_later_years",
        later=_after_the_first(by_year),
        first=format_usd(by_year[0]),
        total=format_usd(result.four_year_total),
        years=str(years),
    )
    cut = result.total_by_year_after_haircut
    if len(cut) >= 2:  # private stock at face value is no pay yet: the same after its haircut
        body = body.rstrip() + prompts.render(
            "embedded/facts/offer_year_by_year_haircut",
            haircut=f"{result.haircut_percent:g}",
            each=_after_the_first(cut),
            total=format_usd(sum(cut)),
        )
    changed = prompts.render("embedded/what_changed", change=change) if change else ""
    return "\n\n".join(p for p in [changed, body.strip(), prompts.render("embedded/footer")] if p)


def _after_the_first(by_year: Sequence[int]) -> str:
    """The totals of the years after the first: one figure when they are equal, else each."""
    later = by_year[1:]
    if len(set(later)) == 1:
        span = "year 2" if len(later) == 1 else f"years 2–{len(by_year)}"
        return f"{format_usd(later[0])} a year in {span}"
    return ", ".join(f"year {n}: {format_usd(v)}" for n, v in enumerate(later, start=2))


def levels_note(named: Sequence[tuple[str, str]], estimate: SalaryEstimateResult) -> str:
    """One line when a message offers levels as alternatives ("senior manager or
    director"): which one the figures below are for (the level the lookup ran at) and how
    to see another; nothing when the lookup ran at none of them (a promotion's next level)."""
    labels = levels().labels
    looked_up = next((t for t, code in named if labels.get(code) == estimate.level_label), None)
    others = [typed for typed, code in named if labels.get(code) != estimate.level_label]
    if looked_up is None or not others:
        return ""
    return prompts.render(
        "embedded/two_levels",
        named=" and ".join(t for t, _ in named),
        read=looked_up,
        other=others[0],
    )
