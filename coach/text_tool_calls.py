"""Tool calls a model wrote as text, read when the server parsed none.

Small local models (Ollama, llama.cpp, LM Studio) often write their tool call into the
reply's text instead of the structured ``tool_calls`` field: fenced or bare JSON with
``name``/``arguments`` (or ``function``/``parameters``), ``<tool_call>`` tags, doubled
braces, several calls in a row. ``read_reply`` turns such a reply into the calls it
means — only for tools that exist, with arguments validated by the tool's own
``args_schema`` — or into a reason the reply can't be used: a tool named with no
arguments, a tool described instead of called, a tool that doesn't exist, the call
repeated after its result came back, a reply cut at the token limit in a loop. Any
other reply is an answer, with trailing whitespace runs trimmed.

Pure: no model, no I/O; the agent decides what to do with the reading.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from langchain_core.tools import BaseTool
from pydantic import ValidationError

# Two blank lines or more in a row are a model stuck on newlines: one is kept.
_BLANK_RUN = re.compile(r"\n(?:[ \t]*\n){2,}")
# A reply ending in this many newlines (or more) at the token limit was looping, not done.
LOOP_NEWLINES = 4

# Wrappers models put around a call: chat-template tags, fences, list brackets.
_WRAPPERS = re.compile(
    r"</?tool_calls?>|</?tools>|\[TOOL_CALLS\]|<\|python_tag\|>|<\|tool_call\|>"
    r"|```[a-zA-Z]*|[{}\[\],:;\s]"
)
# "functions.salary_lookup:" — a tool named, its arguments never written.
_BARE_NAME = re.compile(r"^\s*((?:functions\.)?[A-Za-z_]\w*)\s*(?::|\(\s*\))?\s*$")
_NAME_FIELD = re.compile(r'"(?:name|function)"\s*:\s*"([^"]+)"')


@dataclass(frozen=True)
class TextCall:
    name: str
    args: dict[str, Any]


@dataclass(frozen=True)
class Reading:
    """What a reply means: calls to run, an answer (``text``), or ``unusable`` (why)."""

    text: str = ""
    calls: tuple[TextCall, ...] = ()
    unusable: str | None = None


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    value: Any


def read_reply(
    content: str,
    tools: Iterable[BaseTool],
    *,
    finish_reason: str | None = None,
    offered: Collection[str] | None = None,
    earlier: Sequence[tuple[str, Mapping[str, Any]]] = (),
) -> Reading:
    """Read one reply's text.

    ``tools``: every tool the agent has (a name outside them is invented); ``offered``:
    the tools this request sent (None: all) — a call written when none were offered is a
    model that should have answered; ``earlier``: the calls already made this turn (name,
    validated args), so a call written again after its result is a repeat.
    """
    by_name = {tool.name: tool for tool in tools}
    text, loop = _trim(content)
    cut = finish_reason == "length"
    found = list(_json_values(text))
    raw_calls = [(f, call) for f in found for call in _calls_in(f.value)]
    residue = _residue(text, found)
    if cut and loop:
        return Reading(unusable="The model's reply ran into a loop of blank lines")
    if raw_calls:
        if cut:
            return Reading(unusable="The model's tool call was cut off at its token limit")
        return _check_calls([c for _, c in raw_calls], residue, by_name, offered, earlier)
    return _no_calls(text, residue, found, by_name, cut=cut)


def _check_calls(
    raw: list[tuple[str, Any]],
    residue: str,
    by_name: Mapping[str, BaseTool],
    offered: Collection[str] | None,
    earlier: Sequence[tuple[str, Mapping[str, Any]]],
) -> Reading:
    unknown = [name for name, _ in raw if name not in by_name]
    if unknown:
        return Reading(unusable=f"The model asked for a tool that does not exist ({unknown[0]})")
    mentioned = _tool_mentions(residue, by_name)
    if mentioned:
        # "You can use the `salary_lookup` function like this: {...}" — an example for the
        # user, not a call the model means to make.
        return Reading(
            unusable=f"The model described a tool ({mentioned[0]}) instead of calling it"
        )
    calls: list[TextCall] = []
    for name, arguments in raw:
        args, problem = _validated(by_name[name], arguments)
        if problem:
            return Reading(unusable=problem)
        call = TextCall(name, args)
        if call not in calls:  # the same call twice in one reply runs once
            calls.append(call)
    if all((c.name, c.args) in [(n, dict(a)) for n, a in earlier] for c in calls):
        return Reading(unusable="The model repeated its tool call instead of answering")
    if offered is not None and any(c.name not in offered for c in calls):
        return Reading(unusable="The model wrote a tool call instead of answering")
    return Reading(calls=tuple(calls))


def _no_calls(
    text: str, residue: str, found: list[_Found], by_name: Mapping[str, BaseTool], *, cut: bool
) -> Reading:
    bare = _BARE_NAME.match(text)
    if bare and (bare.group(1).startswith("functions.") or bare.group(1) in by_name):
        name = bare.group(1).removeprefix("functions.")
        if name in by_name:
            return Reading(unusable=f"The model named a tool ({name}) without its arguments")
        return Reading(unusable=f"The model asked for a tool that does not exist ({name})")
    named = _NAME_FIELD.findall(text)
    if named:
        # A call-shaped object that did not parse (cut, or broken JSON).
        if any(n not in by_name for n in named):
            missing = next(n for n in named if n not in by_name)
            return Reading(unusable=f"The model asked for a tool that does not exist ({missing})")
        return Reading(unusable="The model wrote a tool call as text that could not be read")
    mentioned = _tool_mentions(text, by_name)
    if mentioned:
        return Reading(
            unusable=f"The model described a tool ({mentioned[0]}) instead of calling it"
        )
    if found and not residue.strip():
        return Reading(unusable="The model replied with raw JSON instead of an answer")
    return Reading(text=text)


def _trim(content: str) -> tuple[str, bool]:
    """The text without trailing whitespace or runs of blank lines; whether it looped."""
    stripped = content.rstrip()
    tail = content[len(stripped) :]
    loop = tail.count("\n") >= LOOP_NEWLINES
    return _BLANK_RUN.sub("\n\n", stripped), loop


def _json_values(text: str) -> Iterable[_Found]:
    """Every JSON object in the text, outermost first; ``{{…}}`` is read from its inner brace."""
    decoder = json.JSONDecoder()
    i = text.find("{")
    while i != -1:
        try:
            value, end = decoder.raw_decode(text, i)
        except ValueError:
            i = text.find("{", i + 1)
            continue
        yield _Found(i, end, value)
        i = text.find("{", end)


def _calls_in(value: Any) -> list[tuple[str, Any]]:
    """(name, arguments) for each call a JSON value spells; [] for any other object."""
    if isinstance(value, list):
        return [call for item in value for call in _calls_in(item)]
    if not isinstance(value, dict):
        return []
    inner = value.get("function")
    if isinstance(inner, dict) and "name" in inner and "arguments" in inner:
        return [(str(inner["name"]), inner["arguments"])]  # the OpenAI wire shape
    name = value.get("name", value.get("function"))
    if not isinstance(name, str):
        return []
    for key in ("arguments", "parameters", "args"):
        if key in value:
            return [(name.removeprefix("functions."), value[key])]
    return []


def _validated(tool: BaseTool, arguments: Any) -> tuple[dict[str, Any], str | None]:
    """The arguments as the tool's own schema reads them, or one sentence naming the field."""
    if isinstance(arguments, str):  # arguments sent as a JSON string, as the wire format does
        try:
            arguments = json.loads(arguments) if arguments.strip() else {}
        except ValueError:
            return {}, f"The model wrote arguments for {tool.name} that are not JSON"
    if not isinstance(arguments, dict):
        return {}, f"The model wrote arguments for {tool.name} that are not an object"
    schema = tool.args_schema
    if schema is None or isinstance(schema, dict):
        return dict(arguments), None
    try:
        valid = schema.model_validate(arguments)  # type: ignore[union-attr]
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "arguments"
        if not arguments:
            return {}, f"The model named a tool ({tool.name}) without its arguments"
        return {}, f"The model's call of {tool.name} has an unusable '{where}' ({first['msg']})"
    # The fields the model set, as the schema reads them (the tool fills its own
    # defaults when it runs; a key the schema doesn't know is dropped).
    return valid.model_dump(exclude_unset=True), None


def _residue(text: str, found: list[_Found]) -> str:
    """The text around the JSON values, without the wrappers calls come in."""
    parts, last = [], 0
    for f in found:
        parts.append(text[last : f.start])
        last = f.end
    parts.append(text[last:])
    return _WRAPPERS.sub(" ", " ".join(parts)).strip()


def _tool_mentions(text: str, by_name: Mapping[str, BaseTool]) -> list[str]:
    return [name for name in by_name if re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text)]


# How a reply that is a call written as text begins: JSON, a fence, a chat-template tag,
# "functions.name". While a streamed reply may still turn out to be one, it is not shown.
_CALL_START = re.compile(
    r"^\s*(?:[{\[]|```|<tool_call|<\|python_tag|<\|tool_call|\[TOOL_CALLS|functions\.)"
)


def may_be_a_call(partial: str) -> bool:
    """Whether a reply streamed so far may be a tool call written as text: the UI holds
    it back until the turn ends (then the reply is run, or answered by the offline
    coach), so raw JSON never flashes up as the answer."""
    return bool(_CALL_START.match(partial))
