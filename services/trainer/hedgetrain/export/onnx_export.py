"""ONNX export of a learned policy with the HedgeStream metadata contract."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from pathlib import Path
from typing import Dict, Optional, Sequence

import numpy as np
import onnx
import torch

from .. import __version__
from ..config import ExperimentConfig, config_to_dict
from ..features.contract import load_contract
from ..policies.networks import NetworkPolicy
from .onnx_numpy import run_onnx

OPSET = 13
META_PREFIX = "hedgestream."


def export_onnx(policy: NetworkPolicy, config: ExperimentConfig, path, *, seed: int, risk_label: str,
                target_bounds: Sequence[Sequence[float]], data: str, version: Optional[str] = None) -> Dict[str, str]:
    """Write ``policy.net`` as ONNX: input ``features`` float32 [N, F], output ``target`` float32 [N, K],
    dynamic batch, opset 13, normalisation inside the graph, metadata ``hedgestream.*``. Returns the metadata."""
    if not isinstance(policy, NetworkPolicy):
        raise ValueError("only learned policies (NetworkPolicy) can be exported")
    contract = load_contract()
    net = policy.net.to(device="cpu", dtype=torch.float32).eval()
    n_features = len(policy.features)
    buf = io.BytesIO()
    dummy = torch.zeros(2, n_features, dtype=torch.float32)
    torch.onnx.export(net, dummy, buf, input_names=["features"], output_names=["target"],
                      dynamic_axes={"features": {0: "batch"}, "target": {0: "batch"}}, opset_version=OPSET,
                      do_constant_folding=True)
    model = onnx.load_from_string(buf.getvalue())
    meta = {
        "feature_set": policy.features.name,
        "features": json.dumps(list(policy.features.names)),
        "instruments": json.dumps(list(policy.instruments)),
        "risk_measure": risk_label,
        "config": json.dumps(config_to_dict(config)),
        "seed": str(seed),
        "data": data,
        "version": version or f"{config.name}@hedgetrain-{__version__}",
        "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "contract_version": str(contract.version),
        "target_bounds": json.dumps([list(map(float, b)) for b in target_bounds]),
    }
    if len(target_bounds) != len(policy.instruments):
        raise ValueError("one [lo, hi] target bound per instrument is required")
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    save_with_metadata(model, meta, path)
    return {META_PREFIX + k: v for k, v in meta.items()}


def save_with_metadata(model: onnx.ModelProto, meta: Dict[str, str], path) -> None:
    """Stamp the contract metadata (``hedgestream.<key>`` properties the engine's ModelValidator reads) and the
    producer on ``model``, check it, and save it to ``path``."""
    for key, value in meta.items():
        entry = model.metadata_props.add()
        entry.key, entry.value = META_PREFIX + key, value
    model.producer_name, model.producer_version = "hedgetrain", __version__
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


def read_metadata(path) -> Dict[str, str]:
    """metadata_props of an ONNX file as a dict."""
    return {p.key: p.value for p in onnx.load(str(path)).metadata_props}


def sha256_of(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def max_abs_difference(policy: NetworkPolicy, onnx_path, features: np.ndarray) -> float:
    """Largest |ONNX graph - PyTorch module| on ``features`` (N, F), both in float32."""
    model = onnx.load(str(onnx_path))
    onnx.checker.check_model(model)
    with torch.no_grad():
        ref = policy.net.to(device="cpu", dtype=torch.float32)(torch.as_tensor(features, dtype=torch.float32)).numpy()
    return float(np.max(np.abs(run_onnx(model, features) - ref)))
