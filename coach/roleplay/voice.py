"""The recruiter's words for a decided move: varied templates, or an LLM when one is given.

The voice never decides anything. Templates in ``prompts/roleplay/`` are filled with
figures from the move (and so from the state). An LLM, when configured, gets the
persona, the move and the template draft, never the budget; its reply is kept only
if it carries exactly the draft's figures and no others, else the draft is used.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from string import Template
from typing import TYPE_CHECKING

from coach.money import find_amounts, format_usd
from coach.prompts import load, render
from coach.roleplay.policy import Act, Beat, RecruiterMove
from coach.roleplay.scenario import Scenario, Terms

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

MAX_LLM_CHARS = 1_200
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# "[warm] ..." marks a variant as one persona's; untagged variants suit every persona.
_STYLE_TAG = re.compile(r"^\[(\w+)\]\s*")
_GIVES = {Act.CONCEDE, Act.OFFER_ALTERNATIVE, Act.GRANT_TIME}
_HOLDS = {
    Act.OBJECT,
    Act.REFUSE_ABSURD,
    Act.HOLD_COMPONENT,
    Act.REFUSE_TITLE,
    Act.REFUSE_TIME,
    Act.HOLD_WITHOUT_NUMBER,
    Act.HOLD_ASK,
}
# A word that keeps its capital after a connective: "I", "I'm", an acronym ("PTO").
_KEEPS_CAPITAL = re.compile(r"^(?:I\b|I'|[A-Z]{2})")


@dataclass(frozen=True)
class Spoken:
    text: str
    source: str  # "template" or "llm"
    note: str | None = None  # why an LLM reply was not used


@cache
def _variants(name: str, style: str) -> tuple[Template, ...]:
    """A template file holds its variants as paragraphs separated by blank lines; a
    persona hears its own style's variants and the untagged ones."""
    text = load(name).template
    parts = [part.strip() for part in re.split(r"\n\s*\n", text) if part.strip()]
    tagged = []
    for part in parts:
        found = _STYLE_TAG.match(part)
        tagged.append((found.group(1) if found else None, part[found.end() :] if found else part))
    mine = [body for tag, body in tagged if tag in (style, None)]
    return tuple(Template(body) for body in mine or [body for _, body in tagged])


def variants(name: str, style: str) -> tuple[Template, ...]:
    """The variants of template ``name`` a persona of ``style`` may say (the manager's
    voice reads the same files the same way)."""
    return _variants(name, style)


@cache
def _phrases() -> dict[str, Template]:
    lines = load("roleplay/terms").template.splitlines()
    pairs = (line.split(":", 1) for line in lines if ":" in line)
    return {key.strip(): Template(value.strip()) for key, value in pairs}


def _phrase(key: str, **values: object) -> str:
    return _phrases()[key].substitute({k: str(v) for k, v in values.items()})


def spoken_usd(value: int) -> str:
    """A figure as people say it on a call: "$185k", "$12.5k", "$1.2 million"."""
    if value >= 1_000_000 and value % 10_000 == 0:
        return f"${value / 1_000_000:.2f}".rstrip("0").rstrip(".") + " million"
    if value < 1_000_000 and value % 1_000 == 0:
        return f"${value // 1_000}k"
    if 10_000 <= value < 1_000_000 and value % 100 == 0:
        return f"${value / 1_000:.1f}k"
    return format_usd(value)


# Figures said with "an": eight..., eleven..., eighteen... ("an $18k sign-on bonus").
_AN_FIGURE = re.compile(r"^\$(?:8|11|18)(?:[^\d]|$)|^\$8")


def with_article(figure: str) -> str:
    """``figure`` with the article people say before it: "a $20k", "an $18k"."""
    return f"an {figure}" if _AN_FIGURE.match(figure) else f"a {figure}"


def label(component: str | None) -> str:
    return _phrase(f"{component}_label") if component else "offer"


