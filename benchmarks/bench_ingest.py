"""Full ingest, unchanged re-ingest and warm search latency on the real playbook.

Targets (issue 3): full ingest <= 15 s; unchanged re-ingest <= 1 s; search p50 <= 20 ms warm.
Run: .venv/bin/python benchmarks/bench_ingest.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from _util import REPO, machine, median_ms, percentile_ms, python

QUERIES = [
    "they said this is the top of our range",
    "should I tell them my current salary",
    "what else can I negotiate besides base",
    "how much is a sign-on bonus worth",
    "when should I negotiate",
]


def cli_seconds(home: Path, *args: str) -> float:
    import os

    env = dict(os.environ, COACH_HOME=str(home))
    start = time.perf_counter()
    subprocess.run(
        [python(), "-m", "coach.cli", *args],
        cwd=REPO,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs

    full, again = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            full.append(cli_seconds(Path(tmp), "ingest", "--quiet"))
            again.append(cli_seconds(Path(tmp), "ingest", "--quiet"))

    from coach.config import Settings
    from coach.offline import prepare
    from coach.playbook import Playbook

    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(home=Path(tmp))
        prepare(settings)
        playbook = Playbook(settings)
        start = time.perf_counter()
        report = playbook.ingest()
        in_process_full = time.perf_counter() - start
        start = time.perf_counter()
        playbook.ingest()
        in_process_again = time.perf_counter() - start
        for query in QUERIES:  # warm-up
            playbook.search(query)
        samples = []
        for n in range(40):
            for query in QUERIES:
                # A new string each time: the query-embedding cache must not flatter the figure.
                start = time.perf_counter()
                playbook.search(f"{query} #{n}", k=4)
                samples.append(time.perf_counter() - start)

    print(f"machine: {machine()}")
    print(f"chunks: {report.added}")
    print(
        f"`coach ingest`, empty store (process incl. imports + model load), median of {runs}: "
        f"{statistics.median(full):.2f} s   [target <= 15 s]"
    )
    print(
        f"`coach ingest`, unchanged (whole process), median of {runs}: "
        f"{statistics.median(again):.2f} s"
    )
    print(
        f"in-process full ingest: {in_process_full:.2f} s; in-process unchanged re-ingest: "
        f"{in_process_again * 1000:.0f} ms   [target <= 1 s]"
    )
    print(
        f"search k=4 warm, n={len(samples)}: p50 {median_ms(samples):.1f} ms, "
        f"p95 {percentile_ms(samples, 95):.1f} ms   [target p50 <= 20 ms]"
    )


if __name__ == "__main__":
    main()
