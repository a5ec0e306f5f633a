"""The container every market simulator returns."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional, Tuple

import torch


@dataclass(frozen=True)
class MarketPaths:
    """Simulated paths on the decision grid t_k = k * dt, k = 0..n_steps.

    Shape:
        spot: (N, T+1) price of the underlying S^1.
        hedge_prices: (N, T+1, K) mid prices of the K hedging instruments, in ``instruments`` order
            (instrument 0 is always the underlying).
        vol: (N, T+1) annualised volatility the desk would quote (GBM: sigma; Heston: sqrt(V); SABR: Hagan ATM vol).
        variance: (N, T+1) Heston instantaneous variance, else None.
    """
    spot: torch.Tensor
    hedge_prices: torch.Tensor
    vol: torch.Tensor
    dt: float
    instruments: Tuple[str, ...]
    variance: Optional[torch.Tensor] = None

    @property
    def n_paths(self) -> int:
        return self.spot.shape[0]

    @property
    def n_steps(self) -> int:
        return self.spot.shape[1] - 1

    def with_spot(self, spot: torch.Tensor) -> "MarketPaths":
        """Same paths with the underlying replaced (hedge instrument 0 follows)."""
        prices = self.hedge_prices.clone()
        prices[..., 0] = spot
        return replace(self, spot=spot, hedge_prices=prices)


def check_grid(n_paths: int, n_steps: int, dt: float) -> None:
    """Shared validation of the simulation grid."""
    if n_paths < 1:
        raise ValueError(f"n_paths must be >= 1, got {n_paths}")
    if n_steps < 1:
        raise ValueError(f"n_steps must be >= 1, got {n_steps}")
    if not dt > 0:
        raise ValueError(f"dt must be > 0, got {dt}")
