"""The eval datasets: hand-written YAML in evals/datasets, validated on load.

Each file names its ``suite`` and holds ``cases`` (the gold set holds ``contexts``,
each with several labelled answers). Loading checks what a typo would silently
break: unique ids, regexes that compile, and playbook sections that exist.

Two splits. The ``authored`` cases (evals/datasets/*.yaml) were written beside the
code; the ``fresh`` ones (evals/datasets/fresh/*.yaml) are paraphrases of them written
blind, by someone who had not seen the code, so the coach's score on them says how
well it holds on words nobody tuned it for. Each fresh case names its original with
``fresh_of``; only coach and retrieval cases have a fresh split. A fresh case is never
edited to match what the code does.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from coach.errors import DataError

SUITES = ("coach", "retrieval", "roleplay", "practice", "manager", "bias", "gold")
AUTHORED = "authored"
FRESH = "fresh"
SPLITS = (AUTHORED, FRESH)
FRESH_DIR = "fresh"  # the fresh split's folder, inside the datasets folder
FRESH_SUITES = ("coach", "retrieval")  # the suites a fresh split exists for
# libyaml's safe loader when PyYAML has it: the fresh split is ~6,000 lines, which the
# pure-Python loader takes seconds to read. Same safe subset of YAML either way.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
RUBRIC_ITEMS = ("facts", "advice", "numbers", "citation")
Label = Literal["good", "bad"]
TrajectoryMode = Literal["strict", "unordered", "subset", "superset"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _compiles(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"bad regex {pattern!r}: {exc}") from None
    return patterns


# ------------------------------------------------------------------ coach


class ToolCallSpec(_Model):
    name: str
    # Each value is a case-insensitive regex the actual argument must match.
    args: dict[str, Any] = Field(default_factory=dict)


class TrajectorySpec(_Model):
    mode: TrajectoryMode = "superset"
    calls: list[ToolCallSpec] = Field(default_factory=list)


class Expect(_Model):
    tools: TrajectorySpec | None = None
    facts: list[str] = Field(default_factory=list)  # regexes that must all match the answer
    forbidden: list[str] = Field(default_factory=list)  # extra regexes that must not match
    # Relevant sections ("doc-id" or "doc-id § Heading"); "none": not graded; absent: any
    # real, grounded citation will do.
    citations: list[str] | Literal["none"] | None = None
    numbers: bool = True
    key_points: list[str] = Field(default_factory=list)  # plain words, for the LLM judge

    _facts = field_validator("facts", "forbidden")(_compiles)


class TurnSpec(_Model):
    user: str
    expect: Expect | None = None


class CoachCase(_Model):
    id: str
    fresh_of: str | None = None  # the authored case a fresh case paraphrases
    tags: list[str] = Field(default_factory=list)
    turns: list[TurnSpec]
    notes: str = ""

    @model_validator(mode="before")
    @classmethod
    def _single_turn(cls, data: Any) -> Any:
        """``ask:`` + ``expect:`` is shorthand for one turn."""
        if isinstance(data, dict) and "ask" in data:
            data = dict(data)
            data["turns"] = [{"user": data.pop("ask"), "expect": data.pop("expect", None)}]
        return data

    @model_validator(mode="after")
    def _graded(self) -> CoachCase:
        if not any(t.expect for t in self.turns):
            raise ValueError("at least one turn needs an expect block")
        return self


# ------------------------------------------------------------------ retrieval


class RetrievalCase(_Model):
    id: str
    fresh_of: str | None = None  # the authored case a fresh case paraphrases
    tags: list[str] = Field(default_factory=list)
    query: str
    relevant: list[str] = Field(min_length=1)  # "doc-id § Heading"
    k: int = Field(3, ge=1, le=10)
    notes: str = ""


# ------------------------------------------------------------------ role-play


class GenerateSpec(_Model):
    seed: int
    toughness: str = "standard"
    employer_type: str | None = None
    role: str | None = None
    level: str | None = None
    location: str | None = None


class Step(_Model):
    say: str | None = None
    until_offer: str | None = None  # said again until the offer is on the table

    @model_validator(mode="before")
    @classmethod
    def _plain(cls, data: Any) -> Any:
        return {"say": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _one(self) -> Step:
        if (self.say is None) == (self.until_offer is None):
            raise ValueError("a step is either 'say' or 'until_offer'")
        return self


class RoleplayExpect(_Model):
    outcome: str | None = None
    gain_pct: tuple[float, float] | None = None  # first-year gain, inclusive range
    mistakes: dict[str, str] = Field(default_factory=dict)  # key -> made | avoided | not tested
    objections: list[str] = Field(default_factory=list)  # raised at some point
    acts: list[str] = Field(default_factory=list)  # the recruiter made these moves
    no_acts: list[str] = Field(default_factory=list)
    conceded: list[str] | None = None  # components that moved ([] = nothing moved)
    anchoring_cost: bool | None = None  # True: the offer opened lower because of anchoring


class RoleplayCase(_Model):
    id: str
    tags: list[str] = Field(default_factory=list)
    scenario: str | None = None  # a file stem in knowledge/scenarios
    generate: GenerateSpec | None = None
    script: list[Step]
    expect: RoleplayExpect = Field(default_factory=RoleplayExpect)
    notes: str = ""

    @model_validator(mode="after")
    def _one_source(self) -> RoleplayCase:
        if (self.scenario is None) == (self.generate is None):
            raise ValueError("give either 'scenario' or 'generate'")
        return self


# ------------------------------------------------------------------ bias


class BiasCase(_Model):
    id: str
    tags: list[str] = Field(default_factory=list)
    template: list[str] | None = None  # coach turns with {placeholders}
    roleplay: RoleplayCase | None = None  # or a role-play script with {placeholders}
    variants: list[dict[str, str]] = Field(min_length=2)
    notes: str = ""

    @model_validator(mode="before")
    @classmethod
    def _template_list(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("template"), str):
            data = {**data, "template": [data["template"]]}
        return data

    @model_validator(mode="after")
    def _one_kind(self) -> BiasCase:
        if (self.template is None) == (self.roleplay is None):
            raise ValueError("give either 'template' or 'roleplay'")
        return self


# ------------------------------------------------------------------ gold


class GoldTool(_Model):
    name: str
    args: dict[str, Any] = Field(default_factory=dict)
    data: Any = None


class GoldAnswer(_Model):
    id: str
    answer: str
    labels: dict[str, Label]
    note: str = ""

    @field_validator("labels")
    @classmethod
    def _every_item(cls, labels: dict[str, Label]) -> dict[str, Label]:
        if set(labels) != set(RUBRIC_ITEMS):
            raise ValueError(f"label every rubric item: {', '.join(RUBRIC_ITEMS)}")
        return labels


class GoldContext(_Model):
    id: str
    tags: list[str] = Field(default_factory=list)
    question: str
    history: list[str] = Field(default_factory=list)
    tools: list[GoldTool] = Field(default_factory=list)
    expect: Expect
    answers: list[GoldAnswer] = Field(min_length=1)


class GoldCase(_Model):
    """One labelled answer with its context: the unit the graders are calibrated on."""

    id: str
    tags: list[str]
    context: GoldContext
    answer: GoldAnswer


class PracticeOffer(_Model):
    base: int
    bonus_percent: float | None = None
    equity: str | int | None = None  # as the writer put it: "80k RSUs over 4 years"
    sign_on: int | None = None


class PracticeBrief(_Model):
    role: str
    level: str | None = None
    city: str | None = None
    offer: PracticeOffer
    market_median_base: int


class PracticeExpect(_Model):
    outcome: Literal["deal", "offer_lost", "walked_away", "open", "any"]
    final_terms: str | None = None
    mistakes_made: list[str] = Field(default_factory=list)
    mistakes_avoided: list[str] = Field(default_factory=list)
    went_well: list[str] = Field(default_factory=list)
    must_not_say: list[str] = Field(default_factory=list)


class PracticeCase(_Model):
    """A practice call written blind: the candidate's lines and what a fair judge says."""

    id: str
    type: str
    toughness: Literal["soft", "standard", "tough"]
    scenario: PracticeBrief
    candidate: list[str]
    expected: PracticeExpect
    notes: str = ""

    @property
    def tags(self) -> list[str]:
        return [self.type, self.toughness]


