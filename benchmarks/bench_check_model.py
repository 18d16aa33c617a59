"""`coach check-model` against the scripted server playing three models (issue 19).

Target: a whole `coach check-model` (the process: imports, probes, output) ≤ 3 s against
the scripted server. Three models: a good one (structured tool calls, streaming), a
text-JSON one (the recorded replies of Qwen2.5-Coder-1.5B behind llama-server --jinja) and
a dead one (a closed port). Each is run as a whole process several times (wall and CPU,
with the load average: other work shares the machine) and once in-process, where only
the probes are timed.

Run: .venv/bin/python benchmarks/bench_check_model.py [--runs N] [--show]
(``--show`` prints each model's report once.)
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _util import REPO, machine, python

sys.path.insert(0, str(REPO))

from coach.config import Settings
from tests.model_players import good_model, recorded_model
from tests.scripted_openai import ScriptedOpenAI

TEXT_JSON = "qwen2.5-coder-1.5b-instruct.llama-server-jinja"


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def whole_process(url: str, home: Path, runs: int, show: bool) -> tuple[list[float], list[float]]:
    env = os.environ | {
        "COACH_HOME": str(home),
        "OPENAI_BASE_URL": url,
        "COACH_MODEL": "scripted-model",
        "PYTHONPATH": str(REPO),
    }
    env.pop("OPENAI_API_KEY", None)
    walls, cpus = [], []
    for n in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(
            [python(), "-m", "coach.cli", "check-model"],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if show and n == 0:
            print(done.stdout)
    return walls, cpus


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    print(machine(), f"· load {os.getloadavg()[0]:.2f}")
    from coach.model_check.check import check_model

    players: dict[str, Callable[..., object] | None] = {
        "good model": good_model(),
        "text-JSON model": recorded_model(TEXT_JSON),
        "dead endpoint": None,
    }
    for name, player in players.items():
        server = None
        if player is None:
            url = f"http://127.0.0.1:{closed_port()}/v1"
        else:
            server = ScriptedOpenAI().start()
            server.handler = player  # type: ignore[assignment]
            url = server.base_url
        try:
            with tempfile.TemporaryDirectory() as tmp:
                settings = Settings(home=Path(tmp), openai_base_url=url, model="scripted-model")
                check_model(settings)  # warm: imports, tool schemas
                start = time.perf_counter()
                result = check_model(settings)
                probes = time.perf_counter() - start
                walls, cpus = whole_process(url, Path(tmp), args.runs, args.show)
        finally:
            if server is not None:
                server.stop()
        print(
            f"{name:<16} whole process: median {statistics.median(walls):.2f} s wall "
            f"(max {max(walls):.2f}), CPU {statistics.median(cpus):.2f} s; "
            f"probes in-process {probes * 1000:.0f} ms — {result.verdict.line}"
        )
    print(f"load after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
