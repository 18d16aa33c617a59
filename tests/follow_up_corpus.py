"""The blind follow-up corpus (tests/corpora/fresh/follow_ups.yaml, issue 16 item 3):
short conversations as people type them, each turn judged on what a good answer of any
wording contains, and on not being the previous answer again.

Run ``COACH_HOME=<an ingested home> python -m tests.follow_up_corpus -v`` for the turns
that fail and their answers.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path
from typing import Any

import yaml

from coach.session import CoachSession

CORPUS_FILE = Path(__file__).parent / "corpora" / "fresh" / "follow_ups.yaml"
CONVERSATIONS: list[dict[str, Any]] = yaml.safe_load(CORPUS_FILE.read_text("utf-8"))[
    "conversations"
]


def judge(answer: str, previous: str | None, expect: dict[str, Any]) -> list[str]:
    """What is wrong with one turn's answer (nothing: [])."""
    wrong = []
    low = answer.lower()
    wanted = expect.get("must_mention_any") or []
    if wanted and not any(w.lower() in low for w in wanted):
        wrong.append(f"mentions none of {wanted}")
    wrong += [f"mentions {w!r}" for w in expect.get("must_not") or [] if w.lower() in low]
    if expect.get("differs_from_previous") and previous is not None and answer == previous:
        wrong.append("the previous answer again")
    return wrong


def run(session: CoachSession, conversation: dict[str, Any]) -> list[tuple[int, str, list[str]]]:
    """Each turn of a conversation asked in one new thread: (turn, answer, what is wrong)."""
    thread = f"follow-{uuid.uuid4().hex}"
    previous: str | None = None
    judged = []
    for number, turn in enumerate(conversation["turns"], 1):
        answer = session.ask(thread, turn["user"]).text
        judged.append((number, answer, judge(answer, previous, turn.get("expect") or {})))
        previous = answer
    return judged


def main() -> None:
    from coach.config import Settings

    session = CoachSession(Settings())
    failed = total = 0
    for conversation in CONVERSATIONS:
        for number, answer, wrong in run(session, conversation):
            total += 1
            if wrong:
                failed += 1
                if "-v" in sys.argv:
                    text = conversation["turns"][number - 1]["user"]
                    print(f"--- {conversation['id']} turn {number}: {text}\n    {wrong}")
                    print("    " + answer[:300].replace("\n", " "))
    print(f"{total - failed} of {total} turns pass ({len(CONVERSATIONS)} conversations)")


if __name__ == "__main__":
    main()
