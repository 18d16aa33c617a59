"""Thin LangChain tools over the playbook, market data and offer math.

Each builds a typed result (coach.contracts): the model gets its compact JSON
(``for_model``) as the message content; the artifact is the result's JSON dump, which
the session, the UI, the numbers guard and the offline coach validate back into the
model (``parse_result``). Arguments have schemas a model can fill.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, Field

from coach.config import Settings
from coach.contracts import (
    AnchorRangeResult,
    ComparisonGap,
    ComparisonResult,
    ComparisonRow,
    CounterLever,
    CounterResult,
    GrantWorth,
    OfferScoreResult,
    Passage,
    PlaybookPassages,
    SalaryEstimateResult,
    ScoreComponent,
    ToolError,
    ToolName,
    ToolResult,
    TradeoffResult,
    WalkAwayResult,
)
from coach.errors import CoachError, InputError
from coach.evidence import saved_bullets
from coach.market import MarketTables, load_tables
from coach.market.estimate import MarketEstimate, estimate_for
from coach.market.normalize import normalize_level, normalize_place, normalize_role
from coach.market.targets import (
    anchor_markdown,
    anchor_range,
    market_gap,
    raise_ask,
    walk_away,
    walk_away_markdown,
)
from coach.money import find_amounts, parse_amount, quote, recorded
from coach.offers import Assessment, assess_offer, compare_offers, parse_offer
from coach.offers.counter import EVIDENCE_IN_SCRIPT
from coach.offers.market import market_for
from coach.offers.model import Offer, OptionGrant
from coach.offers.parse import read_offer
from coach.offers.reading import OfferReading
from coach.offers.report import (
    base_while_asking_markdown,
    comparison_markdown,
    counter_markdown,
    score_markdown,
)
from coach.offers.totals import DEFAULT_HAIRCUT, grant_value
from coach.offers.tradeoff import compare_tradeoff, question_from_options, tradeoff_question
from coach.offers.tradeoff_report import tradeoff_markdown
from coach.offers.written_numbers import money_prefix, writing_in
from coach.playbook import Playbook

if TYPE_CHECKING:
    from langchain_core.tools import BaseTool, StructuredTool

Artifact = tuple[str, dict[str, Any]]
log = logging.getLogger(__name__)


def _answer(build: Callable[[], ToolResult]) -> Artifact:
    """(content for the model, artifact for everyone else) of a result.

    A bad argument is the model's to fix: a CoachError becomes a ToolError result (its
    sentence), not a crashed turn.
    """
    try:
        result = build()
    except CoachError as err:
        result = ToolError(message=err.message)
    return result.for_model(), result.dump()


def _lean_schema(schema: dict[str, Any]) -> None:
    """Drop what a model does not need to fill the arguments: titles and "" defaults.

    The schemas go out with every tool-using call; every token here is paid per turn.
    """
    schema.pop("title", None)
    for prop in schema.get("properties", {}).values():
        prop.pop("title", None)
        if prop.get("default") in ("", []):
            prop.pop("default")


LEAN = ConfigDict(json_schema_extra=_lean_schema)


@cache
def _lean_tool() -> type[StructuredTool]:
    """A StructuredTool whose schema for the model is our args model as written.

    LangChain rebuilds a copy of the args model for the model-facing schema and loses
    its config (and with it ``_lean_schema``); with no injected arguments the args
    model itself is the right schema. Made on first use: LangChain's tool classes (and
    the tracing they import) load only when the agent graph is built.
    """
    from langchain_core.tools import StructuredTool

    class LeanTool(StructuredTool):
        @property
        def tool_call_schema(self) -> Any:
            return self.args_schema

    return LeanTool


@dataclass(frozen=True)
class ToolSpec:
    """A tool as data: the agent graph wraps it as a LangChain tool (``as_tool``); the
    offline agent validates the arguments with ``args_schema`` and calls ``run`` itself.
    ``run`` returns (content for the model, artifact for everyone else)."""

    name: str
    description: str
    args_schema: type[BaseModel]
    run: Callable[..., Artifact]

    def as_tool(self) -> BaseTool:
        return _lean_tool().from_function(
            func=self.run,
            name=self.name,
            description=self.description,
            args_schema=self.args_schema,
            response_format="content_and_artifact",
        )


def _tool(name: ToolName, description: str, args: type[BaseModel], run: Any) -> ToolSpec:
    """A tool whose function returns (content for the model, artifact for everyone else)."""
    return ToolSpec(name.value, description, args, run)


class SearchPlaybookArgs(BaseModel):
    model_config = LEAN
    query: str = Field(description="what to look up, in plain words")
    k: int = Field(default=3, ge=1, le=8)


def search_playbook_spec(playbook: Playbook) -> ToolSpec:
    def search(query: str, k: int) -> PlaybookPassages:
        hits = playbook.search(query, k=k)
        return PlaybookPassages(
            passages=[
                Passage(
                    citation=h.citation,
                    doc_id=h.doc_id,
                    section=h.section,
                    score=h.score,
                    text=h.text,
                    quoted_from=h.sources,
                )
                for h in hits
            ]
        )

    def run(query: str, k: int = 3) -> Artifact:
        return _answer(lambda: search(query, k))

    return _tool(
        ToolName.SEARCH_PLAYBOOK,
        "Search the negotiation playbook; cite the passages.",
        SearchPlaybookArgs,
        run,
    )


# Optional arguments are plain strings defaulting to "" (not ``str | None``): the JSON
# schema of a nullable field costs the model twice the tokens on every call.
class SalaryLookupArgs(BaseModel):
    model_config = LEAN
    role: str = Field(description="e.g. ML engineer")
    level: str = Field("", description="entry|mid|senior|staff or L5")
    location: str = Field("", description="US metro/state, remote, or country")
    skills: list[str] = Field(default_factory=list, description="e.g. RAG")
    domain: str = Field("", description="e.g. fintech")
    employer_type: str = Field("", description="e.g. AI lab")
    current_base: str = Field("", description="their base today: the gap to the median")


def estimate_summary(estimate: MarketEstimate) -> SalaryEstimateResult:
    """The fields a model or a reader needs; drops the per-cell detail."""
    # The contract names the fields: those the estimate shares are copied as they are, the
    # nested ones below are flattened to what a reader needs.
    shared = set(SalaryEstimateResult.model_fields) & set(MarketEstimate.model_fields)
    data = estimate.model_dump(include=shared - {"references", "sources", "location_ratio"})
    ratio = estimate.location_ratio
    if ratio is not None:
        data["location_ratio"] = ratio.ratio
        data["oews_place_median"] = ratio.place_median
        data["oews_national_median"] = ratio.national_median
    data["adjustments"] = [
        {
            "what": p.what,
            "kind": p.kind,
            "low_pct": p.low_pct,
            "high_pct": p.high_pct,
            "on_p50": (p.low, p.high) if p.low is not None and p.high is not None else None,
            "source": p.source,
        }
        for p in estimate.premiums
    ]
    data["references"] = [
        {"what": r.what, "low": r.low, "high": r.high, "source": r.source.name}
        for r in estimate.references
    ]
    data["sources"] = [f"{s.name} ({s.release}, {s.licence})" for s in estimate.sources]
    compared = next((c for c in estimate.cells if c.soc), None)
    if compared is not None:  # the BLS occupation behind the figures or the place's ratio
        data["occupation"], data["occupation_code"] = compared.occupation, compared.soc
    return SalaryEstimateResult.model_validate(data)


def _with_gap(
    result: SalaryEstimateResult, est: MarketEstimate, current_base: str
) -> SalaryEstimateResult:
    """The estimate with the person's market gap, when their base today is given."""
    gap = market_gap(parse_amount(current_base), est) if current_base else None
    if gap is None:
        return result
    update: dict[str, object] = {
        "current_base": gap.current_base,
        "gap": gap.difference,
        "gap_pct": gap.percent,
        "gap_arithmetic": gap.arithmetic,
    }
    # The ask toward the median when under it (by the whole percent the gap says), else
    # toward the 75th percentile when that is above the base.
    target: tuple[str, int] | None = None
    if gap.percent < 0:
        target = ("p50", gap.median)
    elif result.p75 is not None and result.p75 > gap.current_base:
        target = ("p75", result.p75)
    if target is not None:
        step = raise_ask(gap.current_base, target[1])
        update |= {
            "ask": step.ask,
            "ask_target": target[0],
            "ask_staged": step.staged,
            "ask_target_pct": step.percent,
            "ask_rest": step.rest if step.staged else None,
            "ask_arithmetic": step.arithmetic,
        }
    return result.model_copy(update=update)


