"""Composed advice answers (issue 16, item 2): topics as data, the second round of fact
tools, and each topic's answer: the direct answer first, the person's own figures when
the tools know them (no placeholder left), one line asking for the missing fact when
they don't, "Why:" with a citation, and no playbook passage pasted."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from coach import prompts
from coach.config import Settings
from coach.contracts import (
    AnchorRangeResult,
    CounterResult,
    OfferScoreResult,
    Passage,
    PlaybookPassages,
    ToolName,
    ToolResult,
    WalkAwayResult,
    parse_result,
)
from coach.embedded import composers, writer
from coach.embedded.composers import (
    RaiseCues,
    Topic,
    calls_needed,
    compose,
    load_topics,
    topic_for,
)
from coach.errors import DataError
from coach.evals.graders.answer import CITATION
from coach.evals.rubric import load_rubric
from coach.guard import harmful_advice, unsupported_amounts
from coach.money import find_amounts, format_usd
from coach.playbook import Playbook, load_chunks, slugify
from coach.resources import KNOWLEDGE_DIR
from coach.tools import make_tools
from coach.understanding import Slots

CHUNKS = load_chunks(KNOWLEDGE_DIR / "playbook")
TOPICS = load_topics()
OFFER = (
    "Offer: 185k base, 15% bonus, 400k RSUs over 4 years, 20k sign-on, "
    "senior ML engineer in Seattle."
)
SLOTS = Slots(
    role="ml engineer",
    level="senior",
    location="seattle",
    current_base=150_000,
    offer_text=OFFER,
)
PLACEHOLDER = re.compile(r"\$[A-Z]\b|\[(?:your|company|result|day|X|Y)[^\]]*\]", re.IGNORECASE)
SHINGLE = 12  # a shared run this long is a copied sentence, not a common phrase


def _section_id(doc_id: str, section: str) -> str:
    return f"{doc_id}#{slugify(section)}"


def _passage(doc_id: str, section: str) -> Passage:
    chunk = next(c for c in CHUNKS if c.doc_id == doc_id and c.section == section)
    return Passage(
        citation=f"{doc_id} § {section}", text=chunk.text, doc_id=doc_id, section=section
    )


def _sections_of(topic: Topic) -> list[tuple[str, str]]:
    """The sections a topic answers for; a topic chosen by the question's words (no
    sections of its own), the sections it cites."""
    own = [
        (c.doc_id, c.section)
        for c in CHUNKS
        if composers.topic_of_section(_section_id(c.doc_id, c.section)) is topic
    ]
    cited = [(doc, heading) for doc, _, heading in (c.partition(" § ") for c in topic.cites)]
    return own + cited


def _passages_for(topic: Topic) -> PlaybookPassages:
    """The topic's own first section as the top hit, and an unrelated one behind it."""
    doc_id, section = _sections_of(topic)[0]
    other = next(
        c
        for c in CHUNKS
        if composers.topic_of_section(_section_id(c.doc_id, c.section)) is not topic
    )
    return PlaybookPassages(
        passages=[_passage(doc_id, section), _passage(other.doc_id, other.section)]
    )


@pytest.fixture(scope="module")
def tools(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    # The fact tools read the market tables, not the playbook's store: nothing is ingested.
    playbook = Playbook(Settings(home=tmp_path_factory.mktemp("composers")))
    return {tool.name: tool for tool in make_tools(playbook)}


def _run(tools: dict[str, Any], call: dict[str, Any]) -> tuple[ToolResult, ToolMessage]:
    """Run a call as the agent loop would: the typed result and its tool message."""
    content, artifact = tools[call["name"]].func(**call["args"])
    result = parse_result(call["name"], artifact)
    assert result is not None
    message = ToolMessage(content, artifact=artifact, name=call["name"], tool_call_id=call["id"])
    return result, message


@pytest.fixture(scope="module")
def fact_results(tools: dict[str, Any]) -> tuple[dict[str, ToolResult], list[ToolMessage]]:
    """Every fact tool run once for SLOTS: the figures a topic may use."""
    results: dict[str, ToolResult] = {}
    messages: list[ToolMessage] = []
    everything = Topic("all", ("x",), composers.FACT_TOOLS, None, "anchor_range")
    for n, tool in enumerate(composers.FACT_TOOLS):
        call = calls_needed(Topic("one", ("x",), (tool,), None, "t"), SLOTS, [])[0]
        call["id"] = f"call_{n}"
        result, message = _run(tools, call)
        assert not result.error, result.error
        results[call["name"]] = result
        messages.append(message)
    assert everything.facts == tuple(ToolName(n) for n in results)
    return results, messages


def _sentences(paragraph: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"*])", paragraph.strip()) if s]


