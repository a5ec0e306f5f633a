"""Writes the tiny ONNX graphs the engine's guardrail and validation tests load.

Run from the repository root with Debian's onnx 1.12:

    /usr/bin/python3 services/engine/src/test/python/make_test_models.py

Each graph takes ``features`` float32 [batch, F] (F and the feature names from the contract's
``bs-book-v1`` set in schemas/policy/features.json) and returns ``target`` float32 [batch, K], with the
``hedgestream.*`` metadata_props the engine validates. The outputs are constants, chosen to trip one
guardrail each, so the tests need no trained model:

* ``constant-nan.onnx``, ``constant-inf.onnx``: target = NaN / +inf for every book.
* ``constant-out-of-bounds.onnx``: target = 3.0 with bounds [[-1.25, 1.25]].
* ``constant-half.onnx``: target = 0.5 (a well-behaved control).
* ``batch-of-one-only.onnx``: reshapes the output to [1, 1], so ONNX Runtime fails at batch > 1.
* ``two-instruments.onnx``: features of the ``bs-book-call30-v1`` set, target = [0.25, 0.5] for UNDERLYING
  and the listed family CALL_ATM_30D (underlying units and option units, contracts x multiplier, per unit
  of book scale).
* ``unknown-instrument.onnx``: targets for UNDERLYING and VARSWAP (simulator-only: the engine refuses it).
* ``opset-12.onnx``: the constant-half graph declared at opset 12 (below the contract's 13).
* ``rolling-half.onnx``: target = 0.5 from the ``bs-book-rolling-v1`` features (the book's and the six rolling
  market features), so the engine must serve rolling features and fall back while they warm up.
"""
import json
import math
from pathlib import Path

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

ROOT = Path(__file__).resolve().parents[5]
OUT = Path(__file__).resolve().parents[1] / "resources" / "onnx"
FEATURE_SET = "bs-book-v1"


def contract_features(feature_set=FEATURE_SET):
    contract = json.loads((ROOT / "schemas" / "policy" / "features.json").read_text())
    return contract["featureSets"][feature_set]


def constant_graph(value, features, instruments, batch_of_one=False):
    """target = features @ zeros(F, K) + value: the value (a scalar or one per instrument) for every row."""
    n_features, n_targets = len(features), len(instruments)
    weights = numpy_helper.from_array(np.zeros((n_features, n_targets), dtype=np.float32), "zero_weights")
    bias = numpy_helper.from_array(np.broadcast_to(np.asarray(value, dtype=np.float32), (n_targets,)).copy(), "constant_target")
    nodes = [helper.make_node("MatMul", ["features", "zero_weights"], ["zeros"]),
             helper.make_node("Add", ["zeros", "constant_target"], ["target" if not batch_of_one else "wide"])]
    initializers = [weights, bias]
    if batch_of_one:
        initializers.append(numpy_helper.from_array(np.array([1, n_targets], dtype=np.int64), "one_row"))
        nodes.append(helper.make_node("Reshape", ["wide", "one_row"], ["target"]))
    graph = helper.make_graph(
        nodes, "constant_policy",
        [helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", n_features])],
        [helper.make_tensor_value_info("target", TensorProto.FLOAT, ["batch", n_targets])],
        initializer=initializers)
    return graph


def model(name, value, instruments=("UNDERLYING",), batch_of_one=False, opset=13, feature_set=FEATURE_SET):
    features = contract_features(feature_set)
    graph = constant_graph(value, features, instruments, batch_of_one)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)], producer_name="engine-tests")
    m.ir_version = 7
    metadata = {
        "hedgestream.feature_set": feature_set,
        "hedgestream.features": json.dumps(features),
        "hedgestream.instruments": json.dumps(list(instruments)),
        "hedgestream.version": f"test-{name}@1",
        "hedgestream.contract_version": "1",
        "hedgestream.target_bounds": json.dumps([[-1.25, 1.25]] * len(instruments)),
    }
    helper.set_model_props(m, metadata)
    onnx.checker.check_model(m)
    path = OUT / f"{name}.onnx"
    onnx.save(m, str(path))
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    model("constant-nan", math.nan)
    model("constant-inf", math.inf)
    model("constant-out-of-bounds", 3.0)
    model("constant-half", 0.5)
    model("batch-of-one-only", 0.5, batch_of_one=True)
    model("two-instruments", [0.25, 0.5], instruments=("UNDERLYING", "CALL_ATM_30D"), feature_set="bs-book-call30-v1")
    model("unknown-instrument", 0.5, instruments=("UNDERLYING", "VARSWAP"))
    model("opset-12", 0.5, opset=12)
    model("rolling-half", 0.5, feature_set="bs-book-rolling-v1")


if __name__ == "__main__":
    main()
