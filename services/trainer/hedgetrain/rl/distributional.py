"""Quantile critic pieces of GVDH/ANADDH: the quantile Huber loss (seed eqs. 8-10) and risk functionals of a
quantile vector (the actor's objectives: mean - 1.645 std, VaR95, CVaR95).

Quantile levels are the midpoints tau_i = (2i + 1) / (2N) (QR-DQN, Dabney et al. 2018). The seed's weight
rho_tau is read as the asymmetric quantile weight |tau - 1{delta < 0}| of QR-DQN, and the Huber term is divided
by kappa so that kappa -> 0 gives the plain quantile (pinball) loss.
"""
from __future__ import annotations

import torch


def quantile_levels(n_quantiles: int, *, dtype=torch.float32, device="cpu") -> torch.Tensor:
    """Midpoint levels (2i + 1) / (2N). Shape: (N,)."""
    if n_quantiles < 1:
        raise ValueError("n_quantiles must be >= 1")
    return (torch.arange(n_quantiles, dtype=dtype, device=device) + 0.5) / n_quantiles


def quantile_huber_loss(predicted: torch.Tensor, target: torch.Tensor, kappa: float = 1.0) -> torch.Tensor:
    """Mean over the batch of sum_i mean_j |tau_i - 1{u_ij < 0}| H_kappa(u_ij) / kappa, u_ij = target_j - pred_i.

    Shape: predicted (B, N) quantiles at :func:`quantile_levels`; target (B, M) samples (detached by the caller).
    """
    if kappa <= 0:
        raise ValueError("kappa must be > 0")
    taus = quantile_levels(predicted.shape[1], dtype=predicted.dtype, device=predicted.device)
    u = target.unsqueeze(1) - predicted.unsqueeze(2)  # (B, N, M)
    abs_u = u.abs()
    huber = torch.where(abs_u <= kappa, 0.5 * u * u, kappa * (abs_u - 0.5 * kappa))  # eq. (10)
    weight = (taus.view(1, -1, 1) - (u.detach() < 0).to(u.dtype)).abs()
    return (weight * huber / kappa).mean(2).sum(1).mean()


def quantile_risk(quantiles: torch.Tensor, measure: str) -> torch.Tensor:
    """Risk of the return distribution given by its N quantiles (higher = worse), for the actor to minimise.

    ``mean_std``: -(mean - 1.645 std); ``var95``: minus the 5% quantile; ``cvar95``: minus the mean of the
    quantiles at levels <= 5% (at least one). Shape: quantiles (B, N) -> (B,).
    """
    n = quantiles.shape[1]
    if measure == "mean_std":
        return -(quantiles.mean(1) - 1.645 * quantiles.std(1, unbiased=False))
    sorted_q = torch.sort(quantiles, 1).values
    tail = max(1, int(0.05 * n))
    if measure == "var95":
        return -sorted_q[:, tail - 1]
    if measure == "cvar95":
        return -sorted_q[:, :tail].mean(1)
    raise ValueError(f"unknown risk measure {measure!r}; use mean_std, var95 or cvar95")