def terms_text(terms: Terms) -> str:
    parts = [_phrase("base", base=spoken_usd(terms.base))]
    if terms.sign_on:
        parts.append(_phrase("sign_on", a_sign_on=with_article(spoken_usd(terms.sign_on))))
    if terms.equity:
        parts.append(_phrase("equity", equity=spoken_usd(terms.equity)))
    parts.append(_phrase("pto_days", pto_days=terms.pto_days))
    parts.append(_phrase("start_weeks", start_weeks=terms.start_weeks))
    return ", ".join(parts[:-1]) + ", and " + parts[-1]


def deadline_text(days: int) -> str:
    return _phrase("deadline_1") if days <= 1 else _phrase("deadline_n", days=days)


def _template_name(beat: Beat) -> str:
    if beat.act in (Act.CONCEDE, Act.OFFER_ALTERNATIVE):
        return f"roleplay/{beat.act.value}_{beat.component}"
    if beat.act == Act.OBJECT and beat.objection is not None:
        return f"roleplay/object_{beat.objection.value}"
    if beat.act == Act.ACK and beat.heard is not None:
        return f"roleplay/ack_{beat.heard.value}"
    return f"roleplay/{beat.act.value}"


def _spoken_name(beat: Beat, before: Act | None) -> str:
    """The template for ``beat`` said right after ``before``: an offer straight after the
    greeting doesn't name the role a second time."""
    if beat.act == Act.PRESENT_OFFER and before == Act.GREET:
        return "roleplay/present_offer_opening"
    return _template_name(beat)


def _values(beat: Beat, scenario: Scenario) -> dict[str, str]:
    amount = beat.amount
    money = beat.component in ("base", "sign_on", "equity") or beat.component is None
    values = {
        "name": scenario.persona.name,
        "company": scenario.company,
        "title": beat.title or scenario.first_offer.title,
        "component": label(beat.component),
        "amount": (spoken_usd(amount) if money else str(amount)) if amount is not None else "",
        "terms": terms_text(beat.terms) if beat.terms else "",
        "deadline": deadline_text(beat.days or 0),
        "policy": scenario.refresh_policy,
    }
    return values


def _connective(before: Act | None, act: Act) -> str | None:
    """How one beat follows another when said aloud: more of the same ("On top of that,"),
    or a turn from giving to holding or back ("That said,")."""
    if before in _GIVES and act in _GIVES:
        return "also"
    if before in _HOLDS and act in _HOLDS:
        return "and"
    if (before in _GIVES and act in _HOLDS) or (before in _HOLDS and act in _GIVES):
        return "but"
    return None


def _joined(connective: str, sentence: str) -> str:
    if not _KEEPS_CAPITAL.match(sentence):
        sentence = sentence[:1].lower() + sentence[1:]
    return f"{connective} {sentence}"


def _fresh(options: list[str], rng: random.Random, lines: Sequence[str]) -> str:
    """One of ``options``, starting from a seeded pick, that the call has not heard yet;
    when every one has been said, the one heard longest ago (never the line just said
    while another exists), as the manager's voice picks."""
    start = rng.randrange(len(options))
    ordered = options[start:] + options[:start]
    return min(ordered, key=lambda text: _last_heard(text, lines))


def _last_heard(option: str, lines: Sequence[str]) -> int:
    """The index of the last line that said ``option`` (-1: never said)."""
    return max((i for i, line in enumerate(lines) if option in line), default=-1)


def template_text(
    scenario: Scenario, move: RecruiterMove, turn: int, said: Sequence[str] = ()
) -> str:
    """The move in words from the template files. The variant is fixed by seed and turn,
    and avoids a sentence the call has already heard (``said``) when another one exists."""
    rng = random.Random(f"{scenario.id}-{scenario.seed}-{turn}")
    style = scenario.persona.style.value
    sentences: list[str] = []
    before: Act | None = None
    for beat in move.beats:
        values = _values(beat, scenario)
        options = [v.substitute(values) for v in _variants(_spoken_name(beat, before), style)]
        text = _fresh(options, rng, [*said, *sentences])
        connective = _connective(before, beat.act)
        if connective is not None:
            words = _phrase(connective).split("|")
            text = _joined(words[(turn + len(sentences)) % len(words)], text)
        sentences.append(text)
        before = beat.act
    return " ".join(sentences)


