"""Thin LangChain tools over the playbook, market data and offer math.

Each returns compact JSON for the model (``content``) and the structured object
as the tool message's ``artifact``, for the UI, the numbers guard and the
embedded backend's answer writer. Arguments have schemas a model can fill.
"""

from __future__ import annotations

import json
from typing import Any

from langchain_core.tools import BaseTool, StructuredTool
from pydantic import BaseModel, Field

from coach.errors import CoachError
from coach.playbook import Playbook

SEARCH_PLAYBOOK = "search_playbook"
SALARY_LOOKUP = "salary_lookup"
SCORE_OFFER = "score_offer"
COMPARE_OFFERS = "compare_offers"
DRAFT_COUNTER = "draft_counter"


def _result(data: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    return json.dumps(data, separators=(",", ":"), default=str), data


def _error(err: CoachError) -> tuple[str, dict[str, Any]]:
    """A bad argument is the model's to fix: return the sentence, don't crash the turn."""
    return _result({"error": err.message})


class SearchPlaybookArgs(BaseModel):
    query: str = Field(description="What to look up in the negotiation playbook, in plain words.")
    k: int = Field(default=3, ge=1, le=8, description="How many passages to return.")


def search_playbook_tool(playbook: Playbook) -> BaseTool:
    def run(query: str, k: int = 3) -> tuple[str, dict[str, Any]]:
        try:
            hits = playbook.search(query, k=k)
        except CoachError as err:
            return _error(err)
        return _result(
            {
                "passages": [
                    {
                        "citation": h.citation,
                        "doc_id": h.doc_id,
                        "section": h.section,
                        "score": h.score,
                        "text": h.text,
                        "sources": h.sources,
                    }
                    for h in hits
                ]
            }
        )

    return StructuredTool.from_function(
        func=run,
        name=SEARCH_PLAYBOOK,
        description=(
            "Search the salary-negotiation playbook. Returns passages with citations "
            "'doc-id § Section' to quote and cite."
        ),
        args_schema=SearchPlaybookArgs,
        response_format="content_and_artifact",
    )


class SalaryLookupArgs(BaseModel):
    role: str = Field(description="Job title, e.g. 'machine learning engineer', 'data scientist'.")
    level: str | None = Field(None, description="entry, mid, senior, staff, or L4/L5/E5…")
    location: str | None = Field(None, description="US metro, state, 'remote' or a country.")
    skills: list[str] = Field(default_factory=list, description="e.g. ['RAG', 'fine-tuning']")
    domain: str | None = Field(None, description="e.g. fintech, healthcare, autonomous systems")
    employer_type: str | None = Field(None, description="AI lab, AI-native scale-up, …")


def estimate_summary(estimate: Any) -> dict[str, Any]:
    """The fields a model or a reader needs; drops the per-cell detail."""
    data = estimate.model_dump(
        include={
            "role",
            "level_label",
            "location",
            "period",
            "p10",
            "p25",
            "p50",
            "p75",
            "p90",
            "at_least",
            "n",
            "employment",
            "basis",
            "assumptions",
            "notes",
            "withheld",
            "unknown_reason",
        }
    )
    data["adjustments"] = [
        {
            "what": a.what,
            "kind": a.kind,
            "low_pct": a.low_pct,
            "high_pct": a.high_pct,
            "on_p50": a.on_p50,
            "source": a.source.name,
        }
        for a in estimate.adjustments
    ]
    data["references"] = [
        {"what": r.what, "low": r.low, "high": r.high, "source": r.source.name}
        for r in estimate.references
    ]
    data["sources"] = [f"{s.name} ({s.release}, {s.licence})" for s in estimate.sources]
    return data


def salary_lookup_tool() -> BaseTool:
    def run(
        role: str,
        level: str | None = None,
        location: str | None = None,
        skills: list[str] | None = None,
        domain: str | None = None,
        employer_type: str | None = None,
    ) -> tuple[str, dict[str, Any]]:
        from coach.market import lookup

        try:
            estimate = lookup(role, level, location, tuple(skills or ()), domain, employer_type)
        except CoachError as err:
            return _error(err)
        return _result(estimate_summary(estimate))

    return StructuredTool.from_function(
        func=run,
        name=SALARY_LOOKUP,
        description=(
            "Market base-salary percentiles (p10-p90) with sample size and sources, from BLS "
            "OEWS May 2025 and aijobs.net 2020-2025, plus premium ranges from cited articles. "
            "Figures may be unknown: then say so."
        ),
        args_schema=SalaryLookupArgs,
        response_format="content_and_artifact",
    )


def make_tools(playbook: Playbook) -> list[BaseTool]:
    return [search_playbook_tool(playbook), salary_lookup_tool()]
