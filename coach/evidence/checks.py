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
from coach.evidence.pack import EvalStory, EvidencePack, Workflow
from coach.money import quote
from coach.vocabulary import EvidenceVocabulary, evidence_words, normalise

FieldName = Literal["what", "tools", "gain", "outcome", "metric", "before", "after", "portability"]
WORKFLOW_FIELDS: tuple[FieldName, ...] = ("what", "tools", "gain", "outcome")
EVAL_FIELDS: tuple[FieldName, ...] = ("metric", "before", "after")


class Shortfall(StrEnum):
    """Ways an answer falls short of the bar, one suggestion each.

    ``empty`` and ``buzzwords_only`` said of a whole part (a workflow, the eval story,
    the portability story) stand alone: that is the one thing to fix."""

    EMPTY = "empty"  # nothing written, or "n/a", "idk", "-"
    BUZZWORDS_ONLY = "buzzwords_only"  # only AI vocabulary: the second costliest mistake
    VAGUE = "vague"  # words, but none that say what the thing does
    PLACEHOLDER = "placeholder"  # "[X]", "TBD": a draft's gap, not a figure
    NO_NUMBER = "no_number"  # no figure in the results
    OUTPUT_NOT_OUTCOME = "output_not_outcome"  # what was produced, not what changed
    NO_SPECIFIC_TOOLS = "no_specific_tools"  # "AI", "LLMs", "a vector database": no name
    NO_METRIC = "no_metric"  # the eval names no measure
    NO_BEFORE_AFTER = "no_before_after"  # the eval lacks the figure before or after
    NOT_TRANSFERABLE = "not_transferable"  # no reason it carries over, or tied to the old job


Part = Literal["workflow", "eval_story", "portability"]
# Field kinds that say nothing about the part as a whole (the field's own line says them).
_FIELD_ONLY = {Shortfall.EMPTY, Shortfall.VAGUE, Shortfall.PLACEHOLDER}


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
        """The check in one line for the person: 'Meets the bar.' or each suggestion."""
        if self.passes:
            return prompts.render("evidence/checks/passes")
        return " ".join(self.suggestions)


class PartCheck(BaseModel):
    """One part of the pack (a workflow, the eval story, the portability story): its
    answers' checks and what the part as a whole lacks."""

    part: Part
    index: int = 0  # which workflow
    fields: list[FieldCheck] = Field(default_factory=list)
    shortfalls: list[Shortfall] = Field(default_factory=list)
    # Whether the part gives a bullet: not when it is empty or only buzzwords, an eval
    # story with neither a metric nor a figure, a portability story that doesn't transfer.
    makes_bullet: bool = True

    @property
    def passes(self) -> bool:
        return not self.shortfalls and all(c.passes for c in self.fields)


class PackCheck(BaseModel):
    """Every part's check, in the order the questions are asked."""

    parts: list[PartCheck] = Field(default_factory=list)

    @property
    def fields(self) -> list[FieldCheck]:
        return [check for part in self.parts for check in part.fields]

    @property
    def passes(self) -> bool:
        return all(part.passes for part in self.parts)

    def by_field(self) -> dict[str, FieldCheck]:
        return {check.field: check for check in self.fields}

    def shortfalls(self) -> list[Shortfall]:
        """What the person must be told about, each kind once, in the order met."""
        return list(dict.fromkeys(k for part in self.parts for k in part.shortfalls))


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
# "100% portable", "110% committed": a figure of speech, not a measure (but "100% of tickets").
_RHETORICAL = re.compile(r"\b(?:100|110|200)\s*%(?!\s*of\b)")
_SEGMENTS = re.compile(r"\s*(?:[,;/+&|()]|\band\b|\bplus\b|\bwith\b|\bon\b|\bvia\b)\s*", re.I)
_FROM_TO = re.compile(
    r"(?i)\bfrom\b.{0,40}?\d.{0,40}?\bto\b.{0,20}?\d|\d\s*(?:->|→|to)\s*\d"
    r"|\d.{0,40}?\b(?:vs\.?|versus|compared (?:to|with)|instead of)\s.{0,30}?\d"
)
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
    if not _has_phrase(said, words.buzzwords) or has_number(_RHETORICAL.sub(" ", text), words):
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


def tied_to_old_job(text: str, words: EvidenceVocabulary | None = None) -> list[str]:
    """Words that tie the result to the old employer ("our internal platform", "the
    relationships I built"), unless negated just before ("nothing proprietary")."""
    words = words or evidence_words()
    tokens = normalise(text).split()
    found = []
    for phrase in words.lock_in:
        size = len(phrase.split())
        for start in range(len(tokens) - size + 1):
            if " ".join(tokens[start : start + size]) != phrase:
                continue
            before = " ".join(tokens[max(0, start - 3) : start])
            if not _has_phrase(before, words.negations):
                found.append(phrase)
    return found


