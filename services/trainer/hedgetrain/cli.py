"""Command line: python -m hedgetrain <train|eval|export|export-robust|bench|reproduce|study> ... (each with --help)."""
from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
from pathlib import Path

import torch

from .config import load_config, replace
from .paths import CONFIGS, RESULTS, RUNS



def _threads(n):
    """torch's intra-op threads. The BLAS threads are fixed earlier, by ``python -m hedgetrain`` (threads.py)."""
    if n:
        torch.set_num_threads(n)


def cmd_train(args) -> int:
    from .evaluation.experiment import run_experiment
    cfg = load_config(args.config)
    if args.device:
        cfg = replace(cfg, **{"train.device": args.device})
    if args.epochs is not None:
        cfg = replace(cfg, **{"train.epochs": args.epochs})
    seeds = [int(s) for s in args.seeds.split(",")] if args.seeds else None
    out = Path(args.out or RUNS / cfg.name)
    res = run_experiment(cfg, out, seeds=seeds, eval_paths=args.eval_paths, progress=not args.quiet)
    for name, summ in res["summary"].items():
        print(f"{name:>18}: price {summ['price']['mean']:.4f}  cvar95 {summ['cvar95']['mean']:.4f}  "
              f"std {summ['std']['mean']:.4f}  turnover {summ['turnover']['mean']:.2f}")
    print(f"wrote {out}/results.json and report.md")
    return 0


def cmd_eval(args) -> int:
    from .evaluation.metrics import pnl_metrics, rollout_in_chunks
    from .training.factory import build_policy
    from .training.trainer import load_checkpoint
    res = load_checkpoint(args.checkpoint, device=args.device or "cpu")
    problem = res.problem
    episode = problem.sample(args.paths, problem.generator(args.seed))
    out = {"checkpoint": str(args.checkpoint), "paths": args.paths, "seed": args.seed,
           f"deep_{res.config.policy.kind}": pnl_metrics(rollout_in_chunks(problem, res.policy, episode), res.config.risk)}
    for base in res.config.eval.baselines:
        out[base] = pnl_metrics(rollout_in_chunks(problem, build_policy(res.config, problem, base), episode), res.config.risk)
    text = json.dumps(out, indent=1)
    if args.out:
        Path(args.out).write_text(text)
    print(text)
    return 0


def cmd_export(args) -> int:
    from .export.bundle import export_bundle
    from .training.trainer import load_checkpoint
    res = load_checkpoint(args.checkpoint)
    bounds = [[-args.target_bound, args.target_bound]] * len(res.policy.instruments)
    meta = export_bundle(res, args.out, data=args.data, target_bounds=bounds, parity_cases=args.parity_cases)
    run_dir = Path(args.checkpoint).parent
    for name in ["report.md", "results.json"] + sorted(p.name for p in run_dir.glob("*.png")):
        if (run_dir / name).exists():  # the training run's evaluation travels with the model
            shutil.copyfile(run_dir / name, Path(args.out) / name)
    print(json.dumps({k: meta[k] for k in ("hedgestream.feature_set", "hedgestream.instruments", "sha256", "checks")}, indent=1))
    return 0


def cmd_bench(args) -> int:
    from .training.benchmark import run_benchmark
    doc = run_benchmark(args.out, iters=args.iters, include_single_thread=not args.no_single_thread)
    for r in doc["runs"]:
        print(f"{r['device']} threads={r['threads']} paths={r['paths_per_iteration']}: "
              f"{r['path_steps_per_second']:,.0f} path*steps/s")
    return 0


def cmd_export_robust(args) -> int:
    """Train one method of the HIRM study for one seed and export it to the engine's ONNX contract."""
    from .robust.export import export_robust
    config = args.config or CONFIGS / "studies" / "hirm.json"
    res = export_robust(args.method, args.seed, args.out, config, data_dir=args.data_dir,
                        target_bound=args.target_bound, parity_cases=args.parity_cases,
                        log=(lambda line: print(line, file=sys.stderr)) if args.verbose else (lambda line: None))
    print(json.dumps({"out": str(res.out), "best_iter": res.best_iter, "best_val_cvar95": res.best_val_cvar95,
                      "sha256": res.metadata["sha256"], "checks": res.checks}, indent=1))
    return 0


