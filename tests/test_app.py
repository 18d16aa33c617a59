"""The first chat: the handler directly, then the running app through gradio_client."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from coach.config import Settings
from coach.ui.chat import CoachChat, message_text
from tests.conftest import free_port


@pytest.fixture(scope="module")
def chat(ingested_settings: Settings) -> CoachChat:
    return CoachChat(ingested_settings)


def test_answer_cites_the_playbook_section(chat: CoachChat) -> None:
    answer = chat.respond("Should I tell the recruiter my current salary?", [])
    assert "[anchoring §" in answer
    assert "offline coach" in answer


@pytest.mark.parametrize("message", ["", "   ", None, {"text": ""}, []])
def test_empty_message_gets_a_plain_sentence(chat: CoachChat, message: object) -> None:
    answer = chat.respond(message, [])
    assert answer.startswith("⚠️ Please type a question")


def test_history_is_left_untouched(chat: CoachChat) -> None:
    history = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]
    snapshot = [dict(m) for m in history]
    chat.respond("What about equity?", history)
    assert history == snapshot


def test_missing_store_is_a_sentence_not_a_traceback(settings: Settings) -> None:
    answer = CoachChat(settings).respond("equity?", [])
    assert answer.startswith("⚠️") and "coach ingest" in answer
    assert "Traceback" not in answer


@pytest.mark.parametrize(
    ("message", "text"),
    [("a", "a"), ({"text": "b", "files": []}, "b"), ([{"type": "text", "text": "c"}], "c")],
)
def test_structured_messages_are_normalised(message: object, text: str) -> None:
    assert message_text(message) == text


@pytest.fixture(scope="module")
def running_app(ingested_settings: Settings) -> Iterator[str]:
    from coach.ui.app import launch

    demo, _chat, url = launch(ingested_settings, port=free_port(), block=False)
    try:
        yield url
    finally:
        demo.close()


@pytest.mark.integration
def test_chat_through_gradio_client(running_app: str, no_network: list[str]) -> None:
    from gradio_client import Client

    client = Client(running_app, verbose=False, download_files=False)
    answer = client.predict("They said this is the top of their range", api_name="/chat")
    text = answer if isinstance(answer, str) else str(answer)
    assert "[objections §" in text
    empty = client.predict("", api_name="/chat")
    assert "Please type a question" in str(empty)
