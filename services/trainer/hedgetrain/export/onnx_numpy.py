"""A small NumPy interpreter for the ONNX operators our policy graphs use.

onnxruntime is not installed on the Debian training machines, so export checks run the exported
graph with this reference evaluator (float32, like the engine). Unknown operators raise ValueError.
"""
from __future__ import annotations

from typing import Dict

import numpy as np
import onnx
from onnx import numpy_helper


def _attrs(node) -> Dict:
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def _softplus(x):
    return np.where(x > 20, x, np.log1p(np.exp(np.minimum(x, 20)))).astype(x.dtype)


def _gemm(inputs, at):
    a, b = inputs[0], inputs[1]
    if at.get("transA", 0):
        a = a.T
    if at.get("transB", 0):
        b = b.T
    out = at.get("alpha", 1.0) * (a @ b)
    if len(inputs) > 2:
        out = out + at.get("beta", 1.0) * inputs[2]
    return out.astype(np.float32)


def _slice(inputs, at):
    data, starts, ends = inputs[0], inputs[1], inputs[2]
    axes = inputs[3] if len(inputs) > 3 else np.arange(len(starts))
    steps = inputs[4] if len(inputs) > 4 else np.ones(len(starts), dtype=np.int64)
    index = [slice(None)] * data.ndim
    for s, e, a, st in zip(starts, ends, axes, steps):
        index[int(a)] = slice(int(s), int(e) if abs(int(e)) < 2 ** 62 else None, int(st))
    return data[tuple(index)]


_OPS = {
    "Add": lambda i, a: i[0] + i[1],
    "Sub": lambda i, a: i[0] - i[1],
    "Mul": lambda i, a: i[0] * i[1],
    "Div": lambda i, a: i[0] / i[1],
    "Neg": lambda i, a: -i[0],
    "Relu": lambda i, a: np.maximum(i[0], 0).astype(i[0].dtype),
    "Tanh": lambda i, a: np.tanh(i[0]),
    "Sigmoid": lambda i, a: (1 / (1 + np.exp(-i[0]))).astype(i[0].dtype),
    "Softplus": lambda i, a: _softplus(i[0]),
    "MatMul": lambda i, a: (i[0] @ i[1]).astype(np.float32),
    "Gemm": _gemm,
    "Max": lambda i, a: np.maximum.reduce(i),
    "Min": lambda i, a: np.minimum.reduce(i),
    "Identity": lambda i, a: i[0],
    "Slice": _slice,
    "Gather": lambda i, a: np.take(i[0], i[1], axis=a.get("axis", 0)),
    "Unsqueeze": lambda i, a: np.expand_dims(i[0], tuple(int(x) for x in (i[1] if len(i) > 1 else a["axes"]))),
    "Concat": lambda i, a: np.concatenate(i, axis=a["axis"]),
    "Constant": lambda i, a: numpy_helper.to_array(a["value"]),
}


def run_onnx(model: onnx.ModelProto, features: np.ndarray) -> np.ndarray:
    """Evaluate a single-input single-output graph on ``features`` (N, F) float32 -> (N, K)."""
    values = {init.name: numpy_helper.to_array(init) for init in model.graph.initializer}
    values[model.graph.input[0].name] = np.asarray(features, dtype=np.float32)
    for node in model.graph.node:
        if node.op_type not in _OPS:
            raise ValueError(f"reference evaluator does not support ONNX op {node.op_type}")
        inputs = [values[name] for name in node.input if name]
        values[node.output[0]] = _OPS[node.op_type](inputs, _attrs(node))
    return values[model.graph.output[0].name]
