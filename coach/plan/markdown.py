"""The plan as Markdown sections, worded by the templates in coach/prompts/plan/.

Each section can be written in full or short (``short=True``: its arithmetic, sources and
lowest items left out), so the one-page PDF can shorten the least important sections
first and say which (``coach.plan.pdf``). The Markdown file is always written in full.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from coach import citations as cite
from coach.money import format_usd
from coach.offers.written_numbers import writing_in
from coach.plan.advice import source_words
from coach.plan.model import Cited, Plan, Sourced
from coach.prompts import render

SHORT_LEVERS = 3
SHORT_OBJECTIONS = 2
SHORT_EVIDENCE = 3


@dataclass(frozen=True)
class Section:
    key: str
    title: str  # as the "shortened" note names it
    priority: int  # 1 is kept whole longest; the highest is shortened first
    text: str


def money(figure: Sourced | None) -> str:
    """A figure in its own currency ("£95,000"; the market's in dollars)."""
    if figure is None:
        return "—"
    with writing_in(figure.currency):
        return format_usd(figure.value)


def traced(figure: Sourced | None) -> str:
    """A figure and, beside it, the tool that returned it."""
    if figure is None:
        return "—"
    return f"{money(figure)} ({source_words(figure.source)})"


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def _cited(item: Cited) -> str:
    return f"{item.text} [{item.citation}]"


def _title(plan: Plan, short: bool) -> str:
    who = ", ".join(x for x in (plan.role, plan.level, plan.city) if x) or "my next role"
    count = len(plan.offers)
    if plan.kind != "offer":
        return render("plan/title", who=who, kind=render("plan/raise_kind", what=plan.kind))
    kind = (
        render("plan/kind_offer", s="s" if count > 1 else "")
        if plan.has_offer
        else render("plan/kind_no_offer")
    )
    return render("plan/title", who=who, kind=kind)


def _market(plan: Plan, short: bool) -> str:
    market = plan.market
    if market.median is None:
        return render(
            "plan/market_unknown", source="salary lookup", why=market.unknown or "no figure"
        )
    text = render(
        "plan/market",
        median=money(market.median),
        source=source_words(market.median.source),
        p25=money(market.p25),
        p75=money(market.p75),
        n=f"{market.n:,} salaries" if market.n else "the data",
        basis=market.basis,
        sources="; ".join(market.sources),
    )
    if short:  # the sources line goes; the median and its n stay
        text = "\n".join(line for line in text.splitlines() if not line.startswith("- Sources"))
    return text


def _range(plan: Plan, short: bool) -> str:
    range_ = plan.range
    if range_.bottom is None or range_.top_low is None:
        return render(
            "plan/range_unknown",
            why=range_.unknown or "no market median",
            citation=range_.citations[0] if range_.citations else cite.NOT_KNOWING_THE_MEDIAN,
        )
    return render(
        "plan/range",
        bottom=money(range_.bottom),
        top_low=money(range_.top_low),
        top_high=money(range_.top_high),
        source=source_words(range_.bottom.source),
        arithmetic="" if short else _bullets(range_.arithmetic[:3]),
        citation=range_.citations[0],
    ).replace("\n\n- How", "\n- How")


def _walk_away(plan: Plan, short: bool) -> str:
    walk = plan.walk_away
    if walk.value is None:
        return render("plan/walk_away_missing", citation=cite.WALK_AWAY_NUMBER)
    text = render(
        "plan/walk_away",
        walk_away=money(walk.value),
        source=source_words(walk.value.source),
        arithmetic="" if short else _bullets(walk.arithmetic),
        notes="" if short else _bullets(walk.notes),
        citation=walk.citations[0],
    )
    return "\n".join(line for line in text.splitlines() if line.strip() or not line)


def _offers(plan: Plan, short: bool) -> str:
    rows = []
    for offer in plan.offers:
        by_year = (
            ""
            if short or not offer.total_by_year
            else "; by year " + ", ".join(money(v) for v in offer.total_by_year)
        )
        verdict = ""
        if offer.verdict:
            score = f"Score {offer.score}/100: " if offer.score is not None else ""
            verdict = f"{score}{offer.verdict} [{offer.verdict_citation}]"
        rows.append(
            render(
                "plan/offer_row",
                label=offer.name,
                base=money(offer.base),
                total=money(offer.four_year_total),
                source=source_words(offer.four_year_total.source),
                by_year=by_year,
                verdict=verdict,
            )
        )
    if plan.comparison is not None:
        c = plan.comparison
        rows.append(
            render(
                "plan/negotiating",
                label=c.negotiating,
                other=", ".join(c.others),
                leader=f"Most over four years: {c.leader} (compare offers).",
                citation=c.citation,
            )
        )
    return render("plan/offers", s="s" if len(plan.offers) > 1 else "", rows="\n".join(rows))


def _counter(plan: Plan, short: bool) -> str:
    counter = plan.counter
    if counter is None or counter.anchor is None:
        basis = counter.anchor_basis if counter is not None else ""
        return f"## The counter\n\n- {basis} [{cite.NOT_KNOWING_THE_MEDIAN}]"
    ask = f"; the base to ask for: **{money(counter.base_ask)}**" if counter.base_ask else ""
    return render(
        "plan/counter",
        anchor=money(counter.anchor),
        low=money(counter.range_low),
        high=money(counter.range_high),
        source=source_words(counter.anchor.source),
        base_ask=ask,
        citation=counter.citation,
    )


def _script(plan: Plan, short: bool) -> str:
    if plan.has_offer:
        body = plan.script.text.strip()
        # The script is said as one quote, paragraph by paragraph.
        body = "\n\n".join(f"> {p.strip()}" for p in body.split("\n\n") if p.strip())
        body += f"\n\n[{plan.script.citations[0]}]" if plan.script.citations else ""
    else:
        body = "\n\n".join(s.text for s in plan.before_offer_scripts)
    notes = []
    if plan.script.missing:
        notes.append(render("plan/script_missing", missing="; ".join(plan.script.missing)))
    if plan.script.evidence_filled:
        notes.append(render("plan/script_filled"))
    return render("plan/script", script="\n\n".join([body, *notes]))


def _levers(plan: Plan, short: bool) -> str:
    levers = plan.levers[:SHORT_LEVERS] if short else plan.levers
    rows = [
        render(
            "plan/lever_row",
            number=i,
            label=lever.name,
            value=traced(lever.value) if lever.value else "no dollar value",
            ask=lever.ask,
            citation=lever.citation,
        )
        for i, lever in enumerate(levers, start=1)
    ]
    return render("plan/levers", rows="\n".join(rows))


def _objections(plan: Plan, short: bool) -> str:
    chosen = plan.objections[:SHORT_OBJECTIONS] if short else plan.objections
    rows = [
        render("plan/objection_row", says=o.says, answer=o.answer, citation=o.citation)
        for o in chosen
    ]
    return render("plan/objections", rows="\n".join(rows))


def _mistakes(plan: Plan, short: bool) -> str:
    rows = [render("plan/mistake_row", mistake=m.text, citation=m.citation) for m in plan.mistakes]
    return render("plan/mistakes", rows="\n".join(rows))


def _evidence(plan: Plan, short: bool) -> str:
    if not plan.evidence:
        return render("plan/evidence_missing", citation=cite.EVIDENCE_PACK)
    bullets = plan.evidence[:SHORT_EVIDENCE] if short else plan.evidence
    return render("plan/evidence", rows=_bullets(bullets))


def _timeline(plan: Plan, short: bool) -> str:
    steps = plan.timeline[:2] if short else plan.timeline  # asking for time, the deadline
    rows = "\n".join(f"{i}. {_cited(step)}" for i, step in enumerate(steps, start=1))
    return render("plan/timeline", rows=rows)


def _lessons(plan: Plan, short: bool) -> str:
    return render("plan/lessons", rows=_bullets([_cited(item) for item in plan.lessons]))


def _gap(plan: Plan, short: bool) -> str:
    talk = plan.talk
    assert talk is not None
    arithmetic = talk.ask.arithmetic[:1]  # the gap's own subtraction
    return render(
        "plan/raise_gap",
        agreed=f"- {talk.agreed_line}\n" if talk.agreed_line else "",
        line=talk.gap_line,
        arithmetic="" if short else _bullets(arithmetic),
    ).rstrip()


def _ask(plan: Plan, short: bool) -> str:
    talk = plan.talk
    assert talk is not None
    ask = talk.ask
    citation = ask.citations[0] if ask.citations else cite.ANNUAL_REVIEWS
    if ask.low is None:
        return render("plan/raise_ask_unknown", why=ask.basis, citation=citation)
    text = render(
        "plan/raise_ask",
        ask=money(ask.low),
        date=ask.date or "[the review date]",
        citation=citation,
        arithmetic="" if short else _bullets(ask.arithmetic[1:]),
        script=ask.script.strip(),
    )
    text = text.replace("\n\n\n", "\n\n")
    if ask.missing:
        text += "\n\n" + render("plan/script_missing", missing="; ".join(ask.missing))
    return text


def _fallbacks(plan: Plan, short: bool) -> str:
    talk = plan.talk
    assert talk is not None
    rows = "\n".join(f"{i}. {_cited(c)}" for i, c in enumerate(talk.fallbacks, start=1))
    return render("plan/raise_fallbacks", rows=rows)


def _manager_objections(plan: Plan, short: bool) -> str:
    chosen = plan.objections[: SHORT_OBJECTIONS + 1] if short else plan.objections
    rows = [
        render("plan/objection_row", says=o.says, answer=o.answer, citation=o.citation)
        for o in chosen
    ]
    return render("plan/raise_objections", rows="\n".join(rows))


def _outcomes(plan: Plan, short: bool) -> str:
    if not plan.evidence:
        return render("plan/raise_evidence_missing", citation=cite.OUTCOMES_NOT_OUTPUT)
    return render("plan/raise_evidence", rows=_bullets(plan.evidence[:SHORT_EVIDENCE]))


# (key, title, priority, writer, whether the plan has it)
_SECTIONS: list[tuple[str, str, int, Callable[[Plan, bool], str], Callable[[Plan], bool]]] = [
    ("title", "title", 0, _title, lambda p: True),
    ("market", "market sources", 2, _market, lambda p: True),
    ("range", "range arithmetic", 1, _range, lambda p: True),
    ("walk_away", "walk-away arithmetic", 1, _walk_away, lambda p: True),
    ("offers", "offers by year", 2, _offers, lambda p: bool(p.offers)),
    ("counter", "counter", 1, _counter, lambda p: p.counter is not None),
    ("script", "script", 1, _script, lambda p: True),
    ("levers", "levers after the third", 3, _levers, lambda p: bool(p.levers)),
    ("objections", "third objection", 4, _objections, lambda p: bool(p.objections)),
    ("evidence", "evidence bullets after the third", 2, _evidence, lambda p: True),
    ("timeline", "timeline's last steps", 4, _timeline, lambda p: bool(p.timeline)),
    ("lessons", "practice lessons", 3, _lessons, lambda p: bool(p.lessons)),
    ("mistakes", "mistakes", 5, _mistakes, lambda p: bool(p.mistakes)),
]
# The talk with one's own manager: a raise or a promotion.
_TALK_SECTIONS: list[tuple[str, str, int, Callable[[Plan, bool], str], Callable[[Plan], bool]]] = [
    ("title", "title", 0, _title, lambda p: True),
    ("market", "market sources", 2, _market, lambda p: True),
    ("gap", "gap arithmetic", 1, _gap, lambda p: bool(p.talk and p.talk.gap_line)),
    ("ask", "ask arithmetic", 1, _ask, lambda p: True),
    ("evidence", "outcomes", 2, _outcomes, lambda p: True),
    ("fallbacks", "fallback asks", 2, _fallbacks, lambda p: True),
    ("objections", "objections after the third", 3, _manager_objections, lambda p: True),
    ("timeline", "timeline's last steps", 4, _timeline, lambda p: bool(p.timeline)),
    ("lessons", "practice lessons", 3, _lessons, lambda p: bool(p.lessons)),
]
KEYS = tuple(dict.fromkeys(key for key, *_ in (*_SECTIONS, *_TALK_SECTIONS)))


def sections(plan: Plan, shortened: frozenset[str] = frozenset()) -> list[Section]:
    """The plan's sections in page order; those in ``shortened`` written short."""
    chosen = _SECTIONS if plan.kind == "offer" else _TALK_SECTIONS
    return [
        Section(key, title, priority, cite.for_reader(write(plan, key in shortened)))
        for key, title, priority, write, present in chosen
        if present(plan)
    ]


def shortened_note(titles: list[str]) -> str:
    return render("plan/shortened", what=", ".join(titles))


def plan_markdown(plan: Plan) -> str:
    """The whole plan as Markdown, every section in full."""
    return "\n\n".join(s.text.strip() for s in sections(plan)) + "\n"
