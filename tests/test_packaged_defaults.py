"""Loaders use the Settings they are given; given none, the data that ships in the package.

No loader reads the environment behind its caller's back (issue 14, item 4): a bad
``COACH_`` value would make any hidden ``Settings()`` raise, so these tests set one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coach.config import Settings
from coach.market.tables import PACKAGED_MARKET_DIR, load_tables
from coach.resources import KNOWLEDGE_DIR
from tests.conftest import REPO


@pytest.fixture
def other_knowledge(tmp_path: Path) -> Path:
    """A copy of the market tables with one role fewer: tables that can be told apart."""
    knowledge = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR / "market", knowledge / "market")
    roles = knowledge / "market" / "roles.csv"
    header, _dropped, *rest = roles.read_text(encoding="utf-8").splitlines(keepends=True)
    roles.write_text(header + "".join(rest), encoding="utf-8")
    provenance = knowledge / "market" / "provenance.json"
    data = json.loads(provenance.read_text(encoding="utf-8"))
    data["tables"]["roles.csv"]["rows"] = len(rest)
    provenance.write_text(json.dumps(data), encoding="utf-8")
    return knowledge


def test_tables_without_settings_are_the_packaged_ones(
    monkeypatch: pytest.MonkeyPatch, other_knowledge: Path
) -> None:
    monkeypatch.setenv("COACH_KNOWLEDGE_DIR", str(other_knowledge))
    monkeypatch.setenv("COACH_PORT", "not-a-port")  # a hidden Settings() would raise
    tables = load_tables()
    assert tables.directory == PACKAGED_MARKET_DIR.resolve()
    assert PACKAGED_MARKET_DIR == KNOWLEDGE_DIR / "market"


def test_tables_follow_the_settings_they_are_given(other_knowledge: Path) -> None:
    settings = Settings(knowledge_dir=other_knowledge)
    given = load_tables(settings)
    assert given.directory == (other_knowledge / "market").resolve()
    assert given is load_tables(other_knowledge / "market")  # cached per directory
    assert len(given.roles) == len(load_tables().roles) - 1


def test_a_tool_uses_the_tables_of_its_settings(other_knowledge: Path) -> None:
    from coach.tools import salary_lookup_tool

    packaged = load_tables()
    missing = sorted(set(packaged.roles) - set(load_tables(other_knowledge / "market").roles))
    assert len(missing) == 1
    tool = salary_lookup_tool(Settings(knowledge_dir=other_knowledge))
    found = salary_lookup_tool().invoke({"role": missing[0]})
    not_found = tool.invoke({"role": missing[0]})
    assert '"error"' not in found
    assert '"error"' in not_found


@pytest.mark.parametrize("tool_name", ["score_offer", "draft_counter"])
def test_the_offer_tools_price_against_the_tables_of_their_settings(
    other_knowledge: Path, tool_name: str
) -> None:
    """One turn, one market: score and counter look up where the salary tool does."""
    from coach import tools
    from coach.contracts import parse_result

    packaged = load_tables()
    missing = sorted(set(packaged.roles) - set(load_tables(other_knowledge / "market").roles))
    make = getattr(tools, f"{tool_name}_tool")
    args = {"offer_text": "$150,000 base, 10% bonus", "role": missing[0]}
    known = parse_result(tool_name, make().invoke(args))
    unknown = parse_result(tool_name, make(Settings(knowledge_dir=other_knowledge)).invoke(args))
    assert known is not None and unknown is not None
    assert known.figures() != unknown.figures()  # the other tables don't know the role


def test_counting_tokens_reads_no_settings_and_downloads_nothing(tmp_path: Path) -> None:
    """A library caller that never ran prepare(): tiktoken's own cache dir gets the files."""
    script = (
        "from tests.netguard import loopback_only\n"
        "with loopback_only() as blocked:\n"
        "    from coach.tokens import count_text\n"
        "    assert count_text('Counter once, with specifics.') == 6\n"
        "assert not blocked, blocked\n"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"TIKTOKEN_CACHE_DIR", "DATA_GYM_CACHE_DIR"} and not k.startswith("COACH_")
    }
    env |= {
        "TMPDIR": str(tmp_path),
        "COACH_HOME": str(tmp_path / "never"),
        "COACH_PORT": "not-a-port",  # a hidden Settings() would raise
        "PYTHONPATH": str(REPO),
    }
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "never").exists()
    assert len(list((tmp_path / "data-gym-cache").iterdir())) == 2


def test_the_salary_command_reads_the_configured_tables(
    monkeypatch: pytest.MonkeyPatch, other_knowledge: Path
) -> None:
    from typer.testing import CliRunner

    from coach.cli import app

    missing = sorted(set(load_tables().roles) - set(load_tables(other_knowledge / "market").roles))
    runner = CliRunner()
    assert runner.invoke(app, ["salary", "--role", missing[0]]).exit_code == 0
    monkeypatch.setenv("COACH_KNOWLEDGE_DIR", str(other_knowledge))
    refused = runner.invoke(app, ["salary", "--role", missing[0]])
    assert refused.exit_code != 0 and refused.stderr.startswith("Error:"), refused.output