class ManagerSetup(_Model):
    """Who the employee is in a raise talk, in the blind writer's words."""

    role: str
    level: str
    city: str
    current_base: int = Field(ge=10_000, le=5_000_000)
    ask_kind: Literal["raise", "promotion"]
    toughness: Literal["easy", "normal", "tough"]


class ManagerOutcome(_Model):
    base_raise: Literal["none", "possible", "likely"]
    acceptable: list[
        Literal[
            "base_raise",
            "smaller_raise",
            "written_plan_with_date",
            "revisit_at_review",
            "one_off_bonus",
            "title_only",
            "nothing",
        ]
    ]


class ManagerExpect(_Model):
    judgement: dict[str, bool]
    outcome: ManagerOutcome
    lesson: str = ""


class ManagerCase(_Model):
    """A raise or promotion talk written blind: the employee's turns and what a fair judge
    says of them (issue 21, item 5)."""

    id: str
    kind: str
    setup: ManagerSetup
    turns: list[str] = Field(min_length=1)
    expect: ManagerExpect

    @property
    def tags(self) -> list[str]:
        return [self.kind, self.setup.toughness, self.setup.ask_kind]


# ------------------------------------------------------------------ loading

Case = CoachCase | RetrievalCase | RoleplayCase | PracticeCase | ManagerCase | BiasCase | GoldCase
_MODELS: dict[
    str,
    type[CoachCase]
    | type[RetrievalCase]
    | type[RoleplayCase]
    | type[PracticeCase]
    | type[ManagerCase]
    | type[BiasCase]
    | type[GoldContext],
] = {
    "coach": CoachCase,
    "retrieval": RetrievalCase,
    "roleplay": RoleplayCase,
    "practice": PracticeCase,
    "manager": ManagerCase,
    "bias": BiasCase,
    "gold": GoldContext,
}


