"""Evaluation-only diagnostics of the seed paper §4.3 (invariance, robustness, efficiency); never in a loss.

All risks are losses (lower is better); R_e is CVaR95 of the episode loss -PnL in environment e.

* ``per_env_cvar``: R_e per environment (NaN where an environment has fewer than 2 episodes).
* ``invariance_gap``: IG = max_{e,e'} |R_e - R_e'| = max R - min R over the given (test) environments;
  ``invariance_gap_normalised``: IG / (tau_IG + eps), tau_IG = median over ERM seeds of mean_e R_e(ERM)
  (``tau_ig``).
* ``worst_group``: WG_alpha = inf_tau tau + E_e[(R_e - tau)_+] / alpha, environments equally weighted unless
  ``weights``; computed exactly (the infimum of a convex piecewise-linear function is at some R_e). With the
  default alpha = 0.05 and fewer than 20 environments it is the worst environment's risk.
* ``volatility_ratio``: VR = Std_t[R_t] / (E_t[R_t] + eps) of a risk series (``rolling_cvar`` builds one from
  time-ordered losses); population std.
* ``expected_return_efficiency``: ER = E[PnL] / (CVaR95(-PnL) + eps) (the §4.4 form).
* ``turnover_ratio``: TR = E_t ||a_t - a_{t-1}||_2 / (E_t ||a_t||_2 + eps), within episodes (t >= 1).
* ``max_drawdown``: the largest fall of cumulative PnL from its running peak (peak starting at 0), >= 0.
* ``sortino``: mean PnL / sqrt(mean(min(PnL, 0)^2)) (target 0); NaN without downside (degenerate).
* ISI = sum_i alpha_i C~_i with, each a 10% trimmed mean (``trimmed_mean``: cut floor(0.1 n) values each end)
  over its probes:
  C1 = 1 - min(1, Var_e[R_e] / (tau_R + eps)) per probe (population variance over environments);
  C2 = (1 + cos(g_e, g_e')) / 2 per unordered pair of head gradients;
  C3 = 1 - min(1, Disp / (tau_C + eps)), Disp the trimmed mean over (layer, environment) probes of
  |Tr(Sigma_l^{-1} Cov_e[z_l]) / d_l - 1|, Sigma_l the training reference covariance of layer l (d_l units).
  The seed's Disp_e = Tr(Sigma^{-1} Cov_e) equals d_l when nothing moved; we take its relative deviation from
  d_l so that 0 means "no structural drift" (the seed leaves this open).
  Normalisers (``calibrate_normalisers``): tau_R and tau_C = ``scale`` (default 2) x the median over ERM seeds of
  Var_e[R_e] and Disp, so the typical ERM model scores C1 = C3 = 0.5 and a model twice as dispersed 0.
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

import torch

from ..risk.measures import expected_shortfall

EPS = 1e-8
TRIM = 0.10


def trimmed_mean(values: torch.Tensor, trim: float = TRIM) -> torch.Tensor:
    """Mean after dropping floor(trim * n) smallest and largest values (NaNs dropped first). (n,) -> ()."""
    v = values.flatten()
    v = torch.sort(v[~torch.isnan(v)]).values
    if v.numel() == 0:
        raise ValueError("trimmed_mean of no values")
    k = int(math.floor(trim * v.numel()))
    return v[k:v.numel() - k].mean()


def per_env_cvar(pnl: torch.Tensor, env: torch.Tensor, n_envs: int, alpha: float = 0.95) -> torch.Tensor:
    """R_e = CVaR_alpha of -PnL per environment. Shape: pnl (E,), env (E,) long -> (n_envs,), NaN if < 2 episodes."""
    out = torch.full((n_envs,), math.nan, dtype=pnl.dtype, device=pnl.device)
    for e in range(n_envs):
        x = pnl[env == e]
        if x.numel() >= 2:
            out[e] = expected_shortfall(x, alpha)
    return out


def _present(risks: torch.Tensor) -> torch.Tensor:
    r = risks.flatten()
    r = r[~torch.isnan(r)]
    if r.numel() == 0:
        raise ValueError("no environment has a risk")
    return r


def invariance_gap(risks: torch.Tensor) -> torch.Tensor:
    """IG over the environments with a risk (NaN ignored). (K,) -> ()."""
    r = _present(risks)
    return r.max() - r.min()


def tau_ig(erm_risks_per_seed: Sequence[torch.Tensor]) -> float:
    """tau_IG = median over ERM seeds of mean_e R_e."""
    return float(torch.stack([_present(r).mean() for r in erm_risks_per_seed]).median())


def invariance_gap_normalised(risks: torch.Tensor, tau: float, eps: float = EPS) -> torch.Tensor:
    return invariance_gap(risks) / (tau + eps)


def worst_group(risks: torch.Tensor, alpha: float = 0.05, weights: Optional[torch.Tensor] = None) -> torch.Tensor:
    """WG_alpha (module docstring), exact. (K,) -> ()."""
    if not 0 < alpha < 1:
        raise ValueError("alpha must be in (0, 1)")
    r = _present(risks)
    p = torch.full_like(r, 1.0 / r.numel()) if weights is None else weights.to(r)[~torch.isnan(risks.flatten())]
    p = p / p.sum()
    objective = r[:, None] + (p[None, :] * (r[None, :] - r[:, None]).clamp(min=0)).sum(1)[:, None] / alpha
    return objective.min()


def rolling_cvar(losses: torch.Tensor, window: int, alpha: float = 0.95) -> torch.Tensor:
    """R_t: CVaR_alpha of the last ``window`` losses (time-ordered). (N,) -> (N - window + 1,)."""
    if not 2 <= window <= losses.numel():
        raise ValueError("window must be in [2, len(losses)]")
    return torch.stack([expected_shortfall(-w, alpha) for w in losses.unfold(0, window, 1)])


def volatility_ratio(risk_series: torch.Tensor, eps: float = EPS) -> torch.Tensor:
    """VR = Std_t[R_t] / (E_t[R_t] + eps), population std. (N,) -> ()."""
    return risk_series.std(unbiased=False) / (risk_series.mean() + eps)


def expected_return_efficiency(pnl: torch.Tensor, alpha: float = 0.95, eps: float = EPS) -> torch.Tensor:
    """ER = E[PnL] / (CVaR_alpha(-PnL) + eps). (E,) -> ()."""
    return pnl.mean() / (expected_shortfall(pnl, alpha) + eps)


def turnover_ratio(actions: torch.Tensor, eps: float = EPS) -> torch.Tensor:
    """TR of holdings (E, T) or (E, T, K) (K hedge instruments) -> ()."""
    a = actions if actions.dim() == 3 else actions.unsqueeze(-1)
    if a.shape[1] < 2:
        raise ValueError("turnover needs at least 2 steps")
    moves = (a[:, 1:] - a[:, :-1]).norm(dim=-1)
    return moves.mean() / (a.norm(dim=-1).mean() + eps)


def max_drawdown(pnl: torch.Tensor) -> torch.Tensor:
    """Largest peak-to-trough fall of cumulative PnL of a time-ordered sequence, the peak starting at 0. (N,) -> ()."""
    wealth = torch.cat([torch.zeros(1, dtype=pnl.dtype, device=pnl.device), pnl.cumsum(0)])
    return (torch.cummax(wealth, 0).values - wealth).max()


def sortino(pnl: torch.Tensor, eps: float = EPS) -> torch.Tensor:
    """mean / downside deviation sqrt(mean(min(PnL, 0)^2)), target 0. (N,) -> ().

    NaN when there is no downside (deviation below ``eps``): the ratio is then unbounded, and dividing by eps
    would report ~1e9 as if it were a measurement."""
    downside = torch.sqrt((pnl.clamp(max=0) ** 2).mean())
    if downside < eps:
        return torch.tensor(float("nan"), dtype=pnl.dtype, device=pnl.device)
    return pnl.mean() / downside


def c1_global_stability(risks: torch.Tensor, tau_r: float, eps: float = EPS) -> torch.Tensor:
    """C1, trimmed over probes. risks (K,) or (P, K) per probe and environment -> ()."""
    r = risks if risks.dim() == 2 else risks.unsqueeze(0)
    per_probe = torch.stack([_present(row).var(unbiased=False) for row in r])
    return trimmed_mean(1 - torch.clamp(per_probe / (tau_r + eps), max=1.0))


def c2_mechanistic_stability(head_grads: Sequence[torch.Tensor]) -> torch.Tensor:
    """C2: trimmed mean over unordered environment pairs of (1 + cos(g_e, g_e')) / 2. K >= 2 vectors (any shape,
    flattened) -> ()."""
    g = [x.flatten().double() for x in head_grads]
    if len(g) < 2:
        raise ValueError("C2 needs head gradients of at least 2 environments")
    sims = [(1 + torch.nn.functional.cosine_similarity(a, b, dim=0, eps=EPS)) / 2 for a, b in itertools.combinations(g, 2)]
    return trimmed_mean(torch.stack(sims))


def reference_covariance(train_reps: torch.Tensor, ridge: float = 1e-6) -> torch.Tensor:
    """Sigma_l of a layer from training representations (N, d), with ``ridge`` x mean variance on the diagonal."""
    cov = _cov(train_reps.double())
    return cov + ridge * max(float(cov.diagonal().mean()), EPS) * torch.eye(cov.shape[0], dtype=torch.float64)


def _cov(z: torch.Tensor) -> torch.Tensor:
    """Sample covariance (divisor N - 1) of rows. (N, d) -> (d, d)."""
    c = z - z.mean(0)
    return c.T @ c / (z.shape[0] - 1)


def representation_dispersion(env_reps: Sequence[Sequence[torch.Tensor]],
                              references: Sequence[torch.Tensor]) -> torch.Tensor:
    """Disp: trimmed mean over (layer, environment) of |Tr(Sigma_l^{-1} Cov_e[z_l]) / d_l - 1|.

    Args:
        env_reps: per layer l, per environment e, representations (N_e, d_l) (N_e >= 2).
        references: per layer, Sigma_l (d_l, d_l) from :func:`reference_covariance`.
    """
    if len(env_reps) != len(references) or not env_reps:
        raise ValueError("one reference covariance per layer is needed")
    probes = []
    for layer, sigma in zip(env_reps, references):
        inv = torch.linalg.inv(sigma.double())
        for z in layer:
            cov = _cov(z.double())
            probes.append((torch.trace(inv @ cov) / sigma.shape[0] - 1).abs())
    return trimmed_mean(torch.stack(probes))


def c3_structural_stability(dispersion: torch.Tensor, tau_c: float, eps: float = EPS) -> torch.Tensor:
    """C3 = 1 - min(1, Disp / (tau_C + eps)) -> ()."""
    return 1 - torch.clamp(torch.as_tensor(dispersion, dtype=torch.float64) / (tau_c + eps), max=1.0)


@dataclass(frozen=True)
class IsiNormalisers:
    """tau_R (C1), tau_C (C3), tau_IG (IG_norm), calibrated on ERM seeds."""
    tau_r: float
    tau_c: float
    tau_ig: float


def calibrate_normalisers(erm_risks_per_seed: Sequence[torch.Tensor], erm_dispersion_per_seed: Sequence[float],
                          scale: float = 2.0) -> IsiNormalisers:
    """Normalisers from ERM seeds: tau_R = scale x median Var_e[R_e], tau_C = scale x median Disp,
    tau_IG = median mean_e R_e (the seed's definition, unscaled)."""
    variances = torch.stack([_present(r).var(unbiased=False) for r in erm_risks_per_seed])
    return IsiNormalisers(tau_r=scale * float(variances.median()),
                          tau_c=scale * float(torch.as_tensor(list(erm_dispersion_per_seed)).median()),
                          tau_ig=tau_ig(erm_risks_per_seed))


def isi(c1: torch.Tensor, c2: torch.Tensor, c3: torch.Tensor,
        weights: Tuple[float, float, float] = (1 / 3, 1 / 3, 1 / 3)) -> torch.Tensor:
    """ISI = sum_i alpha_i C~_i with weights summing to 1 -> () in [0, 1]."""
    if abs(sum(weights) - 1) > 1e-9 or min(weights) < 0:
        raise ValueError("ISI weights must be >= 0 and sum to 1")
    return sum(w * torch.as_tensor(c, dtype=torch.float64) for w, c in zip(weights, (c1, c2, c3)))
