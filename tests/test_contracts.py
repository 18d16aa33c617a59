"""Typed tool results: what each says about itself, and old artifacts validated on read."""

from __future__ import annotations

import json
from typing import Any

import pytest
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage

from coach.config import Settings
from coach.contracts import (
    ComparisonResult,
    CounterResult,
    OfferScoreResult,
    PlaybookPassages,
    SalaryEstimateResult,
    ToolError,
    ToolName,
    parse_result,
)
from coach.embedded import writer
from coach.evals.datasets import load_datasets
from coach.evals.paths import DATASETS_DIR
from coach.guard import unsupported_amounts
from coach.money import find_amounts
from coach.session import CoachSession, ToolStep
from coach.tools import (
    compare_offers_tool,
    draft_counter_tool,
    salary_lookup_tool,
    score_offer_tool,
)

# Artifacts as the tools stored them before the typed results (dicts, checkpointed).
OLD_PASSAGES = {
    "passages": [
        {
            "citation": "anchoring § Stating a range built on the anchor",
            "doc_id": "anchoring",
            "section": "Stating a range built on the anchor",
            "score": 0.71,
            "text": "Give a range whose bottom sits at the median, e.g. $208K.",
            "sources": ["Article one"],
        },
        {
            "citation": "mistakes § Accepting on the spot",
            "doc_id": "mistakes",
            "section": "Accepting on the spot",
            "score": 0.5,
            "text": "Ask for time.",
            "sources": [],
        },
    ]
}
OLD_SALARY = {
    "role": "machine learning engineer",
    "level_label": "senior",
    "location": "Seattle-Tacoma-Bellevue, WA",
    "period": "2024-2025",
    "p10": 146620,
    "p25": 172900,
    "p50": 203135,
    "p75": 235350,
    "p90": None,
    "at_least": {"p90": 274500},
    "n": 1247,
    "employment": None,
    "basis": "aijobs.net: machine learning engineer, senior, US, n=1247 (not $300,000)",
    "assumptions": [],
    "notes": [],
    "withheld": None,
    "unknown_reason": None,
    "adjustments": [
        {
            "what": "Seattle vs United States",
            "kind": "location",
            "low_pct": 23.0,
            "high_pct": 26.2,
            "on_p50": [249856, 256356],
            "source": "BLS OEWS",
        }
    ],
    "references": [{"what": "MLE pay", "low": 180000, "high": None, "source": "Article"}],
    "sources": ["aijobs.net salary index (2025, CC0)"],
}
OLD_SCORE = {
    "summary": "score 59/100",
    "score": 59,
    "components": [
        {"key": "base_vs_market", "label": "Base", "weight": 0.5, "points": 40.0, "detail": "x"}
    ],
    "verdict": "Below the median: still push on base ($18,135 under the $203,135 median).",
    "verdict_reasons": ["Base compounds."],
    "citations": ["sequence § Step four: the decision rule for what to push on"],
    "market_median_base": 203135,
    "market_basis": "aijobs.net",
    "base_position": "p37",
    "total_by_year": [332750, 312750, 312750, 312750],
    "four_year_total": 1271000,
    "annualised_total": 317750,
    "counter_anchor": 203000,
    "counter_range": [203000, 233000],
    "notes": [],
    "market_sources": ["aijobs.net, 2025 (https://aijobs.net)"],
    "markdown": "**Offer — score 59/100**",
}
OLD_COUNTER = {
    "summary": "anchor 203000",
    "anchor": 203000,
    "anchor_basis": "The market median $203,135, to the nearest $1,000.",
    "range": [203000, 233000, 244000],
    "base_ask": 233000,
    "levers": [
        {
            "key": "sign_on",
            "name": "Sign-on bonus",
            "ask": "A sign-on of $18,000.",
            "value": 18000,
            "basis": "the gap",
            "citation": "total-package § Sign-on bonus",
        }
    ],
    "script": "I'm asking for a base of $233,000.",
    "citations": ["anchoring § Stating a range built on the anchor"],
    "markdown": "**Counter-proposal**",
}
OLD_COMPARISON = {
    "summary": "most over 4 years: A",
    "names": ["A", "B"],
    "rows": [{"label": "4-year total", "values": [800000, 760000]}],
    "leader": "A",
    "leader_after_haircut": "A",
    "leader_first_year": "B",
    "notes": ["A leads B by $40,000 over four years."],
    "citations": ["total-package § Refresh grants and 4-year total comp"],
    "markdown": "**Offers side by side**",
}


