"""Held-out evaluation of a policy and confidence intervals over seeds."""
from __future__ import annotations

import math
from typing import Dict, List, Sequence

import torch
from scipy.stats import t as student_t

from ..config import RiskConfig
from ..objectives.hedging import indifference_price
from ..policies.base import Policy
from ..risk.measures import entropic, expected_shortfall, value_at_risk
from ..training.problem import Episode, HedgingProblem, Rollout


@torch.no_grad()
def rollout_in_chunks(problem: HedgingProblem, policy: Policy, episode: Episode, chunk: int = 50_000) -> Rollout:
    """Roll out without gradients, in path chunks (keeps memory flat for 1e5-1e6 paths)."""
    from ..instruments.book import OptionBook
    from ..markets.paths import MarketPaths
    parts = []
    n = episode.market.n_paths
    for lo in range(0, n, chunk):
        sl = slice(lo, lo + chunk)
        m = episode.market
        sub = Episode(market=MarketPaths(spot=m.spot[sl], hedge_prices=m.hedge_prices[sl], vol=m.vol[sl], dt=m.dt,
                                         instruments=m.instruments,
                                         variance=None if m.variance is None else m.variance[sl]),
                      book=OptionBook(*(getattr(episode.book, f)[sl] for f in
                                        ("strike", "expiry_years", "is_call", "desk_quantity", "multiplier"))))
        parts.append(problem.rollout(policy, sub))
    cat = lambda f: torch.cat([getattr(p.result, f) for p in parts])  # noqa: E731
    from ..instruments.pnl import PnlBreakdown
    return Rollout(holdings=torch.cat([p.holdings for p in parts]),
                   result=PnlBreakdown(pnl=cat("pnl"), liability=cat("liability"), gains=cat("gains"),
                                       costs=cat("costs"), turnover=cat("turnover")))


def pnl_metrics(rollout: Rollout, risk: RiskConfig) -> Dict[str, float]:
    """mean, std, VaR95, CVaR95 of the PnL (premium not included), indifference price under ``risk``,
    entropic(lam=risk.lam), mean turnover (notional traded / scale), mean costs."""
    x = rollout.result.pnl.double()
    return {
        "mean": float(x.mean()), "std": float(x.std()),
        "var95": float(value_at_risk(x, 0.95)), "cvar95": float(expected_shortfall(x, 0.95)),
        "entropic": float(entropic(x, risk.lam)),
        "price": indifference_price(x, risk),
        "turnover": float(rollout.result.turnover.double().mean()),
        "costs": float(rollout.result.costs.double().mean()),
    }


def confidence_interval(values: Sequence[float], level: float = 0.95) -> Dict[str, float]:
    """Mean and Student-t half-width over seeds (half-width NaN with one seed)."""
    n = len(values)
    mean = sum(values) / n
    if n < 2:
        return {"mean": mean, "ci95": float("nan"), "n": n}
    sd = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1))
    return {"mean": mean, "ci95": float(student_t.ppf(0.5 + level / 2, n - 1) * sd / math.sqrt(n)), "n": n}


def aggregate(per_seed: List[Dict[str, float]]) -> Dict[str, Dict[str, float]]:
    """Metric -> {mean, ci95, n} over seeds."""
    return {k: confidence_interval([m[k] for m in per_seed]) for k in per_seed[0]}
