"""Conversation memory in PostgreSQL (COACH_DB_URL): a real server started on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from coach.config import Settings
from coach.session import CoachSession
from tests.conftest import free_port

pytestmark = pytest.mark.integration
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _as_postgres(*args: str) -> list[str]:
    # PostgreSQL refuses to run as root; CI and these machines run tests as root.
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else list(args)


@pytest.fixture(scope="module")
def db_url() -> Iterator[str]:
    if not (PG_BIN / "initdb").exists() or (os.geteuid() == 0 and not shutil.which("runuser")):
        pytest.skip("PostgreSQL server binaries are not installed on this machine")
    data = Path(tempfile.mkdtemp(prefix="coach-pg-"))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    port = free_port()
    subprocess.run(
        _as_postgres(str(PG_BIN / "initdb"), "-D", str(data / "db"), "-U", "coach", "--auth=trust"),
        check=True,
        capture_output=True,
    )
    server = subprocess.Popen(
        _as_postgres(
            str(PG_BIN / "postgres"),
            "-D",
            str(data / "db"),
            "-p",
            str(port),
            "-h",
            "127.0.0.1",
            "-k",
            str(data),
        ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"postgresql://coach@127.0.0.1:{port}/postgres"
    import psycopg

    deadline = time.monotonic() + 30
    while True:
        try:
            psycopg.connect(url, connect_timeout=1).close()
            break
        except psycopg.OperationalError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("PostgreSQL did not start")
            time.sleep(0.3)
    yield url
    server.terminate()
    server.wait(timeout=20)
    shutil.rmtree(data, ignore_errors=True)


def test_memory_in_postgres_survives_a_new_session(
    db_url: str, ingested_settings: Settings
) -> None:
    settings = Settings(home=ingested_settings.home, db_url=db_url)
    CoachSession(settings).ask("pg-thread", "What does a senior ML engineer in Seattle make?")
    again = CoachSession(settings)  # another app instance, same database
    turn = again.ask("pg-thread", "and in New York?")
    assert turn.tool_steps[0].args["location"] == "new york"
    assert turn.tool_steps[0].args["role"] == "machine learning engineer"
    assert len(again.history("pg-thread")) >= 8
    # The thread lives in PostgreSQL only, not in the SQLite file of the same data dir.
    assert CoachSession(ingested_settings).history("pg-thread") == []


def test_unreachable_database_is_one_sentence(ingested_settings: Settings) -> None:
    from coach.errors import CoachError

    url = f"postgresql://coach@127.0.0.1:{free_port()}/postgres"
    with pytest.raises(CoachError, match="cannot be reached"):
        CoachSession(Settings(home=ingested_settings.home, db_url=url))
