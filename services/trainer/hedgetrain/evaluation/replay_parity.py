"""Golden per-step PnL of the engine's replay, computed by the trainer's historical-window environment.

``python -m hedgetrain.evaluation.replay_parity [--data-dir D] [--out DIR]`` writes, for volmageddon-2018 with the
HIRM flow at 5 bps, ``replay-volmageddon-2018-delta.json`` (the analytic delta hedge) and
``replay-volmageddon-2018-bs-delta-mlp-v1.json`` (the shipped model) into ``tests/golden/``. The engine's
``hedge replay run`` of the same window must reproduce every step's ``stepPnl`` and ``cumulativePnl`` to 1e-6;
``tests/evaluation/test_replay_parity.py`` regenerates the files from the data and compares, and compares the
engine's own ``steps.json`` (``services/launcher/target/replay-parity/<policy>/``) when a Maven build wrote one.
"""
from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import Dict, List, Optional

from ..instruments.hirm_roll import hirm_roll
from ..markets.historical import DATA_FILES, REPO_ROOT, load_market, resolve_data_dir, resolve_window, window_market
from ..policies.baselines import BlackScholesDelta
from ..policies.onnx_model import OnnxModelPolicy
from .historical import evaluate_window

WINDOW = "volmageddon-2018"
COSTS_BPS = 5.0
TOLERANCE = 1e-6
GOLDEN_DIR = REPO_ROOT / "services" / "trainer" / "tests" / "golden"
SHIPPED_MODEL = REPO_ROOT / "models" / "bs-delta-mlp-v1"
ENGINE_STEPS = REPO_ROOT / "services" / "launcher" / "target" / "replay-parity"
#: golden file name -> the engine replay's policy argument (and its ``steps.json`` folder under ENGINE_STEPS)
POLICIES = {"delta": "delta", "bs-delta-mlp-v1": "model"}


def golden_path(policy: str, directory: Path = GOLDEN_DIR) -> Path:
    return Path(directory) / f"replay-{WINDOW}-{policy}.json"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def parity_documents(data_dir: Optional[Path] = None) -> Dict[str, Dict]:
    """The golden documents, by policy name (``delta``, ``bs-delta-mlp-v1``)."""
    directory = resolve_data_dir(data_dir)
    window = window_market(load_market(directory), resolve_window(WINDOW))
    liability = hirm_roll(window)
    docs = {}
    for name, policy in (("delta", BlackScholesDelta()), ("bs-delta-mlp-v1", OnnxModelPolicy(SHIPPED_MODEL))):
        result = evaluate_window(window, liability, policy, COSTS_BPS)
        docs[name] = {
            "description": "trainer evaluation (hedgetrain.evaluation.historical) of the engine replay: per-step PnL "
                           "of book SPY-hirm; the engine's hedge replay run must match stepPnl and cumulativePnl to "
                           "1e-6 per step. holding = SPY units at the step (before its order fills), order = the "
                           "step's hedge order, costs = fees of the previous step's fill.",
            "window": WINDOW, "from": window.market.dates[0], "to": window.market.dates[-1],
            "flow": {"kind": "hirm", "book": "SPY-hirm", "tenorDays": 60, "contracts": 1, "multiplier": 100,
                     "strikeStep": 0},
            "policy": name if name == "delta" else f"{policy.version}#{policy.sha256[:12]}",
            "enginePolicy": POLICIES[name],
            "costsBps": COSTS_BPS, "halfSpreadBps": 0.0, "queueHalfSpreadBps": 1.0, "lotSize": 1.0,
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