def says_why_it_transfers(text: str, words: EvidenceVocabulary | None = None) -> bool:
    """A reason the result carries over: standard tools, a repeatable method, or a map onto
    the new company's problem; "my skills transfer" alone is a claim, not a reason, and a
    result built on the old employer's private platform, data or people doesn't carry."""
    words = words or evidence_words()
    if tied_to_old_job(text, words):
        return False
    said = normalise(text)
    return bool(_has_phrase(said, words.portability_reasons) or _has_phrase(said, words.tools))


# -- the checks ---------------------------------------------------------------------------
def _suggestion(name: FieldName, kind: Shortfall, said: str) -> str:
    specific = f"evidence/checks/{name}_{kind.value}"
    template = specific if prompts.exists(specific) else f"evidence/checks/{kind.value}"
    return prompts.render(
        template, said=quote(said, 60), placeholder=quote(placeholder_in(said) or said, 30)
    )


def is_empty(text: str, words: EvidenceVocabulary | None = None) -> bool:
    """Nothing said: blank, a dash, or "n/a", "idk", "none"."""
    words = words or evidence_words()
    said = normalise(text)
    return not said or said in words.empty_answers


def _field(
    name: FieldName, text: str, kinds: list[Shortfall], field: str, label: str
) -> FieldCheck:
    kinds = list(dict.fromkeys(kinds))
    return FieldCheck(
        field=field or name,
        name=name,
        label=label or question(name),
        passes=not kinds,
        shortfalls=kinds,
        suggestions=[_suggestion(name, kind, text) for kind in kinds],
    )


def _own(name: FieldName, text: str, words: EvidenceVocabulary) -> list[Shortfall]:
    """What one answer lacks on its own (its part adds what needs the other answers)."""
    if is_empty(text, words):
        return [Shortfall.EMPTY]
    if name == "tools":
        return [] if names_a_tool(text, words) else [Shortfall.NO_SPECIFIC_TOOLS]
    if buzzwords_only(text, words):
        return [Shortfall.BUZZWORDS_ONLY]  # the one thing to fix: everything else follows
    found: list[Shortfall] = []
    if placeholder_in(text, words):
        found.append(Shortfall.PLACEHOLDER)
    if name == "what" and not content_words(text, words) and not names_a_tool(text, words):
        found.append(Shortfall.VAGUE)
    if name == "outcome" and not says_an_outcome(text, words):
        found.append(Shortfall.OUTPUT_NOT_OUTCOME)
    if name == "metric" and not names_a_metric(text, words):
        found.append(Shortfall.NO_METRIC)
    figure = has_number(text, words) or Shortfall.PLACEHOLDER in found
    if name in ("before", "after") and not figure:
        found.append(Shortfall.NO_NUMBER)
    if name == "portability" and not says_why_it_transfers(text, words):
        found.append(Shortfall.NOT_TRANSFERABLE)
    return found


def _whole(own: dict[FieldName, list[Shortfall]]) -> Shortfall | None:
    """``empty`` when nothing is said, ``buzzwords_only`` when all that is said is AI
    vocabulary (a generic tools answer beside it changes nothing): the part's one label."""
    said = {name: kinds for name, kinds in own.items() if Shortfall.EMPTY not in kinds}
    if not said:
        return Shortfall.EMPTY
    buzz = [name for name, kinds in said.items() if Shortfall.BUZZWORDS_ONLY in kinds]
    rest = [name for name in said if name not in buzz and not (name == "tools" and said[name])]
    return Shortfall.BUZZWORDS_ONLY if buzz and not rest else None


def _part(
    part: Part,
    index: int,
    answers: dict[FieldName, str],
    extra: dict[FieldName, list[Shortfall]],
    fields: dict[FieldName, tuple[str, str]],
) -> PartCheck:
    """The part's checks: each answer's own shortfalls plus ``extra`` (what the part
    lacks, said at the answer where it is best fixed), or the whole part's one label."""
    words = evidence_words()
    own = {name: _own(name, text, words) for name, text in answers.items()}
    whole = _whole(own)
    checks = []
    for name, text in answers.items():
        kinds = own[name] if whole else [*own[name], *extra.get(name, [])]
        if whole == Shortfall.BUZZWORDS_ONLY and name != "tools" and Shortfall.EMPTY in kinds:
            kinds = []  # the buzzwords are the thing to fix, not the boxes left empty
        field, label = fields[name]
        checks.append(_field(name, text, kinds, field, label))
    if whole is not None:
        return PartCheck(
            part=part, index=index, fields=checks, shortfalls=[whole], makes_bullet=False
        )
    # A placeholder is a figure still to come: for the part, no figure yet.
    kinds = [
        Shortfall.NO_NUMBER if k == Shortfall.PLACEHOLDER else k
        for c in checks
        for k in c.shortfalls
        if k not in _FIELD_ONLY or k == Shortfall.PLACEHOLDER
    ]
    # A buzzword answer beside real ones: named, after what the real ones lack.
    kinds.sort(key=lambda k: k == Shortfall.BUZZWORDS_ONLY)
    return PartCheck(part=part, index=index, fields=checks, shortfalls=list(dict.fromkeys(kinds)))


