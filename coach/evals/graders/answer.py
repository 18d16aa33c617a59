"""Graders for one coach answer: required facts, forbidden advice, numbers, citations.

The four rubric items the gold set labels (``facts``, ``advice``, ``numbers``,
``citation``) map one-to-one onto the functions here, so the gold set measures
each grader's precision and recall.
"""

from __future__ import annotations

import re

from coach.evals.datasets import Expect
from coach.evals.graders.check import Check
from coach.evals.record import ReplyRecord
from coach.evals.rubric import Rubric
from coach.guard import unsupported_amounts

# "[objections § "This is the top of our range"]", as the tools and the templates write it.
CITATION = re.compile(r"\[([a-z0-9][a-z0-9-]*) § ([^\]\n]+)\]")


def cited_sections(answer: str) -> list[str]:
    found = [f"{doc} § {section.strip()}" for doc, section in CITATION.findall(answer)]
    return list(dict.fromkeys(found))


def grade_facts(record: ReplyRecord, patterns: list[str]) -> Check:
    # A citation names a section; it states nothing ("[... § Never invent ...]" is no "never").
    text = CITATION.sub(" ", record.answer)
    missing = [p for p in patterns if not re.search(p, text, re.IGNORECASE | re.DOTALL)]
    if missing:
        return Check("facts", False, "missing: " + "; ".join(f"/{p}/" for p in missing))
    return Check("facts", True, f"{len(patterns)} required fact(s) present")


def grade_advice(record: ReplyRecord, rubric: Rubric, extra: list[str]) -> Check:
    found = rubric.violations(record.answer, tuple(extra))
    if found:
        detail = "; ".join(f"{v.rule}: “{v.sentence}”" for v in found[:3])
        return Check("advice", False, f"forbidden advice — {detail}")
    return Check("advice", True, "no forbidden advice")


def grade_numbers(record: ReplyRecord) -> Check:
    """Every money figure must come from this turn's tools or the user (coach.guard)."""
    flagged = unsupported_amounts(record.answer, record.messages())
    if flagged:
        return Check("numbers", False, "not traceable to this turn's tools: " + ", ".join(flagged))
    return Check("numbers", True, "every figure traced to a tool result or the user")


def grade_citation(record: ReplyRecord, expected: list[str] | None, sections: set[str]) -> Check:
    """A citation is present, names a real section, came from a tool, and is relevant."""
    cited = cited_sections(record.answer)
    if not cited:
        return Check("citation", False, "no [doc-id § Section] citation in the answer")
    real = {s.lower() for s in sections}
    unknown = [c for c in cited if c.lower() not in real]
    if unknown:
        return Check("citation", False, "cites sections that do not exist: " + "; ".join(unknown))
    grounded = record.tool_text() + " ".join(record.citations)
    invented = [c for c in cited if c not in grounded]
    if invented:
        return Check("citation", False, "cites what no tool returned: " + "; ".join(invented))
    if expected and not any(_relevant(c, expected) for c in cited):
        return Check(
            "citation",
            False,
            f"cites {'; '.join(cited[:4])} — none of the relevant: {'; '.join(expected)}",
        )
    return Check("citation", True, "cites " + "; ".join(cited[:3]))


def _relevant(cited: str, expected: list[str]) -> bool:
    doc = cited.split(" § ")[0]
    return any(cited.lower() == e.lower() if " § " in e else doc == e for e in expected)


def grade_answer(
    record: ReplyRecord, expect: Expect, rubric: Rubric, sections: set[str]
) -> list[Check]:
    """The answer-level checks an ``expect`` block asks for."""
    checks = [grade_facts(record, expect.facts), grade_advice(record, rubric, expect.forbidden)]
    if expect.numbers:
        checks.append(grade_numbers(record))
    if expect.citations != "none":
        expected = expect.citations if isinstance(expect.citations, list) else None
        checks.append(grade_citation(record, expected, sections))
    return checks
