"""Merton jump overlay for any simulated underlying."""
from __future__ import annotations

import math
from typing import Optional

import torch

from .paths import MarketPaths


def merton_jump_factor(n_paths: int, n_steps: int, dt: float, *, intensity_per_year: float,
                       mean_log_jump: float, std_log_jump: float, dtype: torch.dtype = torch.float32,
                       device="cpu", generator: Optional[torch.Generator] = None) -> torch.Tensor:
    """Compensated compound-Poisson factor J_k = prod_{j<k} exp(sum of jumps in step j) * exp(-lambda m dt).

    m = E[e^Y] - 1 with Y ~ N(mean, std^2); the factor is a mean-one martingale, independent
    of the diffusion, so multiplying a martingale underlying by it keeps it a martingale.

    Shape:
        returns (N, T+1), first column 1.
    """
    if intensity_per_year < 0 or std_log_jump < 0:
        raise ValueError("intensity_per_year and std_log_jump must be >= 0")
    rate = torch.full((n_paths, n_steps), intensity_per_year * dt, dtype=dtype, device=device)
    counts = torch.poisson(rate, generator=generator)  # (N, T)
    z = torch.randn(n_paths, n_steps, dtype=dtype, device=device, generator=generator)
    jump_log = counts * mean_log_jump + torch.sqrt(counts) * std_log_jump * z  # sum of `counts` normals
    m = math.exp(mean_log_jump + 0.5 * std_log_jump ** 2) - 1.0
    log_inc = jump_log - intensity_per_year * m * dt
    zeros = torch.zeros(n_paths, 1, dtype=dtype, device=device)
    return torch.exp(torch.cat([zeros, log_inc.cumsum(1)], dim=1))


def add_merton_jumps(paths: MarketPaths, *, intensity_per_year: float, mean_log_jump: float,
                     std_log_jump: float, generator: Optional[torch.Generator] = None) -> MarketPaths:
    """Overlay Merton jumps on ``paths.spot`` (GBM, Heston or SABR). Other instruments are unchanged
    (a Heston variance swap stays the diffusive-variance swap)."""
    factor = merton_jump_factor(paths.n_paths, paths.n_steps, paths.dt, intensity_per_year=intensity_per_year,
                                mean_log_jump=mean_log_jump, std_log_jump=std_log_jump,
                                dtype=paths.spot.dtype, device=paths.spot.device, generator=generator)
    return paths.with_spot(paths.spot * factor)