def check_workflow(workflow: Workflow, index: int = 0) -> PartCheck:
    """One workflow: what it does, tools by name, a figure in its results (the gain or the
    outcome), and an outcome for the customer or the business, not only output."""
    words = evidence_words()
    answers: dict[FieldName, str] = {
        n: " ".join(getattr(workflow, n).split()) for n in WORKFLOW_FIELDS
    }
    extra: dict[FieldName, list[Shortfall]] = {}
    results = [answers["gain"], answers["outcome"]]
    if not any(has_number(r, words) for r in results if not is_empty(r, words)):
        # Said once, at the last result given (the outcome, else the gain).
        where: FieldName = "outcome" if not is_empty(answers["outcome"], words) else "gain"
        if not placeholder_in(answers[where], words):
            extra[where] = [Shortfall.NO_NUMBER]
    if is_empty(answers["outcome"], words) and not is_empty(answers["gain"], words):
        extra["outcome"] = [Shortfall.OUTPUT_NOT_OUTCOME]  # time saved that led nowhere said
    fields = {n: (f"workflows.{index}.{n}", workflow_label(index, n)) for n in WORKFLOW_FIELDS}
    return _part("workflow", index, answers, extra, fields)


def check_eval(story: EvalStory) -> PartCheck:
    """The eval story: a metric, and a measured figure before and after."""
    words = evidence_words()
    answers: dict[FieldName, str] = {n: " ".join(getattr(story, n).split()) for n in EVAL_FIELDS}
    extra: dict[FieldName, list[Shortfall]] = {}
    if is_empty(answers["metric"], words):
        extra["metric"] = [Shortfall.NO_METRIC]
    for name in ("before", "after"):
        if is_empty(answers[name], words):
            extra[name] = [Shortfall.NO_BEFORE_AFTER]
    fields = {n: (f"eval_story.{n}", question(n)) for n in EVAL_FIELDS}
    check = _part("eval_story", 0, answers, extra, fields)
    if check.makes_bullet:
        measured = not is_empty(answers["metric"], words) and names_a_metric(
            answers["metric"], words
        )
        figures = any(has_number(answers[n], words) for n in ("before", "after"))
        check = check.model_copy(update={"makes_bullet": measured or figures})
    return check


def check_portability(text: str) -> PartCheck:
    """Why the result carries over: standard tools by name, a repeatable method, or a map
    onto the new company's problem; not a result tied to the old employer."""
    words = evidence_words()
    answers: dict[FieldName, str] = {"portability": " ".join(text.split())}
    fields: dict[FieldName, tuple[str, str]] = {
        "portability": ("portability", question("portability"))
    }
    extra: dict[FieldName, list[Shortfall]] = {}
    if _has_phrase(normalise(text), words.skill_claims) and not names_a_tool(text, words):
        # "The skills transfer": the articles' reason is that the tools are common: name them.
        extra["portability"] = [Shortfall.NO_SPECIFIC_TOOLS]
    check = _part("portability", 0, answers, extra, fields)
    if Shortfall.NOT_TRANSFERABLE in check.shortfalls:
        check = check.model_copy(update={"makes_bullet": False})
    return check


def check_answer(name: FieldName, text: str, *, field: str = "", label: str = "") -> FieldCheck:
    """One answer on its own against the bar (the form and the terminal check answers in
    their part: ``check_workflow``, ``check_eval``, ``check_portability``)."""
    words = evidence_words()
    kinds = _own(name, text, words)
    if name in ("gain", "outcome") and not kinds and not has_number(text, words):
        kinds = [Shortfall.NO_NUMBER]
    return _field(name, text, kinds, field, label)


def question(name: FieldName) -> str:
    """The question asked for an answer (the form's label, the terminal's prompt)."""
    return prompts.render(f"evidence/questions/{name}")


def workflow_label(index: int, name: FieldName) -> str:
    return prompts.render("evidence/questions/workflow_label", n=index + 1, question=question(name))


def check_pack(pack: EvidencePack) -> PackCheck:
    """Every part of the pack: the first workflow always (a pack needs one), a second one
    when any of it is written, the eval story and the portability story."""
    parts: list[PartCheck] = []
    workflows = pack.workflows or [Workflow()]
    for index, workflow in enumerate(workflows):
        if index > 0 and workflow.is_empty():
            continue
        parts.append(check_workflow(workflow, index))
    parts.append(check_eval(pack.eval_story))
    parts.append(check_portability(pack.portability))
    return PackCheck(parts=parts)
