"""Page weight: the bytes a browser transfers on the first load of the app, beside a bare
gr.ChatInterface served the same way (issue 18's report). Asserts nothing.

Each page is loaded once in Debian's headless Chromium with an empty cache; the bytes
are what came over the wire (encoded, as the network panel's "transferred"), until the
page is loaded, its chat box drawn and three more seconds passed (Gradio keeps a
connection open, so the network is never idle). Run:
.venv/bin/python benchmarks/bench_page_weight.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections import Counter

from _util import REPO, free_port, machine, python

CHROMIUM = os.environ.get("COACH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def transferred(url: str) -> tuple[int, int, Counter[str]]:
    """(bytes over the wire, requests, bytes by resource type) of one cold load."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
        page = browser.new_page()
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        kinds: dict[str, str] = {}
        sizes: Counter[str] = Counter()
        cdp.on("Network.responseReceived", lambda e: kinds.__setitem__(e["requestId"], e["type"]))
        cdp.on(
            "Network.loadingFinished",
            lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"])),
        )
        page.goto(url, wait_until="load", timeout=120_000)
        page.wait_for_selector("textarea", timeout=120_000)
        page.wait_for_timeout(3000)  # the app's on-load events (its stored state) answer
        by_kind: Counter[str] = Counter()
        for rid, size in sizes.items():
            by_kind[kinds.get(rid, "Other")] += size
        browser.close()
    return sum(sizes.values()), len(sizes), by_kind


def wait_for_200(port: int, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"the server exited with {proc.returncode}") from None
            time.sleep(0.1)
    raise RuntimeError(f"no answer on port {port} within {timeout} s")


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, COACH_HOME=home, GRADIO_ANALYTICS_ENABLED="False")
        rows = []
        for name, command in (
            ("bare gr.ChatInterface", [python(), "benchmarks/hello_chat.py"]),
            ("coach app", [python(), "app.py", "--port"]),
        ):
            port = free_port()
            proc = subprocess.Popen(
                [*command, str(port)], cwd=REPO, env=env, stdout=subprocess.DEVNULL
            )
            try:
                wait_for_200(port, proc)
                rows.append((name, *transferred(f"http://127.0.0.1:{port}/")))
            finally:
                proc.terminate()
                proc.wait(timeout=30)
    print(f"machine: {machine()}")
    for name, total, count, by_kind in rows:
        kinds = ", ".join(f"{k} {v / 1024:.0f} kB" for k, v in by_kind.most_common(4))
        print(f"{name:22} {total / 1024:8.0f} kB in {count} requests ({kinds})")
    print(f"ratio: {rows[1][1] / rows[0][1]:.2f}")


if __name__ == "__main__":
    main()
