"""GVDH on the served SABR book (:mod:`served`): the distributional actor-critic of :mod:`agent`, unchanged,
trained on the engine's semantics, and its export to ONNX through the feature contract.

* State: the ``sabr-book-v1`` features with the constant ``a_max`` inserted at the agent's ``A_MAX_INDEX``
  (the actor reads its action range there), so the actor is a function of contract features only.
* Action ``a`` in [0, a_max] -> targets by the served algebra (:meth:`served.ServedSabrEnv.action_targets`);
  the reward of decision k is the engine's stepPnl of tick k + 1 (times ``reward_scale``), whose sum is the
  episode PnL.
* Training: rounds of ``parallel_episodes`` fresh episodes played with Gaussian exploration, n-step
  transitions into the replay buffer, ``updates_per_day`` agent updates per environment step; the first
  ``warmup_episodes`` use uniform random actions and fit the input standardisation; the actor scoring best
  (mean - 1.645 std of episode PnL) on fixed validation episodes is kept.
* Export: :class:`ServedActorGraph` is the whole served policy, features -> [UNDERLYING, CALL_ATM_30D]
  targets per unit scale (the a -> targets algebra inside the graph), written as ``policy.onnx`` with the
  contract metadata, ``parity.json`` (engine snapshots of served episodes -> features -> targets),
  ``metadata.json`` and ``results.json``.

Run: ``python3 -m hedgetrain.rl.served_train --out ../../models/gvdh-sabr-v1`` (about 4 minutes on one thread).
"""
from __future__ import annotations

import argparse
import copy
import dataclasses
import json
import math
import time
from pathlib import Path
from typing import Dict, List

import numpy as np
import torch
from torch import nn

from .. import __version__
from ..export.onnx_export import META_PREFIX, OPSET, save_with_metadata, sha256_of
from ..export.onnx_numpy import run_onnx
from ..features.contract import load_contract
from .agent import A_MAX_INDEX, AgentConfig, DistributionalAgent, ReplayBuffer, nstep_transitions
from .baselines import pnl_summary
from .served import (FAMILY, FEATURE_SET, MICROS_PER_DAY, ActionPolicy, DeltaPolicy, OnnxTargetsPolicy,
                     ServedConfig, ServedSabrEnv, delta_vega_policy)

INSTRUMENTS = ("UNDERLYING", FAMILY)
TARGET_BOUNDS = ((-100.0, 100.0), (-1000.0, 1000.0))
TRAIN_DEFAULTS = AgentConfig(hidden=32, layers=2, n_quantiles=32, n_step=5, train_episodes=12_000,
                             parallel_episodes=500, warmup_episodes=500, batch_size=512, buffer_size=200_000,
                             reward_scale=0.05, updates_per_day=1.0, validate_every=2, validation_episodes=1000)


def agent_state(features: torch.Tensor, a_max: float) -> torch.Tensor:
    """Contract features with the constant a_max inserted at A_MAX_INDEX. Shape: (N, F) -> (N, F + 1)."""
    column = torch.full_like(features[:, :1], a_max)
    return torch.cat([features[:, :A_MAX_INDEX], column, features[:, A_MAX_INDEX:]], 1)


class ServedActorGraph(nn.Module):
    """The exported policy: features (N, F) float32 -> targets per unit scale [UNDERLYING, CALL_ATM_30D] (N, 2).

    a = actor(features with a_max); option = -a * book_vega_spot / traded_vega_spot; underlying =
    -(book_delta + option * traded_delta): the served algebra, so the engine trades what the env traded."""

    def __init__(self, actor: nn.Module, feature_names, a_max: float):
        super().__init__()
        self.actor, self.a_max = actor, float(a_max)
        index = {name: i for i, name in enumerate(feature_names)}
        self.vega, self.delta = index["book_vega_spot"], index["book_delta"]
        self.series_vega, self.series_delta = index["call_atm_30d_traded_vega_spot"], index["call_atm_30d_traded_delta"]

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        # Actor.forward in column form (N, 1) with elementwise ops only, so the graph stays within the ops the
        # trainer's ONNX reference evaluator checks (no Shape, Squeeze, Clip or Max).
        a_max = features[:, :1] * 0.0 + self.a_max
        states = torch.cat([features[:, :A_MAX_INDEX], a_max, features[:, A_MAX_INDEX:]], 1)
        a = a_max * torch.sigmoid(self.actor.net(self.actor.scale(states)))
        # A live series has vega > 0; an empty book (all-zero features) gives NaN, but the engine never runs
        # the model on it (scale 0 -> target 0) and the served env ignores those rows the same way.
        option = -a * features[:, self.vega:self.vega + 1] / features[:, self.series_vega:self.series_vega + 1]
        underlying = -(features[:, self.delta:self.delta + 1] + option * features[:, self.series_delta:self.series_delta + 1])
        return torch.cat([underlying, option], 1)


