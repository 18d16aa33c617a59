"""Retries that don't pile up on a single-slot local server (issue 19, item 6).

The configured ChatOpenAI client against the scripted server: a timeout to a server on
this machine is not retried (the request is still running there; a retry would queue
behind it), while 429 and 5xx are retried with backoff as before. The server counts the
requests it got.
"""

from __future__ import annotations

from collections.abc import Iterator

import openai
import pytest

from coach.config import Settings
from coach.llm import chat_model, is_loopback
from tests.scripted_openai import Reply, ScriptedOpenAI

pytestmark = pytest.mark.integration


@pytest.fixture
def server() -> Iterator[ScriptedOpenAI]:
    srv = ScriptedOpenAI().start()
    yield srv
    srv.stop()


def settings_for(server: ScriptedOpenAI, *, stream: bool, retries: int = 2) -> Settings:
    return Settings(
        openai_base_url=server.base_url,
        model="scripted-model",
        llm_timeout=0.5,
        llm_retries=retries,
        stream=stream,
    )


@pytest.mark.parametrize("stream", [True, False], ids=["sse", "json"])
def test_a_timeout_to_a_local_server_is_not_retried(server: ScriptedOpenAI, stream: bool) -> None:
    slow = Reply(delay=1.5, content="too late")
    server.push(slow, slow, slow)
    model = chat_model(settings_for(server, stream=stream))
    with pytest.raises(openai.APITimeoutError):
        model.invoke("hello")
    assert len(server.requests) == 1  # two retries allowed, none taken


@pytest.mark.parametrize("stream", [True, False], ids=["sse", "json"])
@pytest.mark.parametrize(
    "fault", [Reply.error(500), Reply.error(503), Reply.error(429, retry_after=0.05)]
)
def test_429_and_5xx_are_still_retried(server: ScriptedOpenAI, stream: bool, fault: Reply) -> None:
    server.push(fault, fault, Reply.text("third time lucky"))
    answer = chat_model(settings_for(server, stream=stream)).invoke("hello")
    assert answer.content == "third time lucky"
    assert len(server.requests) == 3


def test_a_slow_first_byte_within_the_timeout_is_no_fault(server: ScriptedOpenAI) -> None:
    server.push(Reply(delay=0.2, content="in time"))
    assert chat_model(settings_for(server, stream=True)).invoke("hello").content == "in time"
    assert len(server.requests) == 1


def test_a_turn_that_times_out_asks_the_local_server_once(
    server: ScriptedOpenAI, ingested_settings: Settings
) -> None:
    from coach.session import CoachSession

    settings = settings_for(server, stream=True).model_copy(update={"home": ingested_settings.home})
    slow = Reply(delay=1.5, content="too late")
    server.push(slow, slow, slow)
    turn = CoachSession(settings).ask("timeout-once", "Should I tell them my current salary?")
    assert "took too long" in (turn.notice or "")
    assert len(server.requests) == 1


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:8080/v1", True),
        ("http://127.1.2.3:11434/v1", True),
        ("http://localhost:1234/v1", True),
        ("http://[::1]:8080/v1", True),
        ("https://api.openai.com/v1", False),
        ("http://192.168.1.20:11434/v1", False),
        ("http://10.0.0.5:8000/v1", False),
        ("http://gpu-box.lan:8000/v1", False),
        (None, False),
    ],
)
def test_which_servers_are_on_this_machine(url: str | None, loopback: bool) -> None:
    assert is_loopback(url) is loopback


def test_a_remote_server_keeps_the_clients_own_retries() -> None:
    model = chat_model(Settings(openai_base_url="https://api.example.com/v1", model="m"))
    assert getattr(model, "http_client", None) is None  # the openai client's default
