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

A copy of what was read is kept beside the store (``snapshot``), stamped with the store
files it came from. A new process whose store files still carry that stamp takes the
vectors from the copy: a one-shot ``coach ask`` then never opens Chroma, whose import
alone is ~0.9 s of CPU (issue 16: the whole command within 2 s). Any other stamp, or a
copy that cannot be read, and the store is read again and the copy rewritten: the copy
can make a search faster, never different.
"""

from __future__ import annotations

import json
import logging
import threading
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from coach.npz_file import write_npz
from coach.recheck import Recheck

# The files a local Chroma store writes on every add or delete (SQLite's write-ahead log
# when it uses one); their size and time stamp tell a changed store from the one read.
_STORE_FILES = ("chroma.sqlite3", "chroma.sqlite3-wal")

Stamp = tuple[tuple[str, int, int], ...]

log = logging.getLogger(__name__)


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

    def __init__(
        self,
        store_dir: Path,
        read: Callable[[], tuple[Sequence[str], Any]],
        snapshot: Path | None = None,
    ) -> None:
        self.store_dir = store_dir
        self._read = read  # () -> (ids, vectors) of every entry in the store
        self.snapshot = snapshot  # the copy kept between processes (None: not kept)
        self._lock = threading.Lock()
        self._stamp: Stamp | None = None
        self._vectors: Vectors | None = None
        self._files = Recheck(self._stamp_now)  # the store's files, stat'ed once a second

    def vectors(self) -> Vectors:
        stamp = self._files.get()
        with self._lock:
            if self._vectors is None or stamp != self._stamp:
                # Stamped before reading: a write during the read shows as a change next time.
                kept = self._load_snapshot(stamp)
                if kept is None:
                    kept, stamp, settled = self._read_settled(stamp)
                    if settled:
                        self._save_snapshot(stamp, kept)
                    self._files.put(stamp)
                self._vectors, self._stamp = kept, stamp
            return self._vectors

    def forget(self) -> None:
        """Read again at the next search (this process changed the store)."""
        self._files.expire()
        with self._lock:
            self._vectors = self._stamp = None
            if self.snapshot is not None:
                self.snapshot.unlink(missing_ok=True)

    def _read_settled(self, stamp: Stamp) -> tuple[Vectors, Stamp, bool]:
        """The store's vectors, the stamp they go with, and whether the files held still.

        Chroma writes its database file when a process first opens it (the content stays,
        the time stamp moves), so the first read of a process changes the stamp it was
        read under; a second read, the store already open, does not. Read again until
        the stamp holds: then a new process, which has not opened the store, sees the
        stamp its copy was kept under."""
        before = stamp
        for _ in range(3):
            ids, vectors = self._read()
            after = self._stamp_now()
            if after == before:
                return Vectors.of(ids, vectors), before, True
            before = after
        # Still changing (a writer at work): the stamp it was read under, so the next
        # search reads again; and no copy kept.
        return Vectors.of(ids, vectors), stamp, False

    def _load_snapshot(self, stamp: Stamp) -> Vectors | None:
        """The kept copy, when it was read from the store files as they stand now."""
        if self.snapshot is None or not stamp or not self.snapshot.exists():
            return None
        try:
            with np.load(self.snapshot, allow_pickle=False) as kept:
                if _stamp_of(str(kept["stamp"])) != stamp:
                    return None
                ids, unit = kept["ids"], kept["unit"]
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
            # unreadable (cut short, not ours): read the store instead
            log.warning(
                "store vectors copy %s unreadable (%s): reading the store", self.snapshot, exc
            )
            return None
        if unit.ndim != 2 or len(ids) != len(unit) or not np.isfinite(unit).all():
            return None
        rows = np.ascontiguousarray(unit, dtype=np.float32)
        rows.flags.writeable = False
        return Vectors(tuple(str(i) for i in ids), rows)

    def _save_snapshot(self, stamp: Stamp, vectors: Vectors) -> None:
        """Replace the copy atomically: a reader sees the old file or the new, never half."""
        if self.snapshot is None or not stamp or not vectors.ids:
            return
        try:
            write_npz(
                self.snapshot,
                stamp=np.array(json.dumps(stamp)),
                ids=np.array(vectors.ids),
                unit=vectors.unit,
            )
        except OSError as exc:  # a read-only home: searches still work, from the store
            log.warning("store vectors copy %s not written (%s)", self.snapshot, exc)

    def _stamp_now(self) -> Stamp:
        found = []
        for name in _STORE_FILES:
            try:
                st = (self.store_dir / name).stat()
            except OSError:
                continue
            found.append((name, st.st_mtime_ns, st.st_size))
        return tuple(found)


def _stamp_of(text: str) -> Stamp:
    """A stamp as kept in the copy (JSON lists) back as tuples, to compare with one now."""
    return tuple((str(name), int(mtime), int(size)) for name, mtime, size in json.loads(text))
