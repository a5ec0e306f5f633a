"""Golden per-step PnL of the engine's replay, computed by the trainer's historical-window environment.

``python -m hedgetrain.evaluation.replay_parity [--data-dir D] [--out DIR]`` writes into ``tests/golden/``:

* volmageddon-2018, HIRM flow, 5 bps: ``replay-volmageddon-2018-delta.json`` (the analytic delta hedge) and
  ``replay-volmageddon-2018-bs-delta-mlp-v1.json`` (the shipped bs-book-v1 model);
* covid-2020, HIRM flow, 0 bps (``hedge replay run``'s default): ``replay-covid-2020-hirm-spy-v1.json`` and
  ``replay-covid-2020-erm-spy-v1.json``, the HIRM study's exported policies, whose rolling and regime features
  come from the full SPY history (the engine's replay publishes the 271 trading days before the window first).

The engine's ``hedge replay run`` of the same window must reproduce every step's ``stepPnl`` and
``cumulativePnl`` to 1e-6; ``tests/evaluation/test_replay_parity.py`` regenerates the files from the data and
compares, and compares the engine's own ``steps.json`` (``services/launcher/target/replay-parity/<policy>/``,
written by Maven's ReplayRunIT or by ``hedge replay run --out``) when one is there.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

import torch

from ..features.regime import all_rolling_features
from ..instruments.hirm_roll import hirm_roll
from ..markets.historical import (DATA_FILES, REPO_ROOT, WindowMarket, load_market, resolve_data_dir, resolve_window,
                                  window_market)
from ..policies.baselines import BlackScholesDelta
from ..policies.onnx_model import OnnxModelPolicy
from .historical import evaluate_window

TOLERANCE = 1e-6
GOLDEN_DIR = REPO_ROOT / "services" / "trainer" / "tests" / "golden"
MODELS = REPO_ROOT / "models"
SHIPPED_MODEL = MODELS / "bs-delta-mlp-v1"
ENGINE_STEPS = REPO_ROOT / "services" / "launcher" / "target" / "replay-parity"


@dataclass(frozen=True)
class ParityRun:
    """One golden replay: its window, costs, and the engine's policy argument (also its ``steps.json`` folder
    under ENGINE_STEPS); ``model`` is the folder under models/, None for the analytic delta hedge."""
    window: str
    costs_bps: float
    engine_policy: str
    model: Optional[str]


#: golden policy name -> its run
POLICIES: Dict[str, ParityRun] = {
    "delta": ParityRun("volmageddon-2018", 5.0, "delta", None),
    "bs-delta-mlp-v1": ParityRun("volmageddon-2018", 5.0, "model", "bs-delta-mlp-v1"),
    "hirm-spy-v1": ParityRun("covid-2020", 0.0, "hirm-spy-v1", "hirm-spy-v1"),
    "erm-spy-v1": ParityRun("covid-2020", 0.0, "erm-spy-v1", "erm-spy-v1"),
}


def golden_path(policy: str, directory: Path = GOLDEN_DIR) -> Path:
    return Path(directory) / f"replay-{POLICIES[policy].window}-{policy}.json"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def window_rolling(market, volumes: Dict[str, float], window: WindowMarket) -> torch.Tensor:
    """The rolling features (``ALL_ROLLING_FEATURES``) of the window's days, from the market's full history.

    Shape: -> (T, R) float64."""
    series = all_rolling_features(market.last, torch.tensor([volumes[d] for d in market.dates], dtype=torch.float64))
    index = {d: i for i, d in enumerate(market.dates)}
    return series[[index[d] for d in window.market.dates]]


def parity_documents(data_dir: Optional[Path] = None, policies=None) -> Dict[str, Dict]:
    """The golden documents, by policy name (keys of ``POLICIES``, or the given subset)."""
    directory = resolve_data_dir(data_dir)
    market = load_market(directory)
    with open(directory / "spy_daily.csv", newline="") as handle:
        volumes = {row["date"]: float(row["volume"]) for row in csv.DictReader(handle)}
    docs = {}
    for name in policies or POLICIES:
        run = POLICIES[name]
        window = window_market(market, resolve_window(run.window))
        liability = hirm_roll(window)
        policy = BlackScholesDelta() if run.model is None else OnnxModelPolicy(MODELS / run.model)
        result = evaluate_window(window, liability, policy, run.costs_bps, rolling=window_rolling(market, volumes, window))
        docs[name] = {
            "description": "trainer evaluation (hedgetrain.evaluation.historical) of the engine replay: per-step PnL "
                           "of book SPY-hirm; the engine's hedge replay run must match stepPnl and cumulativePnl to "
                           "1e-6 per step. holding = SPY units at the step (before its order fills), order = the "
                           "step's hedge order, costs = fees of the previous step's fill.",
            "window": run.window, "from": window.market.dates[0], "to": window.market.dates[-1],
            "flow": {"kind": "hirm", "book": "SPY-hirm", "tenorDays": 60, "contracts": 1, "multiplier": 100,
                     "strikeStep": 0},
            "policy": name if name == "delta" else f"{policy.version}#{policy.sha256[:12]}",
            "enginePolicy": run.engine_policy,
            "costsBps": run.costs_bps, "halfSpreadBps": 0.0, "queueHalfSpreadBps": 1.0, "lotSize": 1.0,
            "tolerance": TOLERANCE,
            "fallbacks": int(result.fallback.sum()),
            "data": {f: _sha256(directory / f) for f in DATA_FILES},
            "steps": result.steps(),
        }
    return docs


def write_golden(directory: Path = GOLDEN_DIR, data_dir: Optional[Path] = None) -> List[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, doc in parity_documents(data_dir).items():
        path = golden_path(name, directory)
        path.write_text(json.dumps(doc, indent=1) + "\n")
        written.append(path)
    return written


def max_step_difference(expected: List[Dict], actual: List[Dict]) -> float:
    """Largest |stepPnl| or |cumulativePnl| difference between step lists matched by ``eventMicros``.

    Raises:
        ValueError: the lists do not cover the same event times.
    """
    left = {int(s["eventMicros"]): s for s in expected}
    right = {int(s["eventMicros"]): s for s in actual}
    if set(left) != set(right) or len(left) != len(expected) or len(right) != len(actual):
        raise ValueError(f"steps differ: {len(expected)} expected vs {len(actual)} actual, event times "
                         f"only expected {sorted(set(left) - set(right))[:3]}, only actual "
                         f"{sorted(set(right) - set(left))[:3]}")
    return max(max(abs(left[t]["stepPnl"] - right[t]["stepPnl"]),
                   abs(left[t]["cumulativePnl"] - right[t]["cumulativePnl"])) for t in left)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m hedgetrain.evaluation.replay_parity", description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=None, help="SPY/VIX/DTB3 files (default: $HEDGE_DATA_DIR, "
                        "else replay-data/data)")
    parser.add_argument("--out", type=Path, default=GOLDEN_DIR, help="where the golden files go")
    args = parser.parse_args(argv)
    for path in write_golden(args.out, args.data_dir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
