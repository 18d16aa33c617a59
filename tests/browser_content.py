"""Put content on each tab of the app in a real browser, and what the screen and accessibility
tests read from the page: figures split across lines, axe-core's violations.

Shared by tests/test_browser_screens.py and tests/test_browser_a11y.py; the browser and the
app come from tests/test_browser.py's fixtures.
"""

from __future__ import annotations

from typing import Any

from tests.test_browser import TIMEOUT_MS

SIZES = {"laptop": (1366, 768), "phone": (390, 844)}
QUESTION = "I got an offer: 185k base, 15% bonus, 400k RSUs over 4 years, 20k sign-on. Is it good?"
OFFERS = (
    "Acme, senior ML engineer in Seattle: 185k base, 15% bonus, 400k RSUs over 4 years, "
    "20k sign-on\n---\n"
    "Beta, senior ML engineer in Seattle: 175k base, 0.2% equity at a $500M valuation"
)
SERIOUS = ("serious", "critical")


def open_app(browser: Any, url: str, size: tuple[int, int]) -> tuple[Any, Any]:
    """A fresh browser context at this viewport, the app loaded and idle (its load event,
    which restores the conversation and the call, done before anything is pressed)."""
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(url, timeout=TIMEOUT_MS)
    page.wait_for_selector("#coach-input textarea", timeout=TIMEOUT_MS)
    page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
    return context, page


def show_tab(page: Any, name: str) -> None:
    """Open a tab as a person would: on a phone the tabs that don't fit sit behind
    Gradio's overflow menu ("⋯"), opened first."""
    tab = page.get_by_role("tab", name=name)
    if tab.count() and tab.first.is_visible():
        tab.first.click()
        return
    page.locator(".overflow-menu button").first.click()
    page.locator(".overflow-dropdown button", has_text=name).first.click()


def ask_coach(page: Any) -> None:
    """An offer question: its answer has tool steps and a money table."""
    box = page.locator("#coach-input textarea")
    box.fill(QUESTION)
    box.press("Enter")
    page.locator("#coach-chat table").first.wait_for(timeout=TIMEOUT_MS)


def check_offers(page: Any) -> None:
    """Two pasted offers: what was read, the scores, a side-by-side table and three charts."""
    page.locator("#offer-paste textarea").fill(OFFERS)
    page.locator("#offer-check").click()
    page.locator("#offer-report").get_by_text("Side by side").first.wait_for(timeout=TIMEOUT_MS)
    page.locator("#offer-compare img").first.wait_for(timeout=TIMEOUT_MS)


def play_practice_call(page: Any) -> None:
    """A short call: started, two lines said, ended with its scorecard."""
    page.locator("#practice-role textarea, #practice-role input").first.fill("ML engineer")
    page.locator("#practice-start").click()
    page.locator("#practice-brief").get_by_text("recruiter").first.wait_for(timeout=TIMEOUT_MS)
    box = page.locator("#practice-input textarea")
    for turn, line in enumerate(
        [
            "I'd rather not share my current salary; I'm focused on the market.",
            "Based on the market I'm looking for 210k base.",
        ],
        start=1,
    ):
        box.fill(line)
        box.press("Enter")
        page.locator("#practice-hints").get_by_text(f"Turn {turn}:").wait_for(timeout=TIMEOUT_MS)
    page.locator("#practice-end").click()
    page.locator("#practice-scorecard").get_by_text("Scorecard —").first.wait_for(
        timeout=TIMEOUT_MS
    )


# For every figure in a table cell or a paragraph of the rendered Markdown: the lines its
# characters sit on (the distinct tops of the range's boxes). A figure is a number with its
# digit groups and decimals, and its currency sign when it has one: "$185,000", "1,271,000".
SPLIT_FIGURES_JS = r"""
(root) => {
  const FIGURE = /[$£€]?\d(?:[\d,.]*\d)?/g;
  const cells = document.querySelectorAll(
    `${root} .prose td, ${root} .prose th, ${root} .prose p, ${root} .prose li`
  );
  const split = [];
  let checked = 0;
  for (const cell of cells) {
    if (cell.getClientRects().length === 0) continue; // not shown (a hidden tab)
    const nodes = [];
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    let text = "";
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push([node, text.length]);
      text += node.data;
    }
    const at = (offset) => {
      let found = nodes[0];
      for (const entry of nodes) if (entry[1] <= offset) found = entry;
      return [found[0], offset - found[1]];
    };
    for (const match of text.matchAll(FIGURE)) {
      if (match[0].replace(/[^\d]/g, "").length < 4) continue; // "4", "15": nothing to split
      const range = document.createRange();
      range.setStart(...at(match.index));
      range.setEnd(...at(match.index + match[0].length));
      const tops = new Set(
        [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))
      );
      checked += 1;
      if (tops.size > 1) split.push(`${match[0]} (on ${tops.size} lines, in "${text.trim()}")`);
    }
  }
  return { checked, split };
}
"""


def split_figures(page: Any, root: str) -> tuple[int, list[str]]:
    """How many figures were checked under ``root`` (a CSS selector) and those split."""
    found = page.evaluate(SPLIT_FIGURES_JS, root)
    return found["checked"], found["split"]


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it stands (the script ships in the
    axe-playwright-python package: nothing is fetched)."""
    from axe_playwright_python.base import AXE_SCRIPT

    page.evaluate(AXE_SCRIPT)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return list(results["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        for v in violations
    )


def check_evidence(page: Any) -> None:
    """A first workflow typed vaguely and checked: a suggestion under each box that falls
    short, the summary and the bullets box filled."""
    page.locator("#evidence-w1-what textarea").fill("I used AI to help my team")
    page.locator("#evidence-w1-tools textarea").fill("AI")
    page.locator("#evidence-w1-gain textarea").fill("a lot")
    page.locator("#evidence-check").click()
    page.locator("#evidence-summary").get_by_text("answer").first.wait_for(timeout=TIMEOUT_MS)