def test_every_tool_is_named_by_the_contract() -> None:
    tools = [salary_lookup_tool(), score_offer_tool(), draft_counter_tool(), compare_offers_tool()]
    assert {t.name for t in tools} < {n.value for n in ToolName}
    assert ToolName.SEARCH_PLAYBOOK == "search_playbook"


def test_old_passages_load_and_say_what_they_cite() -> None:
    result = parse_result("search_playbook", OLD_PASSAGES)
    assert isinstance(result, PlaybookPassages)
    assert result.summary() == (
        "anchoring § Stating a range built on the anchor; mistakes § Accepting on the spot"
    )
    assert result.citations() == [p["citation"] for p in OLD_PASSAGES["passages"]]
    assert result.sources() == ["Article one"]
    assert result.figures() == {208_000}  # the amount the quoted passage states
    assert result.markdown(limit=1) == (
        "> Give a range whose bottom sits at the median, e.g. $208K.\n>\n"
        "> — [anchoring § Stating a range built on the anchor]"
    )
    lean = json.loads(result.for_model())  # ids and scores stay out of the model's tokens
    assert lean == {
        "passages": [
            {k: p[k] for k in ("citation", "text", "sources")} for p in OLD_PASSAGES["passages"]
        ]
    }


def test_passages_without_ids_or_sources_still_load() -> None:
    # The gold set and compact content carry only what the model saw.
    result = parse_result("search_playbook", '{"passages":[{"citation":"a § b","text":"t"}]}')
    assert isinstance(result, PlaybookPassages) and result.citations() == ["a § b"]


def test_old_salary_estimate_declares_its_figures_field_by_field() -> None:
    result = parse_result("salary_lookup", OLD_SALARY)
    assert isinstance(result, SalaryEstimateResult)
    assert result.summary().startswith("median $203,135 — aijobs.net")
    assert result.sources() == ["aijobs.net salary index (2025, CC0)"]
    assert result.citations() == []
    assert result.figures() == {
        146620,
        172900,
        203135,
        235350,
        274500,  # top-coded: at least
        249856,
        256356,  # the premium on the median
        180000,  # the article's reference figure
    }
    assert "≥ $274,500" in result.markdown() and "| $203,135 |" in result.markdown()
    # The model gets the same JSON as before the types, key for key.
    assert json.loads(result.for_model()) == OLD_SALARY


def test_an_unknown_median_says_so() -> None:
    result = parse_result("salary_lookup", {"p50": None, "unknown_reason": "too few postings"})
    assert isinstance(result, SalaryEstimateResult) and not result.known
    assert result.summary() == "median unknown — too few postings"
    assert result.figures() == set()


@pytest.mark.parametrize(
    ("name", "old", "kind", "summary", "figures"),
    [
        (
            "score_offer",
            OLD_SCORE,
            OfferScoreResult,
            "score 59/100",
            {203135, 332750, 312750, 1271000, 317750, 203000, 233000},
        ),
        (
            "draft_counter",
            OLD_COUNTER,
            CounterResult,
            "the base to anchor your counter on: $203,000",
            {203000, 233000, 244000, 18000},
        ),
        (
            "compare_offers",
            OLD_COMPARISON,
            ComparisonResult,
            "most over 4 years: A",
            {800000, 760000},
        ),
    ],
)
def test_old_offer_results_load(
    name: str, old: dict[str, Any], kind: type, summary: str, figures: set[int]
) -> None:
    result = parse_result(name, old)
    assert isinstance(result, kind)
    assert result.summary() == summary
    assert result.citations() == old["citations"]
    assert result.markdown() == old["markdown"]
    # Old artifacts declared no sentence amounts: only the figure fields count.
    assert result.figures() == figures
    # The model's content is the artifact without the Markdown, as before; the summary is
    # said anew, in the words a tool step shows (issue 18: money as $203,000, not 203000).
    before = {k: v for k, v in old.items() if k != "markdown"} | {"summary": summary}
    assert json.loads(result.for_model()) == before
    # A dump validates back to the same result (what the checkpointer stores).
    assert parse_result(name, result.dump()) == result


