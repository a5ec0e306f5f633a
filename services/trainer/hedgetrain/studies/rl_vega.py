"""The RL vega-hedging study: GVDH, ANADDH and DHLNN-style agents against classical hedges.

python -m hedgetrain study rl [--seeds 5] [--quick] [--config configs/studies/rl.json] writes
``reports/rl/`` (``--out``): results.json, report.md (command, wall seconds, tables with bootstrap CIs) and
PNG plots. One factor at a time around the base setting of the config: each setting's agents are trained
in lockstep per seed (:func:`agent.train_agents`, common training paths), then every agent and the
no-hedge / delta / delta-gamma / delta-vega baselines are evaluated on the same evaluation paths (fixed
evaluation seed, common random numbers).

Statistics of episode PnL (mean, std, mean - 1.645 std, VaR95, CVaR95; VaR and CVaR as losses):
baselines with a percentile bootstrap over evaluation episodes; agents as the mean over seeds of the
per-seed statistic, with a two-level bootstrap (seeds with replacement, then episodes) that carries both
seed-to-seed and sampling uncertainty. "agent - delta_vega" differences are paired on the same episodes.
"""
from __future__ import annotations

import copy
import dataclasses
import json
import sys
import time
from pathlib import Path
from typing import Dict, List, Tuple

import numpy as np
import torch

from ..rl.agent import AgentConfig, market, policy_pnl, train_agents
from ..rl.baselines import BASELINES
from ..paths import CONFIGS
from ..rl.env import SabrBookConfig

CONFIG_KEYS = {"name", "dtype", "env", "agent", "base_agents", "grid_agents", "factors", "eval", "bootstrap",
               "premium_kappas", "quick"}
QUICK_KEYS = {"seeds", "agent", "eval_episodes", "factors", "resamples"}
STATS = ("mean", "std", "mean_minus_1645std", "var95", "cvar95")
BASELINE_ORDER = ("no_hedge", "delta", "delta_gamma", "delta_vega")


def load_study_config(path, quick: bool = False) -> dict:
    """The study JSON with unknown keys rejected (top level, quick block, env and agent fields)."""
    cfg = json.loads(Path(path).read_text())
    unknown = set(cfg) - CONFIG_KEYS
    if unknown:
        raise ValueError(f"unknown study config keys {sorted(unknown)}")
    if set(cfg.get("quick", {})) - QUICK_KEYS:
        raise ValueError(f"unknown quick keys {sorted(set(cfg['quick']) - QUICK_KEYS)}")
    if quick:
        q = cfg["quick"]
        cfg["agent"] = {**cfg["agent"], **q.get("agent", {})}
        cfg["eval"] = {**cfg["eval"], "episodes": q.get("eval_episodes", cfg["eval"]["episodes"])}
        cfg["factors"] = q.get("factors", cfg["factors"])
        cfg["bootstrap"] = {**cfg["bootstrap"], "resamples": q.get("resamples", cfg["bootstrap"]["resamples"])}
    SabrBookConfig(**cfg["env"])
    AgentConfig.from_dict(cfg["agent"])
    for name, overrides in cfg["base_agents"].items():
        AgentConfig.from_dict({**cfg["agent"], **overrides})
    if not set(cfg["grid_agents"]) <= set(cfg["base_agents"]):
        raise ValueError("grid_agents must be names of base_agents")
    env_fields = {f.name for f in dataclasses.fields(SabrBookConfig)}
    agent_fields = {f.name for f in dataclasses.fields(AgentConfig)}
    for factor in cfg["factors"]:
        if factor not in env_fields | agent_fields:
            raise ValueError(f"factor {factor!r} is neither an environment nor an agent setting")
    if cfg["dtype"] not in ("float32", "float64"):
        raise ValueError("dtype must be float32 or float64")
    return cfg


def settings(cfg: dict) -> List[Tuple[str, str, object, SabrBookConfig, Dict[str, AgentConfig]]]:
    """(label, factor, value, env config, {agent: config}) of the base and of each one-factor change."""
    env_fields = {f.name for f in dataclasses.fields(SabrBookConfig)}
    base_env = SabrBookConfig(**cfg["env"])

    def agents(names, agent_overrides):
        return {n: AgentConfig.from_dict({**cfg["agent"], **cfg["base_agents"][n], **agent_overrides}) for n in names}

    out = [("base", "base", None, base_env, agents(list(cfg["base_agents"]), {}))]
    for factor, values in cfg["factors"].items():
        for value in values:
            if factor in env_fields:
                env, agent_overrides = dataclasses.replace(base_env, **{factor: value}), {}
            else:
                env, agent_overrides = base_env, {factor: value}
            out.append((f"{factor}={value:g}", factor, value, env, agents(cfg["grid_agents"], agent_overrides)))
    return out


