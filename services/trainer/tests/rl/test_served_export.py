"""The served actor's export: ONNX graph equal to the torch graph on the parity cases, contract metadata stamped,
parity.json written (an untrained actor: the export path, not the training, is under test)."""
import dataclasses
import json

import numpy as np
import onnx
import torch

from hedgetrain.export.onnx_export import META_PREFIX
from hedgetrain.export.onnx_numpy import run_onnx
from hedgetrain.features.contract import load_contract
from hedgetrain.rl.agent import DistributionalAgent
from hedgetrain.rl.served import FEATURE_SET, ServedConfig
from hedgetrain.rl.served_train import INSTRUMENTS, TRAIN_DEFAULTS, ServedActorGraph, export


def test_an_exported_actor_carries_the_contract_and_matches_torch(tmp_path):
    torch.manual_seed(3)
    names = load_contract().feature_set(FEATURE_SET)
    agent_config = dataclasses.replace(TRAIN_DEFAULTS, hidden=8)
    agent = DistributionalAgent(agent_config, n_features=len(names) + 1)
    config = ServedConfig()
    graph = ServedActorGraph(agent.actor, names, config.a_max).eval()

    export(tmp_path, graph, config, agent_config, seed=0, n_parity=8)

    model = onnx.load(str(tmp_path / "policy.onnx"))
    meta = {p.key: p.value for p in model.metadata_props}
    assert meta[META_PREFIX + "feature_set"] == FEATURE_SET
    assert json.loads(meta[META_PREFIX + "instruments"]) == list(INSTRUMENTS)
    assert json.loads(meta[META_PREFIX + "features"]) == list(names)
    parity = json.loads((tmp_path / "parity.json").read_text())
    x = np.array([c["features"] for c in parity["cases"]], dtype=np.float32)
    with torch.no_grad():
        expected = graph(torch.from_numpy(x)).numpy()
    assert np.max(np.abs(run_onnx(model, x) - expected)) < 1e-5
    assert np.abs(expected).max() > 0  # the cases hold a book, so the targets are not trivially zero
