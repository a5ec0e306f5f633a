import json

import numpy as np
import onnx
import pytest
import torch

from hedgetrain.config import ExperimentConfig, PolicyConfig, TrainConfig
from hedgetrain.export import export_onnx, read_metadata, run_onnx, write_parity
from hedgetrain.export.bundle import export_bundle
from hedgetrain.features import snapshot_features
from hedgetrain.training import train

REQUIRED = ["feature_set", "features", "instruments", "risk_measure", "config", "seed", "data", "version", "created_at",
            "contract_version", "target_bounds"]


@pytest.fixture(scope="module", params=["mlp", "ntb"])
def trained(request):
    cfg = ExperimentConfig(name=f"export-{request.param}", policy=PolicyConfig(kind=request.param, hidden=8, layers=2),
                           train=TrainConfig(batch_paths=500, epochs=1, iters_per_epoch=2))
    return train(cfg, 0, progress=False)


def test_bundle_round_trip(trained, tmp_path):
    meta = export_bundle(trained, tmp_path, data="unit test", target_bounds=[[-1.25, 1.25]], parity_cases=50)
    model = onnx.load(str(tmp_path / "policy.onnx"))
    onnx.checker.check_model(model)
    assert 13 <= model.opset_import[0].version <= 17
    assert model.graph.input[0].name == "features" and model.graph.output[0].name == "target"
    dims = model.graph.input[0].type.tensor_type.shape.dim
    assert dims[0].dim_param and dims[1].dim_value == len(trained.policy.features)
    props = read_metadata(tmp_path / "policy.onnx")
    for key in REQUIRED:
        assert "hedgestream." + key in props
    assert json.loads(props["hedgestream.features"]) == list(trained.policy.features.names)
    assert json.loads(props["hedgestream.config"])["name"] == trained.config.name
    assert len(meta["sha256"]) == 64
    for batch in (1, 7):
        x = np.random.default_rng(batch).normal(size=(batch, len(trained.policy.features))).astype(np.float32)
        with torch.no_grad():
            ref = trained.policy.net(torch.from_numpy(x)).numpy()
        assert np.max(np.abs(run_onnx(model, x) - ref)) < 1e-5
    parity = json.loads((tmp_path / "parity.json").read_text())
    assert len(parity["cases"]) >= 50
    case = parity["cases"][3]
    assert snapshot_features(case["input"], trained.policy.features, ["UNDERLYING"]) == case["features"]
    kinds = {o["type"] for c in parity["cases"] for o in c["input"]["options"]}
    assert kinds == {"CALL", "PUT"}
    assert any(len(c["input"]["options"]) > 1 for c in parity["cases"])


def test_baselines_cannot_be_exported(tmp_path):
    from hedgetrain.policies import BlackScholesDelta
    with pytest.raises(ValueError):
        export_onnx(BlackScholesDelta(), ExperimentConfig(), tmp_path / "x.onnx", seed=0, risk_label="x",
                    target_bounds=[[-1, 1]], data="x")
