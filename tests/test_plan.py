"""The one-page negotiation plan (issue 20, item 3): built from the tools' results, as
Markdown with every section and as a PDF that prints on one page with legible text.

Three plans are built here (an offer letter read from a real PDF, no offer yet, two
offers), each figure checked against what the tools themselves return for the same
person; the PDFs are rendered to PNG (pypdfium2) into artifacts/plans/, beside the
browser tests' screenshots.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from coach import citations as cite
from coach.cli import app
from coach.config import Settings
from coach.contracts import ToolName, ToolResult, parse_result
from coach.errors import InputError
from coach.evidence import EvidencePack, save_pack
from coach.money import find_amounts
from coach.offers import Offer, load_offer, parse_offer
from coach.plan.build import PlanRequest, build_plan
from coach.plan.markdown import plan_markdown
from coach.plan.model import Plan
from coach.plan.pdf import MIN_BODY_SIZE, plan_pdf
from coach.roleplay import PracticeCall, generate
from coach.tools import (
    anchor_range_spec,
    compare_offers_spec,
    draft_counter_spec,
    salary_lookup_spec,
    score_offer_spec,
    walk_away_spec,
)
from coach.ui import offers_tab, plan_download
from coach.ui.offers_tab import FormOffer
from tests.conftest import REPO
from tests.letter_builds import build_pdf, letter_text, load_letters

SHOTS = REPO / "artifacts" / "plans"
LETTER_ID = "northwind-table"  # a table of figures, a letterhead and footer, a deadline
BULLETS = [
    "Built the claims-summary pipeline (Python, LangChain, GPT-4o) that cut adjusters' "
    "review time from 40 to 12 minutes a file",
    "Measured it weekly against 200 reviewed files: accuracy rose from 81% to 94%",
    "Portable: the same retrieval and eval set-up runs on any document-heavy workflow",
]
SECOND_OFFER = (
    "Beta Labs, senior machine learning engineer in Seattle: 210k base, 10% bonus, "
    "300k RSUs over 4 years"
)
OFFER_HEADINGS = (
    "## Market estimate",
    "## The anchor and the range to state",
    "## My walk-away number (keep it private)",
    "## The offer",
    "## The counter",
    "## What I'll say",
    "## The levers, in order",
    "## If the recruiter says…",
    "## The five costly mistakes",
    "## My evidence",
    "## Timeline",
)


def _letter() -> dict[str, Any]:
    return next(letter for letter in load_letters() if letter["id"] == LETTER_ID)


@pytest.fixture(scope="module")
def letter_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pdf(_letter(), tmp_path_factory.mktemp("letter") / "northwind-offer.pdf")


@pytest.fixture(scope="module")
def pack_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A home with an evidence pack (its bullets fill the script's evidence lines)."""
    settings = Settings(home=tmp_path_factory.mktemp("home-with-pack"))
    save_pack(settings.home, EvidencePack(bullets=BULLETS))
    return settings


def _tool(run: Any, name: ToolName, **args: Any) -> ToolResult:
    result = parse_result(name, run(**args)[1])
    assert result is not None and result.error is None, result
    return result


def tool_figures(offer_texts: Iterable[str], current_base: str, where: dict[str, str]) -> dict:
    """What each tool returns for this person, run as the agent runs it: figure -> tools."""
    results: dict[ToolName, list[ToolResult]] = {
        ToolName.SALARY_LOOKUP: [_tool(salary_lookup_spec().run, ToolName.SALARY_LOOKUP, **where)],
        ToolName.ANCHOR_RANGE: [_tool(anchor_range_spec().run, ToolName.ANCHOR_RANGE, **where)],
        ToolName.WALK_AWAY: [
            _tool(walk_away_spec().run, ToolName.WALK_AWAY, current_base=current_base, **where)
        ]
        if current_base
        else [],
        ToolName.SCORE_OFFER: [],
        ToolName.DRAFT_COUNTER: [],
        ToolName.COMPARE_OFFERS: [],
    }
    texts = list(offer_texts)
    for text in texts:
        for name, spec in (
            (ToolName.SCORE_OFFER, score_offer_spec),
            (ToolName.DRAFT_COUNTER, draft_counter_spec),
        ):
            results[name].append(
                _tool(spec().run, name, offer_text=text, current_base=current_base, **where)
            )
    if len(texts) > 1:
        results[ToolName.COMPARE_OFFERS].append(
            _tool(compare_offers_spec().run, ToolName.COMPARE_OFFERS, offers=texts)
        )
    return {name: set().union(*(r.figures() for r in found)) for name, found in results.items()}


