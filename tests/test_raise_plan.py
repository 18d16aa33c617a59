"""The raise/promotion form of the one-page plan (issue 21, item 4): the talk with one's
own manager, built from the salary_lookup tool's figures and the person's base.

Every amount the page states is the tool's (run here as the agent runs it), the
person's own base, or the one subtraction between them the page writes out; every
citation is a playbook section; the PDF is one legible page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from coach import citations as cite
from coach.cli import app
from coach.config import Settings
from coach.contracts import ToolName
from coach.errors import InputError
from coach.evidence import EvidencePack, save_pack
from coach.market.targets import STEP_MAX
from coach.money import find_amounts, nearest_thousand
from coach.plan.markdown import plan_markdown
from coach.plan.model import Plan
from coach.plan.pdf import plan_pdf
from coach.plan.raise_advice import CYCLE_CLOSED, MORE_SCOPE, NEXT_REVIEW, PRODUCTIVITY, TOP_OF_BAND
from coach.plan.raise_build import RaiseRequest, build_raise_plan
from coach.roleplay.manager_scenario import generate_manager
from coach.roleplay.manager_session import ManagerCall
from coach.tools import salary_lookup_spec
from coach.ui import plan_download
from tests.test_plan import check_one_legible_page

BASE = 140_000
WHERE = {"role": "data engineer", "level": "senior", "city": "Austin"}
REVIEW = dt.date(2027, 3, 1)
BULLETS = [
    "Rebuilt the billing retry pipeline, cutting failed payments by 18% and recovering "
    "$400k of revenue a quarter",
    "Cut month-end close from six days to two, so finance reports a week earlier",
    "Own the ledger reconciliation end to end: two audits passed with no findings",
]
RAISE_HEADINGS = (
    "## Market estimate",
    "## My market gap",
    "## The ask",
    "## My three outcomes",
    "## If base is frozen, ask for (in this order)",
    "## If my manager says…",
    "## Timeline",
)


def lookup(level: str) -> set[int]:
    """The salary_lookup tool's figures for the person at ``level``, as the agent gets them."""
    from coach.contracts import parse_result

    run = salary_lookup_spec().run
    result = parse_result(
        ToolName.SALARY_LOOKUP,
        run(role=WHERE["role"], level=level, location=WHERE["city"])[1],
    )
    assert result is not None and result.error is None
    return result.figures()


def assert_every_figure_is_the_lookups(plan: Plan, levels: tuple[str, ...]) -> None:
    """The lookup's figures, the base, their difference, and the ask said: a figure to the
    nearest $1,000, or the first step (base + 20%, rounded) and what it leaves."""
    tool = set().union(*(lookup(level) for level in levels))
    step = nearest_thousand(BASE * (1 + STEP_MAX))
    allowed = tool | {BASE, step, 1_000} | {abs(v - BASE) for v in tool}
    allowed |= {nearest_thousand(v) for v in tool} | {v - step for v in tool if v > step}
    for figure in plan.figures():
        assert figure.source == ToolName.SALARY_LOOKUP
        assert figure.value in tool or abs(figure.value) in allowed, figure
    stated = {a.value for a in find_amounts(plan_markdown(plan)) if a.explicit}
    assert stated and stated - {400_000} <= allowed, sorted(stated - allowed)  # $400k: a bullet


def assert_every_citation_is_a_section(plan: Plan) -> None:
    talk = plan.talk
    assert talk is not None
    cited = [
        *talk.ask.citations,
        *(f.citation for f in talk.fallbacks),
        *(o.citation for o in plan.objections),
        *(t.citation for t in plan.timeline),
        *(lesson.citation for lesson in plan.lessons),
    ]
    assert cited and set(cited) <= set(cite.ALL), set(cited) - set(cite.ALL)


@pytest.fixture(scope="module")
def pack_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = Settings(home=tmp_path_factory.mktemp("raise-home"))
    save_pack(settings.home, EvidencePack(bullets=BULLETS))
    return settings


