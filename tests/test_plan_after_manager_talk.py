"""The raise plan downloaded after a practice talk with one's manager (issue 21, item 4):
it plans from what the talk did, played here through the real ``ManagerCall``.

A newcomer (senior data engineer, Austin, $140,000) found the plan ignored the talk: a
command-line flag as the review date, "None yet" for outcomes the talk credited, the
old base and ask after a raise was agreed, and two date formats on one page.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from coach.config import Settings
from coach.evidence import EvidencePack, save_pack
from coach.plan.markdown import plan_markdown
from coach.plan.model import Plan
from coach.plan.raise_build import build_raise_plan
from coach.roleplay.manager_scenario import ManagerScenario, generate_manager
from coach.roleplay.manager_scorecard import ManagerScorecard
from coach.roleplay.manager_session import ManagerCall
from coach.roleplay.manager_voice import day_text
from coach.ui import plan_download
from tests.test_manager_talk import play as played

BASE = 140_000
FIRST = (
    "I cut the nightly pipeline runtime from 6 hours to 40 minutes, so sales dashboards "
    "are ready by 8am."
)
SECOND = "I moved our warehouse to Iceberg and saved $310k a year in cloud costs."
NUMBERED = [
    f"1. {FIRST} 2. {SECOND}",
    "Levels.fyi puts the median for a senior data engineer in Austin at 162k, so I'm "
    "asking for 162k.",
    "Could you put that in writing with the review date?",
    "That works for me, I accept.",
]
# "1 July 2027": the format the talk and its scorecard never use ("July 1, 2027").
OTHER_DATE_FORMAT = re.compile(
    r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December) \d{4}\b"
)
FLAG = re.compile(r"(?<![\w-])--[a-z]")


def scenario(base: int = BASE, toughness: str = "standard", **pool: object) -> ManagerScenario:
    made = generate_manager(
        7,
        talk="raise",
        toughness=toughness,
        role="data engineer",
        level="senior",
        location="Austin",
        current_base=base,
        today=dt.date(2026, 12, 1),
    )
    if pool:
        made = made.model_copy(update={"pool": made.pool.model_copy(update=pool)})
    return made


def plan_after(call: ManagerCall, settings: Settings) -> tuple[Plan, str, ManagerScorecard]:
    """The plan the Practice tab's "Download my plan" builds, as data and as markdown."""
    card = call.end()
    said = [line["text"] for line in call.transcript() if line["role"] == "recruiter"]
    plan = build_raise_plan(plan_download._manager_request(call.scenario, card, said), settings)
    return plan, plan_markdown(plan), card


def section(markdown: str, heading: str) -> str:
    return markdown.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


def test_a_talk_that_agreed_a_raise_is_the_plans_starting_point(settings: Settings) -> None:
    call = played(scenario(), NUMBERED)
    plan, md, card = plan_after(call, settings)
    assert card.outcome.value == "agreed" and card.final_base > BASE
    assert card.agreed_later is not None
    agreed, day = card.final_base, day_text(card.agreed_later.day)
    # What was agreed, when, and what is in writing; then the gap worked from the new base.
    gap = section(md, "My market gap")
    assert f"base ${BASE:,} → **${agreed:,}** (+${agreed - BASE:,}), effective {day}" in gap
    assert f"in writing: base ${agreed:,}" in gap
    assert f"My base, ${BASE:,}" not in md
    assert f"My base as agreed, ${agreed:,}" in gap
    median = plan.market.median
    assert median is not None and f"= ${median.value - agreed:,};" in gap
    assert plan.talk is not None and plan.talk.agreed_base == agreed
    assert f"− ${agreed:,} = " in section(md, "The ask")  # the ask's step from the new base
    # The date the talk fixed, in the talk's format; never a flag or a bare blank.
    assert f"the review after {day}" in section(md, "The ask")
    assert not FLAG.search(md), md
    assert "[the review date" not in md and not OTHER_DATE_FORMAT.search(md)
    # The outcomes the person stated, their own words and figures.
    outcomes = section(md, "My three outcomes")
    assert f"- {FIRST}" in outcomes and f"- {SECOND}" in outcomes
    assert "None yet" not in md
    assert plan.talk.ask.script.startswith(FIRST)  # the script says it too
    assert f"don't cover: {FIRST.rstrip('.')}." in md  # "I", not "i", inside a sentence
    # The same in the PDF the browser downloads.
    path, problem = plan_download.safe_practice_plan(call, settings)
    assert not problem and path is not None
    text = pdf_text(path)
    assert day in text and "--review-date" not in text and "None yet" not in text
    assert f"${agreed:,}" in text


def test_a_talk_that_met_the_ask_says_so_and_asks_the_next_figure(settings: Settings) -> None:
    # Paid near the median, a soft manager with room: the talk ends at the median's ask.
    near = 155_000
    talk = scenario(near, "soft", raise_max=175_000, band_top=190_000)
    call = played(talk, [*NUMBERED[:2], "I'd still like 162k.", *NUMBERED[2:]])
    plan, md, card = plan_after(call, settings)
    median = plan.market.median
    assert median is not None and card.final_base >= round(median.value, -3), card.verdict
    gap = section(md, "My market gap")
    assert f"That meets the ask (the median, ${median.value:,})." in gap
    assert plan.talk is not None
    assert plan.talk.ask.basis.endswith("the 75th percentile"), plan.talk.ask.basis
    assert plan.talk.ask.low is not None and plan.talk.ask.low.value > card.final_base
    assert f"My base as agreed, ${card.final_base:,}" in gap and f"My base, ${near:,}" not in md


@pytest.mark.parametrize("named", [True, False])
def test_with_nothing_agreed_the_date_is_the_one_named_or_a_step_a_browser_user_can_take(
    named: bool, settings: Settings
) -> None:
    # Three bare asks: the third meets "revisit at the review", which names its date.
    turns = ["I want 150k."] * 3 if named else ["Hi, I wanted to ask about a raise."]
    call = played(scenario(), turns)
    plan, md, card = plan_after(call, settings)
    review = day_text(card.review_date)
    said = " ".join(t.recruiter for t in call.turns)
    assert (review in said) is named
    assert card.agreed_later is None
    assert not FLAG.search(md) and not OTHER_DATE_FORMAT.search(md), md
    ask = section(md, "The ask")
    if named:
        assert f"effective {review}" in ask
    else:
        assert "[the date of your next pay review: ask your manager or HR]" in ask
        assert review not in md
    assert f"My base, ${BASE:,}" in md  # nothing agreed: the base it started from
    assert 1 <= len(plan.lessons) <= 3
    assert [lesson.text for lesson in plan.lessons] == card.grade.reasons[:3]


def test_the_evidence_pack_comes_before_what_was_said_in_the_talk(settings: Settings) -> None:
    pack = ["Cut the cloud bill by $310k a year by moving the warehouse to Iceberg"]
    save_pack(settings.home, EvidencePack(bullets=pack))
    plan, md, _ = plan_after(played(scenario(), NUMBERED), settings)
    assert plan.evidence == pack
    assert FIRST not in section(md, "My three outcomes")


def test_the_command_line_plan_still_names_the_flag_for_a_missing_date(
    settings: Settings,
) -> None:
    from coach.plan.raise_build import RaiseRequest

    request = RaiseRequest(current_base=BASE, role="data engineer", level="senior", city="Austin")
    md = plan_markdown(build_raise_plan(request, settings))
    assert "[the review date: --review-date]" in md
