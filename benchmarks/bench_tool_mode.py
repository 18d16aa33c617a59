"""What COACH_TOOL_MODE costs (issue 19, item 4), against the scripted OpenAI-compatible server.

Time to first token, interleaved round by round in one process so a busy machine weighs on
every path alike:

- the bare openai client;
- the agent in ``auto`` mode (the default: the model's own calls, the thread's mode read
  from its messages on every model call);
- the same agent built without the coach-mode middleware (the agent before this item);
- the agent in ``coach`` mode, for information: its first token comes after the offline
  coach's plan and the tools it picked (a salary lookup and a playbook search), so it is not
  an overhead on the model but the turn's work.

Goal: auto mode within the bare client + 30 ms (and no slower than without the middleware).
Each path is timed on the wall clock and in CPU time of the process (the server's thread
included, alike for every path): on a loaded machine the wall clock mostly measures the
wait for a core, the CPU time what the path itself costs.

Run: .venv/bin/python benchmarks/bench_tool_mode.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _util import REPO, machine

sys.path.insert(0, str(REPO))

from coach.config import Settings
from coach.offline import prepare
from tests.scripted_openai import Reply, ScriptedOpenAI

ANSWER = "Anchor on the function median, not on your current pay."
ROUNDS = 20


Timing = tuple[float, float]  # wall, CPU seconds to the first token


def first_token_direct(server: ScriptedOpenAI) -> Timing:
    import openai

    client = openai.OpenAI(base_url=server.base_url, api_key="x", max_retries=0)
    server.push(Reply.text(ANSWER))
    start, cpu = time.perf_counter(), time.process_time()
    stream = client.chat.completions.create(
        model="scripted", messages=[{"role": "user", "content": "hi"}], stream=True
    )
    elapsed: Timing | None = None
    for chunk in stream:
        if elapsed is None and chunk.choices and chunk.choices[0].delta.content:
            elapsed = (time.perf_counter() - start, time.process_time() - cpu)
    assert elapsed is not None
    return elapsed


def first_token_agent(server: ScriptedOpenAI, session: Any, thread: str, question: str) -> Timing:
    server.push(Reply.text(ANSWER))
    start, cpu = time.perf_counter(), time.process_time()
    elapsed: Timing | None = None
    for event in session.stream(thread, question):
        if event.kind == "token" and elapsed is None:
            elapsed = (time.perf_counter() - start, time.process_time() - cpu)
    server.replies.clear()
    assert elapsed is not None
    return elapsed


def without_mode_middleware(session: Any) -> Any:
    """The session's agent as it was built before coach mode: no CoachPicksTools."""
    from langchain.agents import create_agent

    from coach import prompts
    from coach.agent import (
        FallbackToEmbedded,
        RememberFacts,
        TextToolCalls,
        TokenBudget,
        ToolRounds,
    )
    from coach.tools import make_tools

    tools = make_tools(session.playbook)
    return create_agent(
        model=session.model,
        tools=tools,
        system_prompt=prompts.load("coach").template,
        middleware=[
            FallbackToEmbedded(session.fallback),
            ToolRounds(session.settings.tool_rounds),
            TextToolCalls(tools),
            RememberFacts(),
            TokenBudget(session.settings.context_tokens),
        ],
        checkpointer=session.checkpointer,
    )


def main() -> None:
    from coach.session import CoachSession

    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        prepare(Settings(home=home))
        server = ScriptedOpenAI(model="scripted").start()
        try:
            common = {"home": home, "openai_base_url": server.base_url, "llm_retries": 0}
            auto = CoachSession(Settings(model="scripted", tool_mode="auto", **common))
            auto.playbook.ingest()
            before = CoachSession(Settings(model="scripted", tool_mode="auto", **common))
            before.agent = without_mode_middleware(before)
            coach = CoachSession(Settings(model="scripted", tool_mode="coach", **common))
            samples: dict[str, list[Timing]] = {"direct": [], "auto": [], "before": [], "coach": []}
            for n in range(-3, ROUNDS):  # three warm-up rounds, not kept
                round_ = {
                    "direct": first_token_direct(server),
                    "auto": first_token_agent(server, auto, f"auto-{n}", "hi"),
                    "before": first_token_agent(server, before, f"before-{n}", "hi"),
                    "coach": first_token_agent(
                        server, coach, f"coach-{n}", "What does a senior ML engineer make?"
                    ),
                }
                if n >= 0:
                    for key, value in round_.items():
                        samples[key].append(value)
        finally:
            server.stop()

    print(f"machine: {machine()}")
    for clock, which in (("wall clock", 0), ("CPU time", 1)):
        p50 = {k: statistics.median(v[which] for v in vs) * 1000 for k, vs in samples.items()}
        print(
            f"time to first token, {clock}, p50 of {ROUNDS} interleaved rounds: bare client "
            f"{p50['direct']:.1f} ms; agent, auto mode {p50['auto']:.1f} ms "
            f"(+{p50['auto'] - p50['direct']:.1f} ms)   [goal <= bare + 30 ms]; "
            f"the agent without the coach-mode middleware {p50['before']:.1f} ms "
            f"(+{p50['before'] - p50['direct']:.1f} ms); coach mode, plan and tools included, "
            f"{p50['coach']:.1f} ms"
        )


if __name__ == "__main__":
    main()