def salary_lookup_spec(settings: Settings | None = None) -> ToolSpec:
    def run(
        role: str,
        level: str = "",
        location: str = "",
        skills: list[str] | None = None,
        domain: str = "",
        employer_type: str = "",
        current_base: str = "",
    ) -> Artifact:
        def looked_up() -> SalaryEstimateResult:
            est = estimate_for(
                role,
                level or None,
                location or None,
                domain or None,
                employer_type or None,
                skills=tuple(skills or ()),
                tables=load_tables(settings),
            )
            return _with_gap(estimate_summary(est), est, current_base)

        return _answer(looked_up)

    return _tool(
        ToolName.SALARY_LOOKUP,
        "Market base pay p10-p90 for the place: n, method, sources, premium ranges; "
        "unknown if thin; with current_base, its gap to the median.",
        SalaryLookupArgs,
        run,
    )


class OfferArgs(BaseModel):
    model_config = LEAN
    offer_text: str = Field(description="the offer as the user wrote it")
    role: str = ""
    level: str = ""
    location: str = ""
    current_base: str = Field("", description="user's current base")
    floor: str = Field("", description="user's walk-away base")


class CompareArgs(BaseModel):
    model_config = LEAN
    offers: list[str] = Field(description="2-5 offers as the user wrote them")
    haircut_percent: float | None = Field(
        None, description="liquidity haircut on private equity, %, only when the user names one"
    )


