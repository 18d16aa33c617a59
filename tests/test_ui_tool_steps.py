"""Tool steps in words: what the coach did, for what, what came back; details on opening."""

from __future__ import annotations

from coach.contracts import PlaybookPassages, SalaryEstimateResult, ToolError, ToolName
from coach.session import ToolStep
from coach.ui.tool_steps import STEP_WORDS, step_details, step_title


def salary_step(**fields: object) -> ToolStep:
    args = {"role": "ML engineer", "level": "senior", "location": "Seattle"}
    result = SalaryEstimateResult(p50=203_135, n=1_247, basis="aijobs.net", **fields)
    return ToolStep("salary_lookup", args, "done", result)


def test_a_salary_lookup_reads_as_a_sentence_with_its_median_and_n() -> None:
    assert step_title(salary_step()) == (
        "Looked up market pay — senior ML engineer, Seattle: median $203,135 "
        "(from 1,247 posted salaries)"
    )


def test_a_running_step_says_what_it_is_doing() -> None:
    step = ToolStep("search_playbook", {"query": "top of our range"})
    assert step_title(step) == "Searching the playbook — “top of our range”…"
    assert step_details(step) == "…"


def test_opened_the_step_shows_the_arguments_and_the_full_result() -> None:
    details = step_details(salary_step())
    assert "Asked with: role “ML engineer”" in details
    assert "salary_lookup" not in details and "{" not in details  # no tool names, no JSON
    assert "$203,135" in details


def test_a_failed_step_says_so_and_why() -> None:
    step = ToolStep(
        "search_playbook", {"query": "x"}, "error", ToolError(error="The store is empty.")
    )
    assert step_title(step).endswith("it failed")
    assert "The store is empty." in step_details(step)


def test_a_search_names_how_many_passages_it_found() -> None:
    step = ToolStep("search_playbook", {"query": "sign-on"}, "done", PlaybookPassages())
    assert step_title(step) == "Searched the playbook — “sign-on”: 0 passages"


def test_every_tool_has_its_words_and_no_title_is_raw_json() -> None:
    assert set(STEP_WORDS) == {name.value for name in ToolName}
    assert "{" not in step_title(salary_step())


def test_sources_are_named_for_a_reader_not_by_their_ids() -> None:
    from coach.sources import source_name, source_names

    assert "seed" not in source_name("seed-ai-pulse-playbook").lower()
    assert source_name("unknown-id") == "unknown-id"
    import frontmatter

    from coach.resources import KNOWLEDGE_DIR

    used = {
        s
        for path in (KNOWLEDGE_DIR / "playbook").glob("*.md")
        for s in frontmatter.load(path).get("sources", [])
    }
    assert used <= set(source_names()), used - set(source_names())