def test_score_sources_are_the_market_sources() -> None:
    result = parse_result("score_offer", OLD_SCORE)
    assert result is not None and result.sources() == OLD_SCORE["market_sources"]


def test_errors_are_results_too() -> None:
    result = parse_result("salary_lookup", {"error": "I don't know the role 'x'."})
    assert isinstance(result, ToolError)
    assert result.error == "I don't know the role 'x'."
    assert result.summary() == "error: I don't know the role 'x'."
    assert result.figures() == set() and result.citations() == []
    assert json.loads(result.for_model()) == {"error": "I don't know the role 'x'."}
    # The agent loop's own failure text (not JSON) is an error on one line.
    loop = parse_result("search_playbook", "Error invoking tool:\n k: too big\n Fix it.")
    assert isinstance(loop, ToolError) and loop.error == "Error invoking tool: k: too big Fix it."


def test_unknown_tools_and_misshapen_data_give_no_result() -> None:
    assert parse_result("send_email", {"to": "x"}) is None
    assert parse_result("salary_lookup", {"p50": "a lot"}) is None
    assert parse_result("salary_lookup", [1, 2]) is None


def test_a_step_has_a_status_not_a_display_string() -> None:
    running = ToolStep("salary_lookup", {"role": "x"})
    assert running.status == "running" and running.result is None
    done = ToolStep.finished("salary_lookup", {}, OLD_SALARY)
    assert done.status == "done" and isinstance(done.result, SalaryEstimateResult)
    assert done.summary.startswith("median $203,135")
    failed = ToolStep.finished("salary_lookup", {}, {"error": "No such role."})
    assert failed.status == "error" and failed.error == "No such role."


# -- the numbers guard trusts declared figures --------------------------------------------
def _tool_turn(name: str, artifact: Any) -> list[Any]:
    return [
        HumanMessage("help me"),
        AIMessage("", tool_calls=[{"name": name, "args": {}, "id": "c1", "type": "tool_call"}]),
        ToolMessage(content="{}", artifact=artifact, tool_call_id="c1", name=name),
    ]


def test_the_guard_accepts_declared_figures() -> None:
    messages = _tool_turn("salary_lookup", OLD_SALARY)
    assert unsupported_amounts("The median is $203,135 (about $203K).", messages) == []


def test_a_figure_only_inside_a_tools_prose_is_not_supported() -> None:
    # "$300,000" sits in the basis string, and "$18,135" in the verdict sentence of an
    # old artifact that declared no sentence amounts: neither is a figure the tool gave.
    salary = _tool_turn("salary_lookup", OLD_SALARY)
    assert unsupported_amounts("Aim for $300,000.", salary) == ["$300,000"]
    score = _tool_turn("score_offer", OLD_SCORE)
    assert unsupported_amounts("You are $18,135 under.", score) == ["$18,135"]
    declared = _tool_turn("score_offer", OLD_SCORE | {"stated": [18135]})
    assert unsupported_amounts("You are $18,135 under.", declared) == []


def test_what_the_user_typed_still_counts() -> None:
    messages = [HumanMessage("They offered 175k"), *_tool_turn("salary_lookup", OLD_SALARY)]
    assert unsupported_amounts("At $175,000 you are below the median.", messages) == []


# -- the tools build the results, and declare every amount they write -----------------------
OFFER = "185k base, 15% bonus, 400k RSUs over 4 years, 20k sign-on"


def _call(tool: Any, args: dict[str, Any]) -> ToolMessage:
    message = tool.invoke({"type": "tool_call", "name": tool.name, "args": args, "id": "t1"})
    assert isinstance(message, ToolMessage)
    return message