def describe(move: RecruiterMove, scenario: Scenario) -> str:
    """The decided move as a list an LLM can follow (figures from the move only)."""
    lines = []
    for beat in move.beats:
        values = _values(beat, scenario)
        what = beat.act.value.replace("_", " ")
        if beat.objection is not None:
            what += f" ({beat.objection.value.replace('_', ' ')})"
        if beat.heard is not None:
            what += f" (what they did: {beat.heard.value.replace('_', ' ')})"
        if beat.component:
            what += f", {values['component']}"
        if beat.amount is not None:
            what += f": {values['amount']}"
        if beat.terms is not None:
            what += f": {values['terms']}"
        if beat.days is not None:
            what += f" ({values['deadline']})"
        lines.append(f"- {what}")
    return "\n".join(lines)


def _money_in(text: str) -> set[int]:
    return {amount.value for amount in find_amounts(text)}


def _bare_numbers(text: str) -> set[str]:
    spans = [(a.start, a.end) for a in find_amounts(text)]
    kept = "".join(" " if any(s <= i < e for s, e in spans) else ch for i, ch in enumerate(text))
    return set(_NUMBER.findall(kept))


def check_llm_text(text: str, draft: str) -> str | None:
    """Why an LLM reply can't be used (None if it can): figures must match the draft's."""
    if not text.strip():
        return "empty reply"
    if len(text) > MAX_LLM_CHARS:
        return "reply too long"
    extra = _money_in(text) - _money_in(draft)
    if extra:
        return "reply has money figures the move does not: " + ", ".join(map(format_usd, extra))
    missing = _money_in(draft) - _money_in(text)
    if missing:
        return "reply dropped figures: " + ", ".join(map(format_usd, missing))
    if _bare_numbers(text) - _bare_numbers(draft):
        return "reply has numbers the move does not"
    if "%" in text and "%" not in draft:
        return "reply has a percentage the move does not"
    return None


class Voice:
    """Phrases decided moves for one scenario; ``llm=None`` means templates only."""

    def __init__(self, scenario: Scenario, llm: BaseChatModel | None = None) -> None:
        self.scenario = scenario
        self.llm = llm

    def speak(
        self, move: RecruiterMove, turn: int, candidate_text: str = "", said: Sequence[str] = ()
    ) -> Spoken:
        """``said``: the recruiter's earlier lines in this call, so no sentence repeats."""
        draft = template_text(self.scenario, move, turn, said)
        if self.llm is None:
            return Spoken(draft, "template")
        persona = self.scenario.persona
        system = render(
            "recruiter",
            recruiter=persona.name,
            company=self.scenario.company,
            title=self.scenario.first_offer.title,
            style=persona.style.value,
            move=describe(move, self.scenario),
            draft=draft,
        )
        heard = candidate_text.strip() or "(the call is starting)"
        return model_phrasing(self.llm, system, f"The candidate said: {heard}", draft)


def model_phrasing(llm: BaseChatModel, system: str, heard: str, draft: str) -> Spoken:
    """The model's wording of a move decided in code, kept only when it states no figure
    the template's ``draft`` doesn't (check_llm_text); else the draft, with why."""
    from langchain_core.messages import HumanMessage, SystemMessage

    try:
        reply = llm.invoke([SystemMessage(system), HumanMessage(heard)])
    except Exception as exc:  # any model failure: the template is always a safe answer
        return Spoken(draft, "template", note=f"model call failed ({type(exc).__name__})")
    text = reply.text
    problem = check_llm_text(text, draft)
    if problem is None:
        return Spoken(text.strip(), "llm")
    return Spoken(draft, "template", note=problem)
