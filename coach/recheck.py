"""A value read from the files at most once a second: how a search checks for changes.

Each search stat'ed the playbook's 14 files and the store's (~20 system calls a turn).
Under load each call hands the interpreter lock back and then waits for it behind the
threads that compute (up to the interpreter's 5 ms switch interval a call), so checks are
made at most once every ``RECHECK_S``: a file edited, or a store written by another
process, is seen within a second. A change this process makes says so (``expire``).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["RECHECK_S", "Recheck"]

RECHECK_S = 1.0
T = TypeVar("T")


class Recheck(Generic[T]):
    """``get()``: ``read()``'s value, read again when the last read is ``every`` s old."""

    def __init__(self, read: Callable[[], T], every: float = RECHECK_S) -> None:
        self._read = read
        self.every = every
        self._lock = threading.Lock()
        self._at: float | None = None
        self._value: T | None = None

    def get(self) -> T:
        now = time.monotonic()
        with self._lock:
            if self._at is None or not 0 <= now - self._at < self.every:
                self._value, self._at = self._read(), now
            return self._value  # type: ignore[return-value]  # set above when unset

    def put(self, value: T) -> None:
        """The value as the caller has just read it (no need to read it again now)."""
        with self._lock:
            self._value, self._at = value, time.monotonic()

    def expire(self) -> None:
        """Read at the next ``get``: this process changed the files."""
        with self._lock:
            self._at = None