def baseline_policy(name: str, env: SabrBookConfig):
    """(env config, constant-action policy) of a classical strategy; no_hedge trades nothing at all."""
    if name == "no_hedge":
        return dataclasses.replace(env, delta_hedge=False), lambda s: torch.zeros_like(s[:, 0])
    greek, action = BASELINES[name]
    return dataclasses.replace(env, hedge_greek=greek), lambda s: torch.full_like(s[:, 0], action)


# ------------------------------------------------------------------------------------------------ statistics
def summary_rows(pnl: torch.Tensor) -> Dict[str, torch.Tensor]:
    """The five statistics of each row of a PnL matrix, as :func:`baselines.pnl_summary` computes them for one
    sample (VaR95 = the ceil(0.95 n)-th order statistic of the loss, CVaR95 in OCE form at that VaR).

    Shape: pnl (R, n) -> each (R,).
    """
    n = pnl.shape[1]
    mean, std = pnl.mean(1), pnl.std(1)
    losses = torch.sort(-pnl, 1).values
    var = losses[:, max(int(np.ceil(0.95 * n)) - 1, 0)]
    cvar = var + torch.clamp(-pnl - var.unsqueeze(1), min=0).mean(1) / 0.05
    return {"mean": mean, "std": std, "mean_minus_1645std": mean - 1.645 * std, "var95": var, "cvar95": cvar}


def _interval(samples: torch.Tensor, level: float) -> List[float]:
    lo, hi = np.quantile(samples.double().numpy(), [(1 - level) / 2, (1 + level) / 2])
    return [float(lo), float(hi)]


def baseline_stats(pnl: torch.Tensor, resamples: int, level: float, generator) -> Dict[str, dict]:
    """Point statistics and percentile-bootstrap CIs over episodes. Shape: pnl (n,)."""
    point = summary_rows(pnl.unsqueeze(0))
    index = torch.randint(0, pnl.numel(), (resamples, pnl.numel()), generator=generator)
    boot = summary_rows(pnl[index])
    return {k: {"value": float(point[k]), "ci": _interval(boot[k], level)} for k in STATS}


def agent_stats(pnl: torch.Tensor, reference: torch.Tensor, resamples: int, level: float,
                generator) -> Tuple[Dict[str, dict], Dict[str, dict]]:
    """Mean over seeds of each statistic, and of its difference to ``reference`` on the same episodes, with a
    two-level bootstrap (seeds, then episodes; the reference resampled on the same episodes).

    Shape: pnl (S, n) per seed, reference (n,).
    """
    seeds, n = pnl.shape
    point = summary_rows(pnl)
    ref_point = summary_rows(reference.unsqueeze(0))
    stats = {k: {"value": float(point[k].mean()), "per_seed": point[k].tolist()} for k in STATS}
    diffs = {k: {"value": float((point[k] - ref_point[k]).mean())} for k in STATS}
    total = {k: torch.zeros(resamples, dtype=pnl.dtype) for k in STATS}
    total_diff = {k: torch.zeros(resamples, dtype=pnl.dtype) for k in STATS}
    seed_choice = torch.randint(0, seeds, (resamples, seeds), generator=generator)
    for slot in range(seeds):
        index = torch.randint(0, n, (resamples, n), generator=generator)
        sample = torch.gather(pnl[seed_choice[:, slot]], 1, index)
        boot, ref_boot = summary_rows(sample), summary_rows(reference[index])
        for k in STATS:
            total[k] += boot[k] / seeds
            total_diff[k] += (boot[k] - ref_boot[k]) / seeds
    for k in STATS:
        stats[k]["ci"] = _interval(total[k], level)
        diffs[k]["ci"] = _interval(total_diff[k], level)
    return stats, diffs