def _pasted(answer: str, passages: PlaybookPassages) -> list[str]:
    """Runs of SHINGLE words the answer shares with a passage: pasting, not composing."""

    def words(text: str) -> list[str]:
        return re.findall(r"[a-z0-9']+", text.lower())

    said = words(answer)
    runs = {tuple(said[i : i + SHINGLE]) for i in range(len(said) - SHINGLE + 1)}
    found = []
    for p in passages.passages:
        text = words(p.text)
        found += [
            " ".join(text[i : i + SHINGLE])
            for i in range(len(text) - SHINGLE + 1)
            if tuple(text[i : i + SHINGLE]) in runs
        ]
    return found


# -- topics as data -------------------------------------------------------------------------
def test_every_playbook_section_maps_to_a_topic() -> None:
    unmapped = [
        c.id for c in CHUNKS if composers.topic_of_section(_section_id(c.doc_id, c.section)) is None
    ]
    assert unmapped == []


def test_every_topic_names_real_sections_and_a_template() -> None:
    ids = {_section_id(c.doc_id, c.section) for c in CHUNKS}
    docs = {c.doc_id for c in CHUNKS}
    for topic in TOPICS:
        for section in topic.sections:
            assert section in ids if "#" in section else section in docs, (topic.id, section)
        assert prompts.load(f"embedded/topics/{topic.template}").template.strip(), topic.id
        if topic.next_step:
            assert prompts.load(f"embedded/topics/{topic.next_step}").template.strip(), topic.id
    assert len({t.id for t in TOPICS}) == len(TOPICS)


def test_the_composer_slugs_headings_as_the_playbook_does() -> None:
    for chunk in CHUNKS:
        assert composers.slugify(chunk.section) == slugify(chunk.section)


def test_a_bad_fact_name_is_named_with_its_topic(tmp_path: Path) -> None:
    bad = tmp_path / "topics.yaml"
    bad.write_text(
        "topics:\n  - id: odd\n    sections: [anchoring]\n    facts: [horoscope]\n"
        "    template: anchor_range\n"
    )
    with pytest.raises(DataError, match=r"Topic odd: 'facts' names 'horoscope'"):
        load_topics(bad)


def test_the_top_hit_decides_the_topic() -> None:
    top = _passage("objections", '"The budget is fixed"')
    second = _passage("anchoring", "Stating a range built on the anchor")
    assert topic_for(PlaybookPassages(passages=[top, second])).id == "objection-budget-fixed"  # type: ignore[union-attr]
    assert topic_for(PlaybookPassages(passages=[second, top])).id == "anchor-range"  # type: ignore[union-attr]
    assert topic_for(PlaybookPassages()) is None and topic_for(None) is None


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("data engineer", "reframing-data"),
        ("engineering manager", "reframing-manager"),
        ("software engineer", "reframing-backend"),
        ("data scientist", "reframing-data-science"),
        ("astronaut", "reframing-productivity"),  # no topic of its own: the top hit's
        (None, "reframing-productivity"),
    ],
)
def test_a_role_with_its_own_topic_in_the_top_hits_document_gets_it(
    role: str | None, expected: str
) -> None:
    top = _passage("reframing-productivity", "Overview")
    found = topic_for(PlaybookPassages(passages=[top]), role)
    assert found is not None and found.id == expected


def test_a_role_topic_never_answers_an_unrelated_hit() -> None:
    top = _passage("timing", "Overview")
    found = topic_for(PlaybookPassages(passages=[top]), "data engineer")
    assert found is not None and found.id != "reframing-data"


@pytest.mark.parametrize("raise_talk", [None, RaiseCues()], ids=["offer", "raise talk"])
@pytest.mark.parametrize(
    "topic", [t for t in TOPICS if t.roles], ids=lambda t: t.id if isinstance(t, Topic) else ""
)
def test_a_topic_written_for_some_roles_never_answers_a_person_of_another(
    topic: Topic, raise_talk: RaiseCues | None
) -> None:
    # Its section is among the hits, behind one from another document (a PM asked in
    # words an engineering manager would use): the answer must not say "As an engineering
    # manager" to a PM.
    doc_id, section = _sections_of(topic)[0]
    first = _passage("evidence-pack", "Adding judgement and ownership examples")
    hits = PlaybookPassages(passages=[first, _passage(doc_id, section)])
    other_role = next(r for r in ("product manager", "data scientist") if r not in topic.roles)
    found = topic_for(hits, other_role, raise_talk)
    assert found is None or not found.roles or other_role in found.roles, found
    # The roles it is written for still get it.
    mine = topic_for(hits, topic.roles[0], raise_talk)
    assert mine is not None and (not mine.roles or topic.roles[0] in mine.roles)