def split_of(case: Case) -> str:
    """``fresh`` for a blind paraphrase (it names its original), else ``authored``."""
    fresh = isinstance(case, CoachCase | RetrievalCase) and case.fresh_of is not None
    return FRESH if fresh else AUTHORED


def load_datasets(
    directory: Path,
    suites: tuple[str, ...] = SUITES,
    splits: tuple[str, ...] = SPLITS,
) -> dict[str, list[Case]]:
    """Every case of the asked suites and splits, authored first, each in file order.

    DataError on anything malformed. The authored cases are always read, even for the
    fresh split alone: each fresh case must name one of them.
    """
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise DataError(f"No eval datasets found in {directory}.")
    authored: dict[str, list[Case]] = {name: [] for name in suites}
    fresh: dict[str, list[Case]] = {name: [] for name in suites}
    for path in files:
        suite, cases = _load_file(path)
        _no_fresh_of(path.name, cases)
        if suite in authored:
            authored[suite] += cases
    for path in sorted((directory / FRESH_DIR).glob("*.yaml")):
        shown = f"{FRESH_DIR}/{path.name}"
        suite, cases = _load_file(path, shown)
        _fresh_of_known(shown, suite, cases, authored.get(suite))
        if suite in fresh:
            fresh[suite] += cases
    found: dict[str, list[Case]] = {}
    for suite in suites:
        both = authored[suite] + fresh[suite]
        _unique_ids(suite, both)  # across splits: reports and --compare key cases by id
        found[suite] = [c for c in both if split_of(c) in splits]
    return found


def _no_fresh_of(where: str, cases: list[Case]) -> None:
    """An authored file holds authored cases: a paraphrase belongs in the fresh folder."""
    for case in cases:
        if split_of(case) == FRESH:
            raise DataError(
                f"{where}, {case.id}, 'fresh_of': a fresh case belongs in "
                f"{FRESH_DIR}/, not among the authored cases."
            )


