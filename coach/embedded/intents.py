"""Intent by a classifier trained on labelled example utterances.

The examples are ``knowledge/embedded/intents.yaml`` (written with the coach) and every
``intent_*.yaml`` beside it (paraphrases written from the user's side, typos and slang
included). They are embedded with the local model and a softmax regression is fitted on
them at first use: deterministic, a few hundred milliseconds, no weights shipped. A message
gets the most probable intent with its probability; below ``CONFIDENCE_FLOOR`` the coach
asks one clarifying question instead of guessing (coach.embedded.brain decides, since
the facts a message names can settle what the words alone leave open).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeGuard, get_args

import numpy as np
import yaml

from coach.embedding_cache import EmbeddingCache, embed_documents
from coach.embeddings import LocalEmbeddings, shared_embeddings
from coach.errors import DataError
from coach.npz_file import write_npz
from coach.resources import load_yaml

Intent = Literal[
    "salary",
    "targets",
    "offer_score",
    "counter",
    "compare",
    "advice",
    "raise",
    "out_of_scope",
    "greeting",
    "off_topic",
    "ambiguous",
]
INTENTS: tuple[str, ...] = get_args(Intent)


def is_intent(label: object) -> TypeGuard[Intent]:
    return label in INTENTS


# Below this probability of its best intent, a message is unclear: ask, don't guess.
# Eleven intents: 0.2 is twice chance. Above it a specific question is answered from the
# playbook even in unusual words (the section search is what finds it); below it, ask.
CONFIDENCE_FLOOR = 0.20
# Below this cosine similarity to every example, a message is about something else.
SIMILARITY_FLOOR = 0.20
# Softmax regression: full-batch gradient descent, fixed steps (same weights every run).
LEARNING_RATE = 4.0
STEPS = 500
L2 = 1e-3


@dataclass(frozen=True)
class Classification:
    intent: Intent
    score: float  # cosine similarity of the nearest example of that intent
    nearest: str
    confidence: float = 1.0  # the classifier's probability for the intent


@dataclass(frozen=True)
class _Model:
    examples: np.ndarray  # one embedding per example, unit length
    labels: list[Intent]
    texts: list[str]
    weights: np.ndarray
    bias: np.ndarray


def example_files(examples_file: Path) -> list[Path]:
    """The examples file and the paraphrase files beside it."""
    return [examples_file, *sorted(examples_file.parent.glob("intent_*.yaml"))]


def _read_examples(files: list[Path]) -> tuple[list[Intent], list[str]]:
    labels: list[Intent] = []
    texts: list[str] = []
    for path in files:
        try:
            data = load_yaml(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise DataError(f"The intent examples in {path} are unreadable.") from exc
        for label, examples in data.items():
            if not is_intent(label):
                raise DataError(f"Unknown intent label '{label}' in {path.name}.")
            labels += [label] * len(examples)
            texts += [str(e) for e in examples]
    return labels, texts


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def fit_softmax(x: np.ndarray, y: np.ndarray, classes: int) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression by gradient descent (x: rows of features)."""
    weights = np.zeros((x.shape[1], classes), dtype=np.float64)
    bias = np.zeros(classes, dtype=np.float64)
    target = np.eye(classes)[y]
    for _ in range(STEPS):
        grad = (_softmax(x @ weights + bias) - target) / len(y)
        weights -= LEARNING_RATE * (x.T @ grad + L2 * weights)
        bias -= LEARNING_RATE * grad.sum(axis=0)
    return weights, bias


def _fit_key(matrix: np.ndarray, y: np.ndarray) -> str:
    """What a fit depends on: the vectors, the labels, the intents and the fitting's own
    settings."""
    digest = hashlib.sha256()
    digest.update(f"{INTENTS}|{STEPS}|{LEARNING_RATE}|{L2}".encode())
    digest.update(np.ascontiguousarray(matrix).tobytes())
    digest.update(np.ascontiguousarray(y).tobytes())
    return digest.hexdigest()


def _save_fit(path: Path, key: str, weights: np.ndarray, bias: np.ndarray) -> None:
    """Write a fit to ``path`` through a temp file and a rename; a home that can't be
    written to only means the next start fits again."""
    with contextlib.suppress(OSError):
        write_npz(path, key=np.array(key), weights=weights, bias=bias)


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
        self._model: _Model | None = None

    def _load(self) -> _Model:
        with self._lock:
            if self._model is None:
                labels, texts = _read_examples(example_files(self.examples_file))
                matrix = np.asarray(
                    embed_documents(self.embeddings, texts, self.cache), dtype=np.float64
                )
                weights, bias = self._fitted(matrix, labels)
                self._model = _Model(matrix, labels, texts, weights, bias)
            return self._model

    def _fitted(self, matrix: np.ndarray, labels: list[Intent]) -> tuple[np.ndarray, np.ndarray]:
        """The regression's weights: read back when the same vectors and labels were fitted
        before (a quarter of a second of CPU at every start otherwise), else fitted and
        kept beside the vectors' cache. Stored as float64: a read-back model classifies
        exactly as a freshly fitted one."""
        y = np.array([INTENTS.index(label) for label in labels])
        if self.cache is None:
            return fit_softmax(matrix, y, len(INTENTS))
        path = self.cache.path.with_name(f"{self.cache.path.stem}.fit.npz")
        key = _fit_key(matrix, y)
        try:
            with np.load(path) as stored:
                if str(stored["key"]) == key:
                    return np.array(stored["weights"]), np.array(stored["bias"])
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError):
            pass  # missing, foreign or corrupt: fit again
        weights, bias = fit_softmax(matrix, y, len(INTENTS))
        _save_fit(path, key, weights, bias)
        return weights, bias

    def classify(self, text: str) -> Classification:
        # A turn reads the thread's recent messages again, twice (before and after its
        # tools): the same texts, the same fitted model, the same answer.
        return self._classified(text)

    @functools.lru_cache(maxsize=1024)  # noqa: B019 - one per examples file and process
    def _classified(self, text: str) -> Classification:
        model = self._load()
        query = np.asarray(self.embeddings.embed_query(text), dtype=np.float64)
        sims = model.examples @ query
        best = int(np.argmax(sims))
        if float(sims[best]) < SIMILARITY_FLOOR:
            return Classification("off_topic", float(sims[best]), model.texts[best], 1.0)
        probs = _softmax(query @ model.weights + model.bias)
        intent = INTENTS[int(np.argmax(probs))]
        assert is_intent(intent)
        own = [i for i, label in enumerate(model.labels) if label == intent]
        nearest = max(own, key=lambda i: float(sims[i]))
        return Classification(
            intent, float(sims[nearest]), model.texts[nearest], float(np.max(probs))
        )
