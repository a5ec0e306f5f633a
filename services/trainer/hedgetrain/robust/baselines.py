"""Non-learned baselines of the HIRM study: a tuned delta hedge and a vega-adjusted (minimum-variance) delta.

Both are tuned on the training split to minimise pooled CVaR95 of episode loss, by grid search (two or
fewer scalars, so a grid is exact enough and needs no gradients).

- Tuned delta: q_t = h * Delta_t, Delta_t = -liability_delta (the desk is short the call, liability_delta is
  desk side), h on ``ratio_grid``.
- Delta-vega: the environment hedges in the underlying only, so a true delta-vega hedge (a second option to
  neutralise vega) is not available. Instead a Hull-White (2017) style minimum-variance delta:
  q_t = h * Delta_t + k * Vega_t / S_t, with Vega_t = -liability_vega. Vega / S times k is the delta
  correction E[d sigma | dS] * Vega / dS when implied vol moves by -k per unit relative spot move (the
  leverage effect; k > 0 expected). (h, k) tuned on the grid.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import torch

from ..risk.measures import expected_shortfall


@dataclass(frozen=True)
class TunedHedge:
    """q = ratio * Delta + vega_slope * Vega / S; ``name`` says which baseline."""
    name: str
    ratio: float
    vega_slope: float = 0.0

    def holdings(self, es) -> torch.Tensor:
        """Shape: EpisodeSet with E episodes, T steps -> (E, T)."""
        delta = -es.liability_delta  # (E, T) hedge side
        vega_per_spot = -es.liability_vega / es.spot[:, :-1]  # (E, T)
        return self.ratio * delta + self.vega_slope * vega_per_spot


def tune(es, pnl_fn, name: str, ratio_grid: Sequence[float], vega_grid: Sequence[float] = (0.0,),
         alpha: float = 0.95) -> TunedHedge:
    """The grid point with the lowest pooled CVaR_alpha of -PnL on ``es`` (ties: first in grid order)."""
    if not ratio_grid or not vega_grid:
        raise ValueError("grids must be non-empty")
    best, best_risk = None, float("inf")
    for k in vega_grid:
        for h in ratio_grid:
            hedge = TunedHedge(name, float(h), float(k))
            risk = float(expected_shortfall(pnl_fn(es, hedge.holdings(es)), alpha))
            if risk < best_risk:
                best, best_risk = hedge, risk
    return best


def tuned_baselines(train, pnl_fn, cfg: dict, alpha: float = 0.95) -> list:
    """[tuned delta, delta-vega] from the config's ``baselines`` block (ratio_grid, vega_grid)."""
    ratios = torch.linspace(*cfg["ratio_grid"]).tolist()
    vegas = torch.linspace(*cfg["vega_grid"]).tolist()
    return [tune(train, pnl_fn, "tuned_delta", ratios, alpha=alpha),
            tune(train, pnl_fn, "delta_vega", ratios, vegas, alpha=alpha)]
