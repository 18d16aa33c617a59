"""Copying a data dir that this process may have open.

A plain file copy of a live SQLite database is unsafe twice over. The copy may catch a
half-written page. Worse, it harms the original: POSIX drops every lock a process holds
on a file when the process closes *any* descriptor of that file, so `shutil.copytree`
reading `conversations.sqlite-shm` silently unlocks the connections this test process
keeps open. The next process on that home (an app or CLI the tests start) then believes
it is alone, and on exit checkpoints and deletes the WAL under those connections: their
later writes go to an unlinked file and are lost, and the database is soon "malformed".
That is what broke late tests in whole runs (stops 29–31), reproduced by copying a home
between two `CoachSession` turns and a subprocess turn.

So the copy is made by a child process, whose descriptors carry none of this process's
locks, whichever SQLite library holds them (Chroma's Rust core bundles its own); in it,
databases are copied through SQLite's backup API (a consistent snapshot, WAL included)
and their -wal/-shm/-journal files are never opened.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

_DATABASE_SUFFIXES = (".sqlite", ".sqlite3", ".db")
_SIDE_FILES = ("*-wal", "*-shm", "*-journal")


def _copy_file(source: str, target: str) -> str:
    if Path(source).suffix not in _DATABASE_SUFFIXES:
        return shutil.copy2(source, target)
    with (
        contextlib.closing(sqlite3.connect(source)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)
    return target


def copy_home(source: Path, target: Path, *, skip: tuple[str, ...] = ()) -> Path:
    """Copy `source` into `target` (created or merged), leaving out names matching `skip`:
    files as files, SQLite databases through the backup API, never their side files; all
    of it in a child process."""
    subprocess.run([sys.executable, __file__, str(source), str(target), *skip], check=True)
    return target


def _copy_here(source: Path, target: Path, skip: tuple[str, ...]) -> None:
    shutil.copytree(
        source,
        target,
        ignore=shutil.ignore_patterns(*_SIDE_FILES, *skip),
        copy_function=_copy_file,
        dirs_exist_ok=True,
    )


if __name__ == "__main__":
    _copy_here(Path(sys.argv[1]), Path(sys.argv[2]), tuple(sys.argv[3:]))
