"""The app in a real browser: Debian's Chromium driven by Playwright, screenshots kept.

Screenshots go to artifacts/screenshots/ (a test artifact, not committed).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.config import Settings
from tests.conftest import REPO, free_port

pytestmark = [pytest.mark.browser, pytest.mark.integration]

CHROMIUM = os.environ.get("COACH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = REPO / "artifacts" / "screenshots"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def app_url(own_ingested_settings: Settings) -> Iterator[str]:
    from coach.ui.app import launch

    demo, _services, url = launch(
        own_ingested_settings, port=free_port(), block=False, background=False
    )
    yield url
    demo.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (make test installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, app_url: str, request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if not r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            else None
        ),
    )
    page.goto(app_url, timeout=TIMEOUT_MS)
    page.wait_for_selector("#coach-input textarea", timeout=TIMEOUT_MS)
    yield page
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not outside, f"the page fetched from outside this machine: {outside[:5]}"


def ask(page, question: str) -> None:  # type: ignore[no-untyped-def]
    box = page.locator("#coach-input textarea")
    box.fill(question)
    box.press("Enter")


def test_question_gets_a_cited_answer_and_survives_a_reload(page) -> None:  # type: ignore[no-untyped-def]
    ask(page, "They said this is the top of their range. What do I say?")
    chat = page.locator("#coach-chat")
    chat.get_by_text('Objections — "This is the top of our range"').first.wait_for(
        timeout=TIMEOUT_MS
    )
    assert "Searched the playbook" in chat.inner_text()
    assert "This is the top of our range" in page.locator("#coach-sources").inner_text()
    page.reload()
    page.wait_for_selector("#coach-input textarea", timeout=TIMEOUT_MS)
    page.locator("#coach-chat").get_by_text(
        "They said this is the top of their range"
    ).first.wait_for(timeout=TIMEOUT_MS)


def test_salary_question_shows_the_tool_step_and_figures(page) -> None:  # type: ignore[no-untyped-def]
    ask(page, "What does a senior ML engineer in Seattle make?")
    chat = page.locator("#coach-chat")
    chat.get_by_text("Market base pay").first.wait_for(timeout=TIMEOUT_MS)
    text = chat.inner_text()
    assert "Looked up market pay" in text and "$203,135" in text


def test_offer_gets_a_score_and_a_chart(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("tab", name="Offers").click()
    page.locator("#offer-company textarea, #offer-company input").first.fill("Acme")
    page.locator("#offer-role textarea, #offer-role input").first.fill("ML engineer")
    page.locator("#offer-base textarea, #offer-base input").first.fill("185k")
    page.locator("#offer-check").click()
    report = page.locator("#offer-report")
    report.get_by_text("Counter-proposal", exact=True).first.wait_for(timeout=TIMEOUT_MS)
    assert "Verdict:" in report.inner_text()
    chart = page.locator("#offer-chart-1 img, #offer-chart-1 svg, #offer-chart-1 canvas")
    chart.first.wait_for(timeout=TIMEOUT_MS)


def test_three_turns_of_a_practice_call_and_the_scorecard(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("tab", name="Practice call").click()
    page.locator("#practice-role textarea, #practice-role input").first.fill("ML engineer")
    page.locator("#practice-start").click()
    page.locator("#practice-brief").get_by_text("recruiter").first.wait_for(timeout=TIMEOUT_MS)
    turns = [
        "My target range is based on market data; I'd rather not share my current salary.",
        "Based on the market median and the RAG workflow I built, which cut tickets by 30%, "
        "and my eval framework, I'm targeting a higher base.",
        "Could we close the gap with a sign-on bonus and more equity?",
    ]
    box = page.locator("#practice-input textarea")
    for n, text in enumerate(turns, start=1):
        box.fill(text)
        box.press("Enter")
        page.locator("#practice-hints").get_by_text(f"Turn {n}:").wait_for(timeout=TIMEOUT_MS)
    page.locator("#practice-end").click()
    card = page.locator("#practice-scorecard")
    card.get_by_text("Left on the table").first.wait_for(timeout=TIMEOUT_MS)
    assert "Anchoring on your current pay" in card.inner_text()


def test_the_conversation_and_the_practice_call_survive_an_app_restart(  # type: ignore[no-untyped-def]
    browser, own_ingested_settings: Settings
) -> None:
    """The browser keeps only an encrypted thread id; with the per-install secret it still
    decrypts after the app restarts, so the conversation, the practice call and its
    scorecard come back (issue 18, item 1)."""
    from coach.ui.app import launch

    port = free_port()  # the same origin before and after: the browser's storage is per origin
    demo, _, url = launch(own_ingested_settings, port=port, block=False, background=False)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(url, timeout=TIMEOUT_MS)
        page.wait_for_selector("#coach-input textarea", timeout=TIMEOUT_MS)
        ask(page, "How do I answer when they ask my current salary?")
        page.locator("#coach-chat").get_by_text("Deflecting").first.wait_for(timeout=TIMEOUT_MS)
        page.get_by_role("tab", name="Practice call").click()
        page.locator("#practice-role textarea, #practice-role input").first.fill("ML engineer")
        page.locator("#practice-start").click()
        # Until the call has started the box is closed: fill() waits for it to open.
        page.locator("#practice-brief").get_by_text("recruiter").first.wait_for(timeout=TIMEOUT_MS)
        box = page.locator("#practice-input textarea")
        box.fill("I'd rather not share my current salary; I'm focused on the market.")
        box.press("Enter")
        page.locator("#practice-chat").get_by_text("focused on the market").first.wait_for(
            timeout=TIMEOUT_MS
        )
        page.locator("#practice-end").click()
        page.locator("#practice-scorecard").get_by_text("Scorecard —").first.wait_for(
            timeout=TIMEOUT_MS
        )
    finally:
        demo.close()
    demo, _, url = launch(own_ingested_settings, port=port, block=False, background=False)
    try:
        page.reload(timeout=TIMEOUT_MS)
        page.wait_for_selector("#coach-input textarea", timeout=TIMEOUT_MS)
        page.locator("#coach-chat").get_by_text("ask my current salary").first.wait_for(
            timeout=TIMEOUT_MS
        )
        page.get_by_role("tab", name="Practice call").click()
        page.locator("#practice-chat").get_by_text("focused on the market").first.wait_for(
            timeout=TIMEOUT_MS
        )
        page.locator("#practice-scorecard").get_by_text("Scorecard —").first.wait_for(
            timeout=TIMEOUT_MS
        )
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "after-restart-practice.png"), full_page=True)
    finally:
        context.close()
        demo.close()


def test_a_refused_message_stays_in_the_box_and_nothing_piles_up(page) -> None:  # type: ignore[no-untyped-def]
    """Issue 18, item 8: an over-long message is refused in a toast and stays in the input
    box; empty sends add nothing to the chat."""
    box = page.locator("#coach-input textarea")
    long = "my offer " * 1_200  # ~10,800 characters, over the 8,000 limit
    box.fill(long)
    box.press("Enter")
    page.get_by_text("please keep it under").first.wait_for(timeout=TIMEOUT_MS)
    assert box.input_value() == long
    assert "my offer my offer" not in page.locator("#coach-chat").inner_text()
    box.fill("")
    for _ in range(2):
        box.press("Enter")
    page.wait_for_timeout(1_000)
    assert "Please type a question first" not in page.locator("#coach-chat").inner_text()


def test_the_practice_tab_folds_its_set_up_and_wakes_its_buttons(browser, app_url: str) -> None:  # type: ignore[no-untyped-def]
    """Issue 18, item 6: before a call its buttons are disabled; once it starts the set-up
    folds away so the chat and its input are in view at 1366×768; the scorecard scrolls
    into view when the call ends."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    try:
        page.goto(app_url, timeout=TIMEOUT_MS)
        page.get_by_role("tab", name="Practice call").click()
        page.locator("#practice-flow").get_by_text("scorecard").first.wait_for(timeout=TIMEOUT_MS)
        assert page.locator("#practice-end").is_disabled()
        assert page.locator("#practice-export").is_disabled()
        # Nothing to say before the recruiter is there: the box is closed and says why.
        assert page.locator("#practice-input textarea").is_disabled()
        assert "Start the call first" in (
            page.locator("#practice-input textarea").get_attribute("placeholder") or ""
        )
        page.locator("#practice-role textarea, #practice-role input").first.fill("ML engineer")
        page.locator("#practice-start").click()
        page.locator("#practice-brief").get_by_text("recruiter").first.wait_for(timeout=TIMEOUT_MS)
        page.locator("#practice-end").wait_for(state="visible", timeout=TIMEOUT_MS)
        page.wait_for_function(
            "() => !document.querySelector('#practice-end').disabled", timeout=TIMEOUT_MS
        )
        assert not page.locator("#practice-role textarea, #practice-role input").first.is_visible()
        box = page.locator("#practice-input textarea")
        box.scroll_into_view_if_needed()
        assert box.bounding_box() is not None
        box.fill("I'd rather not share my current salary.")
        box.press("Enter")
        page.locator("#practice-hints").get_by_text("Turn 1:").wait_for(timeout=TIMEOUT_MS)
        page.locator("#practice-end").click()
        card = page.locator("#practice-scorecard")
        card.get_by_text("Scorecard —").first.wait_for(timeout=TIMEOUT_MS)
        page.wait_for_function(
            "() => { const r = document.querySelector('#practice-scorecard')"
            ".getBoundingClientRect(); return r.top < window.innerHeight && r.bottom > 0; }",
            timeout=TIMEOUT_MS,
        )
        # An ended call takes no more lines: the box says so (a newcomer typed into it).
        page.wait_for_function(
            "() => document.querySelector('#practice-input textarea').disabled", timeout=TIMEOUT_MS
        )
        assert "call has ended" in (box.get_attribute("placeholder") or "")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "practice-1366x768-scorecard.png"))
    finally:
        context.close()
