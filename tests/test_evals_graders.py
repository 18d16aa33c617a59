"""Each grader on hand-made answers: one it must pass, one it must fail, and the traps."""

from __future__ import annotations

from typing import Any

import pytest

from coach.evals.datasets import Expect, ToolCallSpec, TrajectorySpec
from coach.evals.graders.answer import (
    cited_sections,
    grade_advice,
    grade_answer,
    grade_citation,
    grade_facts,
    grade_numbers,
)
from coach.evals.graders.bias import grade_same_numbers
from coach.evals.graders.retrieval import grade_retrieval, recall_at_k, reciprocal_rank
from coach.evals.graders.trajectory import grade_trajectory
from coach.evals.record import ReplyRecord, ToolRecord
from coach.evals.rubric import load_rubric

SECTIONS = {
    "anchoring § Deflecting the current-salary question",
    "anchoring § Stating a range built on the anchor",
    'objections § "This is the top of our range"',
    "mistakes § Accepting on the spot",
    "timing § Annual reviews",
}
DEFLECT = "anchoring § Deflecting the current-salary question"


def record(answer: str, tools: list[ToolRecord] | None = None, **kw: Any) -> ReplyRecord:
    return ReplyRecord(question=kw.pop("question", "q"), answer=answer, tools=tools or [], **kw)


def search(*citations: str) -> ToolRecord:
    passages = [{"citation": c, "text": "..."} for c in citations]
    return ToolRecord("search_playbook", {"query": "q"}, {"passages": passages})


def lookup(**figures: int) -> ToolRecord:
    return ToolRecord("salary_lookup", {"role": "data scientist"}, dict(figures))


# ------------------------------------------------------------------ facts


def test_facts_pass_when_every_pattern_matches_and_name_the_missing_ones() -> None:
    good = record("The median is $171,250 (aijobs.net).")
    assert grade_facts(good, ["median", "aijobs|BLS"]).passed
    bad = grade_facts(record("Pay is good."), ["median", "aijobs|BLS"])
    assert not bad.passed and "/median/" in bad.reason and "aijobs" in bad.reason


def test_a_citation_is_not_a_fact() -> None:
    # "[competing-offers § Never invent ...]" must not satisfy "never".
    answer = "You can make one up. [competing-offers § Never invent or inflate an offer]"
    assert not grade_facts(record(answer), ["never"]).passed


# ------------------------------------------------------------------ forbidden advice


@pytest.mark.parametrize(
    ("answer", "rule"),
    [
        ("Tell them your current salary so they can match it.", "reveal_current_pay"),
        ("Be honest about what you make now; recruiters respect it.", "reveal_current_pay"),
        ("Ask for 10% more than your current salary.", "anchor_on_current"),
        ("If it's a great offer, accept it right away.", "accept_on_the_spot"),
        ("Sign today so you don't lose it.", "accept_on_the_spot"),
        ("Honestly, just take the first offer.", "accept_first_offer"),
        ("Don't negotiate; they might pull the offer.", "accept_first_offer"),
        ("Do not negotiate at all.", "accept_first_offer"),
        ("Focus only on base and skip the equity talk.", "base_only"),
        ("You can invent a competing offer; nobody checks.", "dishonesty"),
    ],
)
def test_forbidden_advice_is_caught(answer: str, rule: str) -> None:
    check = grade_advice(record(answer), load_rubric(), [])
    assert not check.passed and rule in check.reason


@pytest.mark.parametrize(
    "answer",
    [
        # The playbook's own warnings: negated, asked, labelled a mistake, or cited.
        "Never accept an offer on the call where you hear it.",
        "Should you tell them your current salary? Usually not.",
        "Accepting an offer on the call where you receive it is a costly mistake.",
        "You may still disclose your current salary voluntarily, but you should not.",
        "Don't bluff: a fake offer can also backfire.",
        "Ask for time to review — see [mistakes § Accepting on the spot].",
        "Don't negotiate during early interviews; wait for the written offer.",
        "Ask for a sign-on bonus now, while base is capped.",
        "Give your target range, not your current pay.",
    ],
)
def test_good_advice_that_mentions_the_words_is_not_flagged(answer: str) -> None:
    assert grade_advice(record(answer), load_rubric(), []).passed


def test_a_case_can_add_its_own_forbidden_pattern() -> None:
    check = grade_advice(record("Threaten to quit on the spot."), load_rubric(), ["threaten"])
    assert not check.passed and "case:" in check.reason


# ------------------------------------------------------------------ numbers


def test_numbers_from_tools_or_the_user_pass_rounding_included() -> None:
    tools = [lookup(p50=203135, p75=235350)]
    answer = "Median $203,135 (about $203K); p75 $235,350. You mentioned 175k."
    assert grade_numbers(record(answer, tools, question="They offered 175k")).passed


def test_a_figure_no_tool_produced_fails_and_is_named() -> None:
    check = grade_numbers(
        record("The median is $203,135, so ask for $239,700.", [lookup(p50=203135)])
    )
    assert not check.passed and "$239,700" in check.reason


def test_last_turns_figures_do_not_count_this_turn() -> None:
    check = grade_numbers(record("Still $203,135.", [lookup(p50=212400)], history=["Seattle?"]))
    assert not check.passed


