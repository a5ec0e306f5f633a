"""Heston model with a variance swap as second hedging instrument (Buehler et al. 5.2).

Scheme: Andersen's Quadratic-Exponential (QE) scheme for the CIR variance (psi_c = 1.5),
which keeps V >= 0 and matches the exact conditional mean and variance of V, and Andersen's
log-spot step with gamma1 = gamma2 = 1/2 plus his martingale correction K0*, which makes the
simulated spot an exact discrete-time martingale. The integrated variance uses the trapezoid
rule on the fine grid (``substeps`` per decision step).

Pricing: COS method (Fang & Oosterlee 2008) on the Heston characteristic function in the
"little trap" form (Albrecher et al. 2007), vectorised in torch; also used for the model hedge
delta^1 = du/ds, delta^2 = (du/dv) / (dL/dv) of Buehler eq. (5.6).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional

import torch

from .paths import MarketPaths, check_grid


@dataclass(frozen=True)
class HestonParams:
    """dS = sqrt(V) S dB, dV = kappa (theta - V) dt + xi sqrt(V) dW, d<B,W> = rho dt (Buehler: alpha=kappa, b=theta, sigma=xi)."""
    s0: float = 100.0
    v0: float = 0.04
    kappa: float = 1.0
    theta: float = 0.04
    xi: float = 2.0
    rho: float = -0.7

    def __post_init__(self):
        if self.s0 <= 0 or self.v0 < 0 or self.kappa <= 0 or self.theta < 0 or self.xi <= 0 or not -1 <= self.rho <= 1:
            raise ValueError(f"invalid Heston parameters {self}")


VARSWAP_NOTIONAL = 100.0
"""One traded VARSWAP unit is 100 x S^2 (Buehler's S^2_t = E[int_0^T V ds | F_t]); the scaling only rescales holdings,
so that the model hedge in variance swaps is O(1-10) units rather than O(500) and networks see comparable inputs."""


def varswap_adjustment(ttm_years, variance, params: HestonParams):
    """L(t, v) = (v - b)/alpha (1 - e^{-alpha (T-t)}) + b (T - t): expected remaining integrated variance."""
    k, th = params.kappa, params.theta
    decay = 1.0 - torch.exp(-k * torch.as_tensor(ttm_years, dtype=variance.dtype, device=variance.device))
    return (variance - th) / k * decay + th * ttm_years


def varswap_dl_dv(ttm_years, params: HestonParams):
    """dL/dv = (1 - e^{-alpha (T-t)}) / alpha."""
    return (1.0 - math.exp(-params.kappa * ttm_years)) / params.kappa


def simulate_heston(n_paths: int, n_steps: int, dt: float, *, params: HestonParams = HestonParams(),
                    substeps: int = 1, dtype: torch.dtype = torch.float32, device="cpu",
                    generator: Optional[torch.Generator] = None) -> MarketPaths:
    """Simulate (S^1, S^2) with S^2_t = int_0^t V ds + L(t, V_t), the variance swap maturing at T = n_steps*dt,
    traded in units of ``VARSWAP_NOTIONAL`` x S^2.

    Shape:
        returns MarketPaths with spot (N, T+1), hedge_prices (N, T+1, 2) [UNDERLYING, VARSWAP],
        variance (N, T+1), vol = sqrt(variance).
    """
    check_grid(n_paths, n_steps, dt)
    if substeps < 1:
        raise ValueError("substeps must be >= 1")
    h = dt / substeps
    p = params
    ex = math.exp(-p.kappa * h)
    c1 = p.xi ** 2 * ex * (1 - ex) / p.kappa
    c2 = p.theta * p.xi ** 2 * (1 - ex) ** 2 / (2 * p.kappa)
    g1 = g2 = 0.5
    k1 = g1 * h * (p.kappa * p.rho / p.xi - 0.5) - p.rho / p.xi
    k2 = g2 * h * (p.kappa * p.rho / p.xi - 0.5) + p.rho / p.xi
    k3 = g1 * h * (1 - p.rho ** 2)
    k4 = g2 * h * (1 - p.rho ** 2)
    a_mgf = k2 + 0.5 * k4

    log_s = torch.full((n_paths,), math.log(p.s0), dtype=dtype, device=device)
    v = torch.full((n_paths,), p.v0, dtype=dtype, device=device)
    integrated = torch.zeros(n_paths, dtype=dtype, device=device)
    spots, variances, integrals = [log_s.exp()], [v], [integrated]
    for _ in range(n_steps):
        for _ in range(substeps):
            m = p.theta + (v - p.theta) * ex
            s2 = v * c1 + c2
            psi = s2 / torch.clamp(m * m, min=1e-30)
            uni = torch.rand(n_paths, dtype=dtype, device=device, generator=generator)
            zv = torch.randn(n_paths, dtype=dtype, device=device, generator=generator)
            zs = torch.randn(n_paths, dtype=dtype, device=device, generator=generator)
            quad = psi <= 1.5
            # quadratic branch: V' = a (b + Z)^2
            inv_psi = 1.0 / torch.clamp(psi, min=1e-12)
            b2 = torch.clamp(2 * inv_psi - 1 + torch.sqrt(2 * inv_psi) * torch.sqrt(torch.clamp(2 * inv_psi - 1, min=0.0)), min=0.0)
            a = m / (1 + b2)
            v_quad = a * (torch.sqrt(b2) + zv) ** 2
            # exponential branch: V' = 0 w.p. pp, else Exp(beta)
            pp = (psi - 1) / (psi + 1)
            beta = (1 - pp) / torch.clamp(m, min=1e-30)
            v_exp = torch.where(uni <= pp, torch.zeros_like(v),
                                torch.log(torch.clamp((1 - pp) / torch.clamp(1 - uni, min=1e-30), min=1.0)) / beta)
            v_next = torch.where(quad, v_quad, v_exp)
            # martingale correction K0* = -log E[exp(A V')] - (K1 + K3/2) V
            log_mgf_quad = a_mgf * b2 * a / (1 - 2 * a_mgf * a) - 0.5 * torch.log(1 - 2 * a_mgf * a)
            log_mgf_exp = torch.log(pp + beta * (1 - pp) / (beta - a_mgf))
            k0 = -torch.where(quad, log_mgf_quad, log_mgf_exp) - (k1 + 0.5 * k3) * v
            log_s = log_s + k0 + k1 * v + k2 * v_next + torch.sqrt(torch.clamp(k3 * v + k4 * v_next, min=0.0)) * zs
            integrated = integrated + 0.5 * h * (v + v_next)
            v = v_next
        spots.append(log_s.exp())
        variances.append(v)
        integrals.append(integrated)
    spot = torch.stack(spots, 1)  # (N, T+1)
    var = torch.stack(variances, 1)
    integ = torch.stack(integrals, 1)
    ttm = (n_steps - torch.arange(n_steps + 1, dtype=dtype, device=device)) * dt  # (T+1,)
    varswap = VARSWAP_NOTIONAL * (integ + varswap_adjustment(ttm, var, p))
    prices = torch.stack([spot, varswap], dim=-1)  # (N, T+1, 2)
    return MarketPaths(spot=spot, hedge_prices=prices, vol=torch.sqrt(var), dt=dt,
                       instruments=("UNDERLYING", "VARSWAP"), variance=var)


def heston_log_cf(u: torch.Tensor, ttm_years, variance: torch.Tensor, params: HestonParams):
    """log E[exp(i u ln(S_T/S_t))] and D(u) (the coefficient of v), little-trap form. Broadcasts u with variance.

    Shape:
        u: complex (..., J); variance: (..., 1) -> both outputs (..., J) complex.
    """
    kap, th, xi, rho = params.kappa, params.theta, params.xi, params.rho
    iu = 1j * u
    beta = kap - rho * xi * iu
    d = torch.sqrt(beta * beta + xi ** 2 * (iu + u * u))
    g = (beta - d) / (beta + d)
    e = torch.exp(-d * ttm_years)
    big_c = kap * th / xi ** 2 * ((beta - d) * ttm_years - 2.0 * torch.log((1 - g * e) / (1 - g)))
    big_d = (beta - d) / xi ** 2 * (1 - e) / (1 - g * e)
    return big_c + big_d * variance, big_d


def heston_call_cos(spot: torch.Tensor, strike, ttm_years: float, variance: torch.Tensor,
                    params: HestonParams, n_terms: int = 1024, width: float = 12.0):
    """European call price, delta du/ds and du/dv under Heston (zero rates) by the COS method.

    Prices the put on y = ln(S_T/K) truncated to [c1 -/+ width*sqrt(c2 + sqrt(c4))] around x = ln(S/K)
    (cumulants from finite differences of the log characteristic function) and uses put-call parity.

    Shape:
        spot, variance: (N,) float64 (other dtypes are promoted); returns three (N,) tensors.
    """
    if ttm_years <= 0:
        raise ValueError("ttm_years must be > 0 (use the payoff at expiry)")
    out_dtype = spot.dtype
    s = spot.to(torch.float64)
    v = torch.clamp(variance.to(torch.float64), min=0.0)
    k = torch.as_tensor(strike, dtype=torch.float64, device=s.device)
    x = torch.log(s / k)  # (N,)
    hh = torch.tensor([1e-2, 2e-2], dtype=torch.complex128, device=s.device)
    lc, _ = heston_log_cf(hh.unsqueeze(0), ttm_years, v.unsqueeze(1).to(torch.complex128), params)  # (N, 2)
    f1, f2 = lc[:, 0], lc[:, 1]
    h = 1e-2
    c1 = f1.imag / h
    # Re log phi(h) = -c2 h^2/2 + c4 h^4/24  -> solve with two step sizes
    r1, r2 = f1.real, f2.real
    c4 = torch.clamp((r2 - 4 * r1) * 24 / (h ** 4 * (16 - 4)), min=0.0)
    c2 = torch.clamp(-2 * (r1 - c4 * h ** 4 / 24) / h ** 2, min=1e-12)
    half = width * torch.sqrt(c2 + torch.sqrt(c4))
    a = x + c1 - half
    b = x + c1 + half
    a = torch.minimum(a, torch.full_like(a, -1e-8))
    b = torch.maximum(b, torch.full_like(b, 1e-8))
    span = (b - a).unsqueeze(1)  # (N, 1)
    j = torch.arange(n_terms, dtype=torch.float64, device=s.device).unsqueeze(0)  # (1, J)
    w = j * math.pi / span  # (N, J)
    aa = a.unsqueeze(1)
    # chi, psi on [a, 0] for the put payoff K (1 - e^y)^+
    d0 = torch.zeros_like(aa)
    chi = (torch.cos(w * (d0 - aa)) * 1.0 - torch.cos(w * 0.0) * torch.exp(aa)
           + w * torch.sin(w * (d0 - aa)) * 1.0 - w * torch.sin(w * 0.0) * torch.exp(aa)) / (1 + w * w)
    safe_w = torch.where(j == 0, torch.ones_like(w), w)
    psi = torch.where(j == 0, (d0 - aa).expand_as(w), (torch.sin(safe_w * (d0 - aa)) - torch.sin(safe_w * 0.0)) / safe_w)
    coeff = 2.0 / span * k * (psi - chi)  # (N, J) put coefficients V_k
    coeff[:, 0] *= 0.5
    logphi, big_d = heston_log_cf(w.to(torch.complex128), ttm_years, v.unsqueeze(1).to(torch.complex128), params)
    rot = torch.exp(logphi + 1j * w * (x.unsqueeze(1) - aa))  # (N, J)
    put = (rot.real * coeff).sum(1)
    dput_dx = ((1j * w * rot).real * coeff).sum(1)
    dput_dv = ((big_d * rot).real * coeff).sum(1)
    call = put + s - k
    delta = dput_dx / s + 1.0
    return call.to(out_dtype), delta.to(out_dtype), dput_dv.to(out_dtype)


def heston_call_quad(spot: float, strike: float, ttm_years: float, variance: float, params: HestonParams) -> float:
    """Reference call price by adaptive quadrature of the Lewis (2001) formula (scipy), scalar inputs."""
    from scipy.integrate import quad
    import numpy as np

    k = math.log(spot / strike)

    def integrand(u):
        z = torch.tensor([u - 0.5j], dtype=torch.complex128)
        lc, _ = heston_log_cf(z, ttm_years, torch.tensor([variance], dtype=torch.complex128), params)
        return float((np.exp(1j * u * k) * np.exp(complex(lc[0]))).real / (u * u + 0.25))

    integral, _ = quad(integrand, 0.0, np.inf, limit=2000, epsabs=1e-11, epsrel=1e-10)
    return spot - math.sqrt(spot * strike) / math.pi * integral
