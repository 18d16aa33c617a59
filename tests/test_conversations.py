"""Past conversations (issue 18, item 2): listed with a title, a date and who answered;
opened, renamed and deleted (the checkpoint rows with them); a new one keeps the old."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from coach.config import OFFLINE_LABEL, Settings
from coach.conversations import MAX_TITLE_CHARS, TITLE_CHARS, ConversationIndex, title_from
from coach.errors import InputError
from coach.session import CoachSession
from coach.ui import coach_tab


@pytest.fixture(scope="module")
def session(ingested_settings: Settings) -> CoachSession:
    return CoachSession(ingested_settings)


def _thread() -> str:
    return f"test-{uuid.uuid4().hex}"


def test_a_title_is_the_first_question_on_one_line_cut_at_a_word() -> None:
    assert title_from("  Should I tell them\nmy current salary?  ") == (
        "Should I tell them my current salary?"
    )
    long = "I got an offer from a startup in Austin with a base of 170k and lots of options " * 2
    title = title_from(long)
    assert len(title) <= TITLE_CHARS + 1 and title.endswith("…")
    assert long.startswith(title[:-1])  # cut, not rewritten
    assert not title[:-1].endswith(" ")


def test_the_list_is_newest_first_and_counts_questions(tmp_path: Path) -> None:
    index = ConversationIndex(tmp_path / "list.sqlite")
    index.record_turn("a", "What does a data scientist in Denver make?", OFFLINE_LABEL)
    index.record_turn("b", "Is 185k base good?", "llama3.2")
    index.record_turn("a", "and in Austin?", OFFLINE_LABEL)  # a follow-up: same title
    first, second = index.recent()
    assert (first.thread_id, first.turns, first.title) == (
        "a",
        2,
        "What does a data scientist in Denver make?",
    )
    assert (second.thread_id, second.backend, second.turns) == ("b", "llama3.2", 1)
    assert "Is 185k base good? · " in second.label and "llama3.2 · 1 question" in second.label


def test_the_list_survives_reopening_the_file(tmp_path: Path) -> None:
    ConversationIndex(tmp_path / "list.sqlite").record_turn("a", "hello", OFFLINE_LABEL)
    assert [c.thread_id for c in ConversationIndex(tmp_path / "list.sqlite").recent()] == ["a"]


@pytest.mark.parametrize("name", ["", "   ", "x" * (MAX_TITLE_CHARS + 1)])
def test_a_bad_name_is_refused_and_the_old_one_kept(tmp_path: Path, name: str) -> None:
    index = ConversationIndex(tmp_path / "list.sqlite")
    index.record_turn("a", "first question", OFFLINE_LABEL)
    with pytest.raises(InputError, match="name"):
        index.rename("a", name)
    assert index.recent()[0].title == "first question"


def test_renaming_a_conversation_that_is_gone_says_so(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no longer here"):
        ConversationIndex(tmp_path / "list.sqlite").rename("gone", "New name")


def test_asking_lists_the_conversation_and_a_new_one_keeps_the_old(
    session: CoachSession,
) -> None:
    first, second = _thread(), _thread()
    session.ask(first, "What does a senior ML engineer in Seattle make?")
    session.ask(first, "and in Austin?")
    session.ask(second, "Should I tell the recruiter my current salary?")
    listed = {c.thread_id: c for c in session.past_conversations()}
    assert listed[first].title == "What does a senior ML engineer in Seattle make?"
    assert (listed[first].turns, listed[first].backend) == (2, OFFLINE_LABEL)
    assert listed[second].turns == 1
    ids = [value for _, value in coach_tab.conversation_choices(session)]
    assert ids.index(second) < ids.index(first)  # the latest first
    # Opening the first again shows its own messages, both turns.
    shown = coach_tab.history_messages(session, first)
    questions = [m["content"] for m in shown if m["role"] == "user"]
    assert questions == ["What does a senior ML engineer in Seattle make?", "and in Austin?"]


def test_renaming_shows_the_new_name_in_the_list(session: CoachSession) -> None:
    thread = _thread()
    session.ask(thread, "Is a 20k sign-on worth more than 10k on base?")
    session.rename_conversation(thread, "  Sign-on vs   base ")
    assert dict((v, k) for k, v in coach_tab.conversation_choices(session))[thread].startswith(
        "Sign-on vs base · "
    )


def test_deleting_removes_the_messages_and_the_row(session: CoachSession) -> None:
    kept, gone = _thread(), _thread()
    session.ask(kept, "What is a walk-away number?")
    session.ask(gone, "What is an exploding offer?")
    question = coach_tab.delete_question(session, gone)
    assert question is not None and "What is an exploding offer?" in question
    assert "can't be undone" in question
    session.delete_conversation(gone)
    assert session.history(gone) == []  # the checkpoint rows went too
    assert gone not in {c.thread_id for c in session.past_conversations()}
    assert coach_tab.delete_question(session, gone) is None
    assert session.history(kept)  # the other conversation is untouched
    assert kept in {c.thread_id for c in session.past_conversations()}


def test_a_conversation_not_yet_asked_has_nothing_to_delete(session: CoachSession) -> None:
    assert coach_tab.delete_question(session, _thread()) is None
    assert coach_tab.delete_question(session, None) is None


def test_an_eval_run_leaves_nothing_in_the_list(ingested_settings: Settings) -> None:
    """The evals converse in the user's data dir: each case's thread must go whole."""
    from coach.evals.cost import CostMeter
    from coach.evals.rubric import load_rubric
    from coach.evals.suites.context import EMBEDDED, EvalContext

    context = EvalContext(
        settings=ingested_settings,
        backend=EMBEDDED,
        model="",
        rubric=load_rubric(),
        sections=set(),
        meter=CostMeter(None),
    )
    before = {c.thread_id for c in context.session.past_conversations()}
    records = context.converse(["What does a data engineer in Denver make?", "and in Austin?"])
    assert len(records.records) == 2
    after = {c.thread_id for c in context.session.past_conversations()}
    assert after == before
