"""The same ingest and search against a real Chroma server on 127.0.0.1."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.config import Settings
from coach.errors import StoreUnavailableError
from coach.playbook import Playbook, load_playbook
from tests.conftest import free_port

pytestmark = pytest.mark.integration


def _chroma_cli() -> str:
    local = Path(sys.executable).with_name("chroma")
    found = str(local) if local.exists() else shutil.which("chroma")
    if not found:
        pytest.fail("the `chroma` CLI from the chromadb package is not installed")
    return found


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    proc = subprocess.Popen(
        [_chroma_cli(), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1):
                break
        except OSError:
            if proc.poll() is not None:
                pytest.fail("chroma run exited before it served")
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("chroma run did not answer within 60 s")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def test_ingest_and_search_on_a_chroma_server(
    chroma_url: str, home: Path, no_network: list[str]
) -> None:
    settings = Settings(chroma_url=chroma_url)
    total = len(load_playbook(settings.playbook_dir).entries)  # sections and their questions
    assert Playbook(settings).ingest().added == total
    assert not Playbook(settings).ingest().changed
    top = Playbook(settings).search("they said this is the top of our range", k=3)[0]
    assert top.doc_id == "objections"
    # Nothing was written to the embedded store path.
    assert not settings.chroma_path.exists()


def test_unreachable_server_is_one_sentence(home: Path) -> None:
    settings = Settings(chroma_url=f"http://127.0.0.1:{free_port()}")
    with pytest.raises(StoreUnavailableError, match=r"cannot be reached|stopped answering"):
        Playbook(settings).search("equity")
