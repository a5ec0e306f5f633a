"""One experiment end to end: train over seeds, evaluate against baselines on held-out paths, write a report."""
from __future__ import annotations

import json
import platform
import time
from pathlib import Path
from typing import Dict, List, Optional

import torch

from ..config import ExperimentConfig, config_to_dict
from ..training.factory import build_policy
from ..training.trainer import TrainResult, save_checkpoint, train, write_loss_log
from .metrics import aggregate, pnl_metrics, rollout_in_chunks
from .plots import holdings_vs_spot, pnl_histogram

METRIC_ORDER = ("price", "mean", "std", "var95", "cvar95", "entropic", "turnover", "costs")


def run_experiment(config: ExperimentConfig, out_dir, *, seeds: Optional[List[int]] = None, eval_paths: Optional[int] = None,
                   progress: bool = True) -> Dict:
    """Train ``config`` once per seed, evaluate each on held-out paths (eval.seed + seed) with the baselines,
    and write checkpoints, loss logs, results.json, report.md and plots under ``out_dir``."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    seeds = list(seeds if seeds is not None else config.seeds)
    n_eval = eval_paths or config.eval.paths
    per_policy: Dict[str, List[Dict[str, float]]] = {}
    trained: List[TrainResult] = []
    t0 = time.perf_counter()
    for seed in seeds:
        result = train(config, seed, progress=progress)
        trained.append(result)
        save_checkpoint(result, out / f"checkpoint_seed{seed}.pt")
        write_loss_log(result, out / f"loss_seed{seed}.jsonl")
        problem = result.problem
        episode = problem.sample(n_eval, problem.generator(config.eval.seed + seed))
        label = f"deep_{config.policy.kind}"
        rollouts = {label: rollout_in_chunks(problem, result.policy, episode)}
        for base in config.eval.baselines:
            rollouts[base] = rollout_in_chunks(problem, build_policy(config, problem, base), episode)
        for name, ro in rollouts.items():
            per_policy.setdefault(name, []).append(pnl_metrics(ro, config.risk))
        if seed == seeds[0]:
            _plots(config, out, episode, rollouts)
    summary = {name: aggregate(ms) for name, ms in per_policy.items()}
    results = {
        "name": config.name, "config": config_to_dict(config), "seeds": seeds, "eval_paths_per_seed": n_eval,
        "risk_measure": trained[0].objective.label(),
        "train_seconds": [r.seconds for r in trained], "final_losses": [r.epoch_losses[-1] for r in trained],
        "train_path_steps_per_second": [r.path_steps_per_second for r in trained],
        "per_seed": per_policy, "summary": summary, "wall_seconds": time.perf_counter() - t0,
        "torch": torch.__version__, "device": config.train.device, "platform": platform.platform(),
    }
    (out / "results.json").write_text(json.dumps(results, indent=1))
    (out / "report.md").write_text(markdown_report(results))
    return results


def _plots(config: ExperimentConfig, out: Path, episode, rollouts) -> None:
    pnl_histogram({k: v.result.pnl for k, v in rollouts.items()}, out / "pnl_hist.png",
                  f"{config.name}: terminal PnL (held-out)")
    k = min(config.eval.plot_time_step, config.n_steps - 1)
    holdings_vs_spot(episode.market.spot[:, k], {n: r.holdings[:, k, 0] for n, r in rollouts.items() if n != "no_hedge"},
                     out / f"holdings_t{k}.png", f"{config.name}: underlying holding at step {k}")


def markdown_report(results: Dict) -> str:
    """Short report: setting, table (mean ± 95% CI over seeds), training cost."""
    c = results["config"]
    lines = [f"# {results['name']}", "",
             f"Market `{c['market']['model']}`, {c['n_steps']} steps of dt={c['dt']:.6g} y, policy `{c['policy']['kind']}` "
             f"on feature set `{c['policy']['feature_set']}`, risk measure {results['risk_measure']}, "
             f"proportional costs {c['costs']['proportional']}.",
             f"Seeds {results['seeds']}; {results['eval_paths_per_seed']} held-out paths per seed; "
             f"training {c['train']['epochs']} epochs x {c['train']['iters_per_epoch']} iterations x "
             f"{c['train']['batch_paths']} fresh paths ({c['train']['optimizer']}, lr {c['train']['lr']}).", "",
             "Values are per unit of book scale, premium not included (PnL = -Z + gains - costs); "
             "price = indifference price p(Z) = pi(-Z) - pi(0) under the training risk measure. "
             "± is the 95% Student-t half-width over seeds.", "",
             "| policy | " + " | ".join(METRIC_ORDER) + " |", "|---" * (len(METRIC_ORDER) + 1) + "|"]
    for name, summ in results["summary"].items():
        cells = []
        for m in METRIC_ORDER:
            s = summ[m]
            cells.append(f"{s['mean']:.4f}" + ("" if s["ci95"] != s["ci95"] else f" ± {s['ci95']:.4f}"))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += ["", f"Training time per seed: {', '.join(f'{s:.0f}s' for s in results['train_seconds'])}; "
              f"final epoch loss: {', '.join(f'{x:.4f}' for x in results['final_losses'])}.",
              f"torch {results['torch']} on {results['device']}.", ""]
    return "\n".join(lines)
