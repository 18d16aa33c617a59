"""The embedding cache: what it reads back, what it embeds again, and bad files."""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
import pytest
from langchain_core.embeddings import DeterministicFakeEmbedding
from pydantic import Field

from coach.config import Settings
from coach.embedded.intents import IntentClassifier
from coach.embedded.model import EmbeddedChatModel
from coach.embedding_cache import EmbeddingCache, embed_documents

TEXTS = ["what should I ask for?", "hello there", "is 180k a good offer in Austin?"]


class CountingEmbeddings(DeterministicFakeEmbedding):
    """Deterministic vectors per text; records every text it was asked to embed."""

    embedded: list[str] = Field(default_factory=list)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.embedded.extend(texts)
        return super().embed_documents(texts)


@pytest.fixture
def model() -> CountingEmbeddings:
    return CountingEmbeddings(size=16)


def direct(model: CountingEmbeddings, texts: list[str]) -> np.ndarray:
    return np.asarray(DeterministicFakeEmbedding(size=16).embed_documents(texts), np.float32)


def test_a_miss_embeds_and_saves_then_a_new_process_reads_it_back(tmp_path, model):
    path = tmp_path / "cache" / "intents.npz"
    first = EmbeddingCache(path, "model-a").embed(TEXTS, model.embed_documents)
    assert model.embedded == TEXTS
    assert path.exists()
    np.testing.assert_array_equal(first, direct(model, TEXTS))

    model.embedded.clear()
    again = EmbeddingCache(path, "model-a").embed(TEXTS, model.embed_documents)
    assert model.embedded == []  # all read from the file
    np.testing.assert_array_equal(again, first)
    assert again.dtype == np.float32


def test_a_changed_text_alone_is_embedded_again(tmp_path, model):
    path = tmp_path / "intents.npz"
    EmbeddingCache(path, "model-a").embed(TEXTS, model.embed_documents)
    model.embedded.clear()
    changed = [TEXTS[0], "hello there!", TEXTS[2]]
    vectors = EmbeddingCache(path, "model-a").embed(changed, model.embed_documents)
    assert model.embedded == ["hello there!"]
    np.testing.assert_array_equal(vectors, direct(model, changed))


def test_the_file_keeps_only_the_latest_texts(tmp_path, model):
    path = tmp_path / "intents.npz"
    EmbeddingCache(path, "model-a").embed(TEXTS, model.embed_documents)
    EmbeddingCache(path, "model-a").embed(["a new example"], model.embed_documents)
    with np.load(path) as data:
        assert len(data["keys"]) == 1


def test_a_text_listed_twice_is_embedded_once(tmp_path, model):
    texts = ["same", "other", "same"]
    vectors = EmbeddingCache(tmp_path / "c.npz", "m").embed(texts, model.embed_documents)
    assert model.embedded == ["same", "other"]
    np.testing.assert_array_equal(vectors[0], vectors[2])


def test_another_model_s_vectors_are_not_used(tmp_path, model):
    path = tmp_path / "intents.npz"
    EmbeddingCache(path, "model-a").embed(TEXTS, model.embed_documents)
    model.embedded.clear()
    EmbeddingCache(path, "model-b").embed(TEXTS, model.embed_documents)
    assert model.embedded == TEXTS


@pytest.mark.parametrize(
    "content",
    [b"", b"not a zip file at all", b"PK\x03\x04truncated", None],
    ids=["empty", "garbage", "truncated zip", "wrong arrays"],
)
def test_a_corrupt_file_is_ignored_and_rebuilt(tmp_path, model, caplog, content):
    path = tmp_path / "intents.npz"
    if content is None:  # a valid npz that is not a cache: other arrays, pickled objects
        with path.open("wb") as handle:
            np.savez(handle, something=np.arange(3), objects=np.array([{"a": 1}], dtype=object))
    else:
        path.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="coach.embedding_cache"):
        vectors = EmbeddingCache(path, "model-a").embed(TEXTS, model.embed_documents)
    assert "rebuilding" in caplog.text
    assert model.embedded == TEXTS
    np.testing.assert_array_equal(vectors, direct(model, TEXTS))

    model.embedded.clear()
    EmbeddingCache(path, "model-a").embed(TEXTS, model.embed_documents)
    assert model.embedded == []  # the rebuilt file is read


def test_a_mismatched_shape_in_the_file_is_ignored(tmp_path, model):
    path = tmp_path / "intents.npz"
    with path.open("wb") as handle:
        np.savez(
            handle,
            model=np.array("model-a"),
            keys=np.array(["x" * 64, "y" * 64], dtype="U64"),
            vectors=np.zeros((3, 16), np.float32),
        )
    EmbeddingCache(path, "model-a").embed(TEXTS, model.embed_documents)
    assert model.embedded == TEXTS