@pytest.fixture(scope="module")
def raise_plan(pack_settings: Settings) -> Plan:
    return build_raise_plan(
        RaiseRequest(current_base=BASE, review_date=REVIEW, **WHERE), pack_settings
    )


# ---- (a) a person with an evidence pack ----------------------------------------------------


def test_the_raise_plan_has_the_gap_the_ask_and_only_the_lookups_figures(
    raise_plan: Plan,
) -> None:
    talk = raise_plan.talk
    assert raise_plan.kind == "raise" and talk is not None
    median = raise_plan.market.median
    assert median is not None and raise_plan.market.n and raise_plan.market.sources
    markdown = plan_markdown(raise_plan)
    assert [h for h in RAISE_HEADINGS if h not in markdown] == []
    assert "## The anchor and the range" not in markdown and "walk-away" not in markdown
    # The gap: the median minus the base, as a share of the median, said and worked.
    assert talk.gap is not None and talk.gap.value == median.value - BASE > 0
    assert talk.gap_pct == round(100 * talk.gap.value / median.value, 1)
    assert f"**{talk.gap_pct:g}% under**" in markdown
    assert f"**${talk.gap.value:,}** a year" in markdown
    # Paid under the median, within one step: the ask is the median to the nearest $1,000,
    # with its date, arithmetic and section; the script says the exact median, sourced.
    ask = nearest_thousand(median.value)
    assert talk.ask.market == median and not talk.ask.staged
    assert talk.ask.low is not None and talk.ask.low.value == ask != median.value
    assert talk.ask.date == "March 1, 2027"
    assert f"**${ask:,}** base, effective **March 1, 2027**" in markdown
    assert f"{100 * (median.value - BASE) / BASE:.1f}% over the base" in markdown
    assert f"is ${median.value:,} (aijobs.net" in talk.ask.script
    assert f"a base of ${ask:,}," in talk.ask.script
    assert talk.ask.citations[0] == cite.ANNUAL_REVIEWS
    assert_every_figure_is_the_lookups(raise_plan, ("senior",))
    assert_every_citation_is_a_section(raise_plan)


def test_the_pack_fills_the_outcomes_the_script_and_the_productivity_answer(
    raise_plan: Plan,
) -> None:
    markdown = plan_markdown(raise_plan)
    assert all(f"- {bullet}" in markdown for bullet in BULLETS)
    assert raise_plan.talk is not None and not raise_plan.talk.ask.missing
    assert "Rebuilt the billing retry pipeline" in raise_plan.talk.ask.script
    assert "[" not in raise_plan.talk.ask.script
    productivity = raise_plan.objections[0]
    assert productivity.says == PRODUCTIVITY and "rebuilt the billing" in productivity.answer
    assert {o.says for o in raise_plan.objections} == {
        PRODUCTIVITY,
        CYCLE_CLOSED,
        NEXT_REVIEW,
        TOP_OF_BAND,
        MORE_SCOPE,
    }
    fallbacks = [f.text for f in raise_plan.talk.fallbacks]
    assert fallbacks[0].startswith("A written plan") and "March 1, 2027" in fallbacks[0]
    assert "bonus" in fallbacks[2] and fallbacks[3].startswith("Title only, as the last resort")
    assert "Book the talk before the review on March 1, 2027" in markdown


# ---- (b) without a pack, a promotion, the base over the median ----------------------------


def test_without_a_pack_the_plan_names_how_to_build_the_outcomes(home: Path) -> None:
    plan = build_raise_plan(RaiseRequest(current_base=BASE, **WHERE), Settings())
    markdown = plan_markdown(plan)
    assert (
        "None yet: build two or three outcome bullets" in markdown
        and "`coach evidence`" in markdown
    )
    assert plan.talk is not None
    assert plan.talk.ask.missing == [
        "two or three outcomes with numbers: build them with `coach evidence`",
        "the review date: --review-date",
    ]
    assert "*Missing before the call:" in markdown
    assert "Ask when budgets are decided" in markdown  # no review date: when to push, anyway
    assert_every_figure_is_the_lookups(plan, ("senior",))