def _reading(args: OfferArgs) -> OfferReading:
    reading = read_offer(args.offer_text)
    if not reading.is_offer:
        raise InputError(
            f"offer_text: {reading.not_offer}"
            if reading.not_offer
            else "offer_text: it weighs two choices rather than stating an offer; "
            "use compare_tradeoff for it."
        )
    return reading


def _shown(reading: OfferReading) -> dict[str, Any]:
    """What the offer tools report of the reading: each line, its figures, the questions."""
    return {
        "what_i_read": [" ".join(line.split()) for line in reading.lines()],
        "read_figures": [
            float(f.value)
            for f in reading.fields
            if isinstance(f.value, int | float) and not isinstance(f.value, bool)
        ],
        "questions": [q.text for q in reading.questions],
    }


_ASKED_ABOUT = ("role", "level", "location")


def _same(key: str, given: str, read: str, tables: MarketTables) -> bool:
    """Whether the call's value names what the offer says ("Austin, TX" and "Austin")."""
    try:
        if key == "location":
            a, b = normalize_place(given, tables), normalize_place(read, tables)
            return (a.area_code, a.country) == (b.area_code, b.country)
        if key == "level":
            return normalize_level(given) == normalize_level(read)
        return normalize_role(given, tables).role == normalize_role(read, tables).role
    except InputError:  # a name the market doesn't know: compared as written
        return " ".join(given.lower().split()) == " ".join(read.lower().split())


def _asked_about(args: OfferArgs, reading: OfferReading, tables: MarketTables) -> dict[str, str]:
    """The role, level or place the call gives where the offer says another: a follow-up
    ("and in Denver?", "and as a staff engineer?") asks about the same offer there."""
    assert reading.offer is not None
    changed = {}
    for key in _ASKED_ABOUT:
        given, read = getattr(args, key), getattr(reading.offer, key)
        if given and read and not _same(key, given, str(read), tables):
            changed[key] = given
    return changed


