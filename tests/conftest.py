"""Shared fixtures: every test runs against a temporary data dir, offline."""

from __future__ import annotations

import os
import socket
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis.database import DirectoryBasedExampleDatabase

from coach.config import Settings
from coach.offline import prepare
from tests.homes import copy_home
from tests.netguard import loopback_only

REPO = Path(__file__).resolve().parents[1]
_SESSION_HOME = Path(tempfile.mkdtemp(prefix="coach-test-home-"))

# Before any library reads them: no user dirs, keys or endpoints leak into tests.
for var in (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "COACH_MODEL",
    "COACH_CHROMA_URL",
    "COACH_KNOWLEDGE_DIR",
):
    os.environ.pop(var, None)
os.environ["COACH_HOME"] = str(_SESSION_HOME)
prepare(Settings())

# Imported after prepare(): they import numpy, which reads OPENBLAS_NUM_THREADS once. Before
# it, BLAS threads spun beside MiniLM's pool and the session's ingest took minutes on a
# busy machine (the test timeout).
from langchain_core.embeddings import DeterministicFakeEmbedding, Embeddings  # noqa: E402

from coach.playbook import Playbook  # noqa: E402

# Hypothesis profiles, chosen with HYPOTHESIS_PROFILE (or pytest --hypothesis-profile):
# - dev (the default) and ci (the default when CI is set) run the example counts written
#   on each test, derandomized: every run, here or in CI, sees the same examples, so a CI
#   failure reproduces locally; ci also prints the blob that replays a failing example.
# - deep is a hunt by hand: 20x the examples, fresh random ones each run, failures kept
#   in .hypothesis/ and replayed first next time.
# Tests scale their own counts against the profile's max_examples (tests.fuzz.profile).
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large]
hypothesis_settings.register_profile(
    "dev",
    max_examples=100,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=_QUIET,
)
hypothesis_settings.register_profile(
    "ci", parent=hypothesis_settings.get_profile("dev"), print_blob=True
)
hypothesis_settings.register_profile(
    "deep",
    parent=hypothesis_settings.get_profile("dev"),
    max_examples=2000,
    derandomize=False,
    database=DirectoryBasedExampleDatabase(str(REPO / ".hypothesis" / "examples")),
)


def hypothesis_profile(environ: Mapping[str, str]) -> str:
    return environ.get("HYPOTHESIS_PROFILE") or ("ci" if environ.get("CI") else "dev")


hypothesis_settings.load_profile(hypothesis_profile(os.environ))


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty data dir for this test."""
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "home"))
    return tmp_path / "home"


@pytest.fixture
def settings(home: Path) -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def fake_embeddings() -> Embeddings:
    """A fast deterministic embedder (a hash of the text, no model): for tests of ingest
    bookkeeping, where which sections are added, updated or removed matters, not ranking."""
    return DeterministicFakeEmbedding(size=64)


@pytest.fixture(scope="session")
def ingested_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The real playbook, ingested once per test session into its own store."""
    session_settings = Settings(home=tmp_path_factory.mktemp("ingested"))
    Playbook(session_settings).ingest()
    return session_settings


@pytest.fixture(scope="module")
def own_ingested_settings(
    ingested_settings: Settings, tmp_path_factory: pytest.TempPathFactory
) -> Settings:
    """The ingested store copied into a home of this module's own, with no conversations:
    for modules that write many conversations or start an app of their own on it.

    Copied with `copy_home`, never a plain file copy: see tests/homes.py for how a plain
    copy of a home this process has open corrupted the shared home's conversations.
    """
    home = tmp_path_factory.mktemp("own-ingested")
    return Settings(home=copy_home(ingested_settings.home, home, skip=("conversation*",)))


@pytest.fixture(scope="session")
def playbook(ingested_settings: Settings) -> Playbook:
    return Playbook(ingested_settings)


@pytest.fixture
def no_network() -> Iterator[list[str]]:
    """Fail the test on any connection or DNS lookup outside 127.0.0.0/8."""
    with loopback_only() as blocked:
        yield blocked
    assert not blocked, f"code tried to reach the network: {blocked}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