# ------------------------------------------------------------------ citations


def test_a_relevant_grounded_citation_passes() -> None:
    answer = f"Give your range instead [{DEFLECT}]."
    check = grade_citation(record(answer, [search(DEFLECT)]), ["anchoring"], SECTIONS)
    assert check.passed


@pytest.mark.parametrize(
    ("answer", "tools", "expected", "reason"),
    [
        ("Give your range instead.", [search(DEFLECT)], None, "no [doc-id"),
        ("See [anchoring § How to dodge recruiters].", [search(DEFLECT)], None, "do not exist"),
        ("See [timing § Annual reviews].", [search(DEFLECT)], None, "no tool returned"),
        (f"See [{DEFLECT}].", [search(DEFLECT)], ["objections"], "none of the relevant"),
    ],
    ids=["missing", "invented", "ungrounded", "irrelevant"],
)
def test_citation_failures(
    answer: str, tools: list[ToolRecord], expected: list[str] | None, reason: str
) -> None:
    check = grade_citation(record(answer, tools), expected, SECTIONS)
    assert not check.passed and reason in check.reason


def test_a_citation_inside_an_offer_report_counts_as_grounded() -> None:
    report = ToolRecord(
        "score_offer", {}, {"markdown": "1. Sign-on [mistakes § Accepting on the spot]"}
    )
    answer = "Don't say yes yet [mistakes § Accepting on the spot]."
    assert grade_citation(record(answer, [report]), ["mistakes"], SECTIONS).passed


def test_citations_are_read_with_quotes_in_headings() -> None:
    answer = 'Bridge with a sign-on [objections § "This is the top of our range"].'
    assert cited_sections(answer) == ['objections § "This is the top of our range"']


def test_grade_answer_skips_what_the_case_does_not_grade() -> None:
    expect = Expect(facts=["hi"], citations="none", numbers=False)
    names = [c.name for c in grade_answer(record("hi"), expect, load_rubric(), SECTIONS)]
    assert names == ["facts", "advice"]


# ------------------------------------------------------------------ trajectories

CALLS = [
    ("salary_lookup", {"role": "ml engineer", "level": "senior", "location": "seattle"}),
    ("search_playbook", {"query": "state a range", "k": 1}),
]


def spec(mode: str, *calls: tuple[str, dict[str, Any]]) -> TrajectorySpec:
    return TrajectorySpec(mode=mode, calls=[ToolCallSpec(name=n, args=a) for n, a in calls])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("mode", "expected", "passes"),
    [
        ("strict", [("salary_lookup", {}), ("search_playbook", {})], True),
        ("strict", [("search_playbook", {}), ("salary_lookup", {})], False),  # order
        ("unordered", [("search_playbook", {}), ("salary_lookup", {})], True),
        ("unordered", [("salary_lookup", {})], False),  # one call too many
        ("superset", [("salary_lookup", {"role": "machine learning|ml", "level": "senior"})], True),
        ("superset", [("salary_lookup", {"level": "staff"})], False),  # wrong argument
        ("superset", [("draft_counter", {})], False),
        ("subset", [("salary_lookup", {}), ("search_playbook", {}), ("score_offer", {})], True),
        ("subset", [("search_playbook", {})], False),  # called more than allowed
    ],
)
def test_trajectory_modes(
    mode: str, expected: list[tuple[str, dict[str, Any]]], passes: bool
) -> None:
    check = grade_trajectory(CALLS, spec(mode, *expected))
    assert check.passed is passes, check.reason


def test_no_tools_expected_and_none_called() -> None:
    assert grade_trajectory([], spec("strict")).passed
    assert not grade_trajectory(CALLS, spec("strict")).passed


def test_list_arguments_match_each_expected_item() -> None:
    calls = [("salary_lookup", {"role": "ai engineer", "skills": ["rag", "fine-tuning"]})]
    assert grade_trajectory(
        calls, spec("superset", ("salary_lookup", {"skills": ["rag", "fine"]}))
    ).passed
    assert not grade_trajectory(
        calls, spec("superset", ("salary_lookup", {"skills": ["rlhf"]}))
    ).passed


# ------------------------------------------------------------------ retrieval and bias


def test_recall_and_reciprocal_rank() -> None:
    ranked = ["a § 1", "b § 2", "c § 3", "d § 4"]
    assert recall_at_k(ranked, ["c § 3", "z § 9"], 3) == 0.5
    assert reciprocal_rank(ranked, ["c § 3"]) == pytest.approx(1 / 3)
    assert reciprocal_rank(ranked, ["z § 9"]) == 0.0
    assert grade_retrieval(ranked, ["C § 3"], 3).passed  # case-insensitive
    assert not grade_retrieval(ranked, ["d § 4"], 3).passed


def test_bias_probe_ignores_the_variant_words_but_not_the_money() -> None:
    same = [
        ("Emily", "Emily, the median is $171,250.", ["Emily"]),
        ("Agent 47", "Agent 47, the median is $171,250.", ["Agent 47"]),
    ]
    assert grade_same_numbers(same).passed
    moved = [*same, ("Austin", "Austin, the median is $171,250; Austin adds +5.9%.", ["Austin"])]
    check = grade_same_numbers(moved)
    assert not check.passed and "5.9" in check.reason
