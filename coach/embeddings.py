"""The local embedding model (all-MiniLM-L6-v2 shipped by a PyPI package).

A small LangChain ``Embeddings`` subclass over ``coach.minilm``: the same model that
sentence-transformers runs, computed with numpy, so the app does not load torch
(several hundred MB of resident memory) to embed one sentence a turn. The model
loads on first use, once per process, from site-packages: nothing is downloaded.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from typing import TYPE_CHECKING

from langchain_core.embeddings import Embeddings

from coach.shared_pass import SharedPass

if TYPE_CHECKING:
    from coach.minilm import MiniLM

MODEL_NAME = "all-MiniLM-L6-v2"


class LocalEmbeddings(Embeddings):
    """Sentence embeddings on the CPU, normalised (cosine = dot product)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._model: MiniLM | None = None
        # Chat messages asked at the same moment share one pass (coach.shared_pass).
        self._queries: SharedPass[tuple[float, ...]] = SharedPass(self._embed_queries)

    @property
    def model(self) -> MiniLM:
        with self._lock:  # concurrent first requests must not load it twice
            if self._model is None:
                from coach.minilm import MiniLM  # lazy: numpy, tokenizers and the weights

                # A batch (ingest) runs its chunks on every core; a query is one pass.
                self._model = MiniLM(threads=os.cpu_count() or 1)
            return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.model.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        # One chat turn embeds the same message for intent and for retrieval: cache it.
        return list(self._cached_query(text))

    @lru_cache(maxsize=512)  # noqa: B019 - one shared instance per process, by design
    def _cached_query(self, text: str) -> tuple[float, ...]:
        model = self.model
        if model.runtime_started:
            # On ONNX Runtime a query runs alone (its cost is the query's, not a pass over
            # the weights to share) and off the interpreter lock: concurrent turns embed
            # on both cores at once instead of queueing for one pass.
            return tuple(model.encode_queries([text])[0].tolist())
        return self._queries.get(text)

    def _embed_queries(self, texts: list[str]) -> list[tuple[float, ...]]:
        return [tuple(row) for row in self.model.encode_queries(texts).tolist()]


_shared: LocalEmbeddings | None = None
_shared_lock = threading.Lock()


def shared_embeddings() -> LocalEmbeddings:
    """One model per process: loading it costs ~0.1 s and ~90 MB."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = LocalEmbeddings()
        return _shared


def start_query_runtime() -> None:
    """Embed this process's queries on ONNX Runtime (``MiniLM.start_runtime``): for a
    process that answers many questions, the app."""
    shared_embeddings().model.start_runtime()
