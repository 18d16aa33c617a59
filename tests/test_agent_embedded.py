"""The offline coach end to end: the real agent loop, tools and memory, no model server."""

from __future__ import annotations

import pytest

from coach.config import Settings
from coach.session import CoachSession

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def session(ingested_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> CoachSession:
    return CoachSession(ingested_settings)


def tools_of(turn) -> list[str]:  # type: ignore[no-untyped-def]
    return [step.name for step in turn.tool_steps]


@pytest.mark.parametrize(
    ("question", "tools", "must_contain"),
    [
        (
            "What does a senior ML engineer in Seattle make?",
            ["salary_lookup", "search_playbook"],
            ["machine learning engineer", "| 10th percentile |", "aijobs.net"],
        ),
        (
            "median salary for a data scientist in San Francisco",
            ["salary_lookup", "search_playbook"],
            ["data scientist", "Occupational Employment"],
        ),
        (
            "They said this is the top of their range",
            ["search_playbook"],
            ['[objections § "This is the top of our range"]'],
        ),
        ("Should I tell the recruiter my current salary?", ["search_playbook"], ["[anchoring §"]),
        (
            "What else can I negotiate besides base salary?",
            ["search_playbook"],
            ["total-package §"],
        ),
        (
            "What's the weather like in Paris today?",
            [],
            ["outside what I do", "What does a senior data engineer in Austin make?"],
        ),
        ("hello", [], ["offline coach"]),
        # Paraphrases, not the labelled examples themselves.
        (  # law with no pay in it: declined plainly, nothing searched
            "Is the non-compete clause in my employment contract enforceable?",
            [],
            ["not a lawyer"],
        ),
        ("Will I owe taxes on my RSUs when they vest?", ["search_playbook"], ["tax professional"]),
        # Advice is composed (issue 16): a direct answer, a script, then "Why:" and a
        # citation; no "section by section" passages.
        ("What happens with RSUs at a startup?", ["search_playbook"], ["**Why:** ", "§"]),
        (
            "Write me a counter email. The offer is 160k base and 50k in stock for an ML "
            "engineer in Austin.",
            ["draft_counter", "search_playbook"],
            ["Anchor", "Thank"],
        ),
        (
            "My partner David got an offer: 160k base and 50k in stock for a senior ML "
            "engineer in Austin. What should he counter with?",
            ["draft_counter", "search_playbook"],
            ["Anchor"],
        ),
    ],
)
def test_real_questions(
    session: CoachSession, question: str, tools: list[str], must_contain: list[str]
) -> None:
    turn = session.ask(f"table-{question}", question)
    assert tools_of(turn) == tools
    for text in must_contain:
        assert text in turn.text, turn.text
    assert turn.unverified == [], "the offline coach must only state traceable figures"
    assert turn.backend == "offline coach"
    assert "OPENAI_" not in turn.text, "configuration is the README's job, not an answer's"


def test_follow_up_carries_role_and_level(session: CoachSession) -> None:
    thread = "follow-up"
    first = session.ask(thread, "What does a senior ML engineer in Seattle make?")
    second = session.ask(thread, "and in New York?")
    args = second.tool_steps[0].args
    assert second.tool_steps[0].name == "salary_lookup"
    assert args["location"] == "new york"
    assert args["level"] == "senior"
    assert "machine learning engineer" in second.text and "New York" in second.text
    assert first.text != second.text


def test_follow_ups_chain_and_a_named_role_makes_pay_questions_market_questions(
    session: CoachSession,
) -> None:
    thread = "chain"
    session.ask(thread, "What's the median for a data scientist?")
    session.ask(thread, "senior level")
    third = session.ask(thread, "in Chicago")
    lookup = third.tool_steps[0]
    assert lookup.name == "salary_lookup"
    args = (lookup.args["role"], lookup.args["level"], lookup.args["location"])
    assert args == ("data scientist", "senior", "Chicago-Naperville-Elgin, IL-IN")
    session.ask("me", "I'm a senior data scientist in Boston.")
    rate = session.ask("me", "what's the market rate for me?")
    assert rate.tool_steps[0].name == "salary_lookup"
    assert rate.tool_steps[0].args["location"] == "Boston-Cambridge-Newton, MA-NH"


def test_unknown_role_is_said_plainly(session: CoachSession) -> None:
    turn = session.ask("unknown-role", "What does a senior astronaut make in Houston?")
    # A job the data doesn't cover -> the coach says so and names what it covers, instead
    # of guessing a figure or asking again for a role the person already gave.
    assert "Unknown role 'astronaut'" in turn.text
    assert "data scientist" in turn.text  # what it does cover
    assert "Market base pay" not in turn.text
    assert turn.unverified == []


def test_memory_survives_restart(ingested_settings: Settings) -> None:
    thread = "restart"
    CoachSession(ingested_settings).ask(
        thread, "What does a mid-level data engineer make in Austin?"
    )
    turn = CoachSession(ingested_settings).ask(thread, "what about senior?")
    assert turn.tool_steps[0].args["role"] == "data engineer"
    assert turn.tool_steps[0].args["level"] == "senior"


@pytest.mark.parametrize("message", ["", "   "])
def test_empty_message_is_refused_plainly(session: CoachSession, message: str) -> None:
    from coach.errors import InputError

    with pytest.raises(InputError, match="type a question"):
        session.ask("empty", message)


@pytest.mark.parametrize(
    "reply",
    [
        "what if they insist?",
        "And if they keep pushing for it?",
        "Suppose they press me hard for the number. Then what?",
    ],
)
def test_a_reply_leaning_on_the_last_question_is_answered_in_its_light(
    session: CoachSession, reply: str
) -> None:
    thread = f"lean-{reply}"
    first = session.ask(thread, "Should I tell the recruiter my current salary?")
    second = session.ask(thread, reply)
    query = second.tool_steps[0].args["query"]
    assert "current salary" in query, query  # searched with the question it leans on
    assert "current" in second.text.lower() and second.text != first.text


def test_pressed_on_a_topic_without_a_next_step_the_answer_says_it_stands(
    session: CoachSession,
) -> None:
    thread = "lean-stands"
    first = session.ask(thread, "How should I negotiate the equity in a startup offer?")
    second = session.ask(thread, "and if they say no?")
    assert second.text != first.text  # never the last answer verbatim
    if first.citations[:1] == second.citations[:1]:
        assert second.text.startswith("If they press on it"), second.text


@pytest.mark.parametrize(
    ("question", "first_tool", "must_contain"),
    [
        # Which number to state, no role yet: how to set it, and the role asked for.
        ("What's a sensible salary to request when I negotiate?", "search_playbook", "role"),
        ("how much should i be asking for", "search_playbook", "role"),
        # What to expect is the market's figure, not the ask.
        ("As a mid-level data engineer, what base should I expect?", "salary_lookup", "median"),
    ],
)
def test_which_number_to_ask_and_what_to_expect_are_told_apart(
    session: CoachSession, question: str, first_tool: str, must_contain: str
) -> None:
    turn = session.ask(f"number-{question}", question)
    assert turn.tool_steps[0].name == first_tool
    assert must_contain in turn.text


def test_an_offer_asked_about_still_places_its_base_against_the_market(
    session: CoachSession,
) -> None:
    turn = session.ask(
        "meanwhile",
        "senior AI engineer at a startup in Boston: $190k base, 0.25% equity. fair?",
    )
    assert "at what valuation" in turn.text  # asked, not scored on a guess
    assert "**Meanwhile, the base:** $190,000 against a market median base of $" in turn.text
    assert turn.unverified == []  # every figure, the lookup's basis included, is traced


def test_a_new_question_opening_with_so_is_not_pressed_on_the_last(
    session: CoachSession,
) -> None:
    thread = "lean-new"
    session.ask(thread, "the recruiter keeps asking my current salary, what do I say?")
    second = session.ask(thread, "so how do I ask my manager for a raise next year?")
    assert not second.text.startswith("If they keep pressing")
    assert "current salary" not in second.tool_steps[0].args["query"]


def test_how_much_of_a_part_or_a_raise_is_searched_as_asked(session: CoachSession) -> None:
    # Not the new-job range: the question itself is what the playbook is searched for.
    turn = session.ask("how-much-raise", "how much of a raise should I ask for?")
    assert turn.tool_steps[0].args["query"] == "how much of a raise should I ask for?"