def _changes_markdown(reading: OfferReading, changed: dict[str, str]) -> str:
    """Said back under "What I read": what this answer looked at instead of the letter."""
    if not changed:
        return ""
    assert reading.offer is not None
    parts = [f"{k} {v} (the offer says {getattr(reading.offer, k)})" for k, v in changed.items()]
    return "**Scored as asked:** " + "; ".join(parts) + "."


def _assess(
    args: OfferArgs, tables: MarketTables, reading: OfferReading, evidence: Sequence[str] = ()
) -> tuple[Assessment, dict[str, str]]:
    """The assessment, and what the call asked about instead of the letter (said back)."""
    if reading.offer is None:
        raise InputError(
            "Before I can work on this offer: " + " ".join(q.text for q in reading.questions)
        )
    known = {k: getattr(args, k) for k in _ASKED_ABOUT if getattr(args, k)}
    missing = {k: v for k, v in known.items() if getattr(reading.offer, k) is None}
    changed = _asked_about(args, reading, tables)
    update = missing | changed
    offer = reading.offer.model_copy(update=update) if update else reading.offer
    current = parse_amount(args.current_base) if args.current_base else None
    floor = parse_amount(args.floor) if args.floor else None
    report = assess_offer(
        offer, current_base=current, floor=floor, tables=tables, evidence=evidence
    )
    assumptions = reading.unparsed + reading.assumptions
    return report.model_copy(update={"assumptions": assumptions}), changed


def _asked(args: OfferArgs, tables: MarketTables, reading: OfferReading) -> OfferScoreResult:
    """An offer the reading asks about before scoring: the question, and meanwhile its
    base beside the market median when the base and the role are known."""
    rendered = reading.what_i_read()
    base = reading.value("base")
    role = args.role or reading.value("role")
    if not isinstance(base, int) or not role or reading.currency != "USD":
        return OfferScoreResult(rendered=rendered, **_shown(reading))
    known = Offer(
        base=base,
        role=str(role),
        level=args.level or reading.value("level"),
        location=args.location or reading.value("location"),
    )
    # The lookup states figures in its basis ("OEWS median $166,090 there"): record them.
    with recorded() as stated:
        market = market_for(known, tables=tables)
        meanwhile = base_while_asking_markdown(base, market) if market.median else ""
    if not meanwhile:
        return OfferScoreResult(rendered=rendered, **_shown(reading))
    return OfferScoreResult(
        **_shown(reading),
        market_median_base=market.median,
        market_basis=market.basis,
        market_sources=market.sources,
        rendered=f"{rendered}\n\n{meanwhile}",
        stated=sorted(set(stated)),
    )


def _scored(args: OfferArgs, tables: MarketTables) -> OfferScoreResult:
    reading = _reading(args)
    if reading.offer is None:  # asked, never scored on a guess
        return _asked(args, tables, reading)
    # The verdict, the notes and the Markdown state amounts in sentences (in the offer's
    # own currency): record them.
    with writing_in(reading.offer.currency), recorded() as stated:
        report, asked = _assess(args, tables, reading)
        changed = _changes_markdown(reading, asked)
        read = f"{reading.what_i_read()}\n\n{changed}" if changed else reading.what_i_read()
        markdown = f"{read}\n\n{score_markdown(report)}"
    score, totals, market = report.score, report.totals, report.market
    main = score.verdicts[0] if score.verdicts else None
    return OfferScoreResult(
        **_shown(reading),
        score=score.score,
        components=[ScoreComponent.model_validate(c.model_dump()) for c in score.components],
        verdict=main.headline if main else None,
        verdict_reasons=main.reasons if main else [],
        cited=[v.citation for v in score.verdicts],
        market_median_base=market.median,
        market_basis=market.basis or market.reason,
        base_position=score.base_position.label if score.base_position else None,
        total_by_year=totals.total_by_year,
        total_by_year_after_haircut=totals.total_by_year_after_haircut
        if totals.total_by_year_after_haircut != totals.total_by_year
        else [],
        haircut_percent=totals.haircut_percent,
        four_year_total=totals.four_year_total,
        annualised_total=totals.annualised,
        counter_anchor=report.counter.anchor,
        counter_range=[report.counter.range_low, report.counter.range_high],
        notes=report.assumptions + score.notes,
        market_sources=market.sources,
        rendered=markdown,
        stated=sorted(set(stated)),
    )


