"""`coach ask "..."` as a whole process, offline coach: cold and warm, and where it goes.

Target (issue 16): a whole `coach ask` <= 2 s with the offline coach.
Cold: the first run on a machine, with no embedding cache (COACH_HOME/embeddings), so
the intent examples are embedded; warm: the cache is there. The playbook store is built
first (not timed) and the OS file cache is warm in both. Each run is a new conversation.
Wall time is what a person waits; CPU time (user + sys of the process) moves less when
other work shares the machine, so both are printed, with the load average.
The stages (in one process, after the warm runs) say what the remaining time is spent on.

Three kinds of question: a market pay question and an advice question (both search the
playbook: BM25 loads, and the store's vectors come from the copy kept in COACH_HOME,
so Chroma is not opened while the store is unchanged) and small talk (no tool, no
store). With no model configured no kind imports LangChain's agent graph
(coach.offline_agent). Each kind's line ends with how many modules its process
imported (-X importtime, one extra run).

Run: .venv/bin/python benchmarks/bench_cli_ask.py [--runs N] [--warm-only]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from _util import REPO, machine, python

QUESTIONS = {
    "pay": "what does a senior ML engineer in Seattle make?",
    "advice": "how do I counter without losing the offer?",
    "small talk": "thanks, have a nice day",
}

# Printed by a child process: each stage's wall and CPU milliseconds, in order.
STAGES = """
import sys, time
t, c = time.perf_counter(), time.process_time()
def mark(name):
    global t, c
    now_t, now_c = time.perf_counter(), time.process_time()
    print(f"{name}\\t{1000 * (now_t - t):.0f}\\t{1000 * (now_c - c):.0f}")
    t, c = now_t, now_c
import coach.cli
mark("import coach.cli (typer, settings, the feature commands)")
settings = coach.cli.settings()
from coach.gc_pause import gc_paused
with gc_paused():  # as `coach ask` runs its turn
    from coach.session import CoachSession
    mark("import coach.session (offline agent, messages, checkpointer, numpy, tools)")
    session = CoachSession(settings)
    mark("CoachSession() (offline agent, checkpointer)")
    session.playbook.embeddings.model
    mark("MiniLM load")
    session.offline.classifier.classify("hello")
    mark("intent examples (from the cache)")
    if sys.argv[2] == "search":
        from coach.playbook import section_index
        section_index(settings.playbook_dir)
        mark("BM25 section index (bm25s, scipy import)")
        getattr(session.playbook, "_dense").vectors()
        mark("store vectors (the kept copy; Chroma is opened only when it is stale)")
    session.ask("bench-stages", sys.argv[1])
    mark("the turn (market tables, search, answer)")
"""


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ, COACH_HOME=str(home))
    # As installed: Python keeps the compiled modules. Without it, each run compiles
    # coach's ~50 modules from source again (~0.5 s) that no user pays.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run(home: Path, *args: str) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one `coach ...` process."""
    env = child_env(home)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [python(), "-m", "coach.cli", *args],
        cwd=REPO,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def modules_imported(home: Path, *args: str) -> int:
    """How many modules one `coach ...` process imports (python -X importtime's lines)."""
    err = subprocess.run(
        [python(), "-X", "importtime", "-m", "coach.cli", *args],
        cwd=REPO,
        env=child_env(home),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    ).stderr
    return sum(1 for row in err.splitlines() if row.startswith("import time:") and "|" in row) - 1


def line(label: str, samples: list[tuple[float, float]]) -> str:
    walls = [w for w, _ in samples]
    cpus = [c for _, c in samples]
    return (
        f"{label:28s} wall median {statistics.median(walls):5.2f} s (min {min(walls):5.2f}), "
        f"CPU median {statistics.median(cpus):5.2f} s (min {min(cpus):5.2f}), n={len(samples)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--warm-only", action="store_true", help="Skip the cold runs (each embeds ~30 s)."
    )
    parser.add_argument(
        "--no-stages", action="store_true", help="Skip the in-process stages (timings only)."
    )
    args = parser.parse_args()
    runs = args.runs

    print(f"machine: {machine()}")
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        run(home, "ingest", "--quiet")
        run(home, "ask", "hello", "--thread", "bench-0")  # compiles what ingest did not import
        cache = home / "embeddings"
        results: dict[str, list[tuple[float, float]]] = {}
        counts: dict[str, int] = {}
        n = 0
        for name, question in QUESTIONS.items():
            cold, warm = [], []
            for _ in range(runs):
                if not args.warm_only:
                    shutil.rmtree(cache, ignore_errors=True)
                    n += 1
                    cold.append(run(home, "ask", question, "--thread", f"bench-{n}"))
                n += 1
                warm.append(run(home, "ask", question, "--thread", f"bench-{n}"))
            if cold:
                results[f"{name}, cold (no cache)"] = cold
            results[f"{name}, warm"] = warm
            n += 1
            counts[f"{name}, warm"] = modules_imported(home, "ask", question, "--thread", f"b-{n}")
        help_runs = [run(home, "--help") for _ in range(runs)]

        for label, samples in results.items():
            modules = f", {counts[label]} modules" if label in counts else ""
            print(line(f"`coach ask` {label}", samples) + modules)
        print(line("`coach --help` (imports)", help_runs))
        if args.no_stages:
            print(f"load average at end: {os.getloadavg()[0]:.2f}")
            return

        for name, searches in (("advice", "search"), ("small talk", "-")):
            out = subprocess.run(
                [python(), "-c", STAGES, QUESTIONS[name], searches],
                cwd=REPO,
                env=child_env(home),
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            print(f"stages of a warm `coach ask` ({name}), in one process:")
            for row in out.strip().splitlines():
                stage, wall_ms, cpu_ms = row.split("\t")
                print(f"  {stage:70s} wall {wall_ms:>5} ms, CPU {cpu_ms:>5} ms")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