def assert_every_figure_is_a_tools(plan: Plan, markdown: str, figures: dict) -> None:
    # Each figure the plan holds is one its named tool returned...
    for figure in plan.figures():
        assert figure.value in figures[figure.source], (figure, sorted(figures[figure.source]))
    # ...and every amount the page states is one some tool returned.
    returned = set().union(*figures.values())
    stated = {a.value for a in find_amounts(markdown) if a.explicit}
    assert stated, "the plan states no figure"
    assert stated <= returned, sorted(stated - returned)


def assert_every_citation_is_a_section(plan: Plan) -> None:
    cited = [
        *plan.range.citations,
        *plan.walk_away.citations,
        *plan.script.citations,
        *(o.citation for o in plan.objections),
        *(m.citation for m in plan.mistakes),
        *(t.citation for t in plan.timeline),
        *(lesson.citation for lesson in plan.lessons),
        *(lever.citation for lever in plan.levers),
        *(s.citation for s in plan.before_offer_scripts),
    ]
    assert cited and set(cited) <= set(cite.ALL), set(cited) - set(cite.ALL)


# ---- (a) a person with an offer letter --------------------------------------------------


@pytest.fixture(scope="module")
def letter_plan(letter_pdf: Path, pack_settings: Settings) -> Plan:
    offer = load_offer(str(letter_pdf)).offer
    request = PlanRequest(offers=[("Northwind Analytics", offer)], current_base=170_000)
    return build_plan(request, pack_settings)


def _where(offer: Offer) -> dict[str, str]:
    return {"role": offer.role or "", "level": offer.level or "", "location": offer.location or ""}


def test_a_plan_from_an_offer_letter_has_every_section_and_only_the_tools_figures(
    letter_plan: Plan, letter_pdf: Path
) -> None:
    offer = load_offer(str(letter_pdf)).offer
    markdown = plan_markdown(letter_plan)
    for heading in OFFER_HEADINGS:
        assert heading in markdown, heading
    figures = tool_figures([letter_text(_letter())], "170k", _where(offer))
    assert_every_figure_is_a_tools(letter_plan, markdown, figures)
    assert_every_citation_is_a_section(letter_plan)
    # The letter's four-year total, as the corpus worked it out by hand.
    assert letter_plan.offers[0].four_year_total.value == _letter()["expect"]["four_year_total"]
    assert letter_plan.walk_away.value is not None  # current base + 15%: the tool's arithmetic
    # The deadline the letter states, and asking for time before it.
    assert "28 October 2026" in markdown
    assert [t.citation for t in letter_plan.timeline][:2] == [cite.ON_THE_SPOT, cite.EXTENSION]


def test_the_script_is_filled_from_the_evidence_pack(letter_plan: Plan) -> None:
    script = letter_plan.script
    assert script.evidence_filled and not script.missing
    assert "[" not in script.text  # no blank left
    assert "claims-summary pipeline" in script.text and "81% to 94%" in script.text
    # Said in the counter script (which lists the first two bullets) and listed once more
    # under the evidence.
    assert plan_markdown(letter_plan).count("- Built the claims-summary") == 2


def test_the_likely_objections_follow_the_offers_facts(letter_plan: Plan) -> None:
    said = [o.says for o in letter_plan.objections]
    # A base under the market median: "the budget is fixed"; a stated level: internal
    # equity; an employer of no stated type: "AI makes everyone productive".
    assert 2 <= len(said) <= 3
    assert said[0] == "The budget is fixed"
    assert "We pay based on internal equity" in said
    lever = letter_plan.levers[0]
    assert lever.ask[1:].rstrip(".") in letter_plan.objections[0].answer


def test_the_levers_keep_the_counters_order_and_values(letter_plan: Plan) -> None:
    values = [lever.value.value for lever in letter_plan.levers if lever.value is not None]
    assert values and all(v > 0 for v in values)
    assert letter_plan.levers[0].key == "sign_on"


# ---- (b) a person with no offer yet -------------------------------------------------------


@pytest.fixture(scope="module")
def no_offer_plan() -> Plan:
    # No home with a pack: the evidence line names what is missing.
    request = PlanRequest(role="data scientist", level="mid", city="Austin", floor=150_000)
    return build_plan(request, None)


