# ruff: noqa: F811  (the fixtures imported below are named as the tests' parameters)
"""Citations that open, in a real browser (issue 18, item 4): a citation in an answer is a
link; clicking it brings its passage into view beside the chat; a reload keeps both."""

from __future__ import annotations

import pytest

from tests.test_browser import TIMEOUT_MS, app_url, ask, browser, page  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.integration]

IN_VIEW = """id => {
    const el = document.getElementById(id);
    if (!el) return false;
    const box = el.parentElement.getBoundingClientRect();
    return box.top >= 0 && box.top < window.innerHeight;
}"""


def _click_citation(page, anchor: str) -> None:
    link = page.locator(f'#coach-chat a[href="#{anchor}"]').first
    link.wait_for(timeout=TIMEOUT_MS)
    link.click()
    page.wait_for_function(IN_VIEW, arg=anchor, timeout=TIMEOUT_MS)


def test_a_citation_opens_its_passage_and_both_survive_a_reload(page) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    ask(page, "Should I tell the recruiter my current salary?")
    page.locator("#coach-sources").get_by_text("Answer 1:").wait_for(timeout=TIMEOUT_MS)
    ask(page, "They said the budget is fixed. What now?")
    page.locator("#coach-sources").get_by_text("Answer 2:").wait_for(timeout=TIMEOUT_MS)
    # The first answer's citation still opens its own passage, below the second's.
    _click_citation(page, "src-1-1")
    cited = page.locator('#coach-chat a[href="#src-1-1"]').first.inner_text()
    block = page.evaluate(
        "id => document.getElementById(id).parentElement.nextElementSibling.innerText",
        "src-1-1",
    )
    assert cited in block
    page.reload()
    page.wait_for_selector("#coach-input textarea", timeout=TIMEOUT_MS)
    page.locator("#coach-sources").get_by_text("Answer 2:").wait_for(timeout=TIMEOUT_MS)
    _click_citation(page, "src-2-1")