def _offer_spec(
    name: ToolName,
    description: str,
    build: Callable[[OfferArgs, MarketTables], ToolResult],
    settings: Settings | None,
) -> ToolSpec:
    """A tool over one offer, priced against its session's market tables."""

    def run(**kwargs: Any) -> Artifact:
        return _answer(lambda: build(OfferArgs(**kwargs), load_tables(settings)))

    return _tool(name, description, OfferArgs, run)


def score_offer_spec(settings: Settings | None = None) -> ToolSpec:
    return _offer_spec(
        ToolName.SCORE_OFFER,
        "Score an offer vs market: 4-year totals, 0-100 score, verdict, anchor.",
        _scored,
        settings,
    )


def evidence_bullets(settings: Settings | None) -> list[str]:
    """The user's evidence-pack bullets (COACH_HOME), which the counter script says; none
    when no pack is saved. A pack file that can't be read leaves the script's placeholder
    (which says how to build the pack) and a warning in the log, never a failed counter."""
    home = (settings or Settings()).home
    try:
        return saved_bullets(home)
    except CoachError as err:
        log.warning("evidence pack not used: %s", err.message)
        return []


def _countered(
    args: OfferArgs, tables: MarketTables, evidence: Sequence[str] = ()
) -> CounterResult:
    reading = _reading(args)
    currency = reading.offer.currency if reading.offer else "USD"
    with writing_in(currency), recorded() as stated:  # the script and the asks state amounts
        report, asked = _assess(args, tables, reading, evidence)
        grant = _grant_worth(report)  # its sum written in the offer's money
        # The user's own figures the script repeats from their bullets ("saved $40k a
        # year"): declared, so the numbers guard reads them as theirs, not invented.
        stated += [a.value for b in evidence[:EVIDENCE_IN_SCRIPT] for a in find_amounts(b)]
        changed = _changes_markdown(reading, asked)
        markdown = (
            f"{changed}\n\n{counter_markdown(report)}" if changed else counter_markdown(report)
        )
    counter = report.counter
    return CounterResult(
        grant=grant,
        prefix=money_prefix(currency),
        **_shown(reading),
        anchor=counter.anchor,
        anchor_basis=counter.anchor_basis,
        range=[counter.range_low, counter.range_high, counter.range_stretch],
        base_ask=counter.base_ask,
        levers=[CounterLever.model_validate(lever.model_dump()) for lever in counter.levers],
        script=counter.script,
        cited=counter.citations,
        rendered=markdown,
        stated=sorted(set(stated)),
    )


def _grant_worth(report: Assessment) -> GrantWorth | None:
    """The offer's grant at its stated price, with the totals' own words for the sum."""
    offer = report.offer
    if offer.equity is None:
        return None
    how: list[str] = []
    face, private = grant_value(offer, how)
    options = offer.equity if isinstance(offer.equity, OptionGrant) else None
    return GrantWorth(
        face=round(face),
        how=" ".join(how),
        years=offer.vesting.years,
        private=private,
        haircut_percent=report.totals.haircut_percent if private else 0.0,
        even=offer.vesting.kind == "standard",
        exercise_cost=round(options.count * options.strike) if options else 0,
        options=round(options.count) if options else 0,
    )


def draft_counter_spec(settings: Settings | None = None) -> ToolSpec:
    def build(args: OfferArgs, tables: MarketTables) -> CounterResult:
        return _countered(args, tables, evidence_bullets(settings))

    return _offer_spec(
        ToolName.DRAFT_COUNTER,
        "Counter for an offer: anchor, range, levers, script.",
        build,
        settings,
    )


