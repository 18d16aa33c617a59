"""Document embeddings kept on disk, so a process does not re-embed texts it has seen.

The offline coach's intent classifier embeds every example utterance (hundreds) at
each start: ~0.75 s of CPU for 100 examples, a large share of a `coach ask`. Here each
vector is stored under the hash of (model name, text): a changed text gets a new key
and is embedded again, an unchanged one is read back. The file is rewritten whole
(temp file, then rename) and holds the vectors of the texts of the last call, so
stale entries do not pile up as the examples are edited.

The cache is an optimisation only. A missing, unreadable or corrupt file, or one
written for another model, is ignored and rebuilt; a file that cannot be written
(read-only home) leaves the answer unchanged. Nothing is downloaded: vectors come
from the ``embed`` function the caller passes.
"""

from __future__ import annotations

import hashlib
import logging
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from coach.npz_file import write_npz

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

__all__ = ["EmbeddingCache", "embed_documents", "text_key"]

log = logging.getLogger(__name__)

Vectors = npt.NDArray[np.float32]
EmbedFn = Callable[[list[str]], Sequence[Sequence[float]] | npt.NDArray[np.floating]]


def text_key(model_name: str, text: str) -> str:
    """The cache key of one text: sha256 of the model name and the text."""
    return hashlib.sha256(f"{model_name}\n{text}".encode()).hexdigest()


class EmbeddingCache:
    """Vectors of documents embedded by ``model_name``, in the file ``path`` (.npz).

    One file per use (e.g. the intent examples): its content is replaced by the
    vectors of the latest ``embed`` call's texts.
    """

    def __init__(self, path: Path, model_name: str) -> None:
        self.path = path
        self.model_name = model_name

    def embed(self, texts: Sequence[str], embed: EmbedFn) -> Vectors:
        """The vectors of ``texts`` in order, as float32 rows: read where cached, the rest
        computed with ``embed`` (called once, with each missing text once) and saved."""
        keys = [text_key(self.model_name, t) for t in texts]
        stored = self._read()
        pairs = zip(texts, keys, strict=True)
        missing = list(dict.fromkeys(t for t, k in pairs if k not in stored))
        if missing:
            fresh = np.asarray(embed(missing), dtype=np.float32)
            if fresh.ndim != 2 or fresh.shape[0] != len(missing):
                raise ValueError(f"embed returned shape {fresh.shape} for {len(missing)} texts")
            if stored and next(iter(stored.values())).shape[0] != fresh.shape[1]:
                stored = {}  # another dimension: the cache was not this model's after all
            for text, vector in zip(missing, fresh, strict=True):
                stored[text_key(self.model_name, text)] = vector
        dim = next(iter(stored.values())).shape[0] if stored else 0
        matrix = np.empty((len(texts), dim), dtype=np.float32)
        for row, key in enumerate(keys):
            matrix[row] = stored[key]
        if missing:
            self._write(keys, matrix)
        return matrix

    def _read(self) -> dict[str, Vectors]:
        """Key -> vector from the file; empty when it is absent or not a valid cache."""
        if not self.path.exists():
            return {}
        try:
            with np.load(self.path, allow_pickle=False) as data:
                model = str(data["model"])
                keys = data["keys"]
                vectors = np.asarray(data["vectors"], dtype=np.float32)
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
            log.warning("embedding cache %s unreadable (%s): rebuilding it", self.path, exc)
            return {}
        valid = (
            model == self.model_name
            and keys.ndim == 1
            and vectors.ndim == 2
            and len(keys) == len(vectors)
            and bool(np.isfinite(vectors).all())
        )
        if not valid:
            log.warning("embedding cache %s does not match its model: rebuilding it", self.path)
            return {}
        return {str(k): v for k, v in zip(keys, vectors, strict=True)}

    def _write(self, keys: list[str], matrix: Vectors) -> None:
        """Replace the file atomically: readers see the old file or the new, never half."""
        unique = dict(zip(keys, range(len(keys)), strict=True))  # a text listed twice: once
        rows = list(unique.values())
        try:
            write_npz(
                self.path,
                model=np.array(self.model_name),
                keys=np.array(list(unique), dtype="U64"),
                vectors=matrix[rows],
            )
        except OSError as exc:
            log.warning("embedding cache %s not written (%s)", self.path, exc)


def embed_documents(
    embeddings: Embeddings, texts: list[str], cache: EmbeddingCache | None
) -> Vectors:
    """``embeddings.embed_documents(texts)`` as float32 rows, through ``cache`` if given."""
    if cache is None:
        return np.asarray(embeddings.embed_documents(texts), dtype=np.float32)
    return cache.embed(texts, embeddings.embed_documents)
