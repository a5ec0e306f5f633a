"""A shipped model folder: policy.onnx + metadata.json (with sha256) + parity.json."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Dict, Sequence

import numpy as np

from ..training.trainer import TrainResult
from .onnx_export import export_onnx, max_abs_difference, sha256_of
from .parity import write_parity


def export_bundle(result: TrainResult, out_dir, *, data: str, target_bounds: Sequence[Sequence[float]],
                  parity_cases: int = 64) -> Dict:
    """Export the trained policy with metadata and parity vectors; verify the graph against PyTorch
    on random features and on the parity (real-snapshot) features."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    onnx_path = out / "policy.onnx"
    meta = export_onnx(result.policy, result.config, onnx_path, seed=result.seed, risk_label=result.objective.label(),
                       target_bounds=target_bounds, data=data)
    rng = np.random.default_rng(0)
    norm = result.policy.net.normalizer
    random_x = (rng.standard_normal((512, len(result.policy.features))) * norm.std.cpu().numpy() * 2
                + norm.mean.cpu().numpy()).astype(np.float32)
    random_diff = max_abs_difference(result.policy, onnx_path, random_x)
    if random_diff > 1e-5:
        raise ValueError(f"ONNX export differs from PyTorch by {random_diff} on random inputs")
    parity = write_parity(result.policy, onnx_path, out / "parity.json", n_cases=parity_cases)
    metadata = dict(meta, sha256=sha256_of(onnx_path), onnx_file="policy.onnx",
                    checks=json.dumps({"onnx_checker": "passed", "random_inputs_max_abs_diff": random_diff,
                                       "parity_inputs_max_abs_diff": parity["onnxVsTorchMaxAbsDiff"]}))
    (out / "metadata.json").write_text(json.dumps(metadata, indent=1))
    return metadata
