"""Faults, restarts and privacy, end to end on 127.0.0.1."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from coach.config import Settings
from coach.session import CoachSession
from coach.ui import coach_tab, offers_tab
from coach.ui import practice_tab as pt
from tests.conftest import REPO, free_port
from tests.homes import copy_home
from tests.scripted_openai import Reply, ScriptedOpenAI, ToolCall

pytestmark = pytest.mark.integration
SECRET = "sk-test-do-not-leak-0123456789"


def test_slow_first_byte_within_the_timeout_still_answers(ingested_settings: Settings) -> None:
    server = ScriptedOpenAI().start()
    try:
        server.push(Reply.text("Patience pays: here is the answer.", delay=0.8))
        settings = Settings(
            home=ingested_settings.home,
            openai_base_url=server.base_url,
            model="slow",
            llm_timeout=5,
            llm_retries=0,
        )
        turn = CoachSession(settings).ask("slow", "hello")
        assert turn.notice is None and "Patience pays" in turn.answer
    finally:
        server.stop()


def test_api_key_never_reaches_logs_or_exports(
    ingested_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    server = ScriptedOpenAI().start()
    caplog.set_level(logging.DEBUG)
    try:
        server.push(
            Reply.tools(ToolCall("search_playbook", {"query": "equity"})),
            Reply.text("Ask about refreshers."),
            Reply.error(500),
            Reply.error(500),
        )
        settings = Settings(
            home=ingested_settings.home,
            openai_base_url=server.base_url,
            openai_api_key=SECRET,
            model="m",
            llm_retries=1,
        )
        session = CoachSession(settings)
        session.ask("secret", "What about equity?")
        session.ask("secret", "And refreshers?")  # fails over to the offline coach
        exported = coach_tab.export_markdown(session, "secret")
        assert server.requests[0]["_headers"]["authorization"] == f"Bearer {SECRET}"
        assert SECRET not in exported
        assert SECRET not in caplog.text
        assert SECRET not in str(settings.describe()) and SECRET not in repr(settings)
    finally:
        server.stop()


def test_a_whole_session_never_leaves_the_machine(
    ingested_settings: Settings, no_network: list[str]
) -> None:
    session = CoachSession(ingested_settings)
    for question in (
        "What does a senior ML engineer in Seattle make?",
        "and in New York?",
        "They said this is the top of their range",
        "I got 185k base, 15% bonus, 400k RSUs over 4 years. Is it good?",
    ):
        assert session.ask("private", question).answer
    call = pt.start(pt.Setup(role="data scientist", seed=5))
    for text in ("My range is based on market data.", "Could you add a sign-on bonus?"):
        call = pt.play(call, text)
    assert "Scorecard" in pt.end(call)
    result = offers_tab.check_offers(
        offers_tab.FormOffer(role="data scientist", base="150k"), "180k base, 20k sign-on"
    )
    assert result.comparison_chart is not None


# -- kill the app mid-conversation, start it again ------------------------------------
def _start_app(home: Path, port: int) -> subprocess.Popen:
    env = dict(os.environ, COACH_HOME=str(home))
    proc = subprocess.Popen(
        [sys.executable, "app.py", "--port", str(port)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    pytest.fail("the app did not start")


def _file_text(update: object) -> str:
    """A gr.File update as gradio_client returns it -> the file's text."""
    value = update.get("value", update) if isinstance(update, dict) else update
    path = value["path"] if isinstance(value, dict) else value
    return Path(str(path)).read_text(encoding="utf-8")


@pytest.mark.slow
def test_history_and_practice_call_survive_a_kill(ingested_settings: Settings) -> None:
    from gradio_client import Client

    home, port = ingested_settings.home, free_port()
    proc = _start_app(home, port)
    url = f"http://127.0.0.1:{port}/"
    try:
        client = Client(url, verbose=False, download_files=False)
        client.predict(
            "What does a senior ML engineer in Seattle make?", [], "kill-1", api_name="/chat"
        )
        client.predict(
            "kill-1",
            "data scientist",
            "",
            "",
            "any",
            "standard",
            9,
            "",
            "Recruiter (an offer)",  # who is across the table
            "",  # the base today (a manager talk's)
            "raise",
            api_name="/practice_start",
        )
        client.predict("My range is based on market data.", [], "kill-1", api_name="/practice_say")
    finally:
        proc.send_signal(signal.SIGKILL)  # no clean shutdown
        proc.wait(timeout=10)
    proc = _start_app(home, port)
    try:
        client = Client(url, verbose=False, download_files=False)
        chat = _file_text(client.predict("kill-1", api_name="/export_chat"))
        assert "What does a senior ML engineer in Seattle make?" in chat
        assert "| 10th percentile |" in chat
        practice = _file_text(client.predict("kill-1", api_name="/practice_export"))
        assert "My range is based on market data." in practice
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_a_tool_that_raises_ends_in_one_sentence(
    tmp_path: Path, ingested_settings: Settings
) -> None:
    """Broken market tables make salary_lookup raise; the turn still ends in plain words."""
    import shutil

    knowledge = tmp_path / "knowledge"
    shutil.copytree(REPO / "coach" / "knowledge", knowledge)
    wages = knowledge / "market" / "oews_wages.csv"
    wages.write_text(wages.read_text(encoding="utf-8")[:500], encoding="utf-8")  # truncated
    # The broken tables are loaded (and cached) from their own directory: only these
    # settings see them. The playbook is the same, so a copy of the session's store is fresh.
    settings = Settings(home=tmp_path / "home", knowledge_dir=knowledge)
    copy_home(ingested_settings.chroma_path, settings.chroma_path)
    session = CoachSession(settings)
    assert not session.playbook.ingest().changed
    turn = session.ask("broken", "What does a senior ML engineer in Seattle make?")
    # Whether the tool or the slot parser meets the broken table first, the user gets
    # its one sentence (then, at most, playbook advice), never a traceback.
    sentence = turn.text.split("⚠️")[1].strip().splitlines()[0]
    assert "market table" in sentence and sentence.endswith(".")
    assert "Traceback" not in turn.text
    again = session.ask("broken", "They said this is the top of their range")
    assert "objections §" in again.text  # the conversation goes on
    assert session.history("broken")[0].content.startswith("What does a senior ML")
