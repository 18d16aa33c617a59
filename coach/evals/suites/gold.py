"""The gold set: hand-labelled answers that calibrate the graders.

Each labelled answer is graded by the deterministic graders exactly as a live
answer would be; a case passes when every grader agrees with its label. The suite
reports each grader's precision and recall at catching bad answers, and, with
``--judge``, the judge's Cohen's kappa (computed in the runner before coach cases,
because it decides whether the judge's scores count).
"""

from __future__ import annotations

from coach.contracts import PlaybookPassages
from coach.evals.datasets import RUBRIC_ITEMS, GoldCase
from coach.evals.graders.answer import grade_answer
from coach.evals.graders.check import Check
from coach.evals.record import ReplyRecord, ToolRecord
from coach.evals.results import CaseResult, CaseRun, pass_rates
from coach.evals.stats import precision_recall
from coach.evals.suites.context import EvalContext


def record_for(case: GoldCase) -> ReplyRecord:
    context = case.context
    tools = [ToolRecord(t.name, dict(t.args), t.data) for t in context.tools]
    citations = [
        c for t in tools if isinstance(t.result, PlaybookPassages) for c in t.result.citations()
    ]
    return ReplyRecord(
        question=context.question,
        answer=case.answer.answer,
        tools=tools,
        history=list(context.history),
        citations=citations,
        backend="gold",
    )


def grader_verdicts(case: GoldCase, ctx: EvalContext) -> dict[str, Check]:
    expect = case.context.expect.model_copy(update={"numbers": True})
    checks = grade_answer(record_for(case), expect, ctx.rubric, ctx.sections)
    if expect.citations == "none":
        checks.append(Check("citation", True, "not graded for this context"))
    return {c.name: c for c in checks}


def run_case(case: GoldCase, ctx: EvalContext, sample: int) -> CaseRun:
    verdicts = grader_verdicts(case, ctx)
    checks, predicted = [], {}
    for item in RUBRIC_ITEMS:
        verdict = verdicts[item]
        label = case.answer.labels[item]
        predicted[item] = "good" if verdict.passed else "bad"
        agree = predicted[item] == label
        reason = f"labelled {label}, graded {predicted[item]}: {verdict.reason}"
        checks.append(Check(f"agrees:{item}", agree, reason))
    return CaseRun(
        checks=checks,
        output={
            "question": case.context.question,
            "answer": case.answer.answer,
            "note": case.answer.note,
        },
        metrics={"labels": dict(case.answer.labels), "predicted": predicted},
    )


def metrics(cases: list[CaseResult]) -> dict[str, float | None]:
    """Per grader: precision and recall at flagging answers labelled bad."""
    found = pass_rates(cases)
    runs = [r for c in cases for r in c.runs if r.error is None]
    for item in RUBRIC_ITEMS:
        flagged = [r.metrics["predicted"][item] == "bad" for r in runs]
        bad = [r.metrics["labels"][item] == "bad" for r in runs]
        precision, recall = precision_recall(flagged, bad)
        found[f"{item}_precision"] = precision
        found[f"{item}_recall"] = recall
    precisions = [v for k, v in found.items() if k.endswith("_precision") and v is not None]
    recalls = [v for k, v in found.items() if k.endswith("_recall") and v is not None]
    found["min_precision"] = min(precisions) if precisions else None
    found["min_recall"] = min(recalls) if recalls else None
    return found
