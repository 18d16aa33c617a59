"""Readable on any screen (issue 18, item 3): each tab with content at 1366×768 and 390×844.

No figure splits across lines; on a phone money tables are stacked cards, each value named
by its column, and charts keep a legible size instead of shrinking to the screen.
Screenshots of each tab at both sizes go to artifacts/screenshots/ (a test artifact).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser_content import (
    SIZES,
    ask_coach,
    check_offers,
    open_app,
    play_practice_call,
    show_tab,
    split_figures,
)
from tests.test_browser import SHOTS, app_url, browser  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.integration]

TABS = {"coach": "#coach-chat", "offers": "#offer-report", "practice": "#practice-scorecard"}

# What a cell looks like: a table row's display, the label before a cell, the page's width.
LAYOUT_JS = """
(root) => {
  const table = document.querySelector(`${root} .prose table`);
  const cell = table.querySelector("tbody td[data-label]:not(:first-child)");
  return {
    row: getComputedStyle(table.querySelector("tbody tr")).display,
    label: cell.dataset.label,
    before: getComputedStyle(cell, "::before").content,
    header: [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim()),
    pageOverflows: document.documentElement.scrollWidth > window.innerWidth,
  };
}
"""


def _shoot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _no_split_figures(page: Any, root: str) -> None:
    checked, split = split_figures(page, root)
    assert checked >= 5, f"{root}: only {checked} figures found to check"
    assert not split, f"{root}: figures split across lines: {split}"


@pytest.mark.parametrize("size", list(SIZES))
def test_each_tab_with_content_is_readable(browser, app_url: str, size: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    width, height = SIZES[size]
    context, page = open_app(browser, app_url, SIZES[size])
    try:
        fill = {"coach": ask_coach, "offers": check_offers, "practice": play_practice_call}
        names = {"coach": "Coach", "offers": "Offers", "practice": "Practice call"}
        for tab, root in TABS.items():
            show_tab(page, names[tab])
            fill[tab](page)
            page.wait_for_timeout(300)  # the page's labeller runs on the next frame
            _shoot(page, f"{tab}-{width}x{height}")
            _no_split_figures(page, root)
            layout = page.evaluate(LAYOUT_JS, root)
            assert not layout["pageOverflows"], f"{tab}: the page scrolls sideways at {size}"
            assert layout["label"] in layout["header"]
            if size == "phone":  # stacked cards: a row is a block, each value named
                assert layout["row"] == "block", f"{tab}: {layout}"
                assert layout["before"] == f'"{layout["label"]}"', f"{tab}: {layout}"
            else:  # a table as a table, no label repeated in each cell
                assert layout["row"] == "table-row", f"{tab}: {layout}"
                assert layout["before"] == "none", f"{tab}: {layout}"
        # Charts on a phone keep most of their drawn size (scrolling sideways in their box)
        # rather than shrinking to the screen's width, where their labels are 5 pixels high.
        show_tab(page, "Offers")
        chart = page.locator("#offer-chart-1 img").bounding_box()
        drawn = page.evaluate("document.querySelector('#offer-chart-1 img').naturalWidth")
        assert chart is not None
        if size == "phone":
            assert chart["width"] >= 0.8 * drawn > width, (chart, drawn)
        else:
            assert chart["width"] <= width
    finally:
        context.close()