def test_writing_leaves_no_temporary_file(tmp_path, model):
    EmbeddingCache(tmp_path / "intents.npz", "m").embed(TEXTS, model.embed_documents)
    assert [p.name for p in tmp_path.iterdir()] == ["intents.npz"]


def test_a_cache_that_cannot_be_written_still_gives_the_vectors(tmp_path, model):
    blocked = tmp_path / "a-file"
    blocked.write_text("a file where the cache folder should be")
    vectors = EmbeddingCache(blocked / "intents.npz", "m").embed(TEXTS, model.embed_documents)
    np.testing.assert_array_equal(vectors, direct(model, TEXTS))


def test_without_a_cache_the_embeddings_are_called_directly(model):
    vectors = embed_documents(model, TEXTS, None)
    assert model.embedded == TEXTS
    np.testing.assert_array_equal(vectors, direct(model, TEXTS))


def test_the_classifier_reads_its_examples_from_the_cache(tmp_path, model):
    examples = tmp_path / "intents.yaml"
    examples.write_text(
        "greeting: [hello there, hi coach]\nsalary: [what does a data scientist make]\n"
    )
    path = tmp_path / "cache" / "intents.npz"
    fresh = IntentClassifier(examples, model, EmbeddingCache(path, "fake"))  # type: ignore[arg-type]
    first = fresh.classify("hello there")
    model.embedded.clear()
    cached = IntentClassifier(examples, model, EmbeddingCache(path, "fake"))  # type: ignore[arg-type]
    assert cached.classify("hello there") == first
    assert model.embedded == []  # the examples came from disk (a query is embed_query)


def test_the_offline_coach_keeps_its_cache_in_coach_home(tmp_path: Path):
    settings = Settings(home=tmp_path)
    coach = EmbeddedChatModel.for_settings(settings)
    assert coach.cache_dir == settings.embedding_cache_dir == tmp_path / "embeddings"
    assert coach.classifier.classify("what does a senior ML engineer make?").intent == "salary"
    assert (tmp_path / "embeddings" / "intents.npz").exists()


def _classifier(tmp_path: Path, model: CountingEmbeddings, examples: str) -> IntentClassifier:
    path = tmp_path / "intents.yaml"
    path.write_text(examples)
    cache = EmbeddingCache(tmp_path / "cache" / "intents.npz", "fake")
    return IntentClassifier(path, model, cache)  # type: ignore[arg-type]


EXAMPLES = "greeting: [hello there, hi coach]\nsalary: [what does a data scientist make]\n"
QUERIES = ["hello there", "what does an analyst make", "hi"]


def test_the_fitted_classifier_is_kept_and_read_back_exactly(tmp_path, model, monkeypatch):
    first = [_classifier(tmp_path, model, EXAMPLES).classify(q) for q in QUERIES]
    fit_file = tmp_path / "cache" / "intents.fit.npz"
    assert fit_file.exists()

    def no_fit(*_args: object) -> None:
        raise AssertionError("the kept fit should have been read, not fitted again")

    monkeypatch.setattr("coach.embedded.intents.fit_softmax", no_fit)
    again = [_classifier(tmp_path, model, EXAMPLES).classify(q) for q in QUERIES]
    assert again == first  # same intents and the same probabilities, to the last bit


def test_changed_examples_are_fitted_again(tmp_path, model):
    _classifier(tmp_path, model, EXAMPLES).classify("hi")
    fit_file = tmp_path / "cache" / "intents.fit.npz"
    before = fit_file.read_bytes()
    changed = EXAMPLES + "advice: [how do I answer the budget objection]\n"
    refitted = _classifier(tmp_path, model, changed)
    assert refitted.classify("how do I answer the budget objection").intent == "advice"
    assert fit_file.read_bytes() != before


@pytest.mark.parametrize("content", [b"", b"not a zip file", b"PK\x03\x04broken"])
def test_a_corrupt_fit_file_is_fitted_again(tmp_path, model, content):
    expected = [_classifier(tmp_path, model, EXAMPLES).classify(q) for q in QUERIES]
    fit_file = tmp_path / "cache" / "intents.fit.npz"
    fit_file.write_bytes(content)
    assert [_classifier(tmp_path, model, EXAMPLES).classify(q) for q in QUERIES] == expected
    assert fit_file.stat().st_size > len(content)  # rewritten whole
    assert not list(fit_file.parent.glob("tmp*"))  # no temporary file left behind
