"""What `coach` imports at start: heavy libraries load only on the paths that need them.

Import graphs, not timings (those are in benchmarks/bench_cli_ask.py): each check runs
a fresh interpreter, since this test process has long imported everything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO

# Never needed to answer `coach ask` with the offline coach.
NOT_FOR_ASK = ("gradio", "torch", "sentence_transformers", "matplotlib", "scipy", "pandas")


def loaded_after(code: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, env=env, check=True, capture_output=True, text=True
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def tops(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_the_command_line_starts_without_the_heavy_libraries():
    loaded = loaded_after("import coach.cli")
    assert not tops(loaded) & {*NOT_FOR_ASK, "langchain", "langgraph", "chromadb", "numpy"}
    # The practice call's modules load when a practice call starts.
    assert not {m for m in loaded if m.startswith("coach.roleplay.")} - {"coach.roleplay.cli"}


def test_the_coach_session_needs_no_ui_torch_or_plotting():
    assert not tops(loaded_after("import coach.session")) & set(NOT_FOR_ASK)


def test_every_roleplay_name_still_imports_from_the_package():
    import coach.roleplay as roleplay

    for name in roleplay.__all__:
        assert getattr(roleplay, name).__module__.startswith("coach.roleplay.")
