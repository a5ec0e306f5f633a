"""SABR dynamics and Hagan implied vol as in ANADDH appendix A.2-A.6."""
from __future__ import annotations

from typing import Optional

import torch

from .paths import MarketPaths, check_grid


def simulate_sabr(n_paths: int, n_steps: int, dt: float, *, s0: float = 100.0, sigma0: float = 0.2,
                  beta: float = 1.0, rho: float = 0.0, vol_of_vol: float = 0.3, drift: float = 0.0,
                  dtype: torch.dtype = torch.float32, device="cpu",
                  generator: Optional[torch.Generator] = None) -> MarketPaths:
    """ANADDH eqs (50)-(52): q_v = rho q_s + sqrt(1-rho^2) q_i;
    sigma_{t+1} = sigma_t exp(-nu^2/2 dt + nu q_v sqrt(dt));
    P_{t+1} = P_t exp((mu - (sigma_t P_t^{beta-1})^2 / 2) dt + sigma_t P_t^{beta-1} sqrt(dt) q_s).

    With drift 0 each step is a mean-one lognormal factor, so P is a martingale. ``vol`` is the
    Hagan ATM implied vol (eq. 56, F = K) for an option maturing at the end of the horizon
    (floored at one step of time to maturity).

    Shape:
        returns MarketPaths with spot (N, T+1), hedge_prices (N, T+1, 1), vol (N, T+1).
    """
    check_grid(n_paths, n_steps, dt)
    if not 0.0 <= beta <= 1.0 or not -1.0 <= rho <= 1.0 or sigma0 < 0 or vol_of_vol < 0 or s0 <= 0:
        raise ValueError("SABR needs 0<=beta<=1, -1<=rho<=1, sigma0>=0, vol_of_vol>=0, s0>0")
    q_s = torch.randn(n_paths, n_steps, dtype=dtype, device=device, generator=generator)
    q_i = torch.randn(n_paths, n_steps, dtype=dtype, device=device, generator=generator)
    q_v = rho * q_s + (1.0 - rho ** 2) ** 0.5 * q_i
    spot = [torch.full((n_paths,), s0, dtype=dtype, device=device)]
    alpha = [torch.full((n_paths,), sigma0, dtype=dtype, device=device)]
    for k in range(n_steps):
        local = alpha[k] * spot[k] ** (beta - 1.0)  # (N,)
        spot.append(spot[k] * torch.exp((drift - 0.5 * local ** 2) * dt + local * dt ** 0.5 * q_s[:, k]))
        alpha.append(alpha[k] * torch.exp(-0.5 * vol_of_vol ** 2 * dt + vol_of_vol * q_v[:, k] * dt ** 0.5))
    spot_t = torch.stack(spot, 1)  # (N, T+1)
    alpha_t = torch.stack(alpha, 1)
    ttm = torch.clamp((n_steps - torch.arange(n_steps + 1, dtype=dtype, device=device)) * dt, min=dt)
    vol = sabr_implied_vol(spot_t, spot_t, ttm, alpha_t, beta, rho, vol_of_vol)
    return MarketPaths(spot=spot_t, hedge_prices=spot_t.unsqueeze(-1), vol=vol, dt=dt, instruments=("UNDERLYING",))


def sabr_implied_vol(forward: torch.Tensor, strike: torch.Tensor, ttm_years, alpha: torch.Tensor,
                     beta: float, rho: float, vol_of_vol: float) -> torch.Tensor:
    """Hagan et al. (2002) Black implied vol in ANADDH's notation, eqs (54)-(56). Broadcasts.

    Uses the ATM branch sigma*Psi/F^{1-beta} where |ln(F/K)| < 1e-7 (the z/chi(z) limit is 1).
    """
    log_fk = torch.log(forward / strike)
    x = (forward * strike) ** ((1.0 - beta) / 2.0)
    y = (1.0 - beta) * log_fk
    lam = alpha / (x * (1.0 + y ** 2 / 24.0 + y ** 4 / 1920.0))
    psi = 1.0 + ttm_years * ((1.0 - beta) ** 2 * alpha ** 2 / (24.0 * x ** 2)
                             + rho * beta * alpha * vol_of_vol / (4.0 * x)
                             + vol_of_vol ** 2 * (2.0 - 3.0 * rho ** 2) / 24.0)
    atm = torch.abs(log_fk) < 1e-7
    phi = vol_of_vol * x / alpha * log_fk
    safe_phi = torch.where(atm | (vol_of_vol == 0.0), torch.ones_like(phi), phi)
    chi = torch.log((torch.sqrt(1.0 - 2.0 * rho * safe_phi + safe_phi ** 2) + safe_phi - rho) / (1.0 - rho))
    ratio = torch.where(atm | (vol_of_vol == 0.0), torch.ones_like(phi), safe_phi / chi)
    away = lam * psi * ratio
    at_money = alpha * psi / forward ** (1.0 - beta)
    return torch.where(atm, at_money, away)
