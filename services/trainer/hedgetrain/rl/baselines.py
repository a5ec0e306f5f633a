"""Classical hedges of the SABR book as policies of :class:`SabrBookEnv`, and their episode-PnL statistics.

Every strategy re-hedges delta with the underlying after its option trade (the environment does that); they
differ in the option trade: ``delta`` trades no option (a = 0), ``delta_gamma`` and ``delta_vega`` neutralise
the whole portfolio gamma or vega with the ATM hedge option (a = 1).

Quick evaluation: ``python3 -m hedgetrain.rl.baselines --episodes 5000`` (prints one line per strategy).
"""
from __future__ import annotations

import argparse
import dataclasses
import time
from typing import Dict, Optional

import torch

from ..risk import expected_shortfall, value_at_risk
from .env import SabrBookConfig, SabrBookEnv

# name -> (Greek neutralised with the hedge option, constant action)
BASELINES: Dict[str, tuple] = {"delta": ("vega", 0.0), "delta_gamma": ("gamma", 1.0), "delta_vega": ("vega", 1.0)}


def episode_pnl(config: SabrBookConfig, policy, n_episodes: int, *, dtype=torch.float64, device="cpu",
                generator: Optional[torch.Generator] = None) -> torch.Tensor:
    """Runs ``policy(state) -> action`` over ``n_episodes`` episodes; returns the episode PnL. Shape: (N,)."""
    env = SabrBookEnv(config, n_episodes, dtype=dtype, device=device, generator=generator)
    state = env.reset()
    pnl = torch.zeros(n_episodes, dtype=dtype, device=device)
    while True:
        result = env.step(policy(state))
        pnl += result.reward_pnl
        state = result.state
        if result.done:
            return pnl


def baseline_pnl(name: str, config: SabrBookConfig, n_episodes: int, **kwargs) -> torch.Tensor:
    """Episode PnL of the classical strategy ``name`` (a key of :data:`BASELINES`). Shape: (N,)."""
    if name not in BASELINES:
        raise ValueError(f"unknown baseline {name!r}; choose from {sorted(BASELINES)}")
    greek, action = BASELINES[name]
    cfg = dataclasses.replace(config, hedge_greek=greek)
    return episode_pnl(cfg, lambda state: torch.full_like(state[:, 0], action), n_episodes, **kwargs)


def pnl_summary(pnl: torch.Tensor) -> Dict[str, float]:
    """mean, std, mean - 1.645 std, VaR95 and CVaR95 (as losses: positive = money lost) of an episode-PnL sample."""
    mean, std = float(pnl.mean()), float(pnl.std())
    return {"mean": mean, "std": std, "mean_minus_1645std": mean - 1.645 * std,
            "var95": float(value_at_risk(pnl, 0.95)), "cvar95": float(expected_shortfall(pnl, 0.95))}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description="Classical hedges of the SABR options book")
    parser.add_argument("--episodes", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--option-cost", type=float, default=0.005)
    parser.add_argument("--hedge-maturity-days", type=int, default=30)
    parser.add_argument("--sigma0", type=float, default=0.3)
    parser.add_argument("--vol-of-vol", type=float, default=0.3)
    args = parser.parse_args(argv)
    cfg = SabrBookConfig(option_cost=args.option_cost, hedge_maturity_days=args.hedge_maturity_days,
                         sigma0=args.sigma0, vol_of_vol=args.vol_of_vol)
    print(f"{cfg}\nepisodes={args.episodes} seed={args.seed}")
    for name in BASELINES:
        start = time.time()
        pnl = baseline_pnl(name, cfg, args.episodes, generator=torch.Generator().manual_seed(args.seed))
        stats = " ".join(f"{k}={v:.2f}" for k, v in pnl_summary(pnl).items())
        print(f"{name:12s} {stats} ({time.time() - start:.1f} s)")


if __name__ == "__main__":
    main()
