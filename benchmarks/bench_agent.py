"""Agent benchmarks (issue 7).

- offline-coach turn latency, warm (retrieval and tools included):
  target p50 <= 50 ms, p95 <= 150 ms;
- agent overhead against the scripted OpenAI-compatible server: time to first token through
  the coach vs calling the same server directly with the openai client (goal ratio <= 1.10,
  plus at most 30 ms);
- prompt tokens per turn over a 10-turn conversation (goal <= 2,000 on average).

Run: .venv/bin/python benchmarks/bench_agent.py
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

from _util import REPO, machine, median_ms, percentile_ms

sys.path.insert(0, str(REPO))

from coach.config import Settings
from coach.offline import prepare
from tests.scripted_openai import Reply, ScriptedOpenAI, ToolCall

QUESTIONS = [
    "What does a senior ML engineer in Seattle make?",
    "and in New York?",
    "They said this is the top of their range",
    "Should I tell them my current salary?",
    "what about staff level?",
    "What else can I negotiate besides base salary?",
    "When should I negotiate?",
    "median salary for a data scientist in Austin",
    "How do I use a competing offer?",
    "The offer expires in 48 hours, what do I do?",
]


def offline_latency(home: Path) -> list[float]:
    from coach.session import CoachSession

    session = CoachSession(Settings(home=home))
    session.playbook.ingest()
    for q in QUESTIONS:  # warm-up: model, classifier, tables
        session.ask("warm", q)
    samples = []
    for rnd in range(5):
        for q in QUESTIONS:
            start = time.perf_counter()
            session.ask(f"bench-{rnd}", q)
            samples.append(time.perf_counter() - start)
    return samples


def tool_then_answer(request: dict) -> Reply:
    last = request["messages"][-1]
    if last["role"] == "user":
        return Reply.tools(ToolCall("search_playbook", {"query": last["content"], "k": 2}))
    cite = json.loads(last["content"])["passages"][0]["citation"]
    return Reply.text(f"Start from the playbook's advice [{cite}] and keep it specific. " * 3)


def prompt_tokens(home: Path, server: ScriptedOpenAI) -> list[int]:
    from coach.session import CoachSession

    server.handler = tool_then_answer
    settings = Settings(home=home, openai_base_url=server.base_url, model="scripted", llm_retries=0)
    session = CoachSession(settings)
    return [session.ask("tokens", q).prompt_tokens for q in QUESTIONS]


def first_token_direct(server: ScriptedOpenAI) -> float:
    import openai

    client = openai.OpenAI(base_url=server.base_url, api_key="x", max_retries=0)
    server.push(Reply.text("Anchor on the function median, not on your current pay."))
    start = time.perf_counter()
    stream = client.chat.completions.create(
        model="scripted", messages=[{"role": "user", "content": "hi"}], stream=True
    )
    for chunk in stream:
        if chunk.choices and chunk.choices[0].delta.content:
            elapsed = time.perf_counter() - start
            break
    for _ in stream:
        pass
    return elapsed


def first_token_agent(server: ScriptedOpenAI, session: object, n: int) -> float:
    server.push(Reply.text("Anchor on the function median, not on your current pay."))
    start = time.perf_counter()
    elapsed = float("nan")
    for event in session.stream(f"ttft-{n}", "hi"):  # type: ignore[attr-defined]
        if event.kind == "token" and elapsed != elapsed:
            elapsed = time.perf_counter() - start
    return elapsed


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        settings = Settings(home=home)
        prepare(settings)
        latency = offline_latency(home)
        server = ScriptedOpenAI().start()
        try:
            from coach.session import CoachSession

            session = CoachSession(
                Settings(
                    home=home, openai_base_url=server.base_url, model="scripted", llm_retries=0
                )
            )
            for i in range(3):  # warm both paths
                first_token_direct(server)
                first_token_agent(server, session, 100 + i)
            direct = [first_token_direct(server) for _ in range(20)]
            agent = [first_token_agent(server, session, i) for i in range(20)]
            server.replies.clear()
            per_turn = prompt_tokens(home, server)
        finally:
            server.stop()

    print(f"machine: {machine()}")
    print(
        f"offline coach turn, warm, n={len(latency)}: p50 {median_ms(latency):.1f} ms, "
        f"p95 {percentile_ms(latency, 95):.1f} ms   [target p50 <= 50, p95 <= 150]"
    )
    d, a = statistics.median(direct), statistics.median(agent)
    print(
        f"time to first token, scripted server: direct openai client p50 {d * 1000:.1f} ms; "
        f"through the coach agent p50 {a * 1000:.1f} ms; ratio {a / d:.2f}, "
        f"overhead {(a - d) * 1000:.1f} ms   [goal <= 1.10x + 30 ms]"
    )
    print(
        f"prompt tokens per turn over {len(per_turn)} turns (tool call + answer = 2 model calls): "
        f"mean {statistics.mean(per_turn):.0f}, per turn {per_turn}   [goal <= 2,000 mean]"
    )


if __name__ == "__main__":
    main()
