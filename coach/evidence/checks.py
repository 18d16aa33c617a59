"""Each answer of the evidence pack held to the articles' bar, with one suggestion a shortfall.

The bar (evidence-pack § Part one to three, § Quantify your experience; mistakes § Mistake
two): a number in every result, an outcome rather than an output, tools named by name, an
eval story with a metric and a figure before and after, and a portability story that says
why the result carries over. An answer made only of AI vocabulary ("I have AI
experience", "leveraged AI to drive synergies") is named for what it is: the second
costliest mistake. Each shortfall carries exactly one concrete suggestion, written in the
templates under prompts/evidence/checks/ (``<field>_<kind>.md``, else ``<kind>.md``).

Deterministic and local: word lists from knowledge/vocabulary/evidence.yaml, no model.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from coach import prompts
from coach.evidence.pack import EvidencePack, Workflow
from coach.money import quote
from coach.vocabulary import EvidenceVocabulary, evidence_words, normalise

FieldName = Literal["what", "tools", "gain", "outcome", "metric", "before", "after", "portability"]
WORKFLOW_FIELDS: tuple[FieldName, ...] = ("what", "tools", "gain", "outcome")
EVAL_FIELDS: tuple[FieldName, ...] = ("metric", "before", "after")


class Shortfall(StrEnum):
    """Ways an answer falls short of the bar, one suggestion each."""

    MISSING = "missing"  # nothing written
    BUZZWORDS = "buzzwords"  # only AI vocabulary: the second costliest mistake
    VAGUE = "vague"  # words, but none that say what the thing does
    PLACEHOLDER = "placeholder"  # "[X]", "TBD": a draft's gap, not a figure
    NO_NUMBER = "no_number"  # no figure
    OUTPUT_NOT_OUTCOME = "output_not_outcome"  # what was produced, not what changed
    VAGUE_TOOLS = "vague_tools"  # "AI", "LLMs", "a vector database": no tool by name
    NO_METRIC = "no_metric"  # the eval names no measure
    NO_REASON = "no_reason"  # portability claimed, not explained


class FieldCheck(BaseModel):
    """One answer's check: whether it meets the bar, and if not, why and what to do."""

    field: str  # where the answer lives: "workflows.0.gain", "eval_story.before", "portability"
    name: FieldName
    label: str  # the question, as the form and the terminal name it
    passes: bool
    shortfalls: list[Shortfall] = Field(default_factory=list)
    suggestions: list[str] = Field(default_factory=list)  # one per shortfall, same order

    @property
    def suggestion(self) -> str:
        """What to do first (the shortfalls are in the order they are best fixed)."""
        return self.suggestions[0] if self.suggestions else ""

    def said(self) -> str:
        """The check in one line for the person: 'Looks good.' or each suggestion."""
        if self.passes:
            return prompts.render("evidence/checks/passes")
        return " ".join(self.suggestions)


class PackCheck(BaseModel):
    """Every answer's check, in the order the questions are asked."""

    fields: list[FieldCheck] = Field(default_factory=list)

    @property
    def passes(self) -> bool:
        return all(check.passes for check in self.fields)

    def by_field(self) -> dict[str, FieldCheck]:
        return {check.field: check for check in self.fields}

    def shortfalls(self) -> list[tuple[str, Shortfall]]:
        return [(c.field, kind) for c in self.fields for kind in c.shortfalls]


# -- reading an answer -------------------------------------------------------------------
_NUMBER_WORDS = frozenset(
    [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "dozen",
        "dozens",
        "half",
        "halved",
        "halve",
        "third",
        "thirds",
        "quarter",
        "quarters",
        "double",
        "doubled",
        "twice",
        "triple",
        "tripled",
        "quadrupled",
        "tenfold",
    ]
)
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_YEAR_BEFORE = re.compile(r"(?i)\b(?:in|since|during|until|through|by|of|early|late|mid|fy)\s*$")
_PLACEHOLDER = re.compile(
    r"\[[^\]]*\]|\{[^}]*\}|<[^>]*>|\?\?|\b[XN]{1,3}(?:\s*%|\s+(?:hours?|minutes?|days?|weeks?|"
    r"percent|points?|tickets?|users?|customers?|people)\b)|\bX+%"
)
_SEGMENTS = re.compile(r"\s*(?:[,;/+&|()]|\band\b|\bplus\b|\bwith\b|\bon\b|\bvia\b)\s*", re.I)
_FROM_TO = re.compile(r"(?i)\bfrom\b.{0,40}?\d.{0,40}?\bto\b.{0,20}?\d|\d\s*(?:->|→|to)\s*\d")
# Outcome words too weak to make an outcome beside words of volume ("10,000 more summaries").
_WEAK_OUTCOME = frozenset({"more", "from", "up", "down", "now", "within", "higher", "lower"})
# A tool in the list, written as a product name: CamelCase, letters with digits, capitals.
_NAME_SHAPES = re.compile(r"^(?:[A-Z][a-z]+[A-Z]\w*|[A-Za-z]+-?\d[\w.]*|[A-Z]{2,}\w*)$")