def test_a_plan_before_any_offer_has_the_range_and_the_scripts_only(no_offer_plan: Plan) -> None:
    markdown = plan_markdown(no_offer_plan)
    for heading in (
        "## Market estimate",
        "## The anchor and the range to state",
        "## What I'll say",
    ):
        assert heading in markdown
    for heading in (
        "## The offer",
        "## The counter",
        "## The levers",
        "## If the recruiter",
        "## Timeline",
    ):
        assert heading not in markdown
    assert not no_offer_plan.offers and not no_offer_plan.levers and not no_offer_plan.objections
    scripts = [s.citation for s in no_offer_plan.before_offer_scripts]
    assert scripts == [cite.STATE_RANGE, cite.DEFLECT_CURRENT, cite.BUZZWORDS]
    range_ = no_offer_plan.range
    assert range_.bottom and range_.top_low
    assert f"${range_.bottom.value:,}" in no_offer_plan.before_offer_scripts[0].text
    # No evidence pack: the one missing fact is named, and how to build it.
    assert no_offer_plan.script.missing == ["a workflow you built and its measured result"]
    assert "coach evidence" in markdown
    where = {"role": "data scientist", "level": "mid", "location": "Austin"}
    figures = tool_figures([], "", where)
    figures[ToolName.WALK_AWAY] = _tool(
        walk_away_spec().run, ToolName.WALK_AWAY, floor="150000", **where
    ).figures()
    assert_every_figure_is_a_tools(no_offer_plan, markdown, figures)
    assert_every_citation_is_a_section(no_offer_plan)


def test_a_plan_with_no_offer_and_no_role_is_one_sentence_naming_the_role() -> None:
    with pytest.raises(InputError, match=r"^role: "):
        build_plan(PlanRequest())


# ---- (c) two offers ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def two_offer_plan(letter_pdf: Path, pack_settings: Settings) -> Plan:
    first = load_offer(str(letter_pdf)).offer
    second = parse_offer(SECOND_OFFER).offer
    request = PlanRequest(
        offers=[("Northwind Analytics", first), ("Beta Labs", second)], current_base=170_000
    )
    return build_plan(request, pack_settings)


def test_a_plan_with_two_offers_compares_them_and_answers_with_the_real_one(
    two_offer_plan: Plan, letter_pdf: Path
) -> None:
    markdown = plan_markdown(two_offer_plan)
    assert "## The offers" in markdown
    assert [o.name for o in two_offer_plan.offers] == ["Northwind Analytics", "Beta Labs"]
    comparison = two_offer_plan.comparison
    assert comparison is not None and comparison.negotiating == "Northwind Analytics"
    other = two_offer_plan.offers[1]
    answer = next(o.answer for o in two_offer_plan.objections if o.citation == cite.OTHER_OFFERS)
    assert f"${other.base.value:,}" in answer and f"${other.four_year_total.value:,}" in answer
    offer = load_offer(str(letter_pdf)).offer
    figures = tool_figures([letter_text(_letter()), SECOND_OFFER], "170k", _where(offer))
    assert_every_figure_is_a_tools(two_offer_plan, markdown, figures)


# ---- the PDF: one page, legible, the key figures in its text ------------------------------


def _practice_scorecard() -> Any:
    call = PracticeCall(generate(7, role="ML engineer", level="senior", location="Seattle"))
    call.start()
    call.turn("Thank you! Based on the market I'm looking for a base of $290,000.")
    call.turn("Could you send it in writing? I'd like a few days to review it.")
    return call.end()


def _font_sizes(page: Any) -> list[float]:
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            sizes.append(size * (abs(tm[3]) or 1.0) * (abs(cm[3]) or 1.0))

    page.extract_text(visitor_text=visit)
    return sizes


def check_one_legible_page(pdf: bytes, png_name: str, must_say: Iterable[str]) -> str:
    """The PDF's page count (pypdf and pdfium agree: one), its text, its smallest font,
    and its PNG (written to artifacts/plans/) not blank; returns its text."""
    import pypdfium2 as pdfium

    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert round(width) == 595 and round(height) == 842  # A4 (the text box fits Letter)
    text = page.extract_text()
    flat = " ".join(text.split())
    for said in must_say:
        assert said in flat, said
    sizes = _font_sizes(page)
    assert sizes and min(sizes) >= MIN_BODY_SIZE >= 7
    document = pdfium.PdfDocument(pdf)
    assert len(document) == 1
    image = document[0].render(scale=1.5).to_pil().convert("L")
    SHOTS.mkdir(parents=True, exist_ok=True)
    image.save(SHOTS / png_name)
    pixels = np.asarray(image)
    ink = float((pixels < 128).mean())
    assert 0.02 < ink < 0.5, ink  # text on the page, not a blank or a black page
    # Nothing drawn in the bottom 27.6 mm: the text box ends where Letter paper's margin does.
    letter_foot = int(pixels.shape[0] * (279.4 - 10) / 297)
    assert pixels[letter_foot:].min() > 200
    return flat


