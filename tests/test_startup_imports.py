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
# Needed only when a turn searches the playbook: the vector store and BM25 (with scipy).
FOR_RETRIEVAL = ("chromadb", "langchain_chroma", "bm25s", "scipy")
# Needed only when a model is configured: the agent graph, LangChain's runnables and their
# tracing (langsmith, ~0.5 s); the offline coach's turn runs without them.
FOR_A_MODEL = ("langchain", "langsmith", "langgraph.pregel", "langchain_core.runnables.base")


def agent_machinery(modules: set[str]) -> set[str]:
    return {m for m in modules if any(m == n or m.startswith(n + ".") for n in FOR_A_MODEL)}


def loaded_after(code: str, **env_vars: str) -> set[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    env = dict(os.environ, PYTHONPATH=str(REPO), **env_vars)
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, env=env, check=True, capture_output=True, text=True
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def tops(modules: set[str]) -> set[str]:
    return {m.split(".")[0] for m in modules}


def test_the_command_line_starts_without_the_heavy_libraries():
    loaded = loaded_after("import coach.cli")
    heavy = {*NOT_FOR_ASK, *FOR_RETRIEVAL, "langchain", "langchain_core", "langgraph", "numpy"}
    # langsmith comes with langchain_core's tracers (~0.5 s): not before a session is made.
    assert not tops(loaded) & {*heavy, "langsmith", "tokenizers", "safetensors"}
    # The practice call's modules load when a practice call starts.
    assert not {m for m in loaded if m.startswith("coach.roleplay.")} - {"coach.roleplay.cli"}


def test_the_coach_session_needs_no_ui_torch_or_plotting():
    assert not tops(loaded_after("import coach.session")) & set(NOT_FOR_ASK)


def test_a_session_imports_no_vector_store_until_a_turn_searches(home):
    code = (
        "from coach.config import Settings\n"
        "from coach.session import CoachSession\n"
        "CoachSession(Settings())"
    )
    loaded = loaded_after(code, COACH_HOME=str(home))
    assert not tops(loaded) & set(FOR_RETRIEVAL)
    assert not agent_machinery(loaded)


def test_a_session_with_a_model_builds_the_agent_graph(home):
    code = (
        "from coach.config import Settings\n"
        "from coach.session import CoachSession\n"
        "assert CoachSession(Settings()).offline_agent is None"
    )
    loaded = loaded_after(code, COACH_HOME=str(home), OPENAI_BASE_URL="http://127.0.0.1:9/v1")
    assert {"langchain.agents", "langsmith"} <= loaded


def test_a_turn_that_searches_nothing_never_imports_the_vector_store():
    """Small talk is answered without the playbook: Chroma (~0.7 s to import) and BM25
    stay unloaded. Runs in the test session's data dir, where the intent examples'
    vectors are kept once embedded (warmed here: a cold start embeds them, ~20 s)."""
    from coach.config import Settings
    from coach.llm import embedded_model

    embedded_model(Settings()).warm_up()
    code = (
        "from coach.config import Settings\n"
        "from coach.session import CoachSession\n"
        "turn = CoachSession(Settings()).ask('imports', 'thanks, have a nice day')\n"
        "assert not turn.tool_steps, turn.tool_steps"
    )
    loaded = loaded_after(code)
    assert not tops(loaded) & set(FOR_RETRIEVAL)
    # Nor LangChain's agent machinery: with no model, no graph runs the turn.
    assert not agent_machinery(loaded)


def test_every_roleplay_name_still_imports_from_the_package():
    import coach.roleplay as roleplay

    for name in roleplay.__all__:
        assert getattr(roleplay, name).__module__.startswith("coach.roleplay.")


def test_gc_paused_restores_the_collector_as_it_found_it():
    import gc

    from coach.gc_pause import gc_paused

    assert gc.isenabled()
    try:
        with gc_paused():
            assert not gc.isenabled()
            kept = [[n] for n in range(1000)]  # survivors of the block
        assert gc.isenabled()
        # Frozen: the resumed collector does not walk what the block allocated.
        assert gc.get_freeze_count() >= len(kept)
        gc.disable()
        with gc_paused():
            pass
        assert not gc.isenabled()  # it was off: stays off
    finally:
        gc.unfreeze()  # this test process goes on: let its collector see them again
        gc.enable()


def test_a_turn_that_searches_the_playbook_imports_no_agent_machinery(ingested_settings):
    """A pay question searches the playbook. With no copy of the store's vectors kept,
    Chroma loads, through its own client, not LangChain's vector-store wrapper (whose
    runnables bring langsmith); that search keeps the copy, and the next process, the
    store unchanged, ranks from it without importing Chroma at all."""
    from coach.llm import embedded_model

    embedded_model(ingested_settings).warm_up()
    code = (
        "from coach.config import Settings\n"
        "from coach.session import CoachSession\n"
        "turn = CoachSession(Settings()).ask('imports', 'what does a senior ML engineer in "
        "Seattle make?')\n"
        "assert [s.name for s in turn.tool_steps] == ['salary_lookup', 'search_playbook']\n"
        "assert all(s.status == 'done' for s in turn.tool_steps), turn.tool_steps"
    )
    ingested_settings.store_vectors_path.unlink(missing_ok=True)
    loaded = loaded_after(code, COACH_HOME=str(ingested_settings.home))
    assert "chromadb" in loaded
    assert not agent_machinery(loaded)
    assert "langchain_chroma" not in loaded
    assert ingested_settings.store_vectors_path.exists()
    again = loaded_after(code, COACH_HOME=str(ingested_settings.home))
    assert not tops(again) & {"chromadb", "langchain_chroma"}
    assert not agent_machinery(again)
