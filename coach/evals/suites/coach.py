"""Coach cases: the real agent loop on one thread per case, graded turn by turn.

Each turn with an ``expect`` block is graded on its tool trajectory, required
facts, forbidden advice, traceable numbers and citations, and, with ``--judge``,
by the LLM judge. On a model backend a turn the offline coach had to answer
(the model failed) fails: it says nothing about the model under test.
"""

from __future__ import annotations

from coach.evals.datasets import CoachCase, Expect
from coach.evals.graders.answer import grade_answer
from coach.evals.graders.check import Check
from coach.evals.graders.trajectory import grade_trajectory
from coach.evals.record import ReplyRecord
from coach.evals.results import CaseResult, CaseRun, pass_rates
from coach.evals.suites.context import EvalContext

ANSWER_CHARS = 4000
CHECK_NAMES = ("trajectory", "facts", "advice", "numbers", "citation")


def grade_turn(record: ReplyRecord, expect: Expect, ctx: EvalContext) -> list[Check]:
    checks: list[Check] = []
    if expect.tools is not None:
        checks.append(grade_trajectory(record.calls(), expect.tools))
    checks += grade_answer(record, expect, ctx.rubric, ctx.sections)
    if ctx.paid and record.notice:
        checks.append(Check("backend", False, f"the model did not answer: {record.notice}"))
    return checks


def _prefixed(checks: list[Check], prefix: str) -> list[Check]:
    return [Check(f"{prefix}{c.name}", c.passed, c.reason, c.counted) for c in checks]


def run_case(case: CoachCase, ctx: EvalContext, sample: int) -> CaseRun:
    conversation = ctx.converse([t.user for t in case.turns], sample)
    run = CaseRun(cached=conversation.cached)
    several = len(case.turns) > 1
    for n, (spec, record) in enumerate(zip(case.turns, conversation.records, strict=True), 1):
        run.prompt_tokens += record.prompt_tokens
        run.completion_tokens += record.completion_tokens
        if spec.expect is None:
            continue
        checks = grade_turn(record, spec.expect, ctx)
        if ctx.judge is not None:
            verdict = ctx.judge.grade(record, spec.expect, sample)
            checks += ctx.judge.checks(verdict)
        run.checks += _prefixed(checks, f"turn {n}: " if several else "")
    run.output = _output(case, conversation.records)
    if ctx.paid and not run.cached:
        run.cost_usd = ctx.price.cost(run.prompt_tokens, run.completion_tokens)
    return run


def _output(case: CoachCase, records: list[ReplyRecord]) -> dict[str, object]:
    last = records[-1]
    return {
        "question": last.question,
        "history": last.history,
        "answer": last.answer[:ANSWER_CHARS],
        "tools": [f"{t.name}({_short(t.args)})" for t in last.tools],
        "citations": last.citations,
        "backend": last.backend,
    }


def _short(args: dict[str, object]) -> str:
    return ", ".join(f"{k}={str(v)[:60]!r}" for k, v in args.items())


def metrics(cases: list[CaseResult]) -> dict[str, float | None]:
    """Pass rates, and how often each grader passed (where it ran), over all runs."""
    found = pass_rates(cases)
    for name in CHECK_NAMES:
        results = [
            c.passed
            for case in cases
            for run in case.runs
            for c in run.checks
            if c.name.split(": ")[-1] == name
        ]
        found[f"{name}_pass_rate"] = sum(results) / len(results) if results else None
    return found