def actor_policy(actor: nn.Module, config: ServedConfig) -> ActionPolicy:
    """The actor as a served action policy (float64 features)."""
    def action(features):
        with torch.no_grad():
            return actor(agent_state(features.to(torch.float32), config.a_max)).to(torch.float64)
    return ActionPolicy(action)


def episode_pnl(config: ServedConfig, policy, episodes, env: ServedSabrEnv = None) -> Dict[str, torch.Tensor]:
    """Episode PnL, costs and guardrail fallbacks of ``policy`` on ``episodes``. Shape: each (N,)."""
    env = env or ServedSabrEnv(config)
    env.reset(episodes)
    pnl = env.run(policy).sum(1)
    return {"pnl": pnl, "cost": env.costs.clone(), "fallbacks": env.fallbacks.clone()}


def _score(pnl: torch.Tensor) -> float:
    return float(pnl.mean() - 1.645 * pnl.std())


def train(config: ServedConfig, agent_config: AgentConfig, seed: int, log=print) -> dict:
    """Train GVDH on the served env (module docstring). Returns the best actor, its curve and timings."""
    torch.manual_seed(seed)
    cfg, T = agent_config, config.episode_days
    env = ServedSabrEnv(config)
    n_state = len(env.feature_names) + 1
    agent = DistributionalAgent(cfg, n_features=n_state)
    buffer = ReplayBuffer(cfg.buffer_size, n_state)
    noise_gen = torch.Generator().manual_seed(seed + 2)
    path_gen = torch.Generator().manual_seed(seed + 1)
    validation = ServedSabrEnv(config).simulate(cfg.validation_episodes, torch.Generator().manual_seed(10_000 + seed))
    rounds = math.ceil(cfg.train_episodes / cfg.parallel_episodes)
    warmup_rounds = math.ceil(cfg.warmup_episodes / cfg.parallel_episodes)
    best, curve, updates, start = (-math.inf, None, 0), [], 0, time.perf_counter()
    for round_index in range(rounds):
        warm = round_index < warmup_rounds
        noise = cfg.noise_std + (cfg.noise_final - cfg.noise_std) * round_index / max(1, rounds - 1)
        env.reset(env.simulate(cfg.parallel_episodes, path_gen))
        states, actions = [], []
        for _ in range(T):
            state = agent_state(env.features(), config.a_max).to(torch.float32)
            if warm:
                action = config.a_max * torch.rand(env.n, generator=noise_gen)
            else:
                action = agent.act(state, noise, noise_gen)
            states.append(state)
            actions.append(action)
            env.apply(env.action_targets(action), INSTRUMENTS)
        states.append(agent_state(env.features(), config.a_max).to(torch.float32))
        trajectory = torch.stack(states, 1)  # (N, T+1, F+1)
        rewards = (env.step_pnl[:, 1:] * cfg.reward_scale).to(torch.float32)  # (N, T): decision k's reward is tick k+1's stepPnl
        if round_index == 0:
            agent.fit_scaling(trajectory.reshape(-1, n_state))
        buffer.add(nstep_transitions(trajectory, torch.stack(actions, 1), rewards, cfg.n_step, cfg.gamma))
        if round_index + 1 >= warmup_rounds:
            for _ in range(max(1, round(cfg.updates_per_day * T))):
                losses = agent.update(buffer.sample(cfg.batch_size, noise_gen))
                updates += 1
        if (round_index + 1) % cfg.validate_every == 0 or round_index == rounds - 1:
            out = episode_pnl(config, actor_policy(agent.actor, config), validation)
            score = _score(out["pnl"])
            episodes = (round_index + 1) * cfg.parallel_episodes
            if round_index >= warmup_rounds and score > best[0]:
                best = (score, copy.deepcopy(agent.actor.state_dict()), episodes)
            point = {"episodes": episodes, "updates": updates, "score": score, "pnl_mean": float(out["pnl"].mean()),
                     "pnl_std": float(out["pnl"].std()), "seconds": time.perf_counter() - start}
            curve.append(point)
            log(f"  {episodes} episodes, {updates} updates, validation mean-1.645std {score:.2f} "
                f"(mean {point['pnl_mean']:.2f}, std {point['pnl_std']:.2f}) {point['seconds']:.0f}s")
    agent.actor.load_state_dict(best[1])
    return {"actor": agent.actor.eval(), "curve": curve, "best_episodes": best[2],
            "seconds": time.perf_counter() - start}


