"""Golden parity vectors for the Java engine: raw book snapshot -> contract features -> model output."""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Dict, List

import numpy as np
import onnx
import torch

from ..features.snapshot import MICROS_PER_YEAR, snapshot_features, snapshot_state
from ..features.builders import book_delta
from ..policies.networks import NetworkPolicy
from .onnx_numpy import run_onnx

NOW_MICROS = 1_767_225_600_000_000  # 2026-01-01T00:00:00Z


def random_snapshots(n_cases: int, seed: int = 20260101) -> List[Dict]:
    """Seeded engine snapshots: 1-4 options, calls/puts, desk long/short, ITM/OTM, expiries from hours to 2 years,
    multipliers 1 or 100, non-zero rates/dividends, current hedge near the delta hedge."""
    rng = np.random.default_rng(seed)
    cases = []
    for i in range(n_cases):
        spot = float(rng.uniform(20, 500))
        n_opts = int(rng.integers(1, 5))
        options = []
        for _ in range(n_opts):
            if i % 5 == 0:
                years = float(rng.uniform(1 / (365 * 24), 3 / 365))  # near expiry: one hour to three days
            else:
                years = float(rng.uniform(3 / 365, 2.0))
            options.append({
                "type": "CALL" if rng.random() < 0.6 else "PUT",
                "strike": round(spot * float(np.exp(rng.normal(0, 0.15))), 2),
                "expiryEpochMicros": NOW_MICROS + int(years * MICROS_PER_YEAR),
                "multiplier": float(rng.choice([1.0, 100.0])),
                "deskQuantity": float(rng.choice([-1, 1]) * rng.integers(1, 50)),
            })
        snap = {"spot": round(spot, 4), "atmVol": round(float(rng.uniform(0.05, 0.8)), 4),
                "rate": round(float(rng.uniform(-0.005, 0.05)), 5), "dividendYield": round(float(rng.uniform(0, 0.03)), 5),
                "nowEpochMicros": NOW_MICROS, "options": options, "holdings": {}}
        state = snapshot_state(dict(snap, holdings={"UNDERLYING": 0.0}), ["UNDERLYING"])
        delta_hedge = -float(book_delta(state)[0]) * float(state.scale[0])
        snap["holdings"] = {"UNDERLYING": round(delta_hedge * float(rng.uniform(0.5, 1.5)) if i % 7 else 0.0, 3)}
        cases.append(snap)
    return cases


def write_parity(policy: NetworkPolicy, onnx_path, out_path, n_cases: int = 64, seed: int = 20260101) -> Dict:
    """Write parity.json next to the model. Expected outputs come from the PyTorch module in float32;
    the ONNX graph is checked against them with the NumPy reference evaluator (max difference recorded)."""
    instruments = list(policy.instruments)
    cases = []
    feats = []
    for snap in random_snapshots(n_cases, seed):
        f = snapshot_features(snap, policy.features, instruments)
        if not all(math.isfinite(v) for v in f):
            raise ValueError(f"non-finite features for parity case {snap}")
        feats.append(f)
        cases.append({"input": snap, "features": f})
    x = np.asarray(feats, dtype=np.float32)
    with torch.no_grad():
        out = policy.net.to(device="cpu", dtype=torch.float32)(torch.from_numpy(x)).numpy()
    onnx_out = run_onnx(onnx.load(str(onnx_path)), x)
    max_diff = float(np.max(np.abs(onnx_out - out)))
    if max_diff > 1e-5:
        raise ValueError(f"ONNX graph and PyTorch module disagree by {max_diff} on parity inputs")
    for case, row in zip(cases, out):
        case["expected"] = {"target": [float(v) for v in row],
                            "holdings": {k: float(v) * float(snapshot_state(case["input"], instruments).scale[0])
                                         for k, v in zip(instruments, row)}}
    doc = {"description": "raw snapshot -> features (float64, compare to 1e-9) -> target (float32 from the PyTorch "
                          "module, compare to 1e-5); holdings = target * bookScale",
           "featureSet": policy.features.name, "features": list(policy.features.names), "instruments": instruments,
           "timeConvention": "ttmYears = (expiryEpochMicros - nowEpochMicros) / (365 * 86400 * 1e6)",
           "onnxVsTorchMaxAbsDiff": max_diff, "outputsFrom": "pytorch-float32", "cases": cases}
    Path(out_path).write_text(json.dumps(doc, indent=1))
    return doc