@pytest.mark.parametrize(
    ("tool", "args"),
    [
        (
            score_offer_tool(),
            {"offer_text": OFFER, "role": "ML engineer", "level": "senior", "location": "Seattle"},
        ),
        (
            draft_counter_tool(),
            {"offer_text": OFFER, "role": "ML engineer", "level": "senior", "current_base": "170k"},
        ),
        (
            compare_offers_tool(),
            {"offers": [OFFER, "170k base, 10% bonus, 600k RSUs over 4 years"]},
        ),
    ],
    ids=["score", "counter", "compare"],
)
def test_every_amount_an_offer_report_shows_is_declared(tool: Any, args: dict[str, Any]) -> None:
    message = _call(tool, args)
    assert isinstance(message.artifact, dict)  # plain JSON: any checkpointer keeps it
    result = parse_result(message.name or "", message.artifact)
    assert result is not None and result.error is None and result.markdown()
    shown = {a.value for a in find_amounts(result.markdown()) if a.explicit}
    assert shown and shown <= result.figures()
    # What the offline coach answers with passes the guard without a flag.
    turn = _tool_turn(message.name or "", message.artifact)
    assert unsupported_amounts(result.markdown(), turn) == []
    # The content is the lean JSON: no Markdown and no declared amounts for the model.
    content = json.loads(str(message.content))
    assert "markdown" not in content and "stated" not in content


def test_a_salary_lookup_returns_the_typed_estimate() -> None:
    message = _call(salary_lookup_tool(), {"role": "ML engineer", "location": "Seattle"})
    result = parse_result("salary_lookup", message.artifact)
    assert isinstance(result, SalaryEstimateResult) and result.known
    assert result.p50 in result.figures() and result.sources()
    # The model gets the whole estimate; "unadjusted_for" only when the figures are national
    # for a place no source prices (Seattle is priced).
    assert result.unadjusted_for is None
    assert json.loads(str(message.content)) == {
        k: v for k, v in result.dump().items() if k != "unadjusted_for"
    }


def test_a_bad_argument_is_an_error_result() -> None:
    message = _call(compare_offers_tool(), {"offers": [OFFER]})
    result = parse_result("compare_offers", message.artifact)
    assert isinstance(result, ToolError) and "between 2 and 5" in result.message


# -- threads saved before the types still load --------------------------------------------
@pytest.mark.slow
def test_a_thread_checkpointed_with_dict_artifacts_reloads(ingested_settings: Settings) -> None:
    session = CoachSession(ingested_settings)
    config = {"configurable": {"thread_id": "old-thread"}}
    answer = "Median $203,135 [anchoring § Stating a range built on the anchor]."
    calls = [
        {"name": "salary_lookup", "args": {"role": "mle"}, "id": "c1", "type": "tool_call"},
        {"name": "search_playbook", "args": {"query": "q"}, "id": "c2", "type": "tool_call"},
    ]
    old_turn = [
        HumanMessage("What does a senior ML engineer in Seattle make?"),
        AIMessage("", tool_calls=calls),
        ToolMessage(content="{}", artifact=OLD_SALARY, tool_call_id="c1", name="salary_lookup"),
        ToolMessage(content="{}", artifact=OLD_PASSAGES, tool_call_id="c2", name="search_playbook"),
        AIMessage(answer),
    ]
    session.agent.update_state(config, {"messages": old_turn})
    reloaded = CoachSession(ingested_settings)
    [(question, turn)] = reloaded.turns("old-thread")
    assert question.startswith("What does a senior ML engineer")
    assert [s.status for s in turn.tool_steps] == ["done", "done"]
    assert isinstance(turn.tool_steps[0].result, SalaryEstimateResult)
    assert turn.citations == [p["citation"] for p in OLD_PASSAGES["passages"]]
    assert turn.unverified == []


def test_the_gold_sets_tool_data_has_the_tools_shapes() -> None:
    """Gold contexts stand in for real tool results: each must validate as one."""
    cases = load_datasets(DATASETS_DIR, ("gold",))["gold"]
    tools = [t for case in cases for t in case.context.tools]  # type: ignore[union-attr]
    assert tools
    for tool in tools:
        assert parse_result(tool.name, tool.data) is not None, tool.name


def test_a_withheld_estimate_and_the_advice_after_it_are_separate_paragraphs() -> None:
    message = _call(
        salary_lookup_tool(), {"role": "ML engineer", "level": "senior", "location": "Zürich"}
    )
    result = parse_result(ToolName.SALARY_LOOKUP, message.artifact)
    assert isinstance(result, SalaryEstimateResult) and not result.known
    text = writer.salary(result, None)
    assert "Switzerland" in text
    assert "\n\n**How to use it:**" in text  # not glued to the end of the reason
