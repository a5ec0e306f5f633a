"""Export a robust-study policy (``SplitHedgePolicy``) to the engine's ONNX contract.

``python -m hedgetrain export-robust --method hirm --seed 0 --out ../../models/hirm-spy-v1`` trains one method of
the study config (configs/studies/hirm.json) for one seed exactly as ``study.run_seed`` does (same splits,
training-only standardisation, ``train_method`` with validation model selection) and writes the model folder:

* ``policy.onnx``: one decision step. Input ``features`` float32 [N, 15] = feature set ``robust-regime-v1``:
  the study's Phi (``environments.FEATURE_NAMES``), the previous holding ``hedge_underlying`` and the context r
  (``regime_*``, ``illiquid``), in the policy's own input order; output ``target`` float32 [N, 1], UNDERLYING
  holdings per unit of book scale (the study's liability is one call on one unit, so shares per unit scale).
  The training standardisation of Phi is inside the graph; the holding and the context enter raw, as in
  ``SplitHedgePolicy.forward``.
* ``metadata.json`` (the ``hedgestream.*`` metadata, sha256, checks), ``parity.json`` (real SPY decision days:
  the raw snapshot with its 272-day daily series -> contract features -> target), ``report.md``.

The exported step is checked against the PyTorch rollout: fed the rollout's own previous holdings, the step
must give the rollout's holdings on the training and Covid-2020 episodes.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import math
from pathlib import Path
from typing import Dict, List, Optional

import numpy as np
import onnx
import torch
from torch import nn

from .. import __version__
from ..export.onnx_export import META_PREFIX, OPSET, save_with_metadata, sha256_of
from ..export.onnx_numpy import run_onnx
from ..features.builders import FeatureSet
from ..features.contract import load_contract
from ..features.regime import HISTORY_CLOSES
from ..features.snapshot import snapshot_features
from ..markets.historical import DATA_FILES, close_micros, load_market, resolve_data_dir
from .environments import CONTEXT_NAMES, FEATURE_NAMES, INVENTORY_FEATURE, TENOR_DAYS
from .policy import SplitHedgePolicy

FEATURE_SET = "robust-regime-v1"
INSTRUMENTS = ("UNDERLYING",)
TOLERANCE = 1e-5


class PolicyStep(nn.Module):
    """One decision of a :class:`SplitHedgePolicy` on contract features: standardise Phi, then w(f(x)).

    Shape:
        features (N, F + 1 + C) = [Phi, previous holding, r] -> target (N, 1).
    """

    def __init__(self, policy: SplitHedgePolicy):
        super().__init__()
        self.n_features = policy.n_features
        self.representation = policy.representation
        self.head = policy.head
        self.register_buffer("feature_mean", policy.feature_mean.detach().clone())
        self.register_buffer("feature_std", policy.feature_std.detach().clone())

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        phi = (features[:, :self.n_features] - self.feature_mean) / self.feature_std  # (N, F)
        return self.head(self.representation(torch.cat([phi, features[:, self.n_features:]], dim=1)))  # (N, 1)


def contract_order_check(policy: SplitHedgePolicy) -> List[str]:
    """The feature set's names, after checking they are the policy's inputs in its order."""
    names = list(load_contract().feature_set(FEATURE_SET))
    expected = list(FEATURE_NAMES) + [INVENTORY_FEATURE] + list(CONTEXT_NAMES)
    if names != expected or policy.n_features != len(FEATURE_NAMES) or policy.n_context != len(CONTEXT_NAMES):
        raise ValueError(f"feature set {FEATURE_SET} {names} is not the robust policy's input {expected}")
    return names


def step_inputs(es, holdings: torch.Tensor) -> torch.Tensor:
    """Contract-ordered step inputs of every (episode, step) of a rollout: [Phi_t, q_{t-1}, r_t].

    Shape: holdings (E, T) -> (E * T, F + 1 + C) float32."""
    previous = torch.cat([torch.zeros_like(holdings[:, :1]), holdings[:, :-1]], 1)  # (E, T)
    x = torch.cat([es.features.to(torch.float32), previous.unsqueeze(-1).to(torch.float32),
                   es.context.to(torch.float32)], -1)  # (E, T, F + 1 + C)
    return x.reshape(-1, x.shape[-1])


def rollout_step_difference(policy: SplitHedgePolicy, step: PolicyStep, es) -> float:
    """Largest |step(x_t) - rollout holding_t| over an EpisodeSet, the step fed the rollout's previous holdings."""
    with torch.no_grad():
        holdings = policy(es.features, es.context)  # (E, T)
        out = step(step_inputs(es, holdings)).reshape(holdings.shape)
    return float((out - holdings).abs().max())


def export_graph(step: PolicyStep, path: Path, meta: Dict[str, str]) -> None:
    """Write the step as ONNX (opset 13, dynamic batch) with ``hedgestream.*`` metadata."""
    step = step.to(device="cpu", dtype=torch.float32).eval()
    buf = io.BytesIO()
    dummy = torch.zeros(2, step.n_features + 1 + len(CONTEXT_NAMES), dtype=torch.float32)
    torch.onnx.export(step, dummy, buf, input_names=["features"], output_names=["target"],
                      dynamic_axes={"features": {0: "batch"}, "target": {0: "batch"}}, opset_version=OPSET,
                      do_constant_folding=True)
    save_with_metadata(onnx.load_from_string(buf.getvalue()), meta, path)


