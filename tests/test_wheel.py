"""The built wheel works on its own: installed (not editable) into a fresh venv and run from
another directory, `coach ingest`, `ask`, `salary` and `eval --suite retrieval` find their
playbook, market tables, prompts and datasets inside the installed package.

The fresh venv gets the wheel with --no-deps; its dependencies come from this project's venv
through a .pth line naming that venv's site-packages. Python adds such a path to sys.path
without reading the .pth files in it, so the editable install of this checkout is not on the
path: ``coach`` can only come from the wheel (asserted).
"""

from __future__ import annotations

import os
import re
import shutil
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from coach.config import Settings
from coach.embedded.offline_coach import OfflineCoach
from coach.playbook import load_playbook
from coach.resources import KNOWLEDGE_DIR
from tests.conftest import REPO
from tests.homes import copy_home

pytestmark = [pytest.mark.slow, pytest.mark.integration]


def _run(args: list[str | Path], **kwargs: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, timeout=300, **kwargs
    )
    assert done.returncode == 0, f"{args}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


def _packaged_data(source: Path) -> set[str]:
    """Every data file under coach/ (not code, not caches), as a path inside the wheel."""
    return {
        path.relative_to(source).as_posix()
        for path in (source / "coach").rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built offline from a copy of the sources (no build/ left in the checkout)."""
    source = tmp_path_factory.mktemp("source")
    shutil.copy2(REPO / "pyproject.toml", source)
    shutil.copy2(REPO / "README.md", source)
    shutil.copytree(REPO / "coach", source / "coach", ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("dist")
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index"]
        + ["--quiet", "--wheel-dir", out, source]
    )
    (built,) = out.glob("coach-*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel; the dependencies are this venv's, by reference."""
    root = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", "--without-pip", root])
    python = root / "bin" / "python"
    _run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index"]
        + ["--quiet", wheel]
    )
    where = "import sysconfig; print(sysconfig.get_path('purelib'))"
    purelib = Path(_run([python, "-c", where]).stdout.strip())
    ours = {sysconfig.get_path("purelib"), *site.getsitepackages()}
    (purelib / "coach-test-dependencies.pth").write_text(
        "\n".join(sorted(ours)) + "\n", encoding="utf-8"
    )
    return root


@pytest.fixture(scope="module")
def run_coach(  # type: ignore[no-untyped-def]
    venv: Path, tmp_path_factory: pytest.TempPathFactory, ingested_settings: Settings
):
    """Run the installed `coach` from an empty directory, with its data in a tmp COACH_HOME
    and no endpoint: the offline coach. The store is a copy of the session's, so the wheel's
    `coach ingest` only compares (the same model embedding the same text: the test suite
    already pays for one full ingest)."""
    cwd = tmp_path_factory.mktemp("elsewhere")
    home = tmp_path_factory.mktemp("data")
    copy_home(ingested_settings.chroma_path, home / "chroma")
    # The intent examples' vectors too, embedded once in this process: the same texts (the
    # wheel's intents file is the checkout's) under the same model. Without them the wheel's
    # `coach ask` embedded them all again, the slowest half minute of the whole suite.
    OfflineCoach.for_settings(ingested_settings).warm_up()
    copy_home(ingested_settings.embedding_cache_dir, home / "embeddings")
    user = tmp_path_factory.mktemp("user")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("COACH_", "OPENAI_", "PYTHON", "TIKTOKEN_", "VIRTUAL_ENV"))
    }
    env |= {"COACH_HOME": str(home), "HOME": str(user)}

    def run(*args: str) -> str:
        return _run([venv / "bin" / "coach", *args], cwd=cwd, env=env).stdout

    run.cwd, run.home, run.env = cwd, home, env  # type: ignore[attr-defined]
    return run


def test_the_wheel_holds_every_data_file(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    missing = _packaged_data(REPO) - names
    assert not missing, f"not in the wheel (pyproject.toml package-data): {sorted(missing)}"
    assert "coach/knowledge/market/provenance.json" in names


def test_coach_is_imported_from_the_wheel(venv: Path, run_coach) -> None:  # type: ignore[no-untyped-def]
    where = _run(
        [venv / "bin" / "python", "-c", "import coach; print(coach.__file__)"],
        cwd=run_coach.cwd,
        env=run_coach.env,
    ).stdout.strip()
    assert Path(where).is_relative_to(venv), where
    assert not Path(where).is_relative_to(REPO), where


def test_ingest_ask_salary_and_eval_run_from_the_installed_package(run_coach) -> None:  # type: ignore[no-untyped-def]
    # The installed package's playbook is the checkout's, section for section.
    total = len(load_playbook(KNOWLEDGE_DIR / "playbook").entries)
    ingested = run_coach("ingest")
    assert f"0 added, 0 updated, {total} unchanged, 0 removed" in ingested, ingested

    answer = run_coach("ask", "They said this is the top of their range. What do I say?")
    assert "answered by: offline coach" in answer
    assert re.search(r"— citations: .*Objections — ", answer), answer

    salary = run_coach("salary", "--role", "ML engineer", "--location", "Seattle")
    assert re.search(r"median \$\d{3},\d{3}", salary), salary
    assert "Seattle" in salary

    report = run_coach("eval", "--suite", "retrieval")
    assert re.search(r"│ retrieval\s+│ authored │\s+\d+ │", report), report
    assert re.search(r"│ retrieval\s+│ fresh\s+│\s+\d+ │", report), report  # shipped too
    assert "ok retrieval.fresh.mrr" in report

    # Everything was written under COACH_HOME: nothing in the working dir or the user's home.
    assert (run_coach.home / "conversations.sqlite").is_file()
    assert not any(run_coach.cwd.iterdir())
    assert not any(Path(run_coach.env["HOME"]).iterdir())