def test_a_promotion_asks_toward_the_next_levels_median_one_step_at_a_time(home: Path) -> None:
    plan = build_raise_plan(RaiseRequest(current_base=BASE, promotion=True, **WHERE), None)
    assert plan.kind == "promotion" and plan.talk is not None
    next_market = plan.talk.next_market
    assert next_market is not None and next_market.median is not None
    ask = plan.talk.ask
    assert ask.market == next_market.median
    # The next level's median is more than one step (20%) above the base: the ask is the
    # first step, and the rest a dated path; the whole gap is said with its source.
    assert next_market.median.value > BASE * (1 + STEP_MAX)
    assert ask.staged and ask.low is not None
    assert ask.low.value == nearest_thousand(BASE * (1 + STEP_MAX))
    assert ask.citations == [cite.MARKET_GAP, cite.PROMOTIONS]
    rest = next_market.median.value - ask.low.value
    assert f"${next_market.median.value:,} (aijobs.net" in ask.script
    assert f"first step to a base of ${ask.low.value:,}" in ask.script
    assert f"the remaining ${rest:,}" in ask.script
    assert plan.objections[0].says == MORE_SCOPE
    assert "## My market gap" in plan_markdown(plan)  # the gap is at today's level
    assert_every_figure_is_the_lookups(plan, ("senior", "staff"))


def test_a_base_over_the_median_asks_for_the_upper_quartile_then_for_nothing_on_base() -> None:
    p75 = max(lookup("senior"))  # the highest figure the lookup returned is at least p75
    plan = build_raise_plan(RaiseRequest(current_base=170_000, **WHERE), None)
    assert plan.talk is not None and plan.talk.gap is not None and plan.talk.gap.value < 0
    assert plan.market.p75 is not None and plan.talk.ask.market == plan.market.p75
    assert plan.talk.ask.low is not None
    assert plan.talk.ask.low.value == nearest_thousand(plan.market.p75.value)
    assert plan.objections[0].says == TOP_OF_BAND
    high = build_raise_plan(RaiseRequest(current_base=p75 + 1_000, **WHERE), None)
    assert high.talk is not None and high.talk.ask.low is None
    assert "No market figure to ask from" in plan_markdown(high)


@pytest.mark.parametrize("base", [60_000, 95_000, 110_000, 125_000, 150_000, 170_000, 185_000])
@pytest.mark.parametrize("promotion", [False, True])
def test_no_ask_is_more_than_one_step_above_the_base(base: int, promotion: bool) -> None:
    """However far the median (or the next level's) sits above the base, the ask said is
    at most base + 20% (to the nearest $1,000), and a staged ask says the rest is a path."""
    plan = build_raise_plan(RaiseRequest(current_base=base, promotion=promotion, **WHERE), None)
    ask = plan.talk.ask if plan.talk is not None else None
    assert ask is not None
    if ask.low is None:
        return  # past the 75th percentile: no market figure to ask from
    assert ask.market is not None
    assert ask.low.value <= nearest_thousand(base * (1 + STEP_MAX))
    assert ask.staged == (ask.market.value > base * (1 + STEP_MAX))
    if ask.staged:
        assert "a written path with a date" in ask.script and cite.MARKET_GAP in ask.citations
        assert f"${ask.market.value - ask.low.value:,}" in plan_markdown(plan)
    else:
        assert ask.low.value == nearest_thousand(ask.market.value)


@pytest.mark.parametrize(
    ("request_args", "message"),
    [
        ({"role": " "}, "--role: "),
        ({"promotion": True, "level": None}, "--level: a promotion plan needs your level"),
        ({"promotion": True, "level": "staff"}, "--level: staff and above is the highest"),
    ],
)
def test_bad_input_is_one_sentence_naming_the_flag(request_args: dict, message: str) -> None:
    args = {**WHERE, **request_args}
    with pytest.raises(InputError, match=message.replace("(", r"\(")):
        build_raise_plan(RaiseRequest(current_base=BASE, **args), None)


