"""The optional LLM judge, and its calibration against the hand-labelled gold set.

The judge grades the same four rubric items as the deterministic graders
(prompts/judge.md). Its verdicts on an item count only when its Cohen's kappa
against the gold labels for that item reaches ``judge.min_kappa`` in
evals/thresholds.yaml; below it they are reported, marked as not counted.
Judge calls go through the response cache and the cost meter like coach turns.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from coach import prompts
from coach.evals.cache import ResponseCache, cache_key, judge_prompts
from coach.evals.datasets import RUBRIC_ITEMS, Expect, GoldCase
from coach.evals.graders.check import Check
from coach.evals.stats import cohen_kappa
from coach.tokens import count_text

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from coach.evals.cost import CostMeter, Price
    from coach.evals.record import ReplyRecord

MAX_TOOL_CHARS = 1500
_JSON = re.compile(r"\{.*\}", re.DOTALL)


@dataclass
class Verdict:
    passed: dict[str, bool] = field(default_factory=dict)  # a missing item could not be read
    reasons: dict[str, str] = field(default_factory=dict)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"passed": self.passed, "reasons": self.reasons}


@dataclass
class Calibration:
    kappa: dict[str, float]
    agreement: dict[str, float]
    n: int
    min_kappa: float

    def counts(self, item: str) -> bool:
        return self.kappa.get(item, 0.0) >= self.min_kappa

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "min_kappa": self.min_kappa,
            "kappa": {k: round(v, 4) for k, v in self.kappa.items()},
            "agreement": {k: round(v, 4) for k, v in self.agreement.items()},
            "counted": [item for item in RUBRIC_ITEMS if self.counts(item)],
        }


def _tools_text(record: ReplyRecord) -> str:
    if not record.tools:
        return "(no tools were called)"
    blocks = []
    for tool in record.tools:
        result = tool.result  # what the model saw: the compact JSON, without the Markdown
        text = result.for_model() if result else json.dumps(tool.data, default=str)
        blocks.append(
            f"- {tool.name}({json.dumps(tool.args, default=str)}): {text[:MAX_TOOL_CHARS]}"
        )
    return "\n".join(blocks)


def judge_prompt(record: ReplyRecord, expect: Expect) -> str:
    points = expect.key_points or [f"matches /{p}/" for p in expect.facts] or ["(none listed)"]
    return prompts.render(
        "judge",
        history="\n".join(f"- {h}" for h in record.history) or "(none)",
        question=record.question,
        tools=_tools_text(record),
        key_points="\n".join(f"- {p}" for p in points),
        answer=record.answer,
    )


def parse_verdict(text: str) -> tuple[dict[str, bool], dict[str, str]]:
    """The judge's JSON; items it did not grade (or a reply that isn't JSON) are left out."""
    match = _JSON.search(text or "")
    try:
        data = json.loads(match.group()) if match else {}
    except ValueError:
        data = {}
    passed: dict[str, bool] = {}
    reasons: dict[str, str] = {}
    for item in RUBRIC_ITEMS:
        entry = data.get(item) if isinstance(data, dict) else None
        verdict = entry.get("verdict") if isinstance(entry, dict) else entry
        if str(verdict).lower() in ("pass", "fail"):
            passed[item] = str(verdict).lower() == "pass"
            reasons[item] = str(entry.get("reason", "")) if isinstance(entry, dict) else ""
    return passed, reasons


def _usage(prompt: str, reply: Any) -> tuple[int, int]:
    """Tokens the server reported, else our own count: servers that report no usage
    (some local ones) must not make the judge look free."""
    usage = reply.usage_metadata or {}
    prompt_tokens = int(usage.get("input_tokens") or count_text(prompt))
    completion_tokens = int(usage.get("output_tokens") or count_text(reply.text))
    return prompt_tokens, completion_tokens


class Judge:
    def __init__(
        self,
        llm: BaseChatModel,
        model: str,
        cache: ResponseCache | None,
        meter: CostMeter,
        price: Price,
        call_usd: float,
    ) -> None:
        self.llm = llm
        self.model = model
        self.cache = cache
        self.meter = meter
        self.price = price
        self.call_usd = call_usd  # the estimate of one call, for the --max-cost check
        self.calibration: Calibration | None = None

    def grade(self, record: ReplyRecord, expect: Expect, sample: int = 0) -> Verdict:
        prompt = judge_prompt(record, expect)
        key = cache_key(
            backend="judge", model=self.model, prompts=judge_prompts(), payload=[prompt, sample]
        )
        stored = self.cache.get(key) if self.cache else None
        if stored is not None:
            passed, reasons = parse_verdict(stored["text"])
            return Verdict(passed, reasons, stored["prompt"], stored["completion"], cached=True)
        self.meter.ensure_room(self.call_usd)
        reply = self.llm.invoke(prompt)
        tokens = _usage(prompt, reply)
        self.meter.charge(self.price, *tokens)
        if self.cache:
            self.cache.put(key, {"text": reply.text, "prompt": tokens[0], "completion": tokens[1]})
        passed, reasons = parse_verdict(reply.text)
        return Verdict(passed, reasons, *tokens)

    def calibrate(
        self, cases: list[GoldCase], records: list[ReplyRecord], min_kappa: float
    ) -> None:
        gold: dict[str, list[str]] = {item: [] for item in RUBRIC_ITEMS}
        said: dict[str, list[str]] = {item: [] for item in RUBRIC_ITEMS}
        for case, record in zip(cases, records, strict=True):
            verdict = self.grade(record, case.context.expect)
            for item in RUBRIC_ITEMS:
                gold[item].append(case.answer.labels[item])
                # An unreadable verdict disagrees with every label: it can't earn kappa.
                got = verdict.passed.get(item)
                said[item].append("unreadable" if got is None else ("good" if got else "bad"))
        self.calibration = Calibration(
            kappa={i: cohen_kappa(gold[i], said[i]) for i in RUBRIC_ITEMS},
            agreement={
                i: sum(a == b for a, b in zip(gold[i], said[i], strict=True)) / max(1, len(cases))
                for i in RUBRIC_ITEMS
            },
            n=len(cases),
            min_kappa=min_kappa,
        )

    def checks(self, verdict: Verdict) -> list[Check]:
        """The verdict as checks; an item counts only if calibrated above min kappa."""
        found = []
        for item in RUBRIC_ITEMS:
            counted = self.calibration is not None and self.calibration.counts(item)
            if item not in verdict.passed:
                found.append(Check(f"judge:{item}", False, "the judge gave no verdict", counted))
                continue
            reason = verdict.reasons.get(item, "")
            if not counted:
                reason = f"(not counted: kappa below threshold) {reason}"
            found.append(Check(f"judge:{item}", verdict.passed[item], reason, counted))
        return found
