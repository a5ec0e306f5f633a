"""An exported model (``models/<name>/policy.onnx``) as a trainer policy, run in float32 by the reference
evaluator (:func:`hedgetrain.export.run_onnx`), so the trainer can evaluate exactly what the engine serves."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import List, Tuple

import numpy as np
import onnx
import torch

from ..export.onnx_numpy import run_onnx
from ..features.builders import FeatureSet
from ..features.state import HedgeState
from .base import Policy


class OnnxModelPolicy(Policy):
    """Target holdings per unit of book scale = the graph's float32 output on the float32 cast of the contract
    features named in the model's metadata. ``target_bounds`` are the engine's guardrail bounds per instrument.

    Shape:
        act(state) -> (N, K) float64 holding float32 values.
    """

    def __init__(self, path):
        super().__init__()
        path = Path(path)
        onnx_file = path / "policy.onnx" if path.is_dir() else path
        if not onnx_file.is_file():
            raise ValueError(f"no ONNX model at {path}")
        raw = onnx_file.read_bytes()
        self.sha256 = hashlib.sha256(raw).hexdigest()
        copy = onnx_file.parent / "metadata.json"
        if copy.is_file():
            recorded = json.loads(copy.read_text()).get("sha256")
            if recorded is not None and recorded != self.sha256:
                raise ValueError(f"{onnx_file}: sha256 {self.sha256} differs from metadata.json's {recorded}")
        self.model = onnx.load_from_string(raw)
        meta = {p.key: p.value for p in self.model.metadata_props}
        self.version = meta.get("hedgestream.version", onnx_file.stem)
        self.feature_set = FeatureSet(meta["hedgestream.feature_set"])
        names: List[str] = json.loads(meta["hedgestream.features"])
        if names != list(self.feature_set.names):
            raise ValueError(f"model features {names} are not feature set {self.feature_set.name}'s "
                             f"{list(self.feature_set.names)}")
        self.instruments = tuple(json.loads(meta["hedgestream.instruments"]))
        bounds = json.loads(meta.get("hedgestream.target_bounds", "null")) or [[-np.inf, np.inf]] * len(self.instruments)
        self.target_bounds: Tuple[Tuple[float, float], ...] = tuple((float(lo), float(hi)) for lo, hi in bounds)

    def features(self, state: HedgeState) -> torch.Tensor:
        """The contract features in float64 (what the engine builds and journals). Shape: (N, F)."""
        return self.feature_set(state)

    def act(self, state: HedgeState) -> torch.Tensor:
        x = self.features(state).detach().cpu().numpy().astype(np.float32)
        out = run_onnx(self.model, x)
        return torch.as_tensor(np.asarray(out, dtype=np.float32)).to(dtype=torch.float64, device=state.spot.device)

    def within_bounds(self, output: torch.Tensor) -> torch.Tensor:
        """Whether every output of a row is finite and inside the model's target bounds. Shape: (N, K) -> (N,)."""
        lo = torch.tensor([b[0] for b in self.target_bounds], dtype=output.dtype, device=output.device)
        hi = torch.tensor([b[1] for b in self.target_bounds], dtype=output.dtype, device=output.device)
        return (torch.isfinite(output) & (output >= lo) & (output <= hi)).all(1)
