"""Citations that open (issue 18, item 4): each citation in an answer links to its passage
in the panel beside the chat; the panel holds every answer's passages and comes back
whole after a reload."""

from __future__ import annotations

import re
import uuid

import pytest

from coach.citations import reader_title
from coach.config import Settings
from coach.session import CoachSession
from coach.ui import coach_tab

# A citation as a reader sees it: its section's title, "Anchoring — Deflecting …", linked.
LINK = re.compile(r"\[([^\]]+ — [^\]]+)\]\(#(src-\d+-\d+)\)")


def _titled(session: CoachSession, thread: str) -> dict[str, str]:
    """Each citation of the conversation by the title its link shows."""
    return {
        reader_title(c): c
        for _, turn in session.turns(thread)
        for c in coach_tab.cited(session, turn)
    }


@pytest.fixture(scope="module")
def session(own_ingested_settings: Settings) -> CoachSession:
    return CoachSession(own_ingested_settings)


def _final(session: CoachSession, thread: str, question: str, history: list) -> tuple:
    *_, last = coach_tab.stream_reply(session, thread, question, history)
    return last


def test_each_citation_links_to_its_passage_for_each_answer(session: CoachSession) -> None:
    thread = f"cite-{uuid.uuid4().hex}"
    shown, panel = _final(session, thread, "Should I tell the recruiter my current salary?", [])
    shown, panel = _final(session, thread, "They said the budget is fixed. What now?", shown)
    answers = [m["content"] for m in shown if m["role"] == "assistant" and not m.get("metadata")]
    first, second = answers
    titled = _titled(session, thread)
    for number, answer in ((1, first), (2, second)):
        links = LINK.findall(answer)
        assert links, answer
        assert " § " not in answer  # no file ids where a reader looks
        for title, anchor in links:
            assert title in titled  # the title of one of the answer's citations
            assert anchor.startswith(f"src-{number}-")
            # The anchor is in the panel, followed by the passage of that very citation.
            block = panel.split(f'<a id="{anchor}"></a>', 1)[1].split("<a id=", 1)[0]
            assert f"**{title}**" in block
            assert "Sources:" in block
    # The latest answer's passages come first.
    assert panel.index("#### Answer 2:") < panel.index("#### Answer 1:")
    # A reload shows the same links and the same panel.
    restored = coach_tab.history_messages(session, thread)
    assert [
        m["content"] for m in restored if m["role"] == "assistant" and not m.get("metadata")
    ] == [
        first,
        second,
    ]
    assert coach_tab.conversation_panel(session, thread) == panel


def test_a_citation_no_search_returned_opens_the_whole_section(session: CoachSession) -> None:
    thread = f"cite-{uuid.uuid4().hex}"
    shown, panel = _final(
        session,
        thread,
        "I got an offer: 185k base, 15% bonus, 400k RSUs over 4 years, 20k sign-on. Is it good?",
        [],
    )
    answer = shown[-1]["content"]
    searched = {
        p.citation
        for _, turn in session.turns(thread)
        for step in turn.tool_steps
        if step.name == "search_playbook" and step.result is not None
        for p in step.result.passages  # type: ignore[attr-defined]
    }
    titled = _titled(session, thread)
    others = [titled[t] for t, _ in LINK.findall(answer) if titled[t] not in searched]
    assert others  # the counter's levers name their sections
    for citation in others:  # cited by the offer tools: the panel opens the section itself
        section = session.playbook.section(citation)
        assert section is not None
        assert section.text.strip()[:80] in panel
    assert LINK.findall(answer)


def test_the_playbook_finds_a_section_by_its_citation_in_any_case(
    session: CoachSession,
) -> None:
    found = session.playbook.section("ANCHORING §  deflecting the current-salary question")
    assert found is not None and found.citation == (
        "anchoring § Deflecting the current-salary question"
    )
    assert session.playbook.section("anchoring § No such heading") is None


def test_only_the_turns_citations_become_links() -> None:
    text = (
        "Say the range [first]. Why: [anchoring § Deflecting the current-salary question]; "
        "[anchoring § Deflecting the current-salary question](#src-1-1) already linked."
    )
    linked = coach_tab.linked_answer(
        text, 3, ["anchoring § Deflecting the current-salary question"]
    )
    assert "[first]." in linked  # not a citation of the turn: left alone
    assert linked.count("[Anchoring — Deflecting the current-salary question](#src-3-1)") == 1
    assert linked.count("](#src-1-1)") == 1  # never linked twice


def test_a_conversation_with_no_citation_says_where_they_will_appear(
    session: CoachSession,
) -> None:
    assert coach_tab.conversation_panel(session, f"cite-{uuid.uuid4().hex}") == (
        coach_tab.NO_PASSAGES
    )