def _compared(offers: list[str], haircut_percent: float | None = None) -> ComparisonResult:
    if not 2 <= len(offers) <= 5:
        raise InputError("Give between 2 and 5 offers to compare.")
    if haircut_percent is not None and not 0 <= haircut_percent <= 100:
        raise InputError(f"haircut_percent: {haircut_percent:g}% is not a haircut; give 0 to 100.")
    haircut = DEFAULT_HAIRCUT if haircut_percent is None else haircut_percent / 100
    with recorded() as stated:  # the notes say who leads by how much
        comparison = compare_offers([parse_offer(text).offer for text in offers], haircut=haircut)
        markdown = comparison_markdown(comparison)
    return ComparisonResult(
        names=comparison.names,
        rows=[ComparisonRow.model_validate(row.model_dump()) for row in comparison.rows],
        leader=comparison.leader,
        leader_after_haircut=comparison.leader_after_haircut,
        leader_first_year=comparison.leader_first_year,
        notes=comparison.notes,
        gap=ComparisonGap.model_validate(comparison.gap.model_dump()),
        gap_after_haircut=ComparisonGap.model_validate(comparison.gap_after_haircut.model_dump())
        if comparison.gap_after_haircut is not None
        else None,
        cited=[comparison.citation],
        rendered=markdown,
        stated=sorted(set(stated)),
    )


def compare_offers_spec() -> ToolSpec:
    def run(offers: list[str], haircut_percent: float | None = None) -> Artifact:
        return _answer(lambda: _compared(offers, haircut_percent))

    return _tool(
        ToolName.COMPARE_OFFERS,
        "Compare 2-5 offers per year and over 4 years.",
        CompareArgs,
        run,
    )


class AnchorArgs(BaseModel):
    model_config = LEAN
    role: str
    level: str = ""
    location: str = ""
    domain: str = ""


def _anchored(args: AnchorArgs, tables: MarketTables) -> AnchorRangeResult:
    with recorded() as stated:  # the arithmetic and the Markdown state amounts
        est = estimate_for(
            args.role,
            args.level or None,
            args.location or None,
            args.domain or None,
            tables=tables,
        )
        anchor = anchor_range(est)
        markdown = anchor_markdown(anchor)
    data = anchor.model_dump(exclude={"premiums", "citations"})
    data["premiums"] = estimate_summary(est).model_dump()["adjustments"]
    return AnchorRangeResult.model_validate(
        {**data, "citations": anchor.citations, "markdown": markdown, "stated": sorted(set(stated))}
    )


def anchor_range_spec(settings: Settings | None = None) -> ToolSpec:
    def run(**kwargs: Any) -> Artifact:
        return _answer(lambda: _anchored(AnchorArgs(**kwargs), load_tables(settings)))

    return _tool(
        ToolName.ANCHOR_RANGE,
        "Range to state: market median to +15-20%, with arithmetic.",
        AnchorArgs,
        run,
    )


class WalkAwayArgs(BaseModel):
    model_config = LEAN
    current_base: str = ""
    floor: str = ""
    role: str = ""
    level: str = ""
    location: str = ""


def _walked(args: WalkAwayArgs, tables: MarketTables) -> WalkAwayResult:
    current = parse_amount(args.current_base) if args.current_base else None
    floor = parse_amount(args.floor) if args.floor else None
    with recorded() as stated:
        market = (
            estimate_for(args.role, args.level or None, args.location or None, tables=tables)
            if args.role
            else None
        )
        result = walk_away(current, floor, market)
        markdown = walk_away_markdown(result)
    return WalkAwayResult.model_validate(
        {
            **result.model_dump(exclude={"citations", "market_basis"}),
            "citations": result.citations,
            "markdown": markdown,
            "stated": sorted(set(stated)),
        }
    )


def walk_away_spec(settings: Settings | None = None) -> ToolSpec:
    def run(**kwargs: Any) -> Artifact:
        return _answer(lambda: _walked(WalkAwayArgs(**kwargs), load_tables(settings)))

    return _tool(
        ToolName.WALK_AWAY,
        "Lowest base to accept: current +15-20%, not below floor; with arithmetic.",
        WalkAwayArgs,
        run,
    )


