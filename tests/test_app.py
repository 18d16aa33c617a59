"""The web app: the Coach tab's handlers directly, then the running app through gradio_client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from coach.config import Settings
from coach.session import CoachSession
from coach.ui import coach_tab
from coach.ui.app import _auth
from coach.ui.text import chat_text
from tests.conftest import free_port


@pytest.fixture(scope="module")
def session(ingested_settings: Settings) -> CoachSession:
    return CoachSession(ingested_settings)


def final(session: CoachSession, thread: str, message: object, history: list) -> tuple[list, str]:
    *_, last = coach_tab.stream_reply(session, thread, message, history)
    return last


def test_answer_streams_tool_steps_then_a_cited_answer(session: CoachSession) -> None:
    question = "Should I tell them my current salary?"
    updates = list(coach_tab.stream_reply(session, "ui-1", question, []))
    shown, sources = updates[-1]
    assert shown[0] == {"role": "user", "content": "Should I tell them my current salary?"}
    steps = [m for m in shown if m.get("metadata")]
    assert steps and steps[0]["metadata"]["title"].startswith("Searched the playbook")
    assert all(m["metadata"]["status"] == "done" for m in steps)
    assert "[Anchoring — " in shown[-1]["content"]  # the section's title, not its file id
    assert "**Anchoring — " in sources  # the cited passage, opened in the side panel


@pytest.mark.parametrize("message", ["", "   ", None, {"text": ""}, []])
def test_empty_message_is_one_sentence_and_history_is_kept(
    session: CoachSession, message: object
) -> None:
    history = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]
    snapshot = [dict(m) for m in history]
    shown, _ = final(session, "ui-empty", message, history)
    assert shown[:2] == snapshot and history == snapshot
    assert shown[-1]["content"] == "⚠️ Please type a question first."


def test_overlong_message_is_refused_plainly(session: CoachSession) -> None:
    shown, _ = final(session, "ui-long", "x" * 20_000, [])
    assert shown[-1]["content"].startswith("⚠️ That message is 20,000 characters")
    assert "Traceback" not in shown[-1]["content"]


def test_history_comes_back_after_a_restart(ingested_settings: Settings) -> None:
    final(
        CoachSession(ingested_settings),
        "ui-restart",
        "What does a senior ML engineer in Seattle make?",
        [],
    )
    restored = coach_tab.history_messages(CoachSession(ingested_settings), "ui-restart")
    assert restored[0]["content"] == "What does a senior ML engineer in Seattle make?"
    assert restored[1]["metadata"]["title"].startswith("Looked up market pay")
    assert "| 10th percentile |" in restored[-1]["content"]


def test_export_markdown(session: CoachSession) -> None:
    final(session, "ui-export", "They said this is the top of their range", [])
    text = coach_tab.export_markdown(session, "ui-export")
    assert text.startswith("# Coach conversation")
    assert "## You\n\nThey said this is the top of their range" in text
    # The steps and citations in words: no tool names, no file ids.
    assert "- Searched the playbook" in text and "Objections — " in text
    assert "search_playbook" not in text and "objections §" not in text


@pytest.mark.parametrize(
    ("message", "text"),
    [("a", "a"), ({"text": "b", "files": []}, "b"), ([{"type": "text", "text": "c"}], "c")],
)
def test_structured_messages_are_normalised(message: object, text: str) -> None:
    assert chat_text(message) == text


def test_loopback_needs_no_login_but_anything_else_does(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings()
    assert _auth(settings, "127.0.0.1", share=False) is None
    user, password = _auth(settings, "0.0.0.0", share=False)  # type: ignore[misc]
    assert user == "coach" and len(password) >= 12
    assert _auth(settings, "127.0.0.1", share=True) is not None
    monkeypatch.setenv("COACH_AUTH", "me:s3cret-pass")
    assert _auth(Settings(), "0.0.0.0", share=False) == ("me", "s3cret-pass")


@pytest.fixture(scope="module")
def running_app(ingested_settings: Settings) -> Iterator[str]:
    from coach.ui.app import launch

    demo, _services, url = launch(
        ingested_settings, port=free_port(), block=False, background=False
    )
    try:
        yield url
    finally:
        demo.close()


@pytest.mark.integration
def test_chat_through_gradio_client(running_app: str, no_network: list[str]) -> None:
    from gradio_client import Client

    client = Client(running_app, verbose=False, download_files=False)
    shown, _sources, box, thread = client.predict(
        "They said this is the top of their range", [], "api-thread", api_name="/chat"
    )
    assert thread == "api-thread" and box == ""
    answer = shown[-1]["content"][0]["text"]
    assert '[Objections — "This is the top of our range"](#src-' in answer
    assert any(
        (m.get("metadata") or {}).get("title", "").startswith("Searched the playbook")
        for m in shown
    )
    # A follow-up in the same thread is remembered by the server.
    shown, *_ = client.predict(
        "What does a senior ML engineer in Seattle make?", shown, "api-thread", api_name="/chat"
    )
    shown, *_ = client.predict("and in New York?", shown, "api-thread", api_name="/chat")
    assert "New York" in shown[-1]["content"][0]["text"]
    exported = client.predict("api-thread", api_name="/export_chat")
    assert exported


@pytest.mark.integration
def test_the_page_is_served_from_loopback(running_app: str) -> None:
    import urllib.request

    assert running_app.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(running_app, timeout=10) as page:
        html = page.read().decode()
    assert "coach" in html
    assert "fonts.googleapis" not in html  # no web fonts from a CDN


@pytest.mark.integration
def test_the_app_embeds_new_messages_on_onnx_runtime(running_app: str) -> None:
    """The web app answers many questions: its warm-up moves query embedding onto ONNX
    Runtime (benchmarks/README.md, load). A one-shot `coach ask` never starts it.

    The switch is process-wide: later tests in this worker embed their queries on the
    runtime too, whose vectors agree with numpy's within float32 rounding (tests/test_minilm.py),
    so none of them depends on which path embedded it."""
    from coach.embeddings import shared_embeddings

    assert shared_embeddings().model.runtime_started
