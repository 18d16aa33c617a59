"""The offline coach's turn without the agent graph (coach.offline_agent) against the graph.

With no model configured the session runs ``OfflineAgent``; given the offline coach as its
model, it runs the LangChain agent graph. Both must give the same turns, and a thread must
go on in either whatever wrote it.
"""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import AIMessage
from langgraph.graph import MessagesState, StateGraph
from langgraph.prebuilt import ToolNode

from coach.config import Settings
from coach.llm import embedded_model
from coach.offline_agent import OfflineAgent
from coach.session import CoachReply, CoachSession
from coach.tools import make_tools

pytestmark = pytest.mark.slow

CONVERSATIONS = [
    ["what does a senior ML engineer in Seattle make?", "and in Austin?", "as a staff engineer?"],
    ["how do I counter without losing the offer?", "what if they insist?"],
    ["thanks, have a nice day", "what's a good joke?"],
    [
        "Offer: $185k base, 10% bonus, $120k RSUs over 4 years, $20k sign-on. Is it good?",
        "I'm a senior ML engineer in Seattle. Draft my counter",
    ],
    ["I make 150k now and won't go below 170k: what's my walk-away?", "and my anchor range?"],
    ["should I take 30k sign-on or 10k more base?"],
]


def shown(turn: CoachReply) -> dict[str, Any]:
    """What a person sees of a turn, from the answer to the tool steps."""
    data = turn.to_dict()
    data.pop("backend")  # the graph session names its model; the answerer is in the steps
    return data


def graph_session(settings: Settings) -> CoachSession:
    return CoachSession(settings, model=embedded_model(settings))


@pytest.fixture
def both(ingested_settings: Settings) -> tuple[CoachSession, CoachSession]:
    offline = CoachSession(ingested_settings)
    graph = graph_session(ingested_settings)
    assert offline.offline_agent is not None and graph.offline_agent is None
    return offline, graph


@pytest.mark.parametrize("conversation", CONVERSATIONS, ids=lambda c: c[0][:30])
def test_the_offline_agent_answers_as_the_agent_graph(
    both: tuple[CoachSession, CoachSession], conversation: list[str]
) -> None:
    offline, graph = both
    thread = f"same-{abs(hash(tuple(conversation)))}"
    for question in conversation:
        assert shown(offline.ask(f"{thread}-offline", question)) == shown(
            graph.ask(f"{thread}-graph", question)
        ), question
    kinds = [type(m).__name__ for m in offline.history(f"{thread}-offline")]
    assert kinds == [type(m).__name__ for m in graph.history(f"{thread}-graph")]


@pytest.mark.parametrize("first", ["offline", "graph"])
def test_a_thread_goes_on_whichever_path_wrote_it(
    both: tuple[CoachSession, CoachSession], first: str
) -> None:
    offline, graph = both
    writer, reader = (offline, graph) if first == "offline" else (graph, offline)
    thread, alone = f"mixed-{first}", f"alone-{first}"
    opening = "what does a senior ML engineer in Seattle make?"
    writer.ask(thread, opening)
    reader.ask(alone, opening)
    follow_up = "and in Austin?"
    carried = reader.ask(thread, follow_up)
    assert "Austin" in carried.answer
    assert shown(carried) == shown(reader.ask(alone, follow_up))
    # Both read the whole thread back the same, the follow-up after the opening.
    assert [m.content for m in offline.history(thread)] == [
        m.content for m in graph.history(thread)
    ]
    assert [t for t, _ in offline.turns(thread)] == [opening, follow_up]


def test_a_bad_tool_argument_reads_as_the_graphs_tool_node_writes_it(
    ingested_settings: Settings,
) -> None:
    session = CoachSession(ingested_settings)
    agent = session.offline_agent
    assert isinstance(agent, OfflineAgent)
    call = {"name": "search_playbook", "args": {"query": "anchor", "k": 99}, "id": "c1"}
    ours = agent._run(call)
    tool_calls = [{**call, "type": "tool_call"}]
    graph = StateGraph(MessagesState)
    graph.add_node("tools", ToolNode(make_tools(session.playbook)))
    graph.set_entry_point("tools")
    graph.set_finish_point("tools")
    state = graph.compile().invoke({"messages": [AIMessage("", tool_calls=tool_calls)]})
    theirs = state["messages"][-1]
    assert ours.status == theirs.status == "error"
    assert ours.content == theirs.content
    assert "k: Input should be less than or equal to 8" in ours.content