def compare(config: ServedConfig, actor: nn.Module, n_episodes: int, seed: int) -> Dict[str, dict]:
    """Actor vs delta vs delta-vega on the same served episodes (common random numbers)."""
    episodes = ServedSabrEnv(config).simulate(n_episodes, torch.Generator().manual_seed(seed))
    graph = ServedActorGraph(actor, load_contract().feature_set(FEATURE_SET), config.a_max).eval()
    policies = {"gvdh_actor": OnnxTargetsPolicy(graph, INSTRUMENTS, TARGET_BOUNDS), "delta": DeltaPolicy(),
                "delta_vega": delta_vega_policy()}
    results = {}
    for name, policy in policies.items():
        out = episode_pnl(config, policy, episodes)
        n = out["pnl"].shape[0]
        summary = pnl_summary(out["pnl"])
        summary.update(mean_se=float(out["pnl"].std()) / math.sqrt(n), cost_mean=float(out["cost"].mean()),
                       fallback_decisions=float(out["fallbacks"].sum()), episodes=n)
        results[name] = summary
    return results


def parity_cases(config: ServedConfig, graph: ServedActorGraph, n_cases: int, seed: int) -> List[dict]:
    """Engine snapshots of served episodes at random ticks (client options, underlying and series holdings,
    SABR market, listed rules) with their features (float64) and the graph's float32 targets."""
    env = ServedSabrEnv(config)
    episodes = env.simulate(n_cases, torch.Generator().manual_seed(seed))
    env.reset(episodes)
    stop = torch.randint(1, config.episode_days, (n_cases,), generator=torch.Generator().manual_seed(seed + 1))
    policy = OnnxTargetsPolicy(graph, INSTRUMENTS, TARGET_BOUNDS)
    cases: List[dict] = [None] * n_cases
    for k in range(config.episode_days):
        features = env.features()
        targets = policy.targets(features, env)
        for i in (stop == k).nonzero().flatten().tolist():
            cases[i] = _case(env, i, features[i], targets[i])
        env.decide(policy)
    return [c for c in cases if c is not None and c["bookScale"] > 0]


def _case(env: ServedSabrEnv, i: int, features: torch.Tensor, target: torch.Tensor) -> dict:
    c, k = env.config, env.k
    options = [{"type": "CALL", "strike": float(env.ep.spot[i, d]), "expiryEpochMicros": int(env.expiry[d]),
                "multiplier": c.units_per_order, "deskQuantity": -float(env.ep.client_net[i, d])}
               for d in range(k + 1) if env.ep.client_net[i, d] != 0]
    series = None
    if bool(env.has_series[i]):
        series = {"family": FAMILY, "strike": float(env.series_strike[i]),
                  "expiryEpochMicros": int(env.series_expiry[i]), "multiplier": c.multiplier,
                  "contracts": float(env.contracts[i])}
    scale = float(env.book_greeks()["scale"][i])
    return {"input": {"spot": float(env.ep.spot[i, k]), "atmVol": float(env.ep.atm_vol[i, k]), "rate": 0.0,
                      "dividendYield": 0.0, "nowEpochMicros": int(env.ep.times[k]),
                      "sabr": {"alpha": float(env.ep.alpha[i, k]), "beta": c.beta, "rho": c.rho, "nu": c.vol_of_vol},
                      "options": options, "holdings": {"UNDERLYING": float(env.shares[i])}, "hedgeSeries": series,
                      "listedRules": {"strikeStep": c.strike_step, "multiplier": c.multiplier,
                                      "rollDays": c.roll_days,
                                      "expiryTimeUtc": f"{c.expiry_time_utc_seconds // 3600:02d}:"
                                                       f"{c.expiry_time_utc_seconds // 60 % 60:02d}"}},
            "bookScale": scale, "features": features.tolist(),
            "expected": {"target": target.tolist(), "holdings": {"UNDERLYING": float(target[0]) * scale}}}