def _has_phrase(text: str, phrases: frozenset[str]) -> list[str]:
    """The phrases (normalised) found in ``text`` (normalised) as whole words."""
    padded = f" {text} "
    return [p for p in phrases if p and f" {p} " in padded]


def _strip_phrases(text: str, phrases: frozenset[str]) -> str:
    """``text`` (normalised) with every phrase removed, longest first."""
    padded = f" {text} "
    for phrase in sorted(phrases, key=len, reverse=True):
        while f" {phrase} " in padded:
            padded = padded.replace(f" {phrase} ", " ")
    return " ".join(padded.split())


def _without_tool_versions(text: str, words: EvidenceVocabulary) -> str:
    """``text`` with version numbers of named tools blanked ("GPT-4o", "Llama 3", "Q3"):
    a model's version is not a measured result."""
    text = re.sub(r"(?<=[A-Za-z])[-.]?\d[\w.]*", " ", text)  # GPT-4o, Q3, H100, L5
    for tool in words.tools:
        head = tool.split()[0]
        if head.isalpha() and len(head) > 2:
            text = re.sub(rf"(?i)\b({re.escape(head)})\s+\d+(?:\.\d+)?\b", r"\1", text)
    return text


def has_number(text: str, words: EvidenceVocabulary | None = None) -> bool:
    """A figure: digits that measure something (not a model's version, not a year), or a
    number written in words ("half", "three times")."""
    words = words or evidence_words()
    cleaned = _without_tool_versions(text, words)
    for match in _DIGITS.finditer(cleaned):
        digits = match.group()
        is_year = re.fullmatch(r"(?:19|20)\d\d", digits) is not None
        after = cleaned[match.end() : match.end() + 2]
        if is_year and (_YEAR_BEFORE.search(cleaned[: match.start()]) or not after.strip()):
            continue
        return True
    return any(w in _NUMBER_WORDS for w in normalise(text).split())


def placeholder_in(text: str, words: EvidenceVocabulary | None = None) -> str:
    """The draft placeholder left in ``text`` ("[X]", "TBD"), or ""."""
    words = words or evidence_words()
    found = _PLACEHOLDER.search(text)
    if found:
        return found.group()
    hit = _has_phrase(normalise(text), words.placeholders)
    return hit[0] if hit else ""


def content_words(text: str, words: EvidenceVocabulary | None = None) -> list[str]:
    """The words left once AI vocabulary, filler and grammar are taken out."""
    words = words or evidence_words()
    left = _strip_phrases(normalise(text), words.buzzwords | words.filler)
    return [w for w in left.split() if len(w) > 1 and not w.isdigit()]


def buzzwords_only(text: str, words: EvidenceVocabulary | None = None) -> bool:
    """Nothing but AI vocabulary and filler: no number, no tool by name, no thing done."""
    words = words or evidence_words()
    said = normalise(text)
    if not _has_phrase(said, words.buzzwords) or has_number(text, words):
        return False
    if names_a_tool(text, words):
        return False
    return not content_words(text, words)


def names_a_tool(text: str, words: EvidenceVocabulary | None = None) -> list[str]:
    """The tools named by name: from the list, or written as a product name ("Gong",
    "HubSpot", "Llama 3") where the rest of its phrase is no generic word."""
    words = words or evidence_words()
    # "python scripts" is a generic tool even though Python is a name: generic phrases out first.
    named = _has_phrase(_strip_phrases(normalise(text), words.generic_tools), words.tools)
    generic = words.generic_tools | words.buzzwords | words.filler
    for segment in _SEGMENTS.split(text):
        tokens = segment.split()
        for index, token in enumerate(tokens):
            bare = token.strip(".:!?\"'")
            if not bare or normalise(bare) in generic or not bare[0].isalpha():
                continue
            shaped = _NAME_SHAPES.match(bare) is not None
            capital = bare[0].isupper() and (index > 0 or len(tokens) == 1)
            if shaped or capital:
                named.append(bare)
    return list(dict.fromkeys(named))


