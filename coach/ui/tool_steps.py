"""A tool step as a person reads it: what the coach did, for what, and what came back.

"Looked up market pay — senior ML engineer, Seattle: median $203,135 (from 1,234 posted
salaries)" in the
title; the arguments and the full result when the step is opened. The words for each
tool are defined once here (``STEP_WORDS``); a tool not listed still reads as a sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from coach import citations as cite
from coach.contracts import PlaybookPassages, SalaryEstimateResult, ToolName
from coach.money import format_usd

if TYPE_CHECKING:
    from coach.session import ToolStep

# tool -> (while it runs, once it is done)
STEP_WORDS: dict[str, tuple[str, str]] = {
    ToolName.SALARY_LOOKUP: ("Looking up market pay", "Looked up market pay"),
    ToolName.SEARCH_PLAYBOOK: ("Searching the playbook", "Searched the playbook"),
    ToolName.SCORE_OFFER: ("Scoring the offer", "Scored the offer"),
    ToolName.DRAFT_COUNTER: ("Drafting a counter", "Drafted a counter"),
    ToolName.COMPARE_OFFERS: ("Comparing the offers", "Compared the offers"),
    ToolName.COMPARE_TRADEOFF: ("Weighing the trade-off", "Weighed the trade-off"),
    ToolName.ANCHOR_RANGE: ("Working out your range", "Worked out your range"),
    ToolName.WALK_AWAY: ("Working out your walk-away number", "Worked out your walk-away number"),
}
_SUBJECT_MAX = 90


def _subject(step: ToolStep) -> str:
    """What the step was about, from its arguments: the role and place, or the query."""
    args = step.args
    if step.name == ToolName.SEARCH_PLAYBOOK and args.get("query"):
        query = str(args["query"]).strip()
        return f"“{query[:_SUBJECT_MAX]}{'…' if len(query) > _SUBJECT_MAX else ''}”"
    parts = [str(args[k]).strip() for k in ("level", "role") if args.get(k)]
    where = str(args.get("location") or "").strip()
    who = " ".join(parts)
    return ", ".join(p for p in (who, where) if p)[:_SUBJECT_MAX]


def _outcome(step: ToolStep) -> str:
    """The result in a few words: a salary lookup's median and its sample size."""
    result = step.result
    if isinstance(result, SalaryEstimateResult) and result.error is None:
        if result.p50 is None:
            return "no figures for it"
        n = f" (from {result.n:,} posted salaries)" if result.n else ""
        return f"median {format_usd(result.p50)}{n}"
    if isinstance(result, PlaybookPassages):
        count = len(result.passages)
        return f"{count} passage{'s' if count != 1 else ''}"
    return step.summary


def step_title(step: ToolStep) -> str:
    running, done = STEP_WORDS.get(step.name, (f"Running {step.name}", f"Ran {step.name}"))
    subject = _subject(step)
    if step.status == "running":
        return f"{running} — {subject}…" if subject else f"{running}…"
    title = f"{done} — {subject}" if subject else done
    if step.status == "error":
        return f"{title}: it failed"
    outcome = _outcome(step)
    return f"{title}: {outcome}" if outcome else title


def step_details(step: ToolStep) -> str:
    """Opened: the error or the summary, the arguments as given, the full result."""
    if step.status == "running":
        return "…"
    lines = [f"⚠️ {step.error}" if step.error else _summary(step)]
    if step.args:
        lines.append(f"<sub>Asked with: {arguments_in_words(step.args)}</sub>")
    full = _full(step.result)
    if full:
        lines.append(full)
    return cite.for_reader("\n\n".join(lines))


def _summary(step: ToolStep) -> str:
    """The result's one line; a search's as the titles of the sections it found."""
    if isinstance(step.result, PlaybookPassages):
        return "; ".join(cite.reader_title(c) for c in step.result.citations())
    return step.summary


# The tools' argument names, as a reader would say them (others: underscores as spaces).
_ARG_WORDS = {
    "offer_text": "the offer",
    "offers": "the offers",
    "query": "searched for",
    "k": "passages",
    "current_base": "your current base",
    "floor": "your walk-away",
}
_ARG_CHARS = 120


def arguments_in_words(args: dict[str, Any]) -> str:
    """'role “ML engineer”, level “senior”, location “Seattle”': what the tool was asked,
    without the tool's own names or JSON."""
    said = []
    for key, value in args.items():
        if value in (None, "", []):
            continue
        values = value if isinstance(value, list) else [value]
        text = "; ".join(" ".join(str(v).split()) for v in values)
        if len(text) > _ARG_CHARS:
            text = text[: _ARG_CHARS - 1].rstrip() + "…"
        said.append(f"{_ARG_WORDS.get(key, key.replace('_', ' '))} “{text}”")
    return ", ".join(said)


def _full(result: Any) -> str:
    if result is None or getattr(result, "error", None):
        return ""
    try:
        return str(result.markdown() or "")
    except (AttributeError, NotImplementedError, TypeError):
        return ""
