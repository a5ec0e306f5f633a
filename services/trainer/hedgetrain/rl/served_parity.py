"""Golden per-step PnL of the served SABR book on one feed path, for the engine's parity test.

The feed's ``--path-out`` CSV of a ``sabr-book`` run is replayed in :class:`served.ServedSabrEnv` with the
engine settings the Java test uses (listed multiplier 0.001, so the actor's small option leg is not rounded
away, strike step 0.01, lot size 1, option cost 0.5%,
underlying fee 0) for the engine's delta policy and for an exported model (its ``policy.onnx`` run by the
trainer's ONNX reference interpreter, float32 like the engine's session). The engine's
``SabrBookPnlParityTest`` feeds the same CSV through a TopologyTestDriver (each day's client orders before
its tick, fills at the decision tick) and compares every ``PnlEvent.stepPnl`` to these, to 1e-6.

Regenerate: ``python3 -m hedgetrain.rl.served_parity`` (from services/trainer).
"""
from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path

import numpy as np
import onnx
import torch

from ..export.onnx_numpy import run_onnx
from .served import DeltaPolicy, OnnxTargetsPolicy, ServedConfig, ServedSabrEnv

GOLDEN_DIR = Path(__file__).resolve().parents[2] / "tests" / "golden"
MODELS_DIR = Path(__file__).resolve().parents[4] / "models"
PATH_CSV = "sabr-book-path-seed7.csv"
GOLDEN = "sabr-book-parity.json"
PARITY_CONFIG = ServedConfig(multiplier=0.001, strike_step=0.01, lot_size=1.0, option_cost=0.005,
                             underlying_fee_bps=0.0)


def onnx_policy(model_dir) -> OnnxTargetsPolicy:
    """A shipped model as the engine runs it: float32 features through its graph, its instruments and bounds."""
    model = onnx.load(str(Path(model_dir) / "policy.onnx"))
    meta = {p.key: p.value for p in model.metadata_props}

    def run(features: torch.Tensor) -> torch.Tensor:
        return torch.from_numpy(np.asarray(run_onnx(model, features.numpy().astype(np.float32)), dtype=np.float32))

    return OnnxTargetsPolicy(run, json.loads(meta["hedgestream.instruments"]),
                             json.loads(meta["hedgestream.target_bounds"]))


def replay_step_pnl(path_csv, policy, config: ServedConfig) -> dict:
    """Per-tick stepPnl, costs and fallbacks of ``policy`` on the path. The episode is the whole file."""
    with open(path_csv) as handle:
        days = sum(1 for _ in handle) - 2  # header and day 0
    cfg = dataclasses.replace(config, episode_days=days)
    env = ServedSabrEnv(cfg)
    env.reset(env.replay(path_csv))
    step_pnl = env.run(policy)[0]
    return {"stepPnl": step_pnl.tolist(), "costs": float(env.costs[0]), "fallbacks": float(env.fallbacks[0])}


def golden(path_csv, model_dirs, config: ServedConfig = PARITY_CONFIG) -> dict:
    """The golden document: engine settings, the path file and per-policy per-tick stepPnl."""
    policies = {"delta": {"enginePolicy": "delta", **replay_step_pnl(path_csv, DeltaPolicy(), config)}}
    for model_dir in model_dirs:
        name = Path(model_dir).name
        policies[name] = {"enginePolicy": f"models/{name}",
                          **replay_step_pnl(path_csv, onnx_policy(model_dir), config)}
    return {"description": __doc__.split("\n\n")[0], "path": Path(path_csv).name,
            "engine": {"engine.listed.multiplier": config.multiplier, "engine.listed.strike-step": config.strike_step,
                       "engine.lot-size": config.lot_size, "engine.listed.roll-days": config.roll_days},
            "gateway": {"optionCostFraction": config.option_cost, "underlyingFeeBps": config.underlying_fee_bps},
            "market": {"beta": config.beta, "rho": config.rho, "nu": config.vol_of_vol,
                       "bookMaturityDays": config.book_maturity_days, "unitsPerOrder": config.units_per_order,
                       "stepMicros": config.step_micros},
            "tolerance": 1e-6, "policies": policies}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Write the served SABR-book PnL golden file")
    parser.add_argument("--path", default=str(GOLDEN_DIR / PATH_CSV))
    parser.add_argument("--models", nargs="*", default=[str(MODELS_DIR / "gvdh-sabr-v1")])
    parser.add_argument("--out", default=str(GOLDEN_DIR / GOLDEN))
    args = parser.parse_args(argv)
    document = golden(args.path, args.models)
    Path(args.out).write_text(json.dumps(document, indent=1))
    for name, run in document["policies"].items():
        print(f"{name}: {len(run['stepPnl'])} ticks, episode PnL {sum(run['stepPnl']):.4f}, costs {run['costs']:.4f}")


if __name__ == "__main__":
    main()