def test_the_letter_plan_prints_on_one_legible_page(letter_plan: Plan) -> None:
    pdf = plan_pdf(letter_plan)
    key = [
        f"${letter_plan.range.bottom.value:,}",  # type: ignore[union-attr]
        f"${letter_plan.walk_away.value.value:,}",  # type: ignore[union-attr]
        f"${letter_plan.offers[0].four_year_total.value:,}",
        f"${letter_plan.counter.base_ask.value:,}",  # type: ignore[union-attr]
        "28 October 2026",
    ]
    check_one_legible_page(pdf, "plan-offer-letter.png", key)


def test_the_no_offer_plan_prints_on_one_legible_page(no_offer_plan: Plan) -> None:
    key = [f"${no_offer_plan.range.bottom.value:,}", f"${no_offer_plan.range.top_low.value:,}"]  # type: ignore[union-attr]
    check_one_legible_page(plan_pdf(no_offer_plan), "plan-no-offer.png", key)


def test_a_plan_after_a_practice_call_adds_its_three_lessons(letter_plan: Plan) -> None:
    card = _practice_scorecard()
    plan = build_plan(
        PlanRequest(role="ML engineer", level="senior", city="Seattle", scorecard=card), None
    )
    assert [lesson.text for lesson in plan.lessons] == card.grade.reasons[:3]
    assert "## From my practice call" in plan_markdown(plan)
    assert_every_citation_is_a_section(plan)
    text = check_one_legible_page(
        plan_pdf(plan), "plan-after-practice.png", ["From my practice call"]
    )
    assert card.grade.reasons[0].split(":", 1)[0] in text


def test_a_dense_plan_is_shortened_to_one_page_and_says_so(pack_settings: Settings) -> None:
    """Five offers, a full evidence pack and a practice call's lessons: more than a page
    holds at 7 pt. The least important parts are shortened, and the page says which."""
    texts = [
        f"Company{i}, senior machine learning engineer in Seattle: {180 + 5 * i}k base, "
        f"15% bonus, {300 + 20 * i}k RSUs over 4 years, {10 + i}k sign-on, 20 days PTO"
        for i in range(5)
    ]
    offers = [(f"Company{i}", parse_offer(t).offer) for i, t in enumerate(texts)]
    save_pack(
        pack_settings.home,
        EvidencePack(bullets=[*BULLETS, BULLETS[0] + " " + BULLETS[1], BULLETS[2] * 2]),
    )
    try:
        plan = build_plan(
            PlanRequest(
                offers=offers, current_base=170_000, floor=200_000, scorecard=_practice_scorecard()
            ),
            pack_settings,
        )
    finally:
        save_pack(pack_settings.home, EvidencePack(bullets=BULLETS))
    text = check_one_legible_page(plan_pdf(plan), "plan-dense.png", ["Shortened to fit one page"])
    assert f"${plan.walk_away.value.value:,}" in text  # type: ignore[union-attr]


# ---- the command line, through the app's entry point -------------------------------------

runner = CliRunner()


def test_coach_plan_writes_a_one_page_pdf_and_the_full_markdown(
    letter_pdf: Path, tmp_path: Path, home: Path
) -> None:
    out = tmp_path / "plan.pdf"
    result = runner.invoke(
        app, ["plan", "--offer", str(letter_pdf), "--current-base", "170k", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert f"Plan written to {out}" in result.stdout
    check_one_legible_page(out.read_bytes(), "plan-cli.png", ["$198,000", "Northwind"])
    markdown = tmp_path / "plan.md"
    result = runner.invoke(
        app, ["plan", "--role", "data scientist", "--city", "Austin", "--out", str(markdown)]
    )
    assert result.exit_code == 0, result.output
    assert "## The anchor and the range to state" in markdown.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "plan.md"], "--role: "),
        (["--role", "ML engineer", "--floor", "lots", "--out", "plan.md"], "--floor: "),
        (["--role", "ML engineer", "--out", "plan.docx"], "--out: "),
        (["--offer", "missing-letter.pdf", "--out", "plan.md"], "--offer 'missing-letter.pdf': "),
        (["--role", "ML engineer", "--level", "x" * 200, "--out", "plan.md"], "--level: "),
    ],
)
def test_coach_plan_bad_input_is_one_sentence_naming_the_flag(
    args: list[str], message: str, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["plan", *args])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {message}"), result.stderr
    assert not list(tmp_path.iterdir())  # nothing written