# -- the second round -------------------------------------------------------------------------
def _topic(tid: str) -> Topic:
    return next(t for t in TOPICS if t.id == tid)


def test_calls_needed_runs_the_facts_the_slots_allow_once() -> None:
    walk = _topic("walk-away")  # walk_away, then anchor_range
    calls = calls_needed(walk, SLOTS, ["search_playbook"])
    assert [c["name"] for c in calls] == ["walk_away", "anchor_range"]
    assert calls[0]["args"] == {
        "current_base": "150000",
        "role": "ml engineer",
        "level": "senior",
        "location": "seattle",
    }
    assert [c["id"] for c in calls] == ["call_embedded_1_walk_away", "call_embedded_2_anchor_range"]
    done = ["search_playbook", "walk_away", "anchor_range"]
    assert calls_needed(walk, SLOTS, done) == []
    assert calls_needed(walk, Slots(), ["search_playbook"]) == []  # nothing known: ask instead


def test_an_offer_tool_carries_the_anchor_so_anchor_range_is_not_run_too() -> None:
    counter = _topic("counter")  # draft_counter, anchor_range
    assert [c["name"] for c in calls_needed(counter, SLOTS, [])] == ["draft_counter"]
    no_offer = Slots(role="data scientist", location="boston")
    assert [c["name"] for c in calls_needed(counter, no_offer, [])] == ["anchor_range"]


# -- each topic's answer ----------------------------------------------------------------------
@pytest.mark.parametrize("topic", TOPICS, ids=lambda t: t.id)
def test_a_composed_answer_without_facts(topic: Topic) -> None:
    passages = _passages_for(topic)
    # A raise topic asks for the gap's facts when the number is asked for (RaiseCues).
    answer = compose(topic, passages, {}, Slots(), cues=RaiseCues(number=True))
    first = answer.split("\n\n")[0]
    assert 3 <= len(_sentences(first)) <= 8, first
    assert not first.startswith(("**", ">", "Here is")), "the direct answer comes first"
    assert "**Say" in answer, "a script: what to say"
    why = answer[answer.index("**Why:**") :]
    assert CITATION.search(why) and passages.passages[0].citation in why
    assert len(CITATION.findall(why)) <= 2
    if topic.ask is not None:
        ask = prompts.render(f"embedded/facts/ask_{topic.ask.value}")
        assert ask in answer and answer.count("\n" + ask + "\n") == 1
    else:
        assert not re.search(r"(?m)^(Tell me|Paste the|Add your)", answer)
    assert not [a for a in find_amounts(answer) if a.explicit], "no figure without a tool"
    assert not PLACEHOLDER.search(answer), answer
    assert _pasted(answer, passages) == []
    assert harmful_advice(answer) == []
    assert load_rubric().violations(answer) == []


@pytest.mark.parametrize("topic", [t for t in TOPICS if t.facts], ids=lambda t: t.id)
def test_a_composed_answer_with_the_persons_figures(
    topic: Topic, fact_results: tuple[dict[str, ToolResult], list[ToolMessage]]
) -> None:
    all_results, messages = fact_results
    # The fact tools this topic would run for SLOTS, as the second round would.
    wanted = {c["name"] for c in calls_needed(topic, SLOTS, [])}
    results = {name: r for name, r in all_results.items() if name in wanted}
    passages = _passages_for(topic)
    answer = compose(topic, passages, results, SLOTS)
    shown = {a.value for a in find_amounts(answer) if a.explicit}
    assert shown, f"{topic.id}: the person's own figures"
    anchor = results.get(ToolName.ANCHOR_RANGE)
    if isinstance(anchor, AnchorRangeResult):
        assert f"{format_usd(anchor.low_end)} to {format_usd(anchor.top_low or 0)}" in answer
    walk = results.get(ToolName.WALK_AWAY)
    if isinstance(walk, WalkAwayResult):
        assert format_usd(walk.walk_away or 0) in answer
    counter = results.get(ToolName.DRAFT_COUNTER)
    if (
        isinstance(counter, CounterResult)
        and "$counter_ask" in prompts.load(f"embedded/topics/{topic.template}").template
    ):
        assert format_usd(counter.base_ask or 0) in answer
    score = results.get(ToolName.SCORE_OFFER)
    if isinstance(score, OfferScoreResult):
        assert f"{score.score}/100" in answer
    assert not re.search(r"(?m)^(Tell me|Paste the|Add your)", answer), "nothing to ask"
    assert not PLACEHOLDER.search(answer), answer
    assert "market median for this level up to" not in answer, "the range, not its recipe"
    assert unsupported_amounts(answer, [HumanMessage(OFFER), *messages]) == []
    assert _pasted(answer, passages) == []
    assert harmful_advice(answer) == [] and load_rubric().violations(answer) == []
    first = answer.split("\n\n")[0]
    assert 3 <= len(_sentences(first)) <= 8, first