def parity_snapshots(data_dir: Optional[Path], n_cases: int, seed: int = 20200301) -> List[Dict]:
    """Engine snapshots of the HIRM book on seeded real SPY days 2008-2023: short 1 call x 100 struck at the close,
    expiry the close 60 calendar days later, spot/vol/rate of the replay tick, the holding near the delta hedge
    (0 every seventh case), and the day's trailing 272 closes and volumes."""
    from ..features.builders import book_delta
    from ..features.snapshot import snapshot_state
    directory = resolve_data_dir(data_dir)
    market = load_market(directory)
    volumes = _volumes(directory)
    days = [i for i, d in enumerate(market.dates) if "2008-01-01" <= d <= "2023-12-31" and i >= HISTORY_CLOSES]
    rng = np.random.default_rng(seed)
    picks = sorted(rng.choice(days, size=n_cases, replace=False).tolist())
    out = []
    for k, i in enumerate(picks):
        date = dt.date.fromisoformat(market.dates[i])
        now = int(market.event_micros[i])
        close = float(market.last[i])
        snap = {"spot": close, "atmVol": float(market.vol[i]), "rate": float(market.rate[i]),
                "dividendYield": 0.0, "nowEpochMicros": now, "date": market.dates[i],
                "options": [{"type": "CALL", "strike": close, "multiplier": 100.0, "deskQuantity": -1.0,
                             "expiryEpochMicros": close_micros(date + dt.timedelta(days=TENOR_DAYS))}],
                "holdings": {"UNDERLYING": 0.0},
                "rolling": {"closes": [float(c) for c in market.last[i + 1 - HISTORY_CLOSES:i + 1]],
                            "volumes": [volumes[d] for d in market.dates[i + 1 - HISTORY_CLOSES:i + 1]]}}
        delta_hedge = -float(book_delta(snapshot_state(snap, list(INSTRUMENTS)))[0]) * 100.0
        snap["holdings"] = {"UNDERLYING": 0.0 if k % 7 == 0 else float(round(delta_hedge * rng.uniform(0.5, 1.5)))}
        out.append(snap)
    return out


def _volumes(directory: Path) -> Dict[str, float]:
    import csv
    with open(directory / "spy_daily.csv", newline="") as handle:
        return {row["date"]: float(row["volume"]) for row in csv.DictReader(handle)}


def write_parity(step: PolicyStep, onnx_path: Path, out_path: Path, data_dir: Optional[Path],
                 n_cases: int) -> Dict:
    """parity.json: raw snapshot -> features (float64) -> target (PyTorch float32); ONNX checked against it."""
    feature_set = FeatureSet(FEATURE_SET)
    cases, rows = [], []
    for snap in parity_snapshots(data_dir, n_cases):
        features = snapshot_features(snap, feature_set, list(INSTRUMENTS))
        if not all(math.isfinite(v) for v in features):
            raise ValueError(f"non-finite features on {snap['date']}: {features}")
        rows.append(features)
        cases.append({"input": snap, "features": features})
    x = np.asarray(rows, dtype=np.float32)
    with torch.no_grad():
        expected = step(torch.from_numpy(x)).numpy()
    diff = float(np.max(np.abs(run_onnx(onnx.load(str(onnx_path)), x) - expected)))
    if diff > TOLERANCE:
        raise ValueError(f"ONNX graph and PyTorch step disagree by {diff} on parity inputs")
    for case, row in zip(cases, expected):
        case["expected"] = {"target": [float(row[0])], "holdings": {"UNDERLYING": float(row[0]) * 100.0}}
    doc = {"description": "raw snapshot (HIRM book on a real SPY day, with the symbol's trailing daily closes and "
                          "volumes in input.rolling) -> features (float64, compare to 1e-9) -> target (float32 from "
                          "the PyTorch step, compare to 1e-5); holdings = target * bookScale",
           "featureSet": FEATURE_SET, "features": list(feature_set.names), "instruments": list(INSTRUMENTS),
           "timeConvention": "ttmYears = (expiryEpochMicros - nowEpochMicros) / (365 * 86400 * 1e6)",
           "onnxVsTorchMaxAbsDiff": diff, "outputsFrom": "pytorch-float32", "cases": cases}
    out_path.write_text(json.dumps(doc, indent=1))
    return doc


