"""Accessibility (issue 18, item 9): every tab by keyboard alone, and an axe-core scan of each
tab with content with no serious or critical violation, at 1366×768 and at 390×844.

Each scan's violations (any impact) are kept in artifacts/axe/ beside the screenshots.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.browser_content import (
    QUESTION,
    SERIOUS,
    SIZES,
    ask_coach,
    axe_violations,
    check_evidence,
    check_offers,
    describe,
    open_app,
    play_practice_call,
    show_tab,
)
from tests.test_browser import SHOTS, TIMEOUT_MS, app_url, browser  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.integration]

AXE_RESULTS = SHOTS.parent / "axe"
MAX_TABS = 80  # key presses to reach a control: the Coach tab has the most stops before it


def _focused(page: Any, selector: str) -> bool:
    return bool(page.evaluate("(sel) => !!document.activeElement?.closest(sel)", selector))


def tab_to(page: Any, selector: str, back: bool = False) -> None:
    """Press Tab (Shift+Tab) until the focus is in ``selector``: it is reachable by keyboard."""
    key = "Shift+Tab" if back else "Tab"
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        if _focused(page, selector):
            return
    where = page.evaluate("document.activeElement?.outerHTML.slice(0, 200)")
    raise AssertionError(f"{selector} not reached with {key} x{MAX_TABS}; focus is on {where}")


def selected_tab(page: Any) -> str:
    return str(page.evaluate("document.querySelector('[role=tab][aria-selected=true]').innerText"))


def test_every_tab_works_by_keyboard_alone(browser, app_url: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    context, page = open_app(browser, app_url, SIZES["laptop"])
    try:
        # Coach: ask with Enter, then open a tool step's details with Enter.
        tab_to(page, "#coach-input")
        page.keyboard.insert_text(QUESTION)
        page.keyboard.press("Enter")
        chat = page.locator("#coach-chat")
        chat.locator("table").first.wait_for(timeout=TIMEOUT_MS)
        step = "#coach-chat .thought-group [role=button]"
        tab_to(page, step, back=True)
        shown = chat.inner_text()
        page.keyboard.press("Enter")
        page.wait_for_function(
            "(before) => document.querySelector('#coach-chat').innerText !== before",
            arg=shown,
            timeout=TIMEOUT_MS,
        )

        # Tabs: reached with Shift+Tab, opened with Enter; the arrow keys, Home and End
        # move between them and open the one reached.
        tab_to(page, "[role=tab]", back=True)
        reached = page.evaluate("document.activeElement.innerText")
        page.keyboard.press("Enter")
        assert selected_tab(page) == reached
        page.keyboard.press("Home")
        assert selected_tab(page) == "Coach"
        page.keyboard.press("ArrowRight")
        assert selected_tab(page) == "Practice call"
        assert _focused(page, "[role=tab][aria-selected=true]")

        # Practice: set up, start, say a line and end the call, all from the keyboard.
        tab_to(page, "#practice-role")
        page.keyboard.insert_text("ML engineer")
        tab_to(page, "#practice-start")
        page.keyboard.press("Enter")
        page.locator("#practice-brief").get_by_text("recruiter").first.wait_for(timeout=TIMEOUT_MS)
        tab_to(page, "#practice-input")
        page.keyboard.insert_text("I'd rather not share my current salary.")
        page.keyboard.press("Enter")
        page.locator("#practice-hints").get_by_text("Turn 1:").wait_for(timeout=TIMEOUT_MS)
        page.wait_for_function(
            "() => !document.querySelector('#practice-end').disabled", timeout=TIMEOUT_MS
        )
        tab_to(page, "#practice-end")
        page.keyboard.press("Enter")
        page.locator("#practice-scorecard").get_by_text("Scorecard —").first.wait_for(
            timeout=TIMEOUT_MS
        )

        # Offers: End opens the last tab (the evidence pack), the arrows the ones beside it;
        # a base typed in, checked with Space.
        tab_to(page, "[role=tab]", back=True)
        page.keyboard.press("End")
        assert selected_tab(page) == "Evidence pack"
        page.keyboard.press("ArrowLeft")
        assert selected_tab(page) == "Offers"
        page.keyboard.press("ArrowLeft")
        assert selected_tab(page) == "Practice call"
        page.keyboard.press("ArrowRight")
        assert selected_tab(page) == "Offers"
        tab_to(page, "#offer-base")
        page.keyboard.insert_text("185k")
        tab_to(page, "#offer-check")
        page.keyboard.press("Space")
        page.locator("#offer-report").get_by_text("Verdict:").first.wait_for(timeout=TIMEOUT_MS)
    finally:
        context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_axe_finds_nothing_serious_on_any_tab(browser, app_url: str, size: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    context, page = open_app(browser, app_url, SIZES[size])
    AXE_RESULTS.mkdir(parents=True, exist_ok=True)
    found: dict[str, list[dict[str, Any]]] = {}
    try:
        fills = [("Coach", ask_coach), ("Practice call", play_practice_call)]
        fills.append(("Offers", check_offers))
        fills.append(("Evidence pack", check_evidence))
        for name, fill in fills:
            show_tab(page, name)
            fill(page)
            page.wait_for_timeout(300)  # the page's enhancements run on the next frame
            found[name] = axe_violations(page)
            summary = [
                {"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])}
                for v in found[name]
            ]
            slug = name.split()[0].lower()
            (AXE_RESULTS / f"{slug}-{size}.json").write_text(json.dumps(summary, indent=2))
    finally:
        context.close()
    serious = {
        name: [v for v in violations if v["impact"] in SERIOUS]
        for name, violations in found.items()
    }
    assert not any(serious.values()), "\n".join(
        f"{name}:\n{describe(vs)}" for name, vs in serious.items() if vs
    )
