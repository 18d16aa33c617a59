"""Intent by nearest neighbour over labelled example utterances (knowledge/embedded/intents.yaml).

The examples are embedded once per process with the local model; a message takes
the label of its most similar examples (a small weighted vote). Below a similarity
floor nothing is close enough, and the message is treated as off-topic.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeGuard, get_args

import numpy as np
import yaml

from coach.embedding_cache import EmbeddingCache, embed_documents
from coach.embeddings import LocalEmbeddings, shared_embeddings
from coach.errors import DataError
from coach.resources import load_yaml

Intent = Literal[
    "salary",
    "targets",
    "offer_score",
    "counter",
    "compare",
    "advice",
    "out_of_scope",
    "greeting",
    "off_topic",
]
INTENTS: tuple[str, ...] = get_args(Intent)


def is_intent(label: object) -> TypeGuard[Intent]:
    return label in INTENTS


# Below this cosine similarity to every example, a message is about something else.
SIMILARITY_FLOOR = 0.30
VOTES = 3
# A message this close to one example is that example's intent, whatever two looser
# neighbours of another intent add up to in the vote (0.99 against 0.58 + 0.51).
DECISIVE_SIMILARITY = 0.9


@dataclass(frozen=True)
class Classification:
    intent: Intent
    score: float
    nearest: str


class IntentClassifier:
    def __init__(
        self,
        examples_file: Path,
        embeddings: LocalEmbeddings | None = None,
        cache: EmbeddingCache | None = None,
    ) -> None:
        self.examples_file = examples_file
        self.embeddings = embeddings or shared_embeddings()
        self.cache = cache  # the examples' vectors on disk: embedding them all costs seconds
        self._lock = threading.Lock()
        self._index: tuple[np.ndarray, list[Intent], list[str]] | None = None

    def _load(self) -> tuple[np.ndarray, list[Intent], list[str]]:
        with self._lock:
            if self._index is None:
                try:
                    data = load_yaml(self.examples_file.read_text(encoding="utf-8"))
                except (OSError, yaml.YAMLError) as exc:
                    raise DataError(
                        f"The intent examples in {self.examples_file} are unreadable."
                    ) from exc
                labels: list[Intent] = []
                texts: list[str] = []
                for label, examples in data.items():
                    if not is_intent(label):
                        raise DataError(
                            f"Unknown intent label '{label}' in {self.examples_file.name}."
                        )
                    labels += [label] * len(examples)
                    texts += [str(e) for e in examples]
                matrix = embed_documents(self.embeddings, texts, self.cache)
                self._index = (matrix, labels, texts)
            return self._index

    def classify(self, text: str) -> Classification:
        matrix, labels, texts = self._load()
        query = np.asarray(self.embeddings.embed_query(text), dtype=np.float32)
        sims = matrix @ query
        top = np.argsort(-sims)[:VOTES]
        if float(sims[top[0]]) < SIMILARITY_FLOOR:
            return Classification("off_topic", float(sims[top[0]]), texts[top[0]])
        if float(sims[top[0]]) >= DECISIVE_SIMILARITY:
            return Classification(labels[top[0]], float(sims[top[0]]), texts[top[0]])
        votes: dict[Intent, float] = defaultdict(float)
        for i in top:
            votes[labels[i]] += float(sims[i])
        best = max(votes, key=votes.__getitem__)
        nearest = next(i for i in top if labels[i] == best)
        return Classification(best, float(sims[nearest]), texts[nearest])