def metadata(cfg: dict, method: str, seed: int, name: str, data_dir: Path, target_bound: float) -> Dict[str, str]:
    """The ``hedgestream.*`` metadata (without prefix) of an exported robust policy."""
    directory = resolve_data_dir(data_dir)
    data = {f: sha256_of(directory / f) for f in DATA_FILES}
    return {
        "feature_set": FEATURE_SET,
        "features": json.dumps(list(load_contract().feature_set(FEATURE_SET))),
        "instruments": json.dumps(list(INSTRUMENTS)),
        "risk_measure": f"CVaR{int(round(100 * cfg['alpha']))} of episode loss, {method} objective",
        "config": json.dumps({"study": cfg["name"], "method": method, "params": cfg["methods"][method],
                              "policy": cfg["policy"], "train": cfg["train"], "data": cfg["data"]}),
        "seed": str(seed),
        "data": "SPY daily episodes (hedgetrain.robust.data): train calm-2017-2019, validation late-2018; sha256 "
                + json.dumps(data),
        "version": f"{name}@hedgetrain-{__version__}",
        "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "contract_version": str(load_contract().version),
        "target_bounds": json.dumps([[-target_bound, target_bound]]),
    }


@dataclasses.dataclass(frozen=True)
class ExportResult:
    """What ``export_robust`` wrote and checked."""
    out: Path
    metadata: Dict[str, str]
    checks: Dict[str, float]
    best_iter: int
    best_val_cvar95: float


def export_robust(method: str, seed: int, out_dir, config_path, data_dir: Optional[Path] = None,
                  target_bound: float = 1.25, parity_cases: int = 32, log=print) -> ExportResult:
    """Train ``method`` for ``seed`` as the study does and export it (module docstring)."""
    from .data import real_episodes
    from .environments import episode_pnl, standardiser
    from .study import load_study_config
    from .train import train_method
    cfg = load_study_config(config_path)
    if method not in cfg["methods"]:
        raise ValueError(f"unknown method {method!r}; the config trains {sorted(cfg['methods'])}")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    d = cfg["data"]
    kw = dict(length=d["episode_days"], stride=d["stride_days"], label_rule=d["label_rule"], env_by=d["env_by"])
    train, val = real_episodes(data_dir, "train", **kw), real_episodes(data_dir, "val:late-2018", **kw)
    stats = standardiser(train)
    res = train_method(method, cfg["methods"][method], train, val, cfg["policy"], cfg["train"], seed, "cpu",
                       pnl_fn=episode_pnl, feature_stats=(stats.mean, stats.std),
                       progress=lambda line: log(line))
    policy = res.policy.to(torch.float32).eval()
    contract_order_check(policy)
    step = PolicyStep(policy).eval()
    covid = real_episodes(data_dir, "test:covid-2020", **kw)
    checks = {"rollout_vs_step_train": rollout_step_difference(policy, step, train),
              "rollout_vs_step_covid_2020": rollout_step_difference(policy, step, covid)}
    if max(checks.values()) > TOLERANCE:
        raise ValueError(f"the exported step does not reproduce the rollout: {checks}")
    onnx_path = out / "policy.onnx"
    meta = metadata(cfg, method, seed, out.name, resolve_data_dir(data_dir), target_bound)
    export_graph(step, onnx_path, meta)
    x = step_inputs(covid, policy(covid.features, covid.context).detach()).numpy()
    with torch.no_grad():
        checks["onnx_vs_torch_covid_2020"] = float(np.max(np.abs(run_onnx(onnx.load(str(onnx_path)), x)
                                                                 - step(torch.from_numpy(x)).numpy())))
    parity = write_parity(step, onnx_path, out / "parity.json", data_dir, parity_cases)
    checks["onnx_vs_torch_parity"] = parity["onnxVsTorchMaxAbsDiff"]
    if max(checks.values()) > TOLERANCE:
        raise ValueError(f"ONNX export differs from PyTorch: {checks}")
    full = {META_PREFIX + k: v for k, v in meta.items()}
    doc = dict(full, sha256=sha256_of(onnx_path), onnx_file="policy.onnx",
               checks=json.dumps(dict(checks, onnx_checker="passed")))
    (out / "metadata.json").write_text(json.dumps(doc, indent=1))
    (out / "report.md").write_text(_report(out.name, method, seed, cfg, res, checks))
    return ExportResult(out, doc, checks, res.best_iter, res.best_val_cvar95)


def _report(name: str, method: str, seed: int, cfg: dict, res, checks: Dict[str, float]) -> str:
    lines = [f"# {name}", "",
             f"The HIRM study's `{method}` policy (seed {seed}, config `{cfg['name']}`: {cfg['methods'][method]}, "
             f"policy {cfg['policy']}), trained on SPY calm-2017-2019 episodes and selected on late-2018 "
             f"validation CVaR95 (best iteration {res.best_iter} of {cfg['train']['iters']}, validation CVaR95 "
             f"{res.best_val_cvar95:.4f} per unit of underlying at spot 100), exported as one decision step on "
             f"feature set `{FEATURE_SET}` (schemas/policy/features.json).", "",
             "Rebuild: `./hedge export-robust --method " + method + f" --seed {seed} --out ../../models/{name}` "
             "(HEDGE_DATA_DIR = the SPY/VIX/DTB3 files).", "",
             "Replay in the engine: `./hedge replay run --window covid-2020 --policy models/" + name + "` (the run "
             "publishes the 271 trading days before the window first, so the rolling features are warm).", "",
             "## Export checks (max abs difference)", ""]
    lines += [f"- {k}: {v:.3e}" for k, v in checks.items()]
    return "\n".join(lines) + "\n"
