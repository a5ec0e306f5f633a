"""The HIRM study: every method over seeds on real SPY splits and synthetic stress, then the report.

python -m hedgetrain study hirm --seeds N [--quick] [--device auto] writes ``reports/hirm/`` (``--out``):
results.json (every seed x method x window metric), report.md (tables, correlations, lambda sweep, the
command and wall seconds) and PNG plots. Per seed: build the splits, tune the two baselines, train every
method of the config and HIRM at each lambda of the sweep, evaluate on every test window and synthetic stress.
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Dict, List, Optional

import numpy as np
import torch

from ..paths import CONFIGS
from ..risk.measures import expected_shortfall, value_at_risk
from ..robust.baselines import tuned_baselines
from ..robust.objectives import head_gradients, oce_cvar
from ..robust.train import resolve_device, train_method

CONFIG_KEYS = {"name", "alpha", "data", "policy", "train", "methods", "hirm_lambda_sweep", "sweep_seeds", "baselines",
               "bootstrap", "quick", "synthetic", "margin_ablation"}
METRICS = ("cvar95", "mean_pnl", "max_drawdown", "sortino", "turnover", "efficiency", "ig", "ig_normalised", "wg",
           "vr", "isi")
VR_WINDOW = 20
"""Episodes per rolling CVaR95 in VR (episodes in start order; half the window's episodes when it has fewer)."""
BASELINE_NAMES = ("tuned_delta", "delta_vega")


def load_study_config(path, quick: bool = False) -> dict:
    """The study JSON; unknown top-level keys rejected; ``quick`` overrides iters/eval/batch/sweep."""
    cfg = json.loads(Path(path).read_text())
    unknown = set(cfg) - CONFIG_KEYS
    if unknown:
        raise ValueError(f"unknown study config keys {sorted(unknown)}")
    if quick:
        q = cfg["quick"]
        cfg["train"] = {**cfg["train"], **{k: q[k] for k in ("iters", "eval_every", "batch_per_env") if k in q}}
        cfg["hirm_lambda_sweep"] = q.get("hirm_lambda_sweep", cfg["hirm_lambda_sweep"])
        cfg["sweep_seeds"] = q.get("sweep_seeds", cfg.get("sweep_seeds"))
        if "synthetic" in cfg and "synthetic_n" in q:
            cfg["synthetic"] = {**cfg["synthetic"], "n": q["synthetic_n"]}
    return cfg


def step_pnl(es, holdings: torch.Tensor) -> torch.Tensor:
    """Per-step PnL whose sum over t is environments.episode_pnl (margin outflow at the last step).

    Shape: holdings (E, T) -> (E, T)."""
    spot = es.spot.to(holdings)
    previous = torch.cat([torch.zeros_like(holdings[:, :1]), holdings[:, :-1]], 1)
    liability = es.liability_value.to(holdings)
    out = holdings * spot.diff(dim=1) - es.cost_rate.to(holdings) * spot[:, :-1] * (holdings - previous).abs() \
        - liability.diff(dim=1)
    out[:, -1] -= es.margin_outflow.to(holdings)
    return out


def env_head_gradients(policy, es, pnl_fn, alpha: float):
    """Per-environment CVaR95 (OCE at each env's VaR) and grad_psi R_e, for ISI's C1/C2.

    Shape: -> env ids list, risks (n_env,), head gradients (n_env, P)."""
    policy.zero_grad(set_to_none=True)
    pnl = pnl_fn(es, policy(es.features, es.context).to(es.spot.dtype))
    envs = [e for e in sorted(set(es.env.tolist())) if int((es.env == e).sum()) >= 2]
    risks = torch.stack([oce_cvar(pnl[es.env == e], value_at_risk(pnl[es.env == e].detach(), alpha), alpha)
                         for e in envs])
    grads = head_gradients(risks, list(policy.head_parameters()), create_graph=False)
    return envs, risks.detach(), grads.detach()


def build_splits(cfg: dict, seed: int, device: str) -> dict:
    """train, val and each test window (real SPY), plus synthetic stress, as EpisodeSets on ``device``."""
    from ..robust.data import SPLITS, TEST_SPLITS, real_episodes
    data = cfg["data"]
    kw = dict(length=data["episode_days"], stride=data["stride_days"], label_rule=data["label_rule"],
              env_by=data["env_by"])
    splits = {"train": real_episodes(None, "train", **kw), "val": real_episodes(None, "val:late-2018", **kw)}
    for name in TEST_SPLITS:
        splits[name] = real_episodes(None, name, **kw)
    if "synthetic" in cfg:  # a fixed evaluation seed: every training seed meets the same stress paths
        from ..robust.synthetic import synthetic_episodes
        syn = dict(length=data["episode_days"], label_rule=data["label_rule"], env_by=data["env_by"], **cfg["synthetic"])
        splits["synthetic:stress"] = synthetic_episodes(**syn)
        if cfg.get("margin_ablation"):  # the same paths with an episode-level margin outflow in Crisis episodes
            splits["synthetic:stress+margin"] = synthetic_episodes(margin_outflow=cfg["margin_ablation"], **syn)
    assert all(name in SPLITS or name.startswith("synthetic") or name in ("train", "val") for name in splits)
    return {k: v.to(device) for k, v in splits.items()}


def window_metrics(es, holdings, pnl, isi_inputs, alpha) -> Dict[str, float]:
    """CVaR95, mean PnL and I6a's diagnostics of one policy on one window; C1/C3/ISI wait for ``finalise_isi``
    (their normalisers come from the ERM seeds). MaxDD is the mean over episodes of each episode's drawdown."""
    from ..robust import diagnostics as dg
    paths = step_pnl(es, holdings)  # (E, T)
    risks = dg.per_env_cvar(pnl, es.env, len(es.env_names), alpha)
    out = {"cvar95": float(expected_shortfall(pnl, alpha)), "mean_pnl": float(pnl.mean()),
           "max_drawdown": float(torch.stack([dg.max_drawdown(row) for row in paths]).mean()),
           "turnover": float(dg.turnover_ratio(holdings)), "efficiency": float(dg.expected_return_efficiency(pnl, alpha)),
           "sortino": float(dg.sortino(pnl)), "ig": float(dg.invariance_gap(risks)),
           "wg": float(dg.worst_group(risks)), "env_risks": risks.tolist()}
    window = min(VR_WINDOW, max(2, len(pnl) // 2))
    if len(pnl) >= 2:
        out["vr"] = float(dg.volatility_ratio(dg.rolling_cvar(-pnl, window, alpha)))
    if isi_inputs.get("head_grads") is not None and len(isi_inputs["head_grads"]) >= 2:
        out["c2"] = float(dg.c2_mechanistic_stability(list(isi_inputs["head_grads"])))
        reps, ref = isi_inputs["representations"], isi_inputs["reference"]["train_representations"]
        by_env = [reps[es.env == e].reshape(-1, reps.shape[-1]) for e in isi_inputs["env_ids"]]
        out["dispersion"] = float(dg.representation_dispersion(
            [by_env], [dg.reference_covariance(ref.reshape(-1, ref.shape[-1]))]))
    return out


def finalise_isi(per_seed: List[dict]) -> None:
    """C1, C3, ISI and normalised IG per (seed, method, window), normalisers calibrated on ERM's seeds per window."""
    from ..robust import diagnostics as dg
    windows = list(per_seed[0]["metrics"]["erm"])
    for w in windows:
        erm = [s["metrics"]["erm"][w] for s in per_seed]
        norm = dg.calibrate_normalisers([torch.tensor(m["env_risks"]) for m in erm], [m["dispersion"] for m in erm])
        for s in per_seed:
            for m in s["metrics"].values():
                cell = m[w]
                risks = torch.tensor(cell["env_risks"])
                cell["ig_normalised"] = float(dg.invariance_gap_normalised(risks, norm.tau_ig))
                if "c2" in cell:
                    cell["c1"] = float(dg.c1_global_stability(risks, norm.tau_r))
                    cell["c3"] = float(dg.c3_structural_stability(torch.tensor(cell["dispersion"]), norm.tau_c))
                    cell["isi"] = float(dg.isi(cell["c1"], cell["c2"], cell["c3"]))


def evaluate(policy_or_hedge, es, pnl_fn, alpha: float, reference: Optional[dict]) -> Dict[str, float]:
    """Metrics of a learned policy (with its head gradients and representations) or a tuned baseline."""
    with torch.no_grad():
        if hasattr(policy_or_hedge, "head_parameters"):
            holdings, reps = policy_or_hedge(es.features, es.context, return_representation=True)
            holdings = holdings.to(es.spot.dtype)
        else:
            holdings, reps = policy_or_hedge.holdings(es), None
        pnl = pnl_fn(es, holdings)
    isi_inputs = {"env": es.env, "representations": reps, "reference": reference}
    if reps is not None:
        with torch.enable_grad():
            envs, risks, grads = env_head_gradients(policy_or_hedge, es, pnl_fn, alpha)
        isi_inputs.update(env_ids=envs, env_risks=risks, head_grads=grads)
    return window_metrics(es, holdings, pnl, isi_inputs, alpha)


def _sweeps(cfg: dict, seed: int) -> bool:
    """Whether ``seed`` runs the HIRM lambda sweep (the first ``sweep_seeds`` seeds; every seed when unset)."""
    return cfg.get("sweep_seeds") is None or seed < cfg["sweep_seeds"]


def planned_runs(cfg: dict, seed: int) -> Dict[str, dict]:
    """The trainings of one seed, in order: every method of the config, then HIRM at each sweep lambda other
    than the main one (the main HIRM run is the sweep's point at its own lambda), on sweeping seeds only."""
    runs = {m: dict(method=m, params=p) for m, p in cfg["methods"].items()}
    main_lam = cfg["methods"]["hirm"]["lam"]
    if _sweeps(cfg, seed):
        for lam in cfg["hirm_lambda_sweep"]:
            if lam != main_lam:
                runs[f"hirm@{lam:g}"] = dict(method="hirm", params={**cfg["methods"]["hirm"], "lam": lam})
    return runs


def run_seed(cfg: dict, seed: int, device: str, log=print) -> dict:
    """Every method and baseline of one seed on every evaluation window: {method: {window: metrics}}."""
    from ..robust.environments import episode_pnl, standardiser
    splits = build_splits(cfg, seed, device)
    train, val = splits["train"], splits["val"]
    stats = standardiser(train)
    alpha = cfg["alpha"]
    windows = {k: v for k, v in splits.items() if k not in ("train", "val")}
    runs = planned_runs(cfg, seed)
    main_lam = cfg["methods"]["hirm"]["lam"]
    results, train_log = {}, {}
    for name, spec in runs.items():
        res = train_method(spec["method"], spec["params"], train, val, cfg["policy"], cfg["train"], seed, device,
                           pnl_fn=episode_pnl, feature_stats=(stats.mean, stats.std))
        train_log[name] = {"best_iter": res.best_iter, "best_val_cvar95": res.best_val_cvar95,
                           "seconds": res.seconds, "log": res.log}
        with torch.no_grad():
            _, reference = res.policy(train.features, train.context, return_representation=True)
        results[name] = {w: evaluate(res.policy, es, episode_pnl, alpha, {"train_representations": reference})
                         for w, es in windows.items()}
        log(f"seed {seed} {name}: best iter {res.best_iter}, val cvar95 {res.best_val_cvar95:.3f}, "
            f"{res.seconds:.1f}s")
    if main_lam in cfg["hirm_lambda_sweep"] and _sweeps(cfg, seed):
        results[f"hirm@{main_lam:g}"], train_log[f"hirm@{main_lam:g}"] = results["hirm"], train_log["hirm"]
    for hedge in tuned_baselines(train, episode_pnl, cfg["baselines"], alpha):
        results[hedge.name] = {w: evaluate(hedge, es, episode_pnl, alpha, None) for w, es in windows.items()}
        train_log[hedge.name] = {"ratio": hedge.ratio, "vega_slope": hedge.vega_slope}
    return {"seed": seed, "metrics": results, "train": train_log}


def bootstrap_median_ci(values: np.ndarray, resamples: int, level: float, rng: np.random.Generator) -> List[float]:
    """Percentile bootstrap CI of the median over seeds. Shape: (n_seeds,) -> [lo, hi]."""
    values = values[np.isfinite(values)]
    if len(values) < 2:
        return [float("nan"), float("nan")]
    medians = np.median(rng.choice(values, size=(resamples, len(values)), replace=True), axis=1)
    return [float(np.quantile(medians, (1 - level) / 2)), float(np.quantile(medians, (1 + level) / 2))]


def _column(per_seed, method, window, metric) -> np.ndarray:
    """One value per seed; NaN where the seed did not run ``method`` (the lambda sweep runs on sweep_seeds only)."""
    return np.array([s["metrics"].get(method, {}).get(window, {}).get(metric, np.nan) for s in per_seed], dtype=float)


def summarise(per_seed: List[dict], cfg: dict) -> dict:
    """Median/IQR over seeds, relative change vs ERM (paired by seed) with bootstrap CI, ISI correlations."""
    rng = np.random.default_rng(cfg["bootstrap"]["seed"])
    first = per_seed[0]["metrics"]
    methods, windows = list(first), list(first["erm"])
    seeds_per_method = {m: sum(m in s["metrics"] for s in per_seed) for m in methods}
    table, relative, correlations = {}, {}, {}
    for w in windows:
        table[w], relative[w] = {}, {}
        for m in methods:
            table[w][m] = {}
            for k in METRICS:
                col = _column(per_seed, m, w, k)
                q1, med, q3 = (np.nanquantile(col, [0.25, 0.5, 0.75]) if np.isfinite(col).any() else [np.nan] * 3)
                table[w][m][k] = {"median": float(med), "iqr": [float(q1), float(q3)]}
                if k == "sortino":
                    # Seeds that ran but had no downside: a degenerate ratio, kept out of the median and counted.
                    ran = np.isfinite(_column(per_seed, m, w, "cvar95"))
                    table[w][m][k]["no_downside_seeds"] = int((ran & ~np.isfinite(col)).sum())
            if m != "erm":
                relative[w][m] = {}
                for k in ("cvar95", "mean_pnl", "max_drawdown"):
                    base = _column(per_seed, "erm", w, k)
                    change = (_column(per_seed, m, w, k) - base) / np.abs(base)
                    relative[w][m][k] = {"median": float(np.nanmedian(change)) if np.isfinite(change).any() else None,
                                         "ci": bootstrap_median_ci(change, cfg["bootstrap"]["resamples"],
                                                                   cfg["bootstrap"]["level"], rng)}
        learned = [m for m in methods if m not in BASELINE_NAMES and not m.startswith("hirm@")]
        isi = np.concatenate([_column(per_seed, m, w, "isi") for m in learned])
        for other in ("ig", "cvar95"):
            y = np.concatenate([_column(per_seed, m, w, other) for m in learned])
            ok = np.isfinite(isi) & np.isfinite(y)
            correlations.setdefault(w, {})[f"isi_{other}"] = (
                float(_spearman(isi[ok], y[ok])) if ok.sum() > 2 else None)
    sweep = {w: {m: table[w][m]["cvar95"]["median"] for m in methods if m.startswith("hirm@")} for w in windows}
    return {"table": table, "relative_vs_erm": relative, "correlations": correlations, "lambda_sweep": sweep,
            "seeds_per_method": seeds_per_method}


def _spearman(x: np.ndarray, y: np.ndarray) -> float:
    rank = lambda a: np.argsort(np.argsort(a)).astype(float)  # noqa: E731 (ties broken by order)
    return float(np.corrcoef(rank(x), rank(y))[0, 1])


def _fmt(cell) -> str:
    degenerate = cell.get("no_downside_seeds", 0)
    if cell["median"] != cell["median"]:
        return f"no downside ({degenerate} seeds)" if degenerate else "n/a"
    text = f"{cell['median']:.3f} [{cell['iqr'][0]:.3f}, {cell['iqr'][1]:.3f}]"
    return text + (f" ({degenerate} seeds without downside left out)" if degenerate else "")


def _choices(cfg: dict) -> List[str]:
    """The protocol choices the seed leaves open, as the report states them (from the config actually run)."""
    d, t = cfg["data"], cfg["train"]
    sweep_seeds = cfg.get("sweep_seeds")
    return [
        "## Protocol (choices where the seed is open)", "",
        f"- Episodes: {d['episode_days']} trading days, a new start every {d['stride_days']} day(s); an episode's "
        f"environment is the {'majority' if d['label_rule'] == 'majority' else 'first-day'} regime of its decision "
        f"days (ties to the more severe), environments by {d['env_by']}. No bootstrap augmentation.",
        "- Train: LOW/MEDIUM episodes of 2017-2019 without Feb-Mar 2018; validation (model selection by pooled "
        "CVaR95): late-2018; tests: Feb-Mar 2018, Mar-Jun 2020, 2022. Regimes from trailing 20-day RV only.",
        f"- Training: Adam lr {t['lr']}, weight decay {t['weight_decay']}, {t['iters']} iterations of "
        f"{t['batch_per_env']} episodes per training environment, validation every {t['eval_every']}; "
        f"policy {cfg['policy']}. Objectives on per-environment OCE CVaR{int(100 * cfg['alpha'])}; means over "
        "environments replace the seed's sums (lambda/beta rescaled by |E_train|).",
        f"- Methods' strengths: {cfg['methods']}; HIRM lambda sweep {cfg['hirm_lambda_sweep']} on "
        + (f"the first {sweep_seeds} seeds (CPU time)" if sweep_seeds is not None else "every seed") + ".",
        f"- Synthetic stress: Heston + Merton jumps calibrated to SPY 2010-2023, {cfg['synthetic']}; one fixed "
        "set of evaluation paths for every seed."
        + (f" Margin-outflow ablation: the same paths with an outflow of {cfg['margin_ablation']:g} x S_0 at the "
           "end of every Crisis episode (window synthetic:stress+margin)." if cfg.get("margin_ablation") else ""),
        "- MaxDD: mean over episodes of the episode's cumulative-PnL drawdown. VR: rolling CVaR95 of episode "
        f"losses in start order over {VR_WINDOW} episodes. WG: CVaR_0.05 over environments (the worst "
        "environment here). ISI normalisers calibrated on the ERM seeds per window.", ""]


def write_report(out: Path, doc: dict) -> None:
    """report.md: the command, wall seconds, choices, then per window the median [IQR] table, relative changes,
    correlations and the lambda sweep, and the margin ablation."""
    s = doc["summary"]
    lines = [f"# HIRM study ({doc['config']['name']})", "",
             f"Command: `{doc['command']}`  ", f"Wall seconds: {doc['wall_seconds']:.1f} on {doc['device']} "
             f"({doc.get('torch_threads', '?')} torch threads), seeds {doc['seeds']}, quick={doc['quick']}", "",
             "Cells: median [IQR] over seeds. CVaR95, MaxDD, IG, WG are losses/gaps (lower is better). "
             "Relative change vs ERM is paired by seed, median with a percentile bootstrap 95% CI. "
             f"Seeds per method: {s.get('seeds_per_method', {})}.", ""] + _choices(doc["config"])
    for w, rows in s["table"].items():
        lines += [f"## {w}", "", "| method | " + " | ".join(METRICS) + " |", "|---" * (len(METRICS) + 1) + "|"]
        lines += [f"| {m} | " + " | ".join(_fmt(rows[m][k]) for k in METRICS) + " |" for m in rows]
        lines += ["", "| method vs ERM | " + " | ".join(("cvar95", "mean_pnl", "max_drawdown")) + " |", "|---|---|---|---|"]
        for m, rel in s["relative_vs_erm"][w].items():
            lines.append(f"| {m} | " + " | ".join(
                "n/a" if rel[k]["median"] is None else
                f"{100 * rel[k]['median']:+.1f}% [{100 * rel[k]['ci'][0]:+.1f}, {100 * rel[k]['ci'][1]:+.1f}]"
                for k in ("cvar95", "mean_pnl", "max_drawdown")) + " |")
        c = s["correlations"][w]
        lines += ["", f"Spearman across seeds x learned methods: ISI-IG {c['isi_ig']}, ISI-CVaR95 {c['isi_cvar95']}",
                  "", f"HIRM lambda sweep (median CVaR95): {s['lambda_sweep'][w]}", ""]
    if "synthetic:stress+margin" in s["table"]:
        base, margin = s["table"]["synthetic:stress"], s["table"]["synthetic:stress+margin"]
        lines += ["## Margin-outflow ablation (synthetic stress with vs without the Crisis outflow)", "",
                  "The outflow is a fixed amount per Crisis episode, so it cannot change which policy hedges a Crisis "
                  "path better; it moves the pooled tail and the Crisis environment's risk, hence CVaR95, IG and WG.",
                  "", "| method | cvar95 without | cvar95 with | ig without | ig with | wg without | wg with |",
                  "|---|---|---|---|---|---|---|"]
        for m in base:
            lines.append(f"| {m} | " + " | ".join(f"{t[m][k]['median']:.3f}" for k in ("cvar95", "ig", "wg")
                                                   for t in (base, margin)) + " |")
        lines.append("")
    (out / "report.md").write_text("\n".join(lines))


def plot(out: Path, summary: dict) -> None:
    """cvar95.png (median CVaR95 per method and window) and lambda-sweep.png."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    windows = list(summary["table"])
    methods = [m for m in summary["table"][windows[0]] if not m.startswith("hirm@")]  # noqa: E501
    fig, ax = plt.subplots(figsize=(10, 4))
    width = 0.8 / len(methods)
    for i, m in enumerate(methods):
        ax.bar(np.arange(len(windows)) + i * width, [summary["table"][w][m]["cvar95"]["median"] for w in windows],
               width, label=m)
    ax.set_xticks(np.arange(len(windows)) + 0.4 - width / 2, windows, fontsize=8)
    ax.set_ylabel("CVaR95 of episode loss (median over seeds)")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out / "cvar95.png", dpi=120)
    plt.close(fig)
    fig, ax = plt.subplots(figsize=(6, 4))
    for w in windows:
        sweep = summary["lambda_sweep"][w]
        lams = sorted(sweep, key=lambda k: float(k.split("@")[1]))
        ax.plot([float(k.split("@")[1]) for k in lams], [sweep[k] for k in lams], marker="o", label=w)
    ax.set_xscale("symlog", linthresh=0.1)
    ax.set_xlabel("HIRM lambda")
    ax.set_ylabel("median CVaR95")
    ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out / "lambda-sweep.png", dpi=120)
    plt.close(fig)


def _run_seeds(checkpoint: Path, cfg: dict, seeds: int, device: str, log) -> List[dict]:
    """Every seed's results, one JSON line per finished seed in ``checkpoint`` so an interrupted study resumes
    where it stopped (a checkpoint written with another config is discarded). A resumed seed carries the seconds
    it took (``resumed_seconds``) so the reported wall time stays the study's compute time."""
    fingerprint = json.dumps(cfg, sort_keys=True)
    done: Dict[int, dict] = {}
    if checkpoint.exists():
        for line in checkpoint.read_text().splitlines():
            row = json.loads(line)
            if row.get("config") == fingerprint:
                done[row["seed"]] = row
        if done:
            log(f"resuming: seeds {sorted(done)} already in {checkpoint}")
        else:
            checkpoint.unlink()
    per_seed = []
    for seed in range(seeds):
        if seed in done:
            row = done[seed]
            per_seed.append({**row["result"], "resumed_seconds": row["seconds"]})
            continue
        t0 = time.perf_counter()
        result = run_seed(cfg, seed, device, log)
        with checkpoint.open("a") as f:
            f.write(json.dumps({"seed": seed, "config": fingerprint, "seconds": time.perf_counter() - t0,
                                "result": result}, default=float) + "\n")
        per_seed.append(result)
    return per_seed


def run(out, seeds: int, quick: bool = False, device: str = "auto", config_path=None, log=print) -> dict:
    """The whole study; writes results.json, report.md and plots under ``out`` and returns the document."""
    start = time.perf_counter()
    cfg = load_study_config(config_path or CONFIGS / "studies" / "hirm.json", quick)
    if seeds < 1:
        raise ValueError("seeds must be >= 1")
    device = resolve_device(device)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    per_seed = _run_seeds(out / "seeds.jsonl", cfg, seeds, device, log)
    finalise_isi(per_seed)
    doc = {"command": " ".join(["python -m hedgetrain"] + sys.argv[1:]), "config": cfg, "seeds": seeds,
           "quick": quick, "device": device, "torch_threads": torch.get_num_threads(),
           "summary": summarise(per_seed, cfg), "per_seed": per_seed}
    doc["wall_seconds"] = time.perf_counter() - start + sum(s.get("resumed_seconds", 0.0) for s in per_seed)
    (out / "results.json").write_text(json.dumps(doc, indent=1, default=float))
    write_report(out, doc)
    plot(out, doc["summary"])
    return doc
