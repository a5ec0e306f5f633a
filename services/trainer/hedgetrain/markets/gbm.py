"""Geometric Brownian motion (Black-Scholes world)."""
from __future__ import annotations

from typing import Optional, Union

import torch

from .paths import MarketPaths, check_grid


def simulate_gbm(n_paths: int, n_steps: int, dt: float, *, s0: float = 100.0,
                 sigma: Union[float, torch.Tensor] = 0.2, drift: float = 0.0,
                 dtype: torch.dtype = torch.float32, device="cpu",
                 generator: Optional[torch.Generator] = None) -> MarketPaths:
    """Exact GBM: S_{k+1} = S_k exp((drift - sigma^2/2) dt + sigma sqrt(dt) Z_k).

    ``sigma`` is a float or a per-path tensor (N,). With ``drift = 0`` S is a martingale.

    Shape:
        returns MarketPaths with spot (N, T+1), hedge_prices (N, T+1, 1), vol (N, T+1).
    """
    check_grid(n_paths, n_steps, dt)
    if s0 <= 0:
        raise ValueError("s0 must be > 0")
    sig = torch.as_tensor(sigma, dtype=dtype, device=device)
    if sig.dim() == 0:
        sig = sig.expand(n_paths)
    if sig.shape != (n_paths,) or bool((sig < 0).any()):
        raise ValueError("sigma must be a non-negative float or a tensor of shape (n_paths,)")
    z = torch.randn(n_paths, n_steps, dtype=dtype, device=device, generator=generator)  # (N, T)
    sig_col = sig.unsqueeze(1)  # (N, 1)
    log_inc = (drift - 0.5 * sig_col ** 2) * dt + sig_col * (dt ** 0.5) * z  # (N, T)
    log_s = torch.cat([torch.zeros(n_paths, 1, dtype=dtype, device=device), log_inc.cumsum(1)], dim=1)
    spot = s0 * torch.exp(log_s)  # (N, T+1)
    vol = sig_col.expand(n_paths, n_steps + 1)
    return MarketPaths(spot=spot, hedge_prices=spot.unsqueeze(-1), vol=vol, dt=dt, instruments=("UNDERLYING",))
