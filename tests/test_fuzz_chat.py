"""Bad-input fuzzing of chat messages through the real agent loop (the offline coach).

Each example is one real agent turn (about 20 ms once the embedding model is loaded),
so the examples are few and chosen to cover each class of hostile text from the
hardening issue at least once.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from langchain_core.tools import BaseTool

from coach.config import Settings
from coach.session import UNEXPECTED, CoachSession
from coach.tools import make_tools
from coach.ui import coach_tab
from tests.fuzz import (
    CONTROL,
    EMOJI,
    HUGE,
    INJECTION,
    MARKUP,
    NUMBERS,
    RTL,
    assert_no_leak,
    assert_plain,
    hostile_text,
    profile,
    returns_or_plain_error,
)

_threads = itertools.count()


@pytest.fixture(scope="module")
def session(ingested_settings: Settings) -> CoachSession:
    return CoachSession(ingested_settings)


def _thread() -> str:
    return f"fuzz-chat-{next(_threads)}"


def check_turn(session: CoachSession, thread: str, message: str) -> None:
    turn = returns_or_plain_error(session.ask, thread, message)
    if turn is None:
        return
    assert turn.answer.strip(), f"empty answer to {message[:80]!r}"
    # The session turns any crash into this sentence: for us that is still a crash.
    assert UNEXPECTED not in turn.answer, f"the turn crashed on {message[:80]!r}"
    if turn.answer.startswith("⚠️"):
        # A warning opens the answer (a tool's error, say): its sentence is one plain line.
        assert_plain(turn.answer.removeprefix("⚠️").split("\n\n")[0].strip())
    assert_no_leak(turn.text)
    for step in turn.tool_steps:
        if step.error:
            assert_plain(step.error)


CLASSES = {
    "empty": "",
    "whitespace": " \t\n\r\u3000 ",
    "controls": CONTROL,
    "controls in a question": "What\x00 should\x1b[2J I\x7f ask\x08 for\x0c?",
    "arabic": RTL[0] + " هل هذا عرض جيد؟",
    "hebrew": RTL[1],
    "rtl override": "\u202eWhat does a senior ML engineer in Seattle make?\u202c",
    "ltr override": "\u202d185k base, 15% bonus\u202c, is it good?",
    "emoji zwj": " ".join(EMOJI) + " offer: 185k base 👩‍💻",
    "mixed scripts": "Senior ML 工程师 в Seattle ¿185k base? Ελληνικά 🙂",
    "html": MARKUP[0] + " what is a good sign-on?",
    "markdown image": MARKUP[1] + " compare Offer A: 180k base vs Offer B: 170k base",
    "long number": NUMBERS[0] + " base, is it good?",
    "long number range": "my range is " + "9" * 300 + "-" + "9" * 301 + "k",
    "injection": INJECTION[0],
    "fake roles": INJECTION[2],
    "tool injection": INJECTION[3],
    "100k": HUGE["100k letters"],
    "just under the limit": "Is 185k base good? " + "x" * 7_900,
}


@pytest.mark.parametrize("name", list(CLASSES))
def test_each_class_of_hostile_message(session: CoachSession, name: str) -> None:
    check_turn(session, _thread(), CLASSES[name])


@profile(24)
@given(hostile_text(max_parts=6))
def test_random_hostile_messages(session: CoachSession, message: str) -> None:
    check_turn(session, _thread(), message)


@profile(4)
@given(st.lists(hostile_text(max_parts=4), min_size=2, max_size=3))
def test_hostile_follow_ups_in_one_thread(session: CoachSession, messages: list[str]) -> None:
    # Slots carry over between turns: junk from an earlier turn must not break a later one.
    thread = _thread()
    for message in messages:
        check_turn(session, thread, message)


# -- the Coach tab's handler, without a browser ------------------------------------------

messages = st.one_of(
    st.none(),
    hostile_text(max_parts=4),
    st.fixed_dictionaries({"text": hostile_text(max_parts=3)}, optional={"files": st.just([])}),
    st.fixed_dictionaries({"content": st.one_of(hostile_text(2), st.integers(), st.none())}),
    st.lists(
        st.one_of(hostile_text(2), st.fixed_dictionaries({"text": hostile_text(2)})), max_size=3
    ),
    st.integers(),
    st.just({}),
)


@profile(12)
@given(messages)
def test_coach_tab_stream_reply(session: CoachSession, message: object) -> None:
    history = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "Hello."}]
    updates = list(coach_tab.stream_reply(session, _thread(), message, history))
    assert updates, "the handler yielded nothing"
    chat, sources = updates[-1]
    assert chat[: len(history)] == history, "earlier messages were lost"
    assert history == [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": "Hello."},
    ], "the incoming history was mutated"
    last = chat[-1]["content"]
    assert isinstance(last, str) and last.strip()
    assert UNEXPECTED not in last
    if last.startswith("⚠️"):
        assert_plain(last.removeprefix("⚠️").split("\n\n")[0].strip())
    assert_no_leak(last)
    if sources is not None:  # None: the panel stays as it was
        assert_no_leak(sources)


# -- the agent's tools, called with hostile arguments a model could send -----------------


@pytest.fixture(scope="module")
def tools(session: CoachSession) -> dict[str, BaseTool]:
    return {tool.name: tool for tool in make_tools(session.playbook)}


offer_texts = st.one_of(
    hostile_text(max_parts=6),
    st.tuples(st.sampled_from(["185k base", "base 5", "9" * 400 + "k base"]), hostile_text(3)).map(
        " ".join
    ),
)


@profile(40)
@given(
    st.sampled_from(["score_offer", "draft_counter"]),
    offer_texts,
    st.fixed_dictionaries(
        {},
        optional={
            key: st.one_of(hostile_text(max_parts=2), st.sampled_from(NUMBERS))
            for key in ("role", "level", "location", "current_base", "floor")
        },
    ),
)
def test_offer_tools_return_data_or_an_error_sentence(
    tools: dict[str, BaseTool], name: str, offer: str, extra: dict[str, str]
) -> None:
    tool = tools[name]
    call = {"type": "tool_call", "id": "1", "name": name, "args": {"offer_text": offer, **extra}}
    data = tool.invoke(call).artifact
    if "error" in data:
        assert_plain(data["error"])
    else:
        assert_no_leak(data["markdown"])


@profile(20)
@given(st.lists(offer_texts, max_size=6))
def test_compare_tool_returns_data_or_an_error_sentence(
    tools: dict[str, BaseTool], offers: list[str]
) -> None:
    tool = tools["compare_offers"]
    data = tool.invoke(
        {"type": "tool_call", "id": "1", "name": tool.name, "args": {"offers": offers}}
    ).artifact
    if "error" in data:
        assert_plain(data["error"])


@profile(20)
@given(hostile_text(max_parts=4), st.integers(1, 8))
def test_search_tool_returns_passages_or_an_error_sentence(
    tools: dict[str, BaseTool], query: str, k: int
) -> None:
    tool = tools["search_playbook"]
    data = tool.invoke(
        {"type": "tool_call", "id": "1", "name": tool.name, "args": {"query": query, "k": k}}
    ).artifact
    if "error" in data:
        assert_plain(data["error"])
    else:
        assert len(data["passages"]) <= k
