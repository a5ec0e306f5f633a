"""Transaction costs c_k(n) of Buehler et al. section 2."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Tuple

import torch


@dataclass(frozen=True)
class TransactionCosts:
    """Per-instrument proportional cost eps_i (cost = eps_i S^i |n_i|) and fixed cost f_i (per trade with |n_i| > tol).

    The fixed cost has zero gradient almost everywhere: it is priced in evaluation and PnL,
    but gradient-based training does not see it.
    """
    proportional: Tuple[float, ...] = (0.0,)
    fixed: Tuple[float, ...] = (0.0,)
    at_maturity: bool = False
    tolerance: float = 1e-9

    def cost(self, trade: torch.Tensor, prices: torch.Tensor) -> torch.Tensor:
        """Cost of trading ``trade`` units at ``prices``.

        Shape:
            trade, prices: (N, K) or (N, T, K) -> summed over the last dim (and keeps leading dims).
        """
        k = trade.shape[-1]
        prop = _per_instrument(self.proportional, k, "proportional").to(trade)
        fixed = _per_instrument(self.fixed, k, "fixed").to(trade)
        total = (prop * prices * trade.abs()).sum(-1)
        if bool((fixed > 0).any()):
            total = total + (fixed * (trade.abs() > self.tolerance).to(trade)).sum(-1)
        return total


def _per_instrument(values: Tuple[float, ...], k: int, what: str) -> torch.Tensor:
    if len(values) == 1:
        return torch.tensor(values * k)
    if len(values) != k:
        raise ValueError(f"{what} costs: got {len(values)} values for {k} instruments")
    return torch.tensor(values)