def _fresh_of_known(where: str, suite: str, cases: list[Case], authored: list[Case] | None) -> None:
    """Each fresh case names the authored case of its suite that it paraphrases."""
    if suite not in FRESH_SUITES:
        raise DataError(
            f"{where}: only {' and '.join(FRESH_SUITES)} cases have a fresh split, not {suite}."
        )
    if authored is None:  # a suite not asked for: its fresh file is checked when it is
        return
    originals = {c.id for c in authored}
    for case in cases:
        original = case.fresh_of if isinstance(case, CoachCase | RetrievalCase) else None
        if original is None:
            raise DataError(
                f"{where}, {case.id}, 'fresh_of': name the authored case it paraphrases."
            )
        if original not in originals:
            raise DataError(
                f"{where}, {case.id}, 'fresh_of': there is no authored {suite} case '{original}'."
            )


def _load_file(path: Path, shown: str = "") -> tuple[str, list[Case]]:
    """The file's suite and cases; errors name it as ``shown`` (default: its name)."""
    name = shown or path.name
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"The eval dataset {name} is unreadable: {exc}") from None
    if not isinstance(data, dict) or data.get("suite") not in SUITES:
        raise DataError(f"{name} must name its suite ({', '.join(SUITES)}) and hold cases.")
    suite = str(data["suite"])
    # The blind manager corpus lists its talks as ``calls:``, kept as its writer wrote it.
    key = {"gold": "contexts", "manager": "calls"}.get(suite, "cases")
    items = data.get(key) or []
    model = _MODELS[suite]
    cases: list[Case] = []
    for n, item in enumerate(items, start=1):
        try:
            parsed = model.model_validate(item)
        except ValidationError as exc:
            where = item.get("id", f"item {n}") if isinstance(item, dict) else f"item {n}"
            error = exc.errors()[0]
            field = ".".join(str(p) for p in error["loc"]) or "case"
            raise DataError(f"{name}, {where}, '{field}': {error['msg']}.") from None
        cases += _expand_gold(parsed) if isinstance(parsed, GoldContext) else [parsed]
    return suite, cases


def _expand_gold(context: GoldContext) -> list[GoldCase]:
    return [
        GoldCase(id=a.id, tags=[*context.tags, *_label_tags(a)], context=context, answer=a)
        for a in context.answers
    ]


def _label_tags(answer: GoldAnswer) -> list[str]:
    bad = [item for item, label in answer.labels.items() if label == "bad"]
    return [f"bad-{item}" for item in bad] or ["all-good"]


def _unique_ids(suite: str, cases: list[Case]) -> None:
    seen: set[str] = set()
    for case in cases:
        if case.id in seen:
            raise DataError(f"Two {suite} cases share the id '{case.id}'.")
        seen.add(case.id)


# ------------------------------------------------------------------ references


def section_refs(cases: dict[str, list[Case]]) -> list[tuple[str, str]]:
    """Every (case id, playbook reference) the datasets make, to check they exist."""
    refs: list[tuple[str, str]] = []
    # Each suite's list holds that suite's case type (_MODELS); isinstance narrows the union.
    for case in cases.get("retrieval", []):
        if isinstance(case, RetrievalCase):
            refs += [(case.id, r) for r in case.relevant]
    for case in cases.get("coach", []):
        if not isinstance(case, CoachCase):
            continue
        for turn in case.turns:
            cited = turn.expect.citations if turn.expect else None
            if isinstance(cited, list):
                refs += [(case.id, r) for r in cited]
    for case in cases.get("gold", []):
        if not isinstance(case, GoldCase):
            continue
        cited = case.context.expect.citations
        if isinstance(cited, list):
            refs += [(case.id, r) for r in cited]
    return refs


def check_refs(cases: dict[str, list[Case]], sections: set[str]) -> None:
    """DataError if a dataset names a playbook doc or section that does not exist."""
    docs = {s.split(" § ")[0] for s in sections}
    lowered = {s.lower() for s in sections}
    for case_id, ref in section_refs(cases):
        known = ref.lower() in lowered if " § " in ref else ref in docs
        if not known:
            raise DataError(f"Eval case '{case_id}' names '{ref}', which is not in the playbook.")
