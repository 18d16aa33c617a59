"""The playbook store's vectors in memory: the exact dense ranking of every entry.

A search ranks every store entry by cosine similarity to the query (the nearest
``DENSE_ENTRIES`` feed the fusion). Asked of Chroma, that is a query for all ~1,400
entries through its HNSW index and back as Python lists: ~9 ms of the app's CPU a turn,
the largest part of an offline turn (measured under 20 concurrent sessions). The same
ranking is one matrix-vector product over the vectors the store holds (1,424 × 384
float32, 2.2 MB): under a millisecond, the same entries in the same order (over the
195 retrieval queries: the same top 250 for each; two swaps of neighbours whose
similarities differ by 3e-8, both past rank 170).

The vectors are read from the store once, and again whenever its database file
changes (an ingest, here or in another process); a store behind a Chroma server is
asked each time (``Playbook`` does not use this for it), since other clients may change
it and nothing on disk here says so.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

# The files a local Chroma store writes on every add or delete (SQLite's write-ahead log
# when it uses one); their size and time stamp tell a changed store from the one read.
_STORE_FILES = ("chroma.sqlite3", "chroma.sqlite3-wal")

Stamp = tuple[tuple[str, int, int], ...]


@dataclass(frozen=True)
class Vectors:
    """The store's entries as read: ids and unit-length rows, in the same order."""

    ids: tuple[str, ...]
    unit: npt.NDArray[np.float32]

    @classmethod
    def of(cls, ids: Sequence[str], vectors: Any) -> Vectors:
        if not ids:  # an empty store
            return cls((), np.zeros((0, 0), dtype=np.float32))
        rows = np.asarray(vectors, dtype=np.float32).reshape(len(ids), -1)
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        # Unit rows: the dot product is the cosine the store ranks by.
        rows = (rows / np.where(norms == 0, 1, norms)).astype(np.float32, copy=False)
        rows.flags.writeable = False
        return cls(tuple(ids), rows)

    def nearest(self, query: Sequence[float], n: int) -> list[tuple[str, float]]:
        """The ``n`` entries nearest the query, nearest first, with their cosine
        similarity (the store's ``1 - distance``); ties keep the store's order."""
        if not self.ids:
            return []
        vector = np.asarray(query, dtype=np.float32)
        norm = float(np.linalg.norm(vector))
        similarity = self.unit @ (vector / norm if norm else vector)
        order = np.argsort(-similarity, kind="stable")[:n]
        return [(self.ids[i], float(similarity[i])) for i in order]


class DenseIndex:
    """The vectors of a local store, re-read when its files change. Thread-safe: the app
    searches from several sessions at once, and one read serves them all."""

    def __init__(self, store_dir: Path, read: Callable[[], tuple[Sequence[str], Any]]) -> None:
        self.store_dir = store_dir
        self._read = read  # () -> (ids, vectors) of every entry in the store
        self._lock = threading.Lock()
        self._stamp: Stamp | None = None
        self._vectors: Vectors | None = None

    def vectors(self) -> Vectors:
        stamp = self._stamp_now()
        with self._lock:
            if self._vectors is None or stamp != self._stamp:
                # Stamped before reading: a write during the read shows as a change next time.
                ids, vectors = self._read()
                self._vectors, self._stamp = Vectors.of(ids, vectors), stamp
            return self._vectors

    def forget(self) -> None:
        """Read again at the next search (this process changed the store)."""
        with self._lock:
            self._vectors = self._stamp = None

    def _stamp_now(self) -> Stamp:
        found = []
        for name in _STORE_FILES:
            try:
                st = (self.store_dir / name).stat()
            except OSError:
                continue
            found.append((name, st.st_mtime_ns, st.st_size))
        return tuple(found)
