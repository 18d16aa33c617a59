"""Past conversations in a real browser (issue 18, item 2): a new conversation keeps the
old one, which opens again from the list; rename; delete after a confirmation, and it
stays deleted after a reload."""

# ruff: noqa: F811  (the fixtures imported below are named as the tests' parameters)
from __future__ import annotations

import pytest

from tests.test_browser import TIMEOUT_MS, app_url, ask, browser, page  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def _unfold(page) -> None:
    accordion = page.locator("#coach-conversations")
    if not accordion.locator("#coach-past").is_visible():
        accordion.get_by_text("Your conversations").first.click()
    page.locator("#coach-past").wait_for(timeout=TIMEOUT_MS)


def _open_list(page) -> None:
    _unfold(page)
    page.locator("#coach-past input").click()


def _options(page) -> list[str]:
    _open_list(page)
    options = page.get_by_role("option")
    options.first.wait_for(timeout=TIMEOUT_MS)
    texts = [t.replace("✓", "").strip() for t in options.all_inner_texts()]  # ✓: the open one
    page.locator("#who-answers").click()  # closes the list
    return texts


def test_conversations_open_rename_and_delete(page) -> None:
    first = "What is an exploding offer and what do I do about one?"
    ask(page, first)
    page.locator("#coach-chat").get_by_text("Exploding offers —").first.wait_for(timeout=TIMEOUT_MS)
    _unfold(page)
    page.locator("#coach-new").click()
    page.wait_for_function(
        "() => !document.querySelector('#coach-chat').innerText.includes('exploding')",
        timeout=TIMEOUT_MS,
    )
    second = "Should I tell the recruiter my current salary?"
    ask(page, second)
    page.locator("#coach-chat").get_by_text("Anchoring — ").first.wait_for(timeout=TIMEOUT_MS)

    listed = _options(page)
    assert any(t.startswith(second) for t in listed), listed
    assert any(t.startswith(first) for t in listed), listed
    assert all("offline coach" in t for t in listed[:2])

    # Open the first again: its question, not the second's.
    _open_list(page)
    page.get_by_role("option", name=first, exact=False).first.click()
    page.locator("#coach-chat").get_by_text(first).first.wait_for(timeout=TIMEOUT_MS)
    assert second not in page.locator("#coach-chat").inner_text()

    # Rename it.
    page.locator("#coach-rename-to textarea, #coach-rename-to input").first.fill(
        "Exploding offer at Acme"
    )
    page.locator("#coach-rename").click()
    page.wait_for_function(
        "() => document.querySelector('#coach-past input').value.startsWith('Exploding offer')",
        timeout=TIMEOUT_MS,
    )

    # Delete asks first; "Keep it" keeps it.
    page.locator("#coach-delete").click()
    confirm = page.locator("#coach-delete-confirm")
    confirm.get_by_text("can't be undone").wait_for(timeout=TIMEOUT_MS)
    page.locator("#coach-delete-keep").click()
    confirm.wait_for(state="hidden", timeout=TIMEOUT_MS)
    assert any(t.startswith("Exploding offer at Acme") for t in _options(page))

    page.locator("#coach-delete").click()
    confirm.get_by_role("button", name="Yes, delete it").click()
    page.wait_for_function(
        "() => !document.querySelector('#coach-chat').innerText.includes('exploding')",
        timeout=TIMEOUT_MS,
    )
    page.reload()
    page.wait_for_selector("#coach-input textarea", timeout=TIMEOUT_MS)
    listed = _options(page)
    assert not any(t.startswith("Exploding offer at Acme") for t in listed), listed
    assert any(t.startswith(second) for t in listed), listed


def test_the_chat_trash_icon_closes_the_conversation_and_keeps_it(page) -> None:
    question = "How do I handle an exploding offer deadline of 48 hours?"
    ask(page, question)
    page.locator("#coach-chat").get_by_text("Exploding offers —").first.wait_for(timeout=TIMEOUT_MS)
    page.locator("#coach-chat").get_by_role("button", name="Clear").click()
    # The server has answered the clear when the citations panel is empty again.
    page.locator("#coach-sources").get_by_text(
        "The passages behind each answer appear here"
    ).wait_for(timeout=TIMEOUT_MS)
    page.reload()
    page.wait_for_selector("#coach-input textarea", timeout=TIMEOUT_MS)
    assert question not in page.locator("#coach-chat").inner_text()  # closed
    assert any(t.startswith(question) for t in _options(page))  # and kept
