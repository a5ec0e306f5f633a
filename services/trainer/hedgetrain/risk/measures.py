"""Convex risk measures of a PnL sample X (positive = gain); rho(X) is the cash needed to make X acceptable.

Shape: every function takes X (N,) and returns a scalar tensor.
"""
from __future__ import annotations

import math

import torch
from scipy.stats import norm


def _check(x: torch.Tensor) -> None:
    if x.dim() != 1 or x.numel() < 2:
        raise ValueError(f"expected a 1-d PnL sample with >= 2 paths, got shape {tuple(x.shape)}")


def value_at_risk(x: torch.Tensor, alpha: float = 0.95) -> torch.Tensor:
    """VaR_alpha: the alpha-quantile of the loss -X (empirical, lower interpolation-free order statistic)."""
    _check(x)
    if not 0 < alpha < 1:
        raise ValueError("alpha must be in (0, 1)")
    losses = torch.sort(-x).values
    idx = min(int(math.ceil(alpha * x.numel())) - 1, x.numel() - 1)
    return losses[max(idx, 0)]


def expected_shortfall(x: torch.Tensor, alpha: float = 0.95) -> torch.Tensor:
    """CVaR_alpha via the OCE form inf_w { w + E[(-X - w)^+] / (1 - alpha) }, minimised exactly at w = VaR_alpha."""
    _check(x)
    if not 0 <= alpha < 1:
        raise ValueError("alpha must be in [0, 1)")
    if alpha == 0:
        return -x.mean()
    w = value_at_risk(x, alpha).detach()
    return oce_cvar(x, w, alpha)


def oce_cvar(x: torch.Tensor, w: torch.Tensor, alpha: float) -> torch.Tensor:
    """w + E[(-X - w)^+] / (1 - alpha): the OCE objective with loss l(y) = y^+ / (1 - alpha) (Buehler Ex. 3.9)."""
    return w + torch.clamp(-x - w, min=0.0).mean() / (1.0 - alpha)


def entropic(x: torch.Tensor, lam: float = 1.0) -> torch.Tensor:
    """(1/lam) log E[exp(-lam X)] (Buehler eq. 3.4), computed stably with logsumexp."""
    _check(x)
    if lam <= 0:
        raise ValueError("lam must be > 0")
    return (torch.logsumexp(-lam * x, 0) - math.log(x.numel())) / lam


def mean_std(x: torch.Tensor, c: float = 1.0) -> torch.Tensor:
    """-E[X] + c std(X)."""
    _check(x)
    return -x.mean() + c * x.std()


def normal_var(mu: float, sd: float, alpha: float) -> float:
    """Closed form VaR_alpha of X ~ N(mu, sd^2)."""
    return -mu + sd * norm.ppf(alpha)


def normal_cvar(mu: float, sd: float, alpha: float) -> float:
    """Closed form CVaR_alpha of X ~ N(mu, sd^2): -mu + sd phi(Phi^{-1}(alpha)) / (1 - alpha)."""
    return -mu + sd * norm.pdf(norm.ppf(alpha)) / (1 - alpha)


def normal_entropic(mu: float, sd: float, lam: float) -> float:
    """Closed form entropic risk of X ~ N(mu, sd^2): -mu + lam sd^2 / 2."""
    return -mu + lam * sd * sd / 2