class TradeoffArgs(BaseModel):
    model_config = LEAN
    # Descriptions short: this schema goes out with every tool-using call.
    question: str = Field(description="as written")
    option_a: str = Field("", description="e.g. $30k sign-on")
    option_b: str = Field("", description="e.g. +10k base")
    base: str = ""
    bonus_percent: str = ""
    raise_percent: str = ""
    clawback_months: str = ""


def _number_arg(name: str, text: str) -> float | None:
    """A percentage or a count from a tool argument ("3", "3%"); one sentence if not."""
    cleaned = text.strip().removesuffix("%").removesuffix("months").strip()
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        raise InputError(f"{name}: '{quote(text)}' is not a number; write it like 3.") from None


def _tradeoff(args: TradeoffArgs) -> TradeoffResult:
    if args.option_a or args.option_b:
        if not (args.option_a and args.option_b):
            raise InputError("Give both option_a and option_b, or neither.")
        question = question_from_options(args.option_a, args.option_b, args.question)
    else:
        found = tradeoff_question(args.question)
        if found is None:
            raise InputError(
                "question: I can't find two alternatives weighed against each other in it; "
                "give them as option_a and option_b, e.g. '$30k sign-on' and '+10k base'."
            )
        question = found
    clawback = _number_arg("clawback_months", args.clawback_months)
    with recorded() as stated:  # the findings state amounts in sentences
        tradeoff = compare_tradeoff(
            question,
            base=parse_amount(args.base) if args.base else None,
            bonus_percent=_number_arg("bonus_percent", args.bonus_percent),
            raise_percent=_number_arg("raise_percent", args.raise_percent),
            clawback_months=round(clawback) if clawback is not None else None,
        )
        markdown = tradeoff_markdown(tradeoff)
    data = tradeoff.model_dump(mode="json", exclude={"citations"})
    return TradeoffResult.model_validate(
        {
            **data,
            "citations": tradeoff.citations,
            "markdown": markdown,
            "stated": sorted(set(stated)),
        }
    )


def compare_tradeoff_spec() -> ToolSpec:
    def run(**kwargs: Any) -> Artifact:
        return _answer(lambda: _tradeoff(TradeoffArgs(**kwargs)))

    return _tool(
        ToolName.COMPARE_TRADEOFF,
        "Weigh two choices in one offer (sign-on, bonus %, equity or start date vs base) "
        "over 1 and 4 years.",
        TradeoffArgs,
        run,
    )


def tool_specs(playbook: Playbook) -> list[ToolSpec]:
    """The coach's tools, in the order the model is offered them."""
    return [
        search_playbook_spec(playbook),
        salary_lookup_spec(playbook.settings),
        score_offer_spec(playbook.settings),
        draft_counter_spec(playbook.settings),
        compare_offers_spec(),
        compare_tradeoff_spec(),
        anchor_range_spec(playbook.settings),
        walk_away_spec(playbook.settings),
    ]


def make_tools(playbook: Playbook) -> list[BaseTool]:
    return [spec.as_tool() for spec in tool_specs(playbook)]


# One LangChain tool each, for callers that use a tool on its own.
def search_playbook_tool(playbook: Playbook) -> BaseTool:
    return search_playbook_spec(playbook).as_tool()


def salary_lookup_tool(settings: Settings | None = None) -> BaseTool:
    return salary_lookup_spec(settings).as_tool()


def score_offer_tool(settings: Settings | None = None) -> BaseTool:
    return score_offer_spec(settings).as_tool()


def draft_counter_tool(settings: Settings | None = None) -> BaseTool:
    return draft_counter_spec(settings).as_tool()


def compare_offers_tool() -> BaseTool:
    return compare_offers_spec().as_tool()


def compare_tradeoff_tool() -> BaseTool:
    return compare_tradeoff_spec().as_tool()


def anchor_range_tool(settings: Settings | None = None) -> BaseTool:
    return anchor_range_spec(settings).as_tool()


def walk_away_tool(settings: Settings | None = None) -> BaseTool:
    return walk_away_spec(settings).as_tool()
