"""MiniLM's encoder layers for one query at a time, on ONNX Runtime.

Why: in the running app every new chat message is embedded, and under load (20 people
asking at once) those passes were the one cost left above a bare Gradio chat. numpy runs
the encoder as ~150 separate array operations a query; ONNX Runtime runs the same graph
with fused kernels, about 2.5x faster a query here (benchmarks/README.md), with the same
weights in float32: its vectors agree with numpy's within float32 rounding (~2e-7, as two
batchings of ``MiniLM.encode`` do; tested), so the store, the intent examples and every
retrieval figure are unchanged.

One query per run, never a batch: a vector then depends on its own text alone, however
many people ask at the same moment.

The graph is built here from ``coach.minilm``'s weights with the ``onnx`` package: no
model file is downloaded or written. The token embeddings (a lookup) stay in numpy; the
graph takes their LayerNorm output and returns the pooled, unit-length vector.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from onnx import NodeProto, TensorProto

    from coach.minilm import _Layer

Array = npt.NDArray[np.float32]
OPSET = 18  # LayerNormalization, Split(num_outputs) and ReduceMean(axes input)
_INLINE = 16  # arrays smaller than this many values are written into the graph


class _Graph:
    """Collects nodes and weights; each node gets a fresh output name.

    A weight is declared in the graph with its data "external" and handed to ONNX Runtime
    as the numpy array itself (``add_external_initializers``): neither the model nor its
    serialized form holds a copy of the 42 MB of weights. The runtime still lays the
    matrix products' weights out again for its kernels (pre-packing, ~60 MB, measured:
    the app's peak RSS 436 -> ~516 MB), which is where its speed comes from."""

    def __init__(self) -> None:
        self.nodes: list[NodeProto] = []
        self.weights: list[TensorProto] = []
        self.arrays: dict[str, Array] = {}
        self._count = 0

    def weight(self, name: str, value: npt.ArrayLike) -> str:
        from onnx import TensorProto, helper

        array = np.ascontiguousarray(value)
        if array.size < _INLINE:  # shapes and scalars: in the graph
            from onnx import numpy_helper

            self.weights.append(numpy_helper.from_array(array, name))
            return name
        tensor = TensorProto()
        tensor.name = name
        tensor.data_type = helper.np_dtype_to_tensor_dtype(array.dtype)
        tensor.dims.extend(array.shape)
        tensor.data_location = TensorProto.EXTERNAL
        for key, text in (("location", "memory"), ("offset", "0"), ("length", str(array.nbytes))):
            entry = tensor.external_data.add()
            entry.key, entry.value = key, text
        self.weights.append(tensor)
        self.arrays[name] = array
        return name

    def node(self, op: str, inputs: list[str], **attrs: Any) -> str:
        from onnx import helper

        self._count += 1
        out = f"t{self._count}"
        self.nodes.append(helper.make_node(op, inputs, [out], **attrs))
        return out


def _encoder_graph(
    layers: tuple[_Layer, ...], dim: int, heads: int, eps: float
) -> tuple[bytes, dict[str, Array]]:
    """The serialized model, x (tokens, dim) -> the layers -> mean -> unit length, and
    its weights by name (kept out of the model: see ``_Graph``)."""
    from onnx import TensorProto, helper

    g = _Graph()
    head_dim = dim // heads
    by_head = g.weight("by_head", np.array([-1, 3, heads, head_dim], np.int64))
    flat = g.weight("flat", np.array([-1, dim], np.int64))
    first = g.weight("first", np.array([0], np.int64))
    root2 = g.weight("root2", np.array(math.sqrt(2.0), np.float32))
    one = g.weight("one", np.array(1.0, np.float32))
    half = g.weight("half", np.array(0.5, np.float32))

    def dense(x: str, w: Array, b: Array, name: str) -> str:
        product = g.node("MatMul", [x, g.weight(f"{name}.w", w)])
        return g.node("Add", [product, g.weight(f"{name}.b", b)])

    def norm(x: str, w: Array, b: Array, name: str) -> str:
        inputs = [x, g.weight(f"{name}.w", w), g.weight(f"{name}.b", b)]
        return g.node("LayerNormalization", inputs, axis=-1, epsilon=eps)

    x = "x"
    for i, layer in enumerate(layers):
        # The query projection is pre-scaled by 1 / sqrt(head_dim) (coach.minilm).
        qkv = dense(x, layer.qkv_w, layer.qkv_b, f"l{i}.qkv")
        split = g.node("Transpose", [g.node("Reshape", [qkv, by_head])], perm=[1, 2, 0, 3])
        q, k, v = (f"l{i}.{part}" for part in "qkv")
        g.nodes.append(helper.make_node("Split", [split], [q, k, v], axis=0, num_outputs=3))
        q, k, v = (g.node("Squeeze", [part, first]) for part in (q, k, v))  # (heads, T, hd)
        scores = g.node("MatMul", [q, g.node("Transpose", [k], perm=[0, 2, 1])])
        context = g.node("MatMul", [g.node("Softmax", [scores], axis=-1), v])
        context = g.node("Reshape", [g.node("Transpose", [context], perm=[1, 0, 2]), flat])
        attn = g.node("Add", [dense(context, layer.attn_out_w, layer.attn_out_b, f"l{i}.out"), x])
        x = norm(attn, layer.attn_ln_w, layer.attn_ln_b, f"l{i}.ln1")
        hidden = dense(x, layer.inter_w, layer.inter_b, f"l{i}.ffn1")
        # Exact GELU: x * (1 + erf(x / sqrt 2)) / 2.
        erf = g.node("Erf", [g.node("Div", [hidden, root2])])
        gelu = g.node("Mul", [g.node("Mul", [hidden, half]), g.node("Add", [erf, one])])
        y = g.node("Add", [dense(gelu, layer.out_w, layer.out_b, f"l{i}.ffn2"), x])
        x = norm(y, layer.out_ln_w, layer.out_ln_b, f"l{i}.ln2")
    pooled = g.node("ReduceMean", [x, first], keepdims=0)
    g.nodes.append(helper.make_node("LpNormalization", [pooled], ["vector"], axis=-1, p=2))
    graph = helper.make_graph(
        g.nodes,
        "minilm_query",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["tokens", dim])],
        [helper.make_tensor_value_info("vector", TensorProto.FLOAT, [dim])],
        g.weights,
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 8  # what onnxruntime 1.20+ reads
    return bytes(model.SerializeToString()), g.arrays


class QueryRunner:
    """The encoder layers of one MiniLM on ONNX Runtime, one query per run."""

    def __init__(self, layers: tuple[_Layer, ...], dim: int, heads: int, eps: float) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        # One core a query: two people's queries run at once on two cores (coach.embeddings).
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # warnings about unused weights are not the user's
        model, arrays = _encoder_graph(layers, dim, heads, eps)
        # The runtime reads the weights from these arrays: they must outlive the session.
        weights = [ort.OrtValue.ortvalue_from_numpy(a) for a in arrays.values()]
        options.add_external_initializers(list(arrays), weights)
        self._session = ort.InferenceSession(model, options, providers=["CPUExecutionProvider"])
        # The weights live as long as the session that reads them, however the two are
        # torn down: they hang from the session object itself.
        self._session.coach_weights = weights
        self.dim = dim

    def run(self, x: Array) -> Array:
        """``x``: one query's token rows after the embeddings' LayerNorm, (tokens, dim)."""
        vector: Array = self._session.run(["vector"], {"x": np.ascontiguousarray(x)})[0]
        return vector