# ---- the UI's handlers, without a browser ----------------------------------------------------


def test_the_offers_tab_plan_is_the_offers_it_reads(settings: Settings) -> None:
    path, problem = plan_download.safe_offers_plan(
        FormOffer(), SECOND_OFFER, "170k", "", (), settings
    )
    assert not problem and path is not None and path.suffix == ".pdf"
    text = " ".join(PdfReader(path).pages[0].extract_text().split())
    assert "Beta Labs" in text and "$210,000" in text
    assert len(PdfReader(path).pages) == 1


def test_current_pay_said_beside_a_pasted_offer_is_the_plans_current_base(
    settings: Settings,
) -> None:
    # "I make 170k now" in the pasted text, the current-base box left empty: the walk-away
    # number is worked out from it, not reported missing.
    pasted = SECOND_OFFER.rstrip() + "\nI make 170k now."
    checked = offers_tab.check_offers(FormOffer(), pasted)
    assert checked.current_base == 170_000
    path, problem = plan_download.safe_offers_plan(FormOffer(), pasted, "", "", (), settings)
    assert not problem and path is not None
    text = " ".join(PdfReader(path).pages[0].extract_text().split())
    assert "$170,000 × 1.15" in text and "Missing: your current base" not in text


def test_the_offers_tab_plan_refuses_in_one_sentence(settings: Settings) -> None:
    path, problem = plan_download.safe_offers_plan(FormOffer(), "", "", "", (), settings)
    assert path is None and problem.startswith("Enter an offer")
    path, problem = plan_download.safe_offers_plan(
        FormOffer(), SECOND_OFFER, "a lot", "", (), settings
    )
    assert path is None and problem.startswith("Current base:")


def test_the_practice_plan_needs_an_ended_call_and_adds_its_lessons(settings: Settings) -> None:
    assert plan_download.safe_practice_plan(None, settings)[1].startswith("There is no practice")
    call = PracticeCall(generate(11, role="data scientist", level="mid", location="Austin"))
    call.start()
    call.turn("Thanks! I'm looking for a base in line with the market median.")
    path, problem = plan_download.safe_practice_plan(call, settings)
    assert path is None and problem.startswith("End the call first")
    card = call.end()
    path, problem = plan_download.safe_practice_plan(call, settings)
    assert not problem and path is not None
    text = " ".join(PdfReader(path).pages[0].extract_text().split())
    assert "From my practice call" in text
    assert card.grade.reasons[0].split(":", 1)[0] in text


def test_an_offer_in_pounds_is_shown_in_pounds_beside_a_market_in_dollars() -> None:
    letter = next(item for item in load_letters() if item["id"] == "quill-london")
    offer = parse_offer(letter_text(letter)).offer
    assert offer.currency == "GBP"
    plan = build_plan(PlanRequest(offers=[("Quill", offer)]), None)
    markdown = plan_markdown(plan)
    assert f"base £{offer.base:,}" in markdown and f"${offer.base:,}" not in markdown
    assert plan.market.median is not None and plan.market.median.currency == "USD"
    assert f"${plan.market.median.value:,}" in markdown
    # No exchange rate: the script asks for the band, and the median is named as missing.
    assert "the market median for this role, with its source" in plan.script.missing


def test_the_practice_plan_on_your_own_offer_plans_for_that_offer(settings: Settings) -> None:
    from coach.roleplay.scenario import from_offer

    call = PracticeCall(from_offer(parse_offer(SECOND_OFFER).offer, 5))
    call.start()
    call.turn("Thank you. Could I have it in writing and a few days to review it?")
    call.end()
    path, problem = plan_download.safe_practice_plan(call, settings)
    assert not problem and path is not None
    text = " ".join(PdfReader(path).pages[0].extract_text().split())
    assert "Beta Labs" in text and "$210,000" in text and "From my practice call" in text