# ------------------------------------------------------------------------------------------------ one setting
def run_setting(cfg: dict, label: str, env: SabrBookConfig, agents: Dict[str, AgentConfig], seeds: int,
                device: str, log) -> dict:
    """Train the setting's agents over seeds, evaluate everything on common paths, summarise."""
    dtype = getattr(torch, cfg["dtype"])
    ev, bs = cfg["eval"], cfg["bootstrap"]
    paths = market(env, ev["episodes"], ev["seed"], dtype=dtype, device=device)
    paths.price_all_days()
    outcome = {name: policy_pnl(*baseline_policy(name, env), paths) for name in BASELINE_ORDER}
    agent_pnl, agent_cost, training = {n: [] for n in agents}, {n: [] for n in agents}, {n: [] for n in agents}
    for seed in range(seeds):
        start = time.perf_counter()
        trained = train_agents(env, agents, seed, dtype=dtype, device=device, validation_seed=ev["validation_seed"])
        for name, result in trained.items():
            out = policy_pnl(env, result.actor, paths)
            agent_pnl[name].append(out["pnl"])
            agent_cost[name].append(out["cost"])
            training[name].append({"seed": seed, "seconds": result.seconds, "best_episodes": result.best_episodes,
                                   "curve": result.curve})
        log(f"{label} seed {seed}: " + ", ".join(
            f"{n} {float(p[-1].mean() - 1.645 * p[-1].std()):.2f}" for n, p in agent_pnl.items())
            + f" (mean - 1.645 std; {time.perf_counter() - start:.0f}s)")
    generator = torch.Generator().manual_seed(bs["seed"])
    as_double = lambda t: t.double().cpu()  # noqa: E731
    reference = as_double(outcome["delta_vega"]["pnl"])
    strategies, versus = {}, {}
    for name in BASELINE_ORDER:
        strategies[name] = baseline_stats(as_double(outcome[name]["pnl"]), bs["resamples"], bs["level"], generator)
        strategies[name]["cost_mean"] = float(outcome[name]["cost"].mean())
    for name in agents:
        pnl = torch.stack([as_double(p) for p in agent_pnl[name]])
        strategies[name], versus[name] = agent_stats(pnl, reference, bs["resamples"], bs["level"], generator)
        strategies[name]["cost_mean"] = float(torch.stack(agent_cost[name]).mean())
    premium_base = float(outcome["delta"]["premium_base"].mean())
    return {"label": label, "env": dataclasses.asdict(env), "agents": {n: dataclasses.asdict(a) for n, a in agents.items()},
            "strategies": strategies, "vs_delta_vega": versus, "training": training,
            "premium_base_mean": premium_base}


# ------------------------------------------------------------------------------------------------ report
def _cell(stat: dict) -> str:
    return f"{stat['value']:.2f} [{stat['ci'][0]:.2f}, {stat['ci'][1]:.2f}]"


def strategy_table(setting: dict) -> List[str]:
    lines = ["| strategy | mean | std | mean-1.645std | VaR95 | CVaR95 | mean cost |", "|---" * 7 + "|"]
    for name, s in setting["strategies"].items():
        lines.append(f"| {name} | " + " | ".join(_cell(s[k]) for k in STATS) + f" | {s['cost_mean']:.2f} |")
    return lines


def optimiser_summary(setting: dict) -> Dict[str, dict]:
    """Per agent: validation score at the end and at its best, episodes to the best, wobble of the last
    four validation points (mean abs change), seconds per training; all means over seeds."""
    out = {}
    for name, runs in setting["training"].items():
        final = [r["curve"][-1]["score"] for r in runs]
        best = [max(p["score"] for p in r["curve"]) for r in runs]
        wobble = [float(np.mean(np.abs(np.diff([p["score"] for p in r["curve"][-4:]])))) for r in runs]
        out[name] = {"final_validation": float(np.mean(final)), "final_validation_sd": float(np.std(final)),
                     "best_validation": float(np.mean(best)),
                     "episodes_to_best": float(np.mean([r["best_episodes"] for r in runs])),
                     "late_wobble": float(np.mean(wobble)), "seconds": float(np.mean([r["seconds"] for r in runs]))}
    return out


