"""Eval-suite benchmark: the whole embedded suite (`coach eval`, every suite) wall time.

Target: <= 60 s on 2 cores. The playbook store is ingested first (timed apart: a user
has it already), then `coach eval` runs in a fresh process pinned to at most 2 cores,
so the figure includes imports and loading the embedding model.

Run: .venv/bin/python benchmarks/bench_evals.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _util import REPO, machine

sys.path.insert(0, str(REPO))

CORES = 2
EVAL = (
    "import sys, typer; from coach.evals.cli import register; app = typer.Typer(); "
    "register(app); app.callback()(lambda: None); sys.argv = ['coach', *sys.argv[1:]]; app()"
)


def _pin() -> None:
    """Run the child on at most CORES cores, as on the target machine."""
    if hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) > CORES:
        os.sched_setaffinity(0, set(range(CORES)))


def ingest(home: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "coach.cli", "ingest", "--quiet"],
        cwd=REPO,
        env=os.environ | {"COACH_HOME": str(home)},
        stdout=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - start


def run_suite(home: Path, report: Path) -> tuple[float, int]:
    env = os.environ | {
        "COACH_HOME": str(home),
        "OMP_NUM_THREADS": str(CORES),
        "MKL_NUM_THREADS": str(CORES),
    }
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", EVAL, "eval", "-q", "--json", str(report)],
        cwd=REPO,
        env=env,
        preexec_fn=_pin,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        print(done.stderr.strip(), file=sys.stderr)
    return time.perf_counter() - start, done.returncode


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="coach-bench-evals-") as tmp:
        home, report = Path(tmp) / "home", Path(tmp) / "report.json"
        ingest_s = ingest(home)
        wall, code = run_suite(home, report)
        data = json.loads(report.read_text())
    cases = {name: len(s["cases"]) for name, s in data["suites"].items()}
    print(f"machine: {machine()} (eval pinned to {min(CORES, os.cpu_count() or 1)} cores)")
    print(f"playbook ingest into an empty store (not part of the suite): {ingest_s:.1f} s")
    print(
        f"`coach eval`, whole embedded suite, fresh process: {wall:.1f} s wall "
        f"(in-process {data['meta']['duration_s']:.1f} s), exit {code}   [target <= 60 s]"
    )
    print(
        "cases: "
        + ", ".join(f"{k} {v}" for k, v in cases.items())
        + f"; total {sum(cases.values())}"
    )


if __name__ == "__main__":
    main()
