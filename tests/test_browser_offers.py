"""The Offers tab in a real browser (issue 18, item 7): shares × price and a vesting
schedule scored, a pasted offer's "What I read" before its score, and a bad cliff refused
beside its box with the typed value left in it.

The app, the browser and the page come from tests/test_browser.py's fixtures.
"""

from __future__ import annotations

import re

import pytest

from tests import test_browser as shared

# The app, the browser and the page, by name so pytest finds them as this module's fixtures.
app_url, browser, page = shared.app_url, shared.browser, shared.page
TIMEOUT_MS = shared.TIMEOUT_MS

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def fill(page, box: str, text: str) -> None:  # type: ignore[no-untyped-def]
    page.locator(f"#offer-{box} textarea, #offer-{box} input").first.fill(text)


def value(page, box: str) -> str:  # type: ignore[no-untyped-def]
    return page.locator(f"#offer-{box} textarea, #offer-{box} input").first.input_value()


def test_shares_times_price_and_a_vesting_schedule_are_scored(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("tab", name="Offers").click()
    fill(page, "company", "Acme")
    fill(page, "role", "ML engineer")
    fill(page, "level", "senior")
    fill(page, "location", "Seattle")
    fill(page, "base", "185k")
    fill(page, "shares", "2,000")
    fill(page, "price", "$87.50")
    fill(page, "vesting", "5/15/40/40")
    fill(page, "cliff", "1 year")
    page.locator("#offer-check").click()
    report = page.locator("#offer-report")
    report.get_by_text("Counter-proposal", exact=True).first.wait_for(timeout=TIMEOUT_MS)
    text = report.inner_text()
    assert re.search(r"score \d+/100", text), text[:400]
    assert "2,000 shares × $87.50 = $175,000" in text
    # The grant vests 5/15/40/40: $8,750, $26,250, $70,000, $70,000 = $175,000.
    row = next(line for line in text.splitlines() if line.startswith("Initial equity grant"))
    assert row.split("\t")[1:] == ["$8,750", "$26,250", "$70,000", "$70,000", "$175,000"], row
    assert text.index("From the form") < text.index("/100")
    assert page.locator("[id^='offer-'][id$='-error']:visible").count() == 0


def test_a_pasted_offer_shows_what_i_read_before_the_score(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("tab", name="Offers").click()
    fill(page, "paste", "Senior ML engineer in Seattle: $210k base, 4,000 RSUs at $95 a share")
    page.locator("#offer-check").click()
    report = page.locator("#offer-report")
    report.get_by_text("Counter-proposal", exact=True).first.wait_for(timeout=TIMEOUT_MS)
    text = report.inner_text()
    assert text.index("What I read") < re.search(r"score \d+/100", text).start()  # type: ignore[union-attr]


def test_a_bad_cliff_is_refused_beside_its_box(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("tab", name="Offers").click()
    fill(page, "base", "185k")
    fill(page, "grant-value", "400k")
    fill(page, "vesting", "4 years monthly")
    fill(page, "cliff", "whatever they said")
    page.locator("#offer-check").click()
    error = page.locator("#offer-cliff-error")
    error.get_by_text("Cliff:").wait_for(timeout=TIMEOUT_MS)
    assert "'whatever they said' is not a cliff's length" in error.inner_text()
    # Beside the box: right under it, in its column.
    box = page.locator("#offer-cliff").bounding_box()
    under = error.bounding_box()
    assert box is not None and under is not None
    assert 0 <= under["y"] - (box["y"] + box["height"]) < 40
    assert abs(under["x"] - box["x"]) < 20
    # The only refusal shown; the typed values stay in their boxes; nothing scored.
    assert page.locator("[id^='offer-'][id$='-error']:visible").count() == 1
    assert value(page, "cliff") == "whatever they said" and value(page, "grant-value") == "400k"
    assert page.locator("#offer-report").inner_text().startswith("⚠️ Cliff:")
    # Fixed, and checked again: the refusal goes and the score comes.
    fill(page, "cliff", "12 months")
    page.locator("#offer-check").click()
    page.locator("#offer-report").get_by_text("Counter-proposal", exact=True).first.wait_for(
        timeout=TIMEOUT_MS
    )
    error.wait_for(state="hidden", timeout=TIMEOUT_MS)


def test_an_uploaded_letter_is_read_placed_and_deleted(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 20: a PDF letter dropped on the upload box is read on this machine, deleted
    from Gradio's temp dir at once, and scored with where each field was on its page."""
    from coach.ui.offers_tab import upload_dirs
    from tests.letter_builds import build_pdf, load_letters

    letter = next(item for item in load_letters() if item["id"] == "northwind-table")
    pdf = build_pdf(letter, tmp_path / "northwind-offer-upload.pdf")
    page.get_by_role("tab", name="Offers").click()
    page.locator("#offer-letters input[type=file]").set_input_files(str(pdf))
    read = page.locator("#offer-letters-read")
    read.get_by_text("Read northwind-offer-upload.pdf").wait_for(timeout=TIMEOUT_MS)
    assert "(PDF, 1 page); the file is deleted." in read.inner_text()
    left = [p for d in upload_dirs() if d.is_dir() for p in d.rglob(pdf.name)]
    assert left == []
    page.locator("#offer-check").click()
    report = page.locator("#offer-report")
    report.get_by_text("Counter-proposal", exact=True).first.wait_for(timeout=TIMEOUT_MS)
    text = report.inner_text()
    assert "Northwind Analytics" in text
    assert re.search(r"Base salary\t198,000 USD\t“\$198,000”\tpage 1, line \d+", text), text[:800]


def test_a_scanned_letter_is_one_sentence_under_the_upload_box(page, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from coach.ui.offers_tab import upload_dirs
    from tests.letter_builds import build_scan, load_letters

    letter = next(item for item in load_letters() if item["id"] == "maple-scan")
    scan = build_scan(letter, tmp_path / "scanned-offer-upload.pdf")
    page.get_by_role("tab", name="Offers").click()
    page.locator("#offer-letters input[type=file]").set_input_files(str(scan))
    error = page.locator("#offer-letters-error")
    error.get_by_text("scanned-offer-upload.pdf is a scanned image").wait_for(timeout=TIMEOUT_MS)
    assert error.inner_text().strip() == (
        "⚠️ scanned-offer-upload.pdf is a scanned image, with no text in it I can read: "
        "paste its text instead."
    )
    assert [p for d in upload_dirs() if d.is_dir() for p in d.rglob(scan.name)] == []