def findings(doc: dict) -> List[str]:
    """Sentences computed from the results: where each agent beats delta-vega (and the best baseline)."""
    lines = []
    grid = doc["grid_agents"]
    for name in grid:
        better, significant, worse_than_best = [], [], []
        for s in doc["settings"]:
            d = s["vs_delta_vega"][name]["mean_minus_1645std"]
            if d["value"] > 0:
                better.append(s["label"])
            if d["ci"][0] > 0:
                significant.append(s["label"])
            best_baseline = max(BASELINE_ORDER, key=lambda b: s["strategies"][b]["mean_minus_1645std"]["value"])
            if s["strategies"][name]["mean_minus_1645std"]["value"] < \
                    s["strategies"][best_baseline]["mean_minus_1645std"]["value"]:
                worse_than_best.append(f"{s['label']} ({best_baseline})")
        n = len(doc["settings"])
        not_better = [s["label"] for s in doc["settings"] if s["label"] not in better]
        lines.append(f"- **{name}** has a higher mean - 1.645 std than delta-vega in {len(better)} of {n} settings "
                     f"(95% CI of the paired difference above 0 in {len(significant)}); not better in: "
                     f"{', '.join(not_better) or 'none'}. Below the best classical hedge in {len(worse_than_best)} of {n}: "
                     f"{', '.join(worse_than_best) or 'none'}.")
    for name in doc["settings"][0]["strategies"]:
        if name in BASELINE_ORDER:
            continue
        runs = [(s, i) for s in doc["settings"] if name in s["vs_delta_vega"]
                for i in range(len(s["strategies"][name]["mean"]["per_seed"]))]
        as_delta = sum(_same_as(s, name, i, "delta") for s, i in runs)
        as_vega = sum(_same_as(s, name, i, "delta_vega") for s, i in runs)
        lines.append(f"- {name}: of its {len(runs)} trained policies (settings x seeds), {as_delta} end up with the "
                     f"delta hedge's PnL statistics (never trade the option, a = 0) and {as_vega} with delta-vega's "
                     "(a = 1 throughout), i.e. pinned at a bound of [0, a_max].")
    return lines


def _same_as(setting: dict, agent: str, seed_index: int, baseline: str, tolerance: float = 0.05) -> bool:
    """Whether one seed's policy has the baseline's mean and std on the evaluation episodes (within tolerance $)."""
    a, b = setting["strategies"][agent], setting["strategies"][baseline]
    return all(abs(a[k]["per_seed"][seed_index] - b[k]["value"]) < tolerance for k in ("mean", "std"))


