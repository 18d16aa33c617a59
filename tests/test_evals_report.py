"""The reports: JSON with every number, and an HTML file that opens offline in Chromium."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from coach.config import Settings
from coach.evals.html import render_html
from tests.conftest import REPO
from tests.test_evals_runner import LENIENT, datasets, invoke, thresholds

CHROMIUM = os.environ.get("COACH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = REPO / "artifacts" / "screenshots"


@pytest.fixture(scope="module")
def reports(ingested_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One small offline run, with a failing case so the report has failures to show."""
    tmp = tmp_path_factory.mktemp("report")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COACH_HOME", str(ingested_settings.home))
        result = invoke(
            "--datasets", datasets(tmp, failing=True, fresh=True),
            "--thresholds", thresholds(tmp, LENIENT),
            "--json", tmp / "report.json", "--html", tmp / "report.html", "--repeat", "2",
        )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return tmp


def test_the_json_report_holds_rates_intervals_tags_and_failures(reports: Path) -> None:
    data = json.loads((reports / "report.json").read_text())
    assert data["schema"] == 2 and data["exit_code"] == 0
    case = next(c for c in data["suites"]["coach"]["cases"] if c["id"] == "impossible-fact")
    assert case["n"] == 2 and case["pass_rate"] == 0.0 and case["wilson"][1] < 0.7
    assert case["failures"][0]["name"] == "facts"
    assert case["runs"][0]["output"]["answer"]
    assert data["tags"]["coach"]["runs"] == 8 and "wilson" in data["tags"]["follow-up"]
    assert data["tags"]["coach"]["splits"]["fresh"]["runs"] == 2
    assert set(data["suites"]["retrieval"]["metrics"]) == {"authored", "fresh"}


def test_the_html_report_is_self_contained(reports: Path) -> None:
    html = (reports / "report.html").read_text()
    assert html.count("<svg") >= 3
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", html)
    assert "@import" not in html and not re.search(r"url\((?!#)", html)  # SVG clips are #ids
    assert "impossible-fact" in html and "/xyzzy/" in html
    # The splits side by side: a row per suite and split, gates named by split.
    assert re.search(r"<b>coach</b></td><td>authored</td>.*<b>coach</b></td><td>fresh</td>", html)
    assert "coach.pass_rate</td><td>fresh</td>" in html


def test_the_html_can_be_rendered_again_from_the_json(reports: Path) -> None:
    data = json.loads((reports / "report.json").read_text())
    assert render_html(data) == (reports / "report.html").read_text()


@pytest.mark.browser
def test_the_report_opens_offline_in_chromium(reports: Path) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (make test installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    outside: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        page.on("request", lambda r: None if r.url.startswith("file:") else outside.append(r.url))
        page.goto((reports / "report.html").as_uri())
        assert page.locator("h1").inner_text().startswith("coach eval")
        assert page.locator("figure svg").count() >= 3
        failure = page.locator("details", has_text="coach/impossible-fact").first
        failure.locator("summary").click()
        assert failure.locator("pre").first.is_visible()
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "evals-report.png"), full_page=True)
        browser.close()
    assert not outside, f"the report fetched from outside the file: {outside[:5]}"
