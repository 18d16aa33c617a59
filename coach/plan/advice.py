"""The plan's advice, chosen by the offer's facts and cited: the likely objections with
their answers, the five costly mistakes, the timeline and a practice call's lessons.

The wording is the playbook's (section headings) and the templates' in
coach/prompts/plan/; the figures in it are the tools' (the levers' asks, the offers'
totals), passed in already written.
"""

from __future__ import annotations

from coach import citations as cite
from coach.money import format_usd
from coach.offers.model import EmployerType, Offer
from coach.offers.written_numbers import writing_in
from coach.plan.model import Cited, LeverPart, ObjectionPart, OfferPart
from coach.prompts import render
from coach.roleplay.grade import HABITS
from coach.roleplay.scorecard import Scorecard

MISTAKES = (
    cite.ANCHORING_ON_CURRENT_PAY,
    cite.BUZZWORDS,
    cite.NOT_KNOWING_THE_MEDIAN,
    cite.ACCEPTING_THE_FIRST_OFFER,
    cite.BASE_ONLY,
)
OBJECTIONS = {
    "top_of_range": cite.TOP_OF_RANGE,
    "budget_fixed": cite.BUDGET_FIXED,
    "internal_equity": cite.INTERNAL_EQUITY,
    "other_offers": cite.OTHER_OFFERS,
    "ai_productivity": cite.AI_PRODUCTIVITY,
}
MOST_OBJECTIONS = 3
# The employers with set pay bands by level, where "internal equity" is the usual answer.
_BANDED = (EmployerType.BIG_TECH, EmployerType.AI_FORWARD)


def heading(citation: str) -> str:
    """A section's heading, as the playbook writes it: the recruiter's line, unquoted."""
    return citation.partition(" § ")[2].strip().strip('"')


def likely_objections(offer: Offer, focus: str, competing: bool) -> list[str]:
    """The two or three lines this recruiter is most likely to answer the counter with.

    A base at or above the market median gets "the top of our range"; one below it "the
    budget is fixed" (the ask is a jump in base). A banded employer, or a stated level,
    answers with internal equity. A competing offer is asked about; an employer outside
    the four AI-paying types is the one to say "AI makes everyone productive".
    """
    keys = ["top_of_range" if focus == "package" else "budget_fixed"]
    if competing:
        keys.append("other_offers")
    if offer.employer_type in _BANDED or offer.level:
        keys.append("internal_equity")
    if offer.employer_type is None or not offer.employer_type.pays_premium:
        keys.append("ai_productivity")
    keys.append("other_offers")
    return list(dict.fromkeys(keys))[:MOST_OBJECTIONS]


def _lever_ask(levers: list[LeverPart], keys: tuple[str, ...]) -> str:
    """The first priced lever among ``keys`` (by the counter's order), as its ask."""
    for lever in levers:
        if lever.key in keys and lever.value is not None:
            return lever.ask[:1].lower() + lever.ask[1:].rstrip(".")
    return next(
        (
            lever.ask[:1].lower() + lever.ask[1:].rstrip(".")
            for lever in levers
            if lever.key in keys
        ),
        "",
    )


def objections(
    offer: Offer,
    focus: str,
    levers: list[LeverPart],
    others: list[OfferPart],
    evidence: str,
) -> list[ObjectionPart]:
    """The answers to the likely objections, each with its figures and its section."""
    answers = []
    for key in likely_objections(offer, focus, bool(others)):
        if key == "top_of_range":
            answer = render("plan/objection_top_of_range", lever=_lever_ask(levers, ("sign_on",)))
        elif key == "budget_fixed":
            answer = render(
                "plan/objection_budget_fixed", lever=_lever_ask(levers, ("sign_on", "start_date"))
            )
        elif key == "internal_equity":
            answer = render(
                "plan/objection_internal_equity", lever=_lever_ask(levers, ("equity", "level"))
            )
        elif key == "other_offers" and others:
            other = others[0]
            with writing_in(other.base.currency):  # the other offer in its own money
                answer = render(
                    "plan/objection_other_offers_real",
                    company=other.name,
                    base=format_usd(other.base.value),
                    total=format_usd(other.four_year_total.value),
                    source=source_words(other.four_year_total.source),
                )
        elif key == "other_offers":
            answer = render("plan/objection_other_offers_none")
        else:
            answer = render("plan/objection_ai_productivity", evidence=evidence)
        citation = OBJECTIONS[key]
        answers.append(ObjectionPart(says=heading(citation), answer=answer, citation=citation))
    return answers


def source_words(tool: str) -> str:
    """A tool's name as a reader sees it beside a figure: "salary lookup"."""
    return str(tool).replace("_", " ")


def mistakes() -> list[Cited]:
    """The five mistakes as a checklist: each is its section's heading without "Mistake
    one:" (the citation beside it names the section whole)."""
    found = []
    for citation in MISTAKES:
        what = heading(citation).split(": ", 1)[-1]
        found.append(Cited(text=what[:1].upper() + what[1:], citation=citation))
    return found


def timeline(deadline: str | None, walk_away: str | None) -> list[Cited]:
    """Ask for time on the call; the letter's deadline (or your own date); counter once;
    then decide against the walk-away number."""
    steps = [Cited(text=render("plan/timeline_ask_time"), citation=cite.ON_THE_SPOT)]
    if deadline:
        steps.append(
            Cited(
                text=render("plan/timeline_deadline", deadline=deadline),
                citation=cite.EXTENSION,
            )
        )
    else:
        steps.append(
            Cited(text=render("plan/timeline_no_deadline"), citation=cite.NEVER_ON_THE_SPOT)
        )
    steps.append(Cited(text=render("plan/timeline_counter"), citation=cite.COUNTER_ONCE))
    steps.append(
        Cited(
            text=render("plan/timeline_decide", walk_away=walk_away or "your walk-away number"),
            citation=cite.FINAL_OR_WALK,
        )
    )
    return steps


def _lesson_citation(card: Scorecard, part: str) -> str:
    """The section behind a part of the grade: its habit's mistake, as the scorecard cites
    it; the money part (what the counter secured) is the counter's own section."""
    habit = next((h for h in HABITS if h.name == part), None)
    if habit is not None:
        for mistake in card.mistakes:
            if mistake.key in habit.mistakes:
                return mistake.citation
    return cite.COUNTER_ONCE


def lessons(card: Scorecard) -> list[Cited]:
    """The scorecard's lessons, up to three: the reasons that weigh most in its grade ("12/20
    (anchor): ..."), each with its section."""
    found = []
    for reason in card.grade.reasons[:3]:
        part = reason.split("(", 1)[1].split(")", 1)[0] if "(" in reason else ""
        found.append(Cited(text=reason, citation=_lesson_citation(card, part)))
    return found