def says_an_outcome(text: str, words: EvidenceVocabulary | None = None) -> bool:
    """What changed for the customer or the business, not only what was produced."""
    words = words or evidence_words()
    said = normalise(text)
    if _FROM_TO.search(text) or "%" in text:
        return True
    found = _has_phrase(said, words.outcome_words)
    strong = [w for w in found if w not in _WEAK_OUTCOME]
    if strong:
        return True
    return bool(found) and not _has_phrase(said, words.output_words)


def names_a_metric(text: str, words: EvidenceVocabulary | None = None) -> bool:
    words = words or evidence_words()
    return bool(_has_phrase(normalise(text), words.metrics))


def says_why_it_transfers(text: str, words: EvidenceVocabulary | None = None) -> bool:
    """A reason the result carries over: standard tools, a repeatable method, or a map onto
    the new company's problem; "my skills transfer" alone is a claim, not a reason."""
    words = words or evidence_words()
    return bool(_has_phrase(normalise(text), words.portability_reasons)) or bool(
        _has_phrase(normalise(text), words.tools)
    )


# -- the checks ---------------------------------------------------------------------------
def _suggestion(name: FieldName, kind: Shortfall, said: str) -> str:
    specific = f"evidence/checks/{name}_{kind.value}"
    template = specific if prompts.exists(specific) else f"evidence/checks/{kind.value}"
    return prompts.render(
        template, said=quote(said, 60), placeholder=quote(placeholder_in(said) or said, 30)
    )


def shortfalls_of(name: FieldName, text: str) -> list[Shortfall]:
    """The ways one answer falls short of the bar, in the order they are best fixed."""
    words = evidence_words()
    text = " ".join(text.split())
    if not text:
        return [Shortfall.MISSING]
    if name == "tools":
        return [] if names_a_tool(text, words) else [Shortfall.VAGUE_TOOLS]
    if buzzwords_only(text, words):
        return [Shortfall.BUZZWORDS]  # the one thing to fix: everything else follows
    found: list[Shortfall] = []
    if placeholder_in(text, words):
        found.append(Shortfall.PLACEHOLDER)
    if name == "what":
        if not content_words(text, words) and not names_a_tool(text, words):
            found.append(Shortfall.VAGUE)
    elif name in ("gain", "outcome"):
        if name == "outcome" and not says_an_outcome(text, words):
            found.append(Shortfall.OUTPUT_NOT_OUTCOME)
        if not has_number(text, words) and Shortfall.PLACEHOLDER not in found:
            found.append(Shortfall.NO_NUMBER)
    elif name == "metric":
        if not names_a_metric(text, words):
            found.append(Shortfall.NO_METRIC)
    elif name in ("before", "after"):
        if not has_number(text, words) and Shortfall.PLACEHOLDER not in found:
            found.append(Shortfall.NO_NUMBER)
    elif name == "portability" and not says_why_it_transfers(text, words):
        found.append(Shortfall.NO_REASON)
    return found


def check_answer(name: FieldName, text: str, *, field: str = "", label: str = "") -> FieldCheck:
    """One answer against the bar, with one suggestion for each way it falls short."""
    kinds = shortfalls_of(name, text)
    return FieldCheck(
        field=field or name,
        name=name,
        label=label or question(name),
        passes=not kinds,
        shortfalls=kinds,
        suggestions=[_suggestion(name, kind, text) for kind in kinds],
    )


def question(name: FieldName) -> str:
    """The question asked for an answer (the form's label, the terminal's prompt)."""
    return prompts.render(f"evidence/questions/{name}")


def workflow_label(index: int, name: FieldName) -> str:
    return prompts.render("evidence/questions/workflow_label", n=index + 1, question=question(name))


def check_workflow(workflow: Workflow, index: int) -> list[FieldCheck]:
    return [
        check_answer(
            name,
            getattr(workflow, name),
            field=f"workflows.{index}.{name}",
            label=workflow_label(index, name),
        )
        for name in WORKFLOW_FIELDS
    ]


def check_pack(pack: EvidencePack) -> PackCheck:
    """Every answer of the pack: the first workflow always (a pack needs one), a second
    one when any of it is written, the eval story and the portability story."""
    checks: list[FieldCheck] = []
    workflows = pack.workflows or [Workflow()]
    for index, workflow in enumerate(workflows):
        if index > 0 and workflow.is_empty():
            continue
        checks += check_workflow(workflow, index)
    for name in EVAL_FIELDS:
        checks.append(
            check_answer(name, getattr(pack.eval_story, name), field=f"eval_story.{name}")
        )
    checks.append(check_answer("portability", pack.portability, field="portability"))
    return PackCheck(fields=checks)
