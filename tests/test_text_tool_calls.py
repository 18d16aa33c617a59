"""Reading tool calls written as text, over the shapes small local models write.

Beyond the recorded replies, the shapes come from how such models format calls when the
server's parser misses them: Hermes/Qwen ``<tool_call>`` tags, Llama 3's
``{"name", "parameters"}`` (with or without ``<|python_tag|>``), Mistral's
``[TOOL_CALLS] [...]`` list, the OpenAI wire shape echoed as text with its arguments as a
JSON string, and ``{"function", "parameters"}``. The tools are the agent's real tools; no
tool runs here.
"""

from __future__ import annotations

import json

import pytest
from langchain_core.tools import BaseTool

from coach.config import Settings
from coach.playbook import Playbook
from coach.text_tool_calls import Reading, TextCall, read_reply
from coach.tools import make_tools


@pytest.fixture(scope="module")
def tools(tmp_path_factory: pytest.TempPathFactory) -> list[BaseTool]:
    # Reading needs the names and args schemas only: an empty data dir will do.
    return make_tools(Playbook(Settings(home=tmp_path_factory.mktemp("tools"))))


SEARCH = TextCall("search_playbook", {"query": "signing bonus"})
LOOKUP = TextCall(
    "salary_lookup", {"role": "data analyst", "level": "mid", "location": "Austin, TX"}
)
LOOKUP_JSON = json.dumps({"name": LOOKUP.name, "arguments": LOOKUP.args})


def calls(reading: Reading) -> list[TextCall]:
    assert reading.unusable is None, reading.unusable
    return list(reading.calls)


@pytest.mark.parametrize(
    "reply",
    [
        '{"name": "search_playbook", "arguments": {"query": "signing bonus"}}',
        '```json\n{\n  "name": "search_playbook",\n  "arguments": {\n    "query": "signing bonus"\n'
        "  }\n}\n```",
        '<tool_call>\n{"name": "search_playbook", "arguments": {"query": "signing bonus"}}\n'
        "</tool_call>",
        '{{"name": "search_playbook", "arguments": {"query": "signing bonus"}}}',
        '<|python_tag|>{"name": "search_playbook", "parameters": {"query": "signing bonus"}}',
        '[TOOL_CALLS] [{"name": "search_playbook", "arguments": {"query": "signing bonus"}}]',
        '{"function": "search_playbook", "parameters": {"query": "signing bonus"}}',
        '{"type": "function", "function": {"name": "search_playbook", '
        '"arguments": "{\\"query\\": \\"signing bonus\\"}"}}',
        '{"name": "functions.search_playbook", "arguments": {"query": "signing bonus"}}',
        "Let me look that up for you.\n\n```json\n"
        '{"name": "search_playbook", "arguments": {"query": "signing bonus"}}\n```',
        '{"name": "search_playbook", "arguments": {"query": "signing bonus"}}\n\n\n\n\n\n',
    ],
    ids=[
        "bare",
        "fenced",
        "tool_call-tags",
        "doubled-braces",
        "llama-python-tag",
        "mistral-list",
        "function-parameters",
        "openai-wire-string-args",
        "functions-prefix",
        "preamble",
        "trailing-newlines",
    ],
)
def test_one_call_in_every_shape(tools: list[BaseTool], reply: str) -> None:
    assert calls(read_reply(reply, tools, finish_reason="stop")) == [SEARCH]


def test_several_calls_in_one_reply(tools: list[BaseTool]) -> None:
    search = json.dumps({"name": SEARCH.name, "arguments": SEARCH.args})
    for reply in (
        f"<tool_call>\n{LOOKUP_JSON}\n</tool_call>\n<tool_call>\n{search}\n</tool_call>",
        f"{LOOKUP_JSON}\n{search}",
        f"[{LOOKUP_JSON}, {search}]",
    ):
        assert calls(read_reply(reply, tools)) == [LOOKUP, SEARCH]


def test_the_same_call_twice_runs_once(tools: list[BaseTool]) -> None:
    assert calls(read_reply(f"{LOOKUP_JSON}\n{LOOKUP_JSON}", tools)) == [LOOKUP]


def test_arguments_are_read_by_the_tools_schema(tools: list[BaseTool]) -> None:
    reply = '{"name": "search_playbook", "arguments": {"query": "equity", "k": "2", "x": 1}}'
    # The schema's reading: "2" is the int 2; a key the tool doesn't have is dropped.
    assert calls(read_reply(reply, tools)) == [
        TextCall("search_playbook", {"query": "equity", "k": 2})
    ]


@pytest.mark.parametrize(
    ("reply", "sentence"),
    [
        ('{"name": "salary_lookup", "arguments": {"level": "senior"}}', "unusable 'role'"),
        ('{"name": "search_playbook", "arguments": {"query": "x", "k": 50}}', "unusable 'k'"),
        ('{"name": "search_playbook", "arguments": {}}', "named a tool (search_playbook) without"),
        ('{"name": "search_playbook", "arguments": "not json"}', "not JSON"),
        ('{"name": "search_playbook", "arguments": ["signing bonus"]}', "not an object"),
    ],
)
def test_arguments_that_dont_fit_make_the_reply_unusable(
    tools: list[BaseTool], reply: str, sentence: str
) -> None:
    reading = read_reply(reply, tools)
    assert reading.calls == () and reading.unusable is not None
    assert sentence in reading.unusable


