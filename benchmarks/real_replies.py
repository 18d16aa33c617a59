"""What a user gets from each reply real small models gave (issue 19's report).

Replays every recorded reply (tests/data/real-model-replies/: each ``tools[]`` entry and
the round trip) through the real agent against the scripted server, streamed, and counts
per recording: T the tool the model asked for ran and an answer came back; F an honest
fallback (the offline coach answered under its one-line notice); A the model's own plain
text; X what no user should get (raw JSON, a tool call or a tool's name shown as the
answer, a run of blank lines, nothing). Useful = T + F + A; "invented" counts the A
answers with a money figure no tool gave (the numbers guard's ``unverified``).

Run: .venv/bin/python benchmarks/real_replies.py [--coach-from DIR]
(``--coach-from`` replays against another checkout's coach package: the 'before'.)
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

from _util import REPO


def load_scripted() -> object:
    # This checkout's scripted server, whichever coach package is replayed against.
    spec = importlib.util.spec_from_file_location("scripted", REPO / "tests/scripted_openai.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["scripted"] = module
    spec.loader.exec_module(module)
    return module


def classify(turn: object) -> str:
    answer: str = turn.answer  # type: ignore[attr-defined]
    if not answer.strip() or re.search(r"\n\s*\n\s*\n", answer):
        return "X"
    if turn.notice:  # type: ignore[attr-defined]
        return "F"
    shown_call = re.search(r'"(name|arguments|function|parameters)"\s*:', answer)
    names = re.search(r"functions\.|<tool|salary_lookup|search_playbook", answer)
    if shown_call or names or answer.lstrip().startswith(("{", "[", "```")):
        return "X"
    return "T" if turn.tool_steps else "A"  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--coach-from", type=Path, default=REPO)
    args = parser.parse_args()
    sys.path.insert(0, str(args.coach_from.resolve()))
    scripted = load_scripted()
    from coach.config import Settings
    from coach.offline import prepare
    from coach.session import CoachSession

    def answer(request: dict) -> object:
        results = [m["content"] for m in request["messages"] if m["role"] == "tool"]
        text = "From the lookup: " + json.dumps(results[-1])[:80] if results else "(none)"
        return scripted.Reply.text(text)  # type: ignore[attr-defined]

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        prepare(Settings(home=home))
        server = scripted.ScriptedOpenAI(model="qwen2.5-coder").start()  # type: ignore[attr-defined]
        server.handler = answer
        try:
            settings = Settings(
                home=home, openai_base_url=server.base_url, model="qwen2.5-coder", llm_retries=0
            )
            session = CoachSession(settings)
            for stem, recording in scripted.recordings().items():  # type: ignore[attr-defined]
                seen: Counter[str] = Counter()
                invented = 0
                plays = [
                    (e["q"], [scripted.Reply.recorded(e)])  # type: ignore[attr-defined]
                    for e in recording["tools"]
                ]
                plays.append(
                    (
                        "What does a senior ML engineer make in Seattle?",
                        scripted.roundtrip_replies(recording),  # type: ignore[attr-defined]
                    )
                )
                letters = ""
                for n, (question, replies) in enumerate(plays):
                    server.replies.clear()
                    server.push(*replies)
                    turn = session.ask(f"{stem}-{n}", question)
                    letter = classify(turn)
                    letters += letter
                    seen[letter] += 1
                    invented += letter == "A" and bool(turn.unverified)
                useful = seen["T"] + seen["F"] + seen["A"]
                print(
                    f"{stem}: useful {useful}/{len(plays)} (T {seen['T']}, F {seen['F']}, "
                    f"A {seen['A']} of which {invented} with unverified figures, X {seen['X']})"
                    f"  [{letters}]"
                )
        finally:
            server.stop()


if __name__ == "__main__":
    main()