def cmd_study(args) -> int:
    """``reproduce <study>`` and ``study <study>``: one dispatch through the registry (hedgetrain.studies)."""
    from . import studies
    out = Path(args.out) if args.out else studies.default_out(args.study, args.quick)
    doc = studies.run(args.study, out, quick=args.quick, seeds=getattr(args, "seeds", None),
                      device=getattr(args, "device", "auto"), config_path=getattr(args, "config", None))
    took = f" in {doc['wall_seconds']:.0f}s" if isinstance(doc, dict) and "wall_seconds" in doc else ""
    print(f"wrote {out}/report.md{took}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="hedgetrain", description="Deep hedging trainer for HedgeStream")
    p.add_argument("--threads", type=int, default=2, help="torch CPU threads (default 2)")
    p.add_argument("-v", "--verbose", action="store_true", help="log loss per epoch")
    sub = p.add_subparsers(dest="command", required=True)

    t = sub.add_parser("train", help="train over seeds, evaluate against baselines, write report")
    t.add_argument("config", help="experiment config JSON (configs/*.json)")
    t.add_argument("--out", help="output folder (default runs/<name>)")
    t.add_argument("--seeds", help="comma-separated seeds (default: config.seeds)")
    t.add_argument("--epochs", type=int, help="override train.epochs")
    t.add_argument("--eval-paths", type=int, help="override eval.paths")
    t.add_argument("--device", help="cpu or cuda")
    t.add_argument("--quiet", action="store_true", help="no progress bar")
    t.set_defaults(func=cmd_train)

    e = sub.add_parser("eval", help="evaluate a checkpoint and its baselines on held-out paths")
    e.add_argument("checkpoint")
    e.add_argument("--paths", type=int, default=100_000)
    e.add_argument("--seed", type=int, default=424242)
    e.add_argument("--device")
    e.add_argument("--out", help="write the JSON here too")
    e.set_defaults(func=cmd_eval)

    x = sub.add_parser("export", help="export a checkpoint to ONNX with metadata and parity vectors")
    x.add_argument("checkpoint")
    x.add_argument("--out", required=True, help="model folder, e.g. ../../models/bs-delta-mlp-v1")
    x.add_argument("--data", default="simulated", help="description of the training data")
    x.add_argument("--target-bound", type=float, default=1.25, help="guardrail |target| bound per instrument")
    x.add_argument("--parity-cases", type=int, default=64)
    x.set_defaults(func=cmd_export)

    xr = sub.add_parser("export-robust", help="train one HIRM-study method for one seed and export it to ONNX "
                                              "(feature set robust-regime-v1) with metadata and parity vectors")
    xr.add_argument("--method", required=True, help="erm, groupdro, vrex, irm or hirm (the study config's methods)")
    xr.add_argument("--seed", type=int, default=0)
    xr.add_argument("--out", required=True, help="model folder, e.g. ../../models/hirm-spy-v1")
    xr.add_argument("--config", help="study config (default configs/studies/hirm.json)")
    xr.add_argument("--data-dir", type=Path, default=None, help="SPY/VIX/DTB3 files (default $HEDGE_DATA_DIR)")
    xr.add_argument("--target-bound", type=float, default=1.25, help="guardrail |target| bound")
    xr.add_argument("--parity-cases", type=int, default=32)
    xr.set_defaults(func=cmd_export_robust)

    b = sub.add_parser("bench", help="training throughput benchmark (JSON)")
    b.add_argument("--out", default=str(RESULTS / "throughput.json"))
    b.add_argument("--iters", type=int, default=20)
    b.add_argument("--no-single-thread", action="store_true")
    b.set_defaults(func=cmd_bench)

    r = sub.add_parser("reproduce", help="run a paper reproduction (buehler-5.2-heston, buehler-5.3-asymptotics, "
                                         "bs-costs); writes reports/<study>/")
    r.add_argument("study")
    r.add_argument("--out")
    r.add_argument("--quick", action="store_true", help="tiny sizes (smoke test only)")
    r.set_defaults(func=cmd_study)

    s = sub.add_parser("study", help="multi-seed studies: hirm (crisis-robust training) or rl (distributional RL "
                                     "vega hedging); writes reports/<study>/")
    s.add_argument("study", help="hirm or rl")
    s.add_argument("--seeds", type=int, default=None, help="seeds (default: hirm 30, rl 5; 2 with --quick)")
    s.add_argument("--quick", action="store_true", help="few iterations, 2 seeds' worth of sizes (smoke test)")
    s.add_argument("--device", default="auto", help="auto, cpu or cuda")
    s.add_argument("--threads", type=int, default=argparse.SUPPRESS,
                   help="torch CPU threads (also accepted before the command; so ./hedge study ... --threads 1 works)")
    s.add_argument("--config", help="study config (default configs/studies/<study>.json)")
    s.add_argument("--out", help="output folder (default reports/<study>, or reports/<study>-quick with --quick)")
    s.set_defaults(func=cmd_study)
    return p


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    _threads(args.threads)
    try:
        return args.func(args)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