@pytest.mark.parametrize(
    ("reply", "sentence"),
    [
        ("functions.salary_lookup:", "named a tool (salary_lookup) without its arguments"),
        ("functions.search_playbook:", "named a tool (search_playbook) without its arguments"),
        ("salary_lookup()", "named a tool (salary_lookup) without its arguments"),
        ("functions.get_weather:", "tool that does not exist (get_weather)"),
        (
            '{"name": "offer_expired", "arguments": {"message": "The offer has expired."}}',
            "tool that does not exist (offer_expired)",
        ),
        (
            "You can use the `search_playbook` function to find negotiation tactics.",
            "described a tool (search_playbook) instead of calling it",
        ),
        (
            "Use the `salary_lookup` function with these arguments:\n```json\n"
            '{"role": "ml engineer", "level": "senior", "location": "seattle"}\n```',
            "described a tool (salary_lookup)",
        ),
        (
            "To get ready, call the `salary_lookup` function like this:\n```json\n"
            f"{LOOKUP_JSON}\n```",
            "described a tool (salary_lookup)",
        ),
        (
            '{"name": "search_playbook", "arguments": {"query": "negotiation tactics, nego',
            "could not be read",
        ),
        ('```json\n{"role": "data analyst", "location": "Austin"}\n```', "raw JSON"),
    ],
)
def test_replies_no_one_can_use(tools: list[BaseTool], reply: str, sentence: str) -> None:
    reading = read_reply(reply, tools, finish_reason="stop")
    assert reading.unusable is not None and sentence in reading.unusable
    assert reading.calls == () and reading.text == ""


def test_a_call_repeated_after_its_result_is_unusable(tools: list[BaseTool]) -> None:
    earlier = [(LOOKUP.name, dict(LOOKUP.args))]
    reading = read_reply(f"```json\n{LOOKUP_JSON}\n```", tools, offered=set(), earlier=earlier)
    assert reading.unusable == "The model repeated its tool call instead of answering"
    # A new call after a result is a second round, when the turn still offers tools.
    offered = {t.name for t in tools}
    search = json.dumps({"name": SEARCH.name, "arguments": SEARCH.args})
    assert calls(read_reply(search, tools, offered=offered, earlier=earlier)) == [SEARCH]


def test_a_call_written_when_no_tools_were_offered_is_unusable(tools: list[BaseTool]) -> None:
    reading = read_reply(LOOKUP_JSON, tools, offered=set())
    assert reading.unusable == "The model wrote a tool call instead of answering"


def test_cut_at_the_token_limit(tools: list[BaseTool]) -> None:
    looping = f"```json\n{LOOKUP_JSON}\n```" + "\n" * 60
    assert "loop of blank lines" in str(read_reply(looping, tools, finish_reason="length").unusable)
    prose_loop = "Ask for a breakdown of the budget.\n```" + "\n" * 40
    assert read_reply(prose_loop, tools, finish_reason="length").unusable is not None
    # A whole call followed by more that the limit cut: the call may be an example.
    cut_call = f"{LOOKUP_JSON}\nNow the next one: "
    assert "cut off" in str(read_reply(cut_call, tools, finish_reason="length").unusable)
    # The same trailing newlines on a reply that stopped by itself are only trimmed.
    assert calls(read_reply(LOOKUP_JSON + "\n" * 60, tools, finish_reason="stop")) == [LOOKUP]


@pytest.mark.parametrize(
    ("reply", "answer"),
    [
        ("Ask for a sign-on bonus.", "Ask for a sign-on bonus."),
        ("Ask for a sign-on bonus.\n\n\n\n\n   \n", "Ask for a sign-on bonus."),
        ("First point.\n\n\n\n\n\nSecond point.", "First point.\n\nSecond point."),
        ("Sure:", "Sure:"),
        ("Say: {your number} is my target.", "Say: {your number} is my target."),
        (
            "Why did the penguin cross the road?\n\nTo get to the other side!",
            "Why did the penguin cross the road?\n\nTo get to the other side!",
        ),
        (
            "No, you should not tell them your current salary.",
            "No, you should not tell them your current salary.",
        ),
    ],
)
def test_plain_answers_stay_answers(tools: list[BaseTool], reply: str, answer: str) -> None:
    assert read_reply(reply, tools, finish_reason="stop") == Reading(text=answer)


def test_a_long_answer_cut_at_the_limit_without_a_loop_stays_an_answer(
    tools: list[BaseTool],
) -> None:
    reply = "Here is how to prepare. " * 40
    assert read_reply(reply, tools, finish_reason="length").text == reply.strip()


def test_a_schema_echoed_back_is_not_a_call(tools: list[BaseTool]) -> None:
    echo = (
        "Here you go.\n<tools>\n"
        '{"type": "function", "function": {"name": "search_playbook", "description": "Search",'
        ' "parameters": {"type": "object", "properties": {"query": {"type": "string"}}}}}\n'
        "</tools>"
    )
    reading = read_reply(echo, tools, finish_reason="stop")
    assert reading.calls == () and reading.unusable is not None
