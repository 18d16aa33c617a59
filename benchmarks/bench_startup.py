"""Cold start: `python app.py` to first HTTP 200, beside a bare ChatInterface hello-world.

Target (issue 3): ratio <= 1.5. Run: .venv/bin/python benchmarks/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile

from _util import REPO, free_port, machine, python, time_to_first_200


def _runs(samples: list[float]) -> list[float]:
    return sorted(round(x, 2) for x in samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, COACH_HOME=home, GRADIO_ANALYTICS_ENABLED="False")
        # Build the store first: `make run` does, so the app only checks it is fresh.
        subprocess.run(
            [python(), "-m", "coach.cli", "ingest", "--quiet"], cwd=REPO, env=env, check=True
        )
        ours, bare = [], []
        for _ in range(runs):
            port = free_port()
            bare.append(
                time_to_first_200([python(), "benchmarks/hello_chat.py", str(port)], port, env)
            )
            port = free_port()
            ours.append(time_to_first_200([python(), "app.py", "--port", str(port)], port, env))
    ours_s, bare_s = statistics.median(ours), statistics.median(bare)
    print(f"machine: {machine()}")
    print(f"bare gr.ChatInterface to first 200, median of {runs}: {bare_s:.2f} s  {_runs(bare)}")
    print(f"python app.py to first 200, median of {runs}: {ours_s:.2f} s  {_runs(ours)}")
    print(f"ratio: {ours_s / bare_s:.2f}   [target <= 1.5]")


if __name__ == "__main__":
    main()