def design_notes(doc: dict) -> List[str]:
    """What was run, the readings of the papers it rests on, and what was cut for the compute budget."""
    cfg, a = doc["config"], doc["config"]["agent"]
    rounds = -(-a["train_episodes"] // a["parallel_episodes"])
    updates = round(a["updates_per_day"] * a["trajectory_days"]) * (rounds * cfg["env"]["episode_days"]
                                                                     // a["trajectory_days"])
    base_agents = ", ".join(f"{n} ({o.get('optimiser', a.get('optimiser'))}, reward {o.get('reward', a['reward'])})"
                            for n, o in cfg["base_agents"].items())
    return [
        "## Design, readings and cuts", "",
        f"- Agents at the base setting: {base_agents}; across the factor grid: {', '.join(cfg['grid_agents'])} only "
        "(cut for the compute budget: the three-optimiser comparison and the seed reward only at the base).",
        f"- Every agent: {a['train_episodes']} training episodes ({a['parallel_episodes']} in parallel, the first "
        f"{a['warmup_episodes']} with uniform random actions), about {updates} gradient updates of batch "
        f"{a['batch_size']} per network (the compute limit of a one-thread CPU run), {a['n_quantiles']} quantiles, "
        f"{a['n_step']}-step targets, gamma {a['gamma']:g}, Polyak {a['polyak']:g}, learning rates "
        f"{a['actor_lr']:g} / {a['critic_lr']:g}, actor objective {a['risk_measure']}, exploration noise "
        f"{a['noise_std']:g} -> {a['noise_final']:g} of a_max. " + (
            "The risk tolerance is 0, so a in [0, 1] (from no option hedge to vega neutral; env.py)."
            if cfg["env"].get("vega_tolerance", 0.0) == 0 else
            f"a_max = 1 + {cfg['env']['vega_tolerance']:g} / |portfolio vega| (env.py)."),
        "- Linearised (DHLNN-style): each network is trained through its first-order Taylor model around an anchor "
        "that moves to the current parameters every relinearise_every updates (fixed Jacobian within a period), "
        "inner optimiser Adam (rl/agent.py, rl/optim.py).",
        "- ANADDH: the seed's eqs. 23-27 with a learning-rate factor and the gradient restart of rl/optim.py "
        "(the literal update diverges on an ill-conditioned quadratic; tests/rl/test_optim.py).",
        "- Trajectory length (seed §6.6) is read as the number of environment steps each parallel environment "
        "collects between learning phases (trajectory_days; 30 = one episode, 60 = two), with the same number of "
        "updates per step; the baselines do not depend on it, so their rows equal the base setting's.",
        "- Rewards: pnl = PnL increment (Cao et al.), seed = -|P_t - P_{t-1}| - cost_t (seed eqs. 2-4). Whatever "
        "the reward, agents are selected (best validation point) and evaluated on episode PnL.",
        f"- Statistics: {cfg['eval']['episodes']} evaluation episodes per setting, {cfg['bootstrap']['resamples']} "
        f"bootstrap resamples, {100 * cfg['bootstrap']['level']:g}% percentile intervals.",
    ]


def write_report(out: Path, doc: dict) -> None:
    cfg = doc["config"]
    base = doc["settings"][0]
    lines = [f"# RL vega-hedging study ({cfg['name']})", "",
             f"Command: `{doc['command']}`  ",
             f"Wall seconds: {doc['wall_seconds']:.1f} on {doc['device']} ({doc['threads']} torch thread(s)), "
             f"seeds {doc['seeds']}, quick={doc['quick']}", "",
             "Episode PnL of the desk over 30 trading days (SABR book, Poisson client orders; "
             "`hedgetrain/rl/env.py`). Cells: value [95% CI]. VaR95 and CVaR95 are losses (lower is better); "
             "mean - 1.645 std is higher-better. Baselines: percentile bootstrap over evaluation episodes. "
             "Agents: mean over seeds of the per-seed statistic, two-level bootstrap (seeds, then episodes). "
             f"Every strategy of a setting runs on the same {cfg['eval']['episodes']} evaluation episodes "
             f"(seed {cfg['eval']['seed']}). Each agent: {cfg['agent']['train_episodes']} training episodes, "
             f"{cfg['agent']['parallel_episodes']} in parallel, the actor with the best validation score "
             f"({cfg['agent']['validation_episodes']} fixed validation episodes, seed {cfg['eval']['validation_seed']}) kept.",
             "", "## Findings (computed from the results)", ""] + findings(doc)
    lines += [""] + design_notes(doc)
    lines += ["", "## Base setting", "", f"{base['label']}: 30-day ATM hedge option, sigma0 0.3, nu 0.3, option cost 0.5%.", ""]
    lines += strategy_table(base)
    lines += ["", "Agent minus delta-vega on the same episodes (mean over seeds [two-level bootstrap CI]):", "",
              "| agent | mean | std | mean-1.645std | VaR95 | CVaR95 |", "|---" * 6 + "|"]
    for name, d in base["vs_delta_vega"].items():
        lines.append(f"| {name} | " + " | ".join(_cell(d[k]) for k in STATS) + " |")
    lines += ["", "## Optimisers at the base setting (ANADDH vs Adam vs linearised)", "",
              "Validation score = mean - 1.645 std of validation-episode PnL of the deterministic policy "
              "(higher is better); see training-curves.png. Late wobble: mean absolute change between the last "
              "four validation points (lower = more stable). Seconds: the agent's own acting, learning and "
              "validation time per training (shared market pricing excluded).", "",
              "| agent | optimiser | reward | final validation (sd over seeds) | best validation | episodes to best | "
              "late wobble | seconds |", "|---" * 8 + "|"]
    for name, o in optimiser_summary(base).items():
        a = base["agents"][name]
        lines.append(f"| {name} | {a['optimiser']} | {a['reward']} | {o['final_validation']:.2f} ({o['final_validation_sd']:.2f}) | "
                     f"{o['best_validation']:.2f} | {o['episodes_to_best']:.0f} | {o['late_wobble']:.2f} | "
                     f"{o['seconds']:.1f} |")
    lines += ["", "## One factor at a time", "", "mean - 1.645 std of episode PnL [95% CI] (see factors.png):", ""]
    names = list(BASELINE_ORDER) + doc["grid_agents"]
    lines += ["| setting | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for s in doc["settings"]:
        lines.append(f"| {s['label']} | " + " | ".join(_cell(s["strategies"][n]["mean_minus_1645std"]) for n in names) + " |")
    lines += ["", "CVaR95 of episode loss [95% CI]:", "", "| setting | " + " | ".join(names) + " |",
              "|---" * (len(names) + 1) + "|"]
    for s in doc["settings"]:
        lines.append(f"| {s['label']} | " + " | ".join(_cell(s["strategies"][n]["cvar95"]) for n in names) + " |")
    lines += ["", "Agent minus delta-vega, mean - 1.645 std (paired, [95% CI]):", "",
              "| setting | " + " | ".join(doc["grid_agents"]) + " |", "|---" * (len(doc["grid_agents"]) + 1) + "|"]
    for s in doc["settings"]:
        lines.append(f"| {s['label']} | " + " | ".join(_cell(s["vs_delta_vega"][n]["mean_minus_1645std"])
                                                      for n in doc["grid_agents"]) + " |")
    lines += ["", "Full tables per setting (all five statistics):", ""]
    for s in doc["settings"][1:]:
        lines += [f"### {s['label']}", ""] + strategy_table(s) + [""]
    lines += profitability_section(doc)
    (out / "report.md").write_text("\n".join(lines) + "\n")


def profitability(setting: dict, kappa: float) -> Dict[str, dict]:
    """Seed §6.7: premium kappa x fair value of the client orders of an episode vs each strategy's mean
    transaction cost; net = premium + mean PnL (the PnL already pays the costs)."""
    premium = kappa * setting["premium_base_mean"]
    return {n: {"premium": premium, "cost": s["cost_mean"], "net": premium + s["mean"]["value"]}
            for n, s in setting["strategies"].items()}


def profitability_section(doc: dict) -> List[str]:
    base = doc["settings"][0]
    names = list(base["strategies"])
    lines = ["## Profitability (seed §6.7)", "",
             "The desk charges its clients a premium of kappa x the option's fair value on every order. Premium "
             f"income per episode = kappa x {base['premium_base_mean']:.0f} (mean fair value of an episode's client "
             "orders at the base setting). Per strategy: mean transaction cost per episode and net = premium + "
             "mean episode PnL (costs included). See profitability.png.", "",
             "Base setting, premium for each kappa: mean cost / net", "",
             "| kappa | premium | " + " | ".join(names) + " |", "|---" * (len(names) + 2) + "|"]
    for kappa in doc["config"]["premium_kappas"]:
        p = profitability(base, kappa)
        lines.append(f"| {100 * kappa:g}% | {p[names[0]]['premium']:.2f} | " +
                     " | ".join(f"{p[n]['cost']:.2f} / {p[n]['net']:+.2f}" for n in names) + " |")
    cost_settings = [s for s in doc["settings"] if s["label"] == "base" or s["label"].startswith("option_cost=")]
    lines += ["", "Option-cost settings with kappa = the option cost rate (seed: premium at the cost ratio): "
              "mean cost / net", "", "| setting | premium | " + " | ".join(list(BASELINE_ORDER) + doc["grid_agents"]) + " |",
              "|---" * (len(BASELINE_ORDER) + len(doc["grid_agents"]) + 2) + "|"]
    for s in sorted(cost_settings, key=lambda s: s["env"]["option_cost"]):
        p = profitability(s, s["env"]["option_cost"])
        cols = list(BASELINE_ORDER) + doc["grid_agents"]
        lines.append(f"| {s['label']} | {p['delta']['premium']:.2f} | " +
                     " | ".join(f"{p[n]['cost']:.2f} / {p[n]['net']:+.2f}" for n in cols) + " |")
    return lines + [""]


def plot(out: Path, doc: dict) -> None:
    """training-curves.png, factors.png and profitability.png."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    base = doc["settings"][0]
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    for name, runs in base["training"].items():
        episodes = [p["episodes"] for p in runs[0]["curve"]]
        scores = np.array([[p["score"] for p in r["curve"]] for r in runs])
        seconds = np.array([[p["seconds"] for p in r["curve"]] for r in runs]).mean(0)
        for ax, x in zip(axes, (episodes, seconds)):
            ax.plot(x, scores.mean(0), marker=".", label=f"{name} ({base['agents'][name]['optimiser']})")
            ax.fill_between(x, scores.min(0), scores.max(0), alpha=0.15)
    axes[0].set_xlabel("training episodes")
    axes[1].set_xlabel("seconds (agent's own)")
    for ax in axes:
        ax.set_ylabel("validation mean - 1.645 std")
        ax.legend(fontsize=7)
    fig.suptitle("Base setting: mean over seeds, band = min..max")
    fig.tight_layout()
    fig.savefig(out / "training-curves.png", dpi=120)
    plt.close(fig)

    factors = list(doc["config"]["factors"])
    names = [b for b in BASELINE_ORDER if b != "no_hedge"] + doc["grid_agents"]  # no hedge is off the scale
    fig, axes = plt.subplots(1, len(factors), figsize=(4 * len(factors), 4), squeeze=False)
    for ax, factor in zip(axes[0], factors):
        base_value = base["agents"][doc["grid_agents"][0]][factor] if factor in base["agents"][doc["grid_agents"][0]] \
            else base["env"][factor]
        points = [(base_value, base)] + [(s["env"].get(factor, s["agents"][doc["grid_agents"][0]].get(factor)), s)
                                         for s in doc["settings"][1:] if s["label"].startswith(factor + "=")]
        points.sort(key=lambda p: p[0])
        for name in names:
            ax.plot([p[0] for p in points], [p[1]["strategies"][name]["mean_minus_1645std"]["value"] for p in points],
                    marker="o", label=name)
        ax.set_xlabel(factor)
        ax.set_ylabel("mean - 1.645 std (no_hedge: see report)")
    axes[0][0].legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out / "factors.png", dpi=120)
    plt.close(fig)

    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    strat = list(base["strategies"])
    axes[0].bar(range(len(strat)), [base["strategies"][n]["cost_mean"] for n in strat])
    for kappa in doc["config"]["premium_kappas"]:
        axes[0].axhline(kappa * base["premium_base_mean"], linestyle="--", linewidth=1)
        axes[0].text(len(strat) - 0.5, kappa * base["premium_base_mean"], f"premium kappa={100 * kappa:g}%", fontsize=7,
                     ha="right", va="bottom")
    axes[0].set_xticks(range(len(strat)), strat, rotation=30, fontsize=7)
    axes[0].set_ylabel("mean transaction cost per episode ($)")
    axes[0].set_title("base setting")
    cost_settings = sorted([s for s in doc["settings"] if s["label"] == "base" or s["label"].startswith("option_cost=")],
                           key=lambda s: s["env"]["option_cost"])
    rates = [100 * s["env"]["option_cost"] for s in cost_settings]
    for name in names:
        axes[1].plot(rates, [s["strategies"][name]["cost_mean"] for s in cost_settings], marker="o", label=f"{name} cost")
    axes[1].plot(rates, [s["env"]["option_cost"] * s["premium_base_mean"] for s in cost_settings], "k--",
                 label="premium (kappa = cost rate)")
    axes[1].set_xlabel("option cost / kappa (%)")
    axes[1].set_ylabel("$ per episode")
    axes[1].legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out / "profitability.png", dpi=120)
    plt.close(fig)


def run(out, seeds: int, quick: bool = False, device: str = "auto", config_path=None, log=print) -> dict:
    """The whole study; writes results.json, report.md and plots under ``out`` and returns the document.

    ``quick`` applies the config's quick block and caps the seeds at its ``seeds``.
    """
    start = time.perf_counter()
    cfg = load_study_config(config_path or CONFIGS / "studies" / "rl.json", quick)
    if seeds < 1:
        raise ValueError("seeds must be >= 1")
    if quick:
        seeds = min(seeds, cfg["quick"]["seeds"])
    if device == "auto" or device is None:
        device = "cuda" if torch.cuda.is_available() else "cpu"
    results = []
    for label, factor, value, env, agents in settings(cfg):
        setting_start = time.perf_counter()
        results.append(run_setting(cfg, label, env, agents, seeds, device, log))
        results[-1]["seconds"] = time.perf_counter() - setting_start
        log(f"{label}: done in {results[-1]['seconds']:.0f}s (total {time.perf_counter() - start:.0f}s)")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    doc = {"command": " ".join(["python -m hedgetrain"] + sys.argv[1:]), "config": copy.deepcopy(cfg), "seeds": seeds,
           "quick": quick, "device": device, "threads": torch.get_num_threads(), "grid_agents": cfg["grid_agents"],
           "settings": results}
    doc["wall_seconds"] = time.perf_counter() - start
    (out / "results.json").write_text(json.dumps(doc, indent=1, default=float))
    write_report(out, doc)
    plot(out, doc)
    return doc
