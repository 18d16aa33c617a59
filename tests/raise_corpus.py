"""The fresh raise corpus (tests/corpora/fresh/raise_questions.yaml, written blind for
issue 21) judged on the real offline coach's answers: the topic it answered with, whether
it worked out the market gap (and on which side of the median), the one fact it asked for,
and the words a good answer mentions.

``python -m tests.raise_corpus [-v]`` prints every case's verdict (COACH_HOME must hold an
ingested playbook); ``tests/test_raise_questions_fresh.py`` holds the same judgement.
"""

from __future__ import annotations

import re
import sys
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from coach import prompts
from coach.contracts import SalaryEstimateResult
from coach.embedded.composers import load_topics
from coach.session import CoachReply, CoachSession

CORPUS_FILE = Path(__file__).parent / "corpora" / "fresh" / "raise_questions.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(CORPUS_FILE.read_text("utf-8"))["questions"]

# The corpus's topic labels, as the coach's topics (coach/knowledge/embedded/topics.yaml)
# answer them. A framing topic written for one function answers both "how do I make my
# case" and "they say AI makes us all productive" for that function.
FRAMING = {"raise", "raise_productivity_reframe"}
LABELS: dict[str, set[str]] = {
    "raise-at-work": {"raise"},
    "raise-evidence": {"raise"},
    "raise-not-yet": {"raise"},
    "promotion": {"promotion"},
    "raise-frozen": {"base_frozen"},
    "reframing-productivity": {"raise_productivity_reframe"},
}
# Which facts each of the gap's ask lines asks for (prompts/embedded/facts/ask_gap_*.md).
ASKS = {
    "ask_salary_lookup": {"role", "city", "current_base"},
    "ask_gap_role": {"role"},
    "ask_gap_place": {"city"},
    "ask_gap_base": {"current_base"},
    "ask_gap_role_place": {"role", "city"},
    "ask_gap_role_base": {"role", "current_base"},
    "ask_gap_place_base": {"city", "current_base"},
}


def _opening(template: str) -> str:
    """A template's first words, up to its first value: how its answer begins (after a
    lead line that only some answers have, such as the equity answer's "$grant_line")."""
    text = prompts.load(f"embedded/topics/{template}").template
    text = re.sub(r"^\s*\$\w+\s*", "", text)
    return text.split("$", 1)[0].strip()[:60]


def topic_labels(answer: str) -> set[str]:
    """The corpus labels of the topic the answer was composed from (none: not a raise
    topic)."""
    for topic in load_topics():
        if _opening(topic.template) in answer:
            if topic.id in LABELS:
                return LABELS[topic.id]
            return FRAMING if topic.roles and topic.raise_talk else {"not_raise"}
    return {"not_raise"}


def estimate(turn: CoachReply) -> SalaryEstimateResult | None:
    """The turn's last market lookup: the one its answer is written from."""
    found = [
        step.result
        for step in turn.tool_steps
        if step.name == "salary_lookup" and isinstance(step.result, SalaryEstimateResult)
    ]
    return found[-1] if found else None


def asked_for(answer: str) -> set[str]:
    lines = {line.strip() for line in answer.splitlines()}
    for name, facts in ASKS.items():
        if prompts.render(f"embedded/facts/{name}") in lines:
            return facts
    return set()


GAP_SHOWN = re.compile(r"\*\*\d+% (?:under|over)\*\*|\*\*at\*\* the market median")


def judge(turn: CoachReply, case: dict[str, Any]) -> list[str]:
    """What the answer gets wrong against the case's expectations (empty: it passes)."""
    expect = case["expect"]
    answer = turn.text
    lowered = answer.lower()
    wrong: list[str] = []
    labels = topic_labels(answer)
    if expect["topic"] not in labels:
        wrong.append(f"topic {sorted(labels)}, expected {expect['topic']}")
    est = estimate(turn)
    shown = bool(GAP_SHOWN.search(answer))
    computed = est is not None and est.gap_pct is not None and shown
    if computed != bool(expect["computes_gap"]):
        wrong.append(f"gap {'computed' if computed else 'not computed'}")
    direction = expect.get("gap_direction")
    if computed and est is not None and est.gap_pct is not None and direction in {"under", "over"}:
        side = "under" if est.gap_pct < 0 else "over"
        if side != direction:
            wrong.append(f"gap {side} the median, expected {direction}")
    asks = asked_for(answer)
    wanted = {expect["asks_for"]} if expect.get("asks_for") else set()
    if asks != wanted:
        wrong.append(
            f"asks for {sorted(asks) or 'nothing'}, expected {sorted(wanted) or 'nothing'}"
        )
    mentions = expect.get("must_mention_any") or []
    if mentions and not any(m.lower() in lowered for m in mentions):
        wrong.append(f"mentions none of {mentions}")
    banned = [m for m in expect.get("must_not") or [] if m.lower() in lowered]
    if banned:
        wrong.append(f"mentions {banned}")
    if turn.unverified:
        wrong.append(f"unverified figures {turn.unverified}")
    if "not_raise" not in labels and "**Why:**" not in answer:
        wrong.append("no Why: line")
    return wrong


def run(session: CoachSession, cases: Iterable[dict[str, Any]]) -> dict[str, list[str]]:
    return {c["id"]: judge(session.ask(f"raise-{uuid.uuid4().hex}", c["text"]), c) for c in cases}


def main(argv: list[str]) -> int:
    from coach.config import Settings

    verbose = "-v" in argv
    verdicts = run(CoachSession(Settings()), CASES)
    passed = [case for case, wrong in verdicts.items() if not wrong]
    for case, wrong in verdicts.items():
        if wrong or verbose:
            print(f"{'ok  ' if not wrong else 'FAIL'} {case}: {'; '.join(wrong)}")
    print(f"{len(passed)} of {len(verdicts)} pass")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
