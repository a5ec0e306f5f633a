"""The NumPy reference evaluator on the shipped model: what the trainer's historical evaluation runs."""
import json
from pathlib import Path

import numpy as np
import onnx
import pytest
from onnx import helper, TensorProto

from hedgetrain.export import run_onnx
from hedgetrain.features.builders import FeatureSet
from hedgetrain.features.snapshot import snapshot_features
from hedgetrain.policies.onnx_model import OnnxModelPolicy

MODEL = Path(__file__).resolve().parents[4] / "models" / "bs-delta-mlp-v1"


def test_shipped_model_reproduces_its_parity_outputs():
    model = onnx.load(str(MODEL / "policy.onnx"))
    assert {n.op_type for n in model.graph.node} <= {"Gemm", "MatMul", "Add", "Relu", "Sub", "Div", "Mul"}
    parity = json.loads((MODEL / "parity.json").read_text())
    features = np.array([case["features"] for case in parity["cases"]], dtype=np.float32)
    expected = np.array([case["expected"]["target"] for case in parity["cases"]], dtype=np.float64)
    out = run_onnx(model, features)
    assert out.dtype == np.float32 and out.shape == expected.shape
    assert np.max(np.abs(out - expected)) < 1e-6


def test_policy_builds_the_parity_features_and_targets():
    policy = OnnxModelPolicy(MODEL)
    parity = json.loads((MODEL / "parity.json").read_text())
    feature_set = FeatureSet(parity["featureSet"])
    for case in parity["cases"][:5]:
        built = snapshot_features(case["input"], feature_set, parity["instruments"])
        assert np.max(np.abs(np.array(built) - np.array(case["features"]))) < 1e-9
    assert policy.target_bounds == ((-1.25, 1.25),)
    assert policy.sha256 == json.loads((MODEL / "metadata.json").read_text())["sha256"]


def test_unknown_operator_is_refused_by_name():
    x = helper.make_tensor_value_info("features", TensorProto.FLOAT, [None, 2])
    y = helper.make_tensor_value_info("target", TensorProto.FLOAT, [None, 2])
    graph = helper.make_graph([helper.make_node("Erf", ["features"], ["target"])], "g", [x], [y])
    with pytest.raises(ValueError, match="does not support ONNX op Erf"):
        run_onnx(helper.make_model(graph), np.zeros((1, 2), dtype=np.float32))