def test_levers_are_priced_in_dollars_with_their_section(
    fact_results: tuple[dict[str, ToolResult], list[ToolMessage]],
) -> None:
    results, _ = fact_results
    counter = results[ToolName.DRAFT_COUNTER]
    assert isinstance(counter, CounterResult)
    sign_on = next(lv for lv in counter.levers if lv.key == "sign_on")
    topic = _topic("objection-budget-fixed")
    answer = compose(topic, _passages_for(topic), {ToolName.DRAFT_COUNTER: counter}, SLOTS)
    assert f"+{format_usd(sign_on.value or 0)}" in answer
    assert f"[{sign_on.citation}]" in answer  # the section behind the figure, second


# -- wired into the writer and the brain --------------------------------------------------------
def test_the_writer_composes_advice_instead_of_pasting() -> None:
    topic = _topic("timing")
    passages = _passages_for(topic)
    answer = writer.write("advice", Slots(), {ToolName.SEARCH_PLAYBOOK: passages})
    assert "section by section" not in answer and ">" not in answer.split("<sub>")[0]
    assert answer.startswith(compose(topic, passages, {}, Slots()))


def test_the_offline_coach_runs_the_topics_facts_in_a_second_round(
    tools: dict[str, Any],
) -> None:
    from coach.embedded.brain import offline_reply
    from coach.embedded.model import classifier_for

    classifier = classifier_for(KNOWLEDGE_DIR / "embedded" / "intents.yaml")
    question = "I'm a senior ML engineer in Seattle. Should I tell them my current salary?"
    names = [t for t in tools]
    first = offline_reply([HumanMessage(question)], names, classifier)
    assert [c["name"] for c in first.tool_calls] == ["search_playbook"]
    passages = PlaybookPassages(
        passages=[_passage("anchoring", "Deflecting the current-salary question")]
    )
    search = ToolMessage(
        passages.for_model(),
        artifact=passages.dump(),
        name="search_playbook",
        tool_call_id=first.tool_calls[0]["id"],
    )
    thread = [HumanMessage(question), first, search]
    second = offline_reply(thread, names, classifier)
    assert [c["name"] for c in second.tool_calls] == ["anchor_range"]
    call = second.tool_calls[0]
    assert call["args"] == {
        "role": "machine learning engineer",
        "level": "senior",
        "location": "Seattle-Tacoma-Bellevue, WA",
    }
    _, message = _run(tools, dict(call))
    final = offline_reply([*thread, second, message], names, classifier)
    assert not final.tool_calls
    anchor = parse_result("anchor_range", message.artifact)
    assert isinstance(anchor, AnchorRangeResult)
    text = str(final.content)
    assert f"{format_usd(anchor.low_end)} to {format_usd(anchor.top_low or 0)}" in text
    assert "Tell me your role" not in text
    assert isinstance(second, AIMessage)


def test_the_second_citation_prefers_a_named_section_of_the_topic_to_its_overview() -> None:
    hits = [
        _passage("competing-offers", "Why a competing offer works"),
        _passage("competing-offers", "Overview"),
        _passage("competing-offers", "Never invent or inflate an offer"),
    ]
    topic = _topic("competing-offers")
    answer = compose(topic, PlaybookPassages(passages=hits), {}, Slots())
    why = answer[answer.index("**Why:**") :]
    assert CITATION.findall(why) == [
        ("competing-offers", "Why a competing offer works"),
        ("competing-offers", "Never invent or inflate an offer"),
    ]


def test_no_ask_line_for_a_fact_given_whose_tool_failed() -> None:
    from coach.contracts import ToolError

    topic = _topic("anchor-range")
    failed = {ToolName.ANCHOR_RANGE: ToolError(error="No anchor range: the median is unknown.")}
    answer = compose(topic, _passages_for(topic), failed, Slots(role="astronaut"))
    assert prompts.render("embedded/facts/ask_anchor_range") not in answer
    assert "market median for this level up to 15–20% above it" in answer  # words, not $X