# ---- the PDF and the CLI ---------------------------------------------------------------------


def test_the_raise_plan_prints_on_one_legible_page(raise_plan: Plan) -> None:
    assert raise_plan.talk is not None and raise_plan.talk.gap is not None
    key = [
        f"${raise_plan.talk.gap.value:,}",
        "March 1, 2027",
        "If my manager says…",
        "Title only, as the last resort",
    ]
    check_one_legible_page(plan_pdf(raise_plan), "plan-raise.png", key)


def test_a_staged_promotion_plan_prints_on_one_legible_page(pack_settings: Settings) -> None:
    plan = build_raise_plan(
        RaiseRequest(current_base=110_000, promotion=True, review_date=REVIEW, **WHERE),
        pack_settings,
    )
    assert plan.talk is not None and plan.talk.ask.staged and plan.talk.ask.low is not None
    key = [f"${plan.talk.ask.low.value:,}", "first step", "If my manager says…"]
    check_one_legible_page(plan_pdf(plan), "plan-promotion-staged.png", key)


runner = CliRunner()


def test_coach_plan_raise_writes_the_plan(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "raise.pdf"
    args = ["plan", "--raise", "--current-base", "140k", "--role", "data engineer"]
    args += ["--level", "senior", "--city", "Austin", "--review-date", "2099-03-01"]
    result = runner.invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = check_one_legible_page(out.read_bytes(), "plan-raise-cli.png", ["March 1, 2099"])
    assert "For the raise talk with my own manager" in text
    md = tmp_path / "promotion.md"
    args = ["plan", "--promotion", "--current-base", "140k", "--role", "data engineer"]
    result = runner.invoke(app, [*args, "--level", "mid", "--out", str(md)])
    assert result.exit_code == 0, result.output
    assert "For the promotion talk" in md.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--raise", "--role", "data engineer"], "--current-base: "),
        (["--raise", "--current-base", "140k"], "--role: "),
        (["--raise", "--current-base", "lots", "--role", "data engineer"], "--current-base: "),
        (["--promotion", "--current-base", "140k", "--role", "data engineer"], "--level: "),
        (["--raise", "--current-base", "140k", "--role", "x", "--review-date", "soon"], "--review"),
        (["--raise", "--current-base", "140k", "--role", "x", "--floor", "150k"], "--floor: "),
        (["--role", "data engineer", "--review-date", "2099-01-01"], "--review-date: "),
    ],
)
def test_coach_plan_raise_bad_input_is_one_sentence_naming_the_flag(
    args: list[str], message: str, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["plan", *args, "--out", "plan.md"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {message}"), result.stderr
    assert not list(tmp_path.iterdir())


# ---- after a manager practice call: the Practice tab's "Download my plan" -----------------


def test_the_practice_plan_after_a_manager_talk_is_the_raise_plan_with_its_lessons(
    settings: Settings,
) -> None:
    scenario = generate_manager(
        7,
        talk="raise",
        role="data engineer",
        level="senior",
        location="Austin",
        current_base=BASE,
        today=dt.date(2026, 12, 1),
    )
    call = ManagerCall(scenario)
    call.start()
    call.turn("Hi, I wanted to ask about a raise.")
    call.turn("I've been working really hard, I closed 140 tickets this year.")
    path, problem = plan_download.safe_practice_plan(call, settings)
    assert path is None and problem.startswith("End the call first")
    card = call.end()
    path, problem = plan_download.safe_practice_plan(call, settings)
    assert not problem and path is not None
    reader = PdfReader(path)
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "For the raise talk with my own manager" in text
    assert "My market gap" in text and "From my practice call" in text
    assert card.grade.reasons[0].split(" (")[0][:40] in text
    # The same plan, as data: the scorecard's lessons (up to three), each with its section.
    plan = build_raise_plan(plan_download._manager_request(scenario, card), settings)
    assert [lesson.text for lesson in plan.lessons] == card.grade.reasons[:3]
    assert_every_citation_is_a_section(plan)