def export(out_dir, graph: ServedActorGraph, config: ServedConfig, agent_config: AgentConfig, seed: int,
           n_parity: int = 48) -> dict:
    """policy.onnx + metadata.json + parity.json of the served actor (module docstring)."""
    import onnx
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    contract = load_contract()
    names = contract.feature_set(FEATURE_SET)
    onnx_path = out / "policy.onnx"
    torch.onnx.export(graph, torch.zeros(2, len(names)), str(onnx_path), input_names=["features"],
                      output_names=["target"], dynamic_axes={"features": {0: "batch"}, "target": {0: "batch"}},
                      opset_version=OPSET, do_constant_folding=True)
    model = onnx.load(str(onnx_path))
    name = out.name
    meta = {"feature_set": FEATURE_SET, "features": json.dumps(list(names)), "instruments": json.dumps(list(INSTRUMENTS)),
            "risk_measure": "mean-1.645std", "config": json.dumps({"name": name, "served": dataclasses.asdict(config),
                                                                    "agent": dataclasses.asdict(agent_config)}),
            "seed": str(seed), "data": "simulated: served SABR book (hedgetrain.rl.served), feed sabr-book market",
            "version": f"{name}@hedgetrain-{__version__}",
            "created_at": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()),
            "contract_version": str(contract.version), "target_bounds": json.dumps([list(b) for b in TARGET_BOUNDS])}
    save_with_metadata(model, meta, onnx_path)
    cases = parity_cases(config, graph, n_parity, seed=77)
    x = np.array([c["features"] for c in cases], dtype=np.float32)
    onnx_diff = float(np.max(np.abs(run_onnx(model, x) - np.array([c["expected"]["target"] for c in cases]))))
    if onnx_diff > 1e-5:
        raise ValueError(f"ONNX export differs from PyTorch by {onnx_diff} on the parity inputs")
    parity = {"description": "engine snapshot (SABR tick, client options, held series, listed rules) -> features "
                             "(float64, 1e-9) -> target (float32 graph, 1e-5); holdings = target * bookScale",
              "featureSet": FEATURE_SET, "features": list(names), "instruments": list(INSTRUMENTS),
              "timeConvention": "ttmYears = (expiryEpochMicros - nowEpochMicros) / (365 * 86400 * 1e6)",
              "onnxVsTorchMaxAbsDiff": onnx_diff, "outputsFrom": "pytorch-float32", "cases": cases}
    (out / "parity.json").write_text(json.dumps(parity, indent=1))
    metadata = {META_PREFIX + k: v for k, v in meta.items()}
    metadata.update(sha256=sha256_of(onnx_path), onnx_file="policy.onnx",
                    checks=json.dumps({"onnx_checker": "passed", "parity_inputs_max_abs_diff": onnx_diff}))
    (out / "metadata.json").write_text(json.dumps(metadata, indent=1))
    return metadata


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Train GVDH on the served SABR book and export it")
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--train-episodes", type=int, default=TRAIN_DEFAULTS.train_episodes)
    parser.add_argument("--eval-episodes", type=int, default=5000)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)
    torch.set_num_threads(args.threads)
    config = ServedConfig()
    agent_config = dataclasses.replace(TRAIN_DEFAULTS, train_episodes=args.train_episodes)
    print(f"{config}\n{agent_config}")
    trained = train(config, agent_config, args.seed)
    Path(args.out).mkdir(parents=True, exist_ok=True)
    torch.save(trained["actor"].state_dict(), Path(args.out) / "actor.pt")
    graph = ServedActorGraph(trained["actor"], load_contract().feature_set(FEATURE_SET), config.a_max).eval()
    export(args.out, graph, config, agent_config, args.seed)
    results = compare(config, trained["actor"], args.eval_episodes, seed=20_000)
    for name, stats in results.items():
        print(f"{name:11s} " + " ".join(f"{k}={v:.2f}" for k, v in stats.items()))
    report = {"command": f"python3 -m hedgetrain.rl.served_train --out {args.out} --seed {args.seed} "
                         f"--train-episodes {args.train_episodes} --eval-episodes {args.eval_episodes}",
              "train_seconds": trained["seconds"], "best_episodes": trained["best_episodes"],
              "curve": trained["curve"], "evaluation_seed": 20_000, "results": results}
    Path(args.out, "results.json").write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
