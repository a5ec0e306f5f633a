"""Synthetic stress episodes: Heston with Merton jumps calibrated to SPY 2010-2023, regimes by the real bands.

Calibration (:func:`calibrate`, its output on the shared data frozen in ``SPY_2010_2023``), method of moments on
SPY daily log returns r_d and the VIX variance proxy V_d = (VIX_d / 100)^2 of 2010-01-01..2023-12-31:

* jumps: days with |r_d| > 4 x the previous day's realised 20-day vol / sqrt(252); intensity = their count per
  year, log-jump mean and std = their mean and std;
* theta (long-run variance) = 252 x mean r_d^2 over the other days (physical, diffusive);
* kappa = -252 ln(phi), phi the OLS AR(1) slope of V_{d+1} on V_d;
* xi = std of the AR(1) residuals / sqrt(mean V x dt); rho = corr(r_d, V_{d+1} - V_d);
* rate = mean continuous DTB3 rate.

kappa, xi and rho come from VIX (a risk-neutral 30-day variance), a stated proxy for the physical variance
process; keep that in mind when reading synthetic results.

Regimes: a path of regime ``e`` starts at, and mean-reverts to, its regime's level (``REGIME_VOL``: the middle
of the band; Heston theta_e = v0_e = REGIME_VOL[e]^2) with the calibrated kappa, xi, rho and jumps; ``"mixed"``
draws the regime per path uniformly. ``warmup`` days (default 20) are simulated before each episode so that the
trailing features and labels exist at its first close; the day labels are then the real data's bands on the
simulated realised vol, and an episode's environment the same label rule as real data (it may differ from the
regime it was drawn from). Liquidity: the CRISIS days are the illiquid ones, and the cost model's CRISIS
multiplier and widened spread are the liquidity stress. ``margin_outflow`` (a fraction of the initial spot, off
by default) is the Crisis-only episode-level margin ablation: subtracted once from the PnL of CRISIS episodes.

The liability is priced with the model's 30-day expected vol sqrt(theta + (V - theta)(1 - e^{-kappa tau}) /
(kappa tau)), tau = 30/365, a VIX analogue; a step is 1/252 year, so the held call's time to maturity falls from
60/365 to 60/365 - 1/252 between closes.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass
from typing import Optional, Union

import torch

from ..features.rolling import rolling_features
from ..instruments.black_scholes import bs_price
from ..markets.heston import HestonParams, simulate_heston
from ..markets.merton import add_merton_jumps
from .environments import (FEATURE_NAMES, REBASE_SPOT, TENOR_DAYS, VOL_REGIMES, CostModel, EpisodeSet,
                           context_tensor, env_names, episode_labels, liability_greeks, vol_regime)

DT = 1.0 / 252.0
VIX_TENOR_YEARS = 30.0 / 365.0
REGIME_VOL = {"LOW": 0.08, "MEDIUM": 0.175, "HIGH": 0.325, "CRISIS": 0.55}
JUMP_THRESHOLD_SIGMAS = 4.0


@dataclass(frozen=True)
class SyntheticCalibration:
    """Heston (kappa, theta, xi, rho per year) + Merton (intensity per year, log-jump mean/std) + flat rate."""
    kappa: float
    theta: float
    xi: float
    rho: float
    jump_intensity: float
    jump_mean: float
    jump_std: float
    rate: float


SPY_2010_2023 = SyntheticCalibration(kappa=14.213, theta=0.028977, xi=1.0535, rho=-0.70127,
                                     jump_intensity=1.4310, jump_mean=-0.025070, jump_std=0.023488, rate=0.0095556)
"""``calibrate`` on the shared data (SPY, VIX, DTB3; 2010-2023); tests recompute it when the data is present."""


def calibrate(data_dir: Optional[Union[str, os.PathLike]] = None, start: str = "2010-01-01",
              end: str = "2023-12-31") -> SyntheticCalibration:
    """Method-of-moments calibration (module docstring) on the data directory's SPY, VIX and DTB3."""
    from .data import daily_panel
    panel = daily_panel(None if data_dir is None else str(data_dir))
    idx = torch.tensor([i for i, d in enumerate(panel.dates) if start <= d <= end], dtype=torch.long)
    close, variance = panel.close[idx], panel.vol[idx] ** 2
    r = torch.log(close[1:] / close[:-1])  # r[k]: move into day idx[k+1]
    prev_vol = panel.rolling[idx[:-1], 1] / math.sqrt(252.0)
    jump = r.abs() > JUMP_THRESHOLD_SIGMAS * prev_vol
    years = len(idx) / 252.0
    x, y = variance[:-1], variance[1:]
    phi = float(((x - x.mean()) * (y - y.mean())).sum() / ((x - x.mean()) ** 2).sum())
    resid = y - (y.mean() + phi * (x - x.mean()))
    dv = y - x
    rho = float(((r - r.mean()) * (dv - dv.mean())).mean() / (r.std(unbiased=False) * dv.std(unbiased=False)))
    return SyntheticCalibration(kappa=-252.0 * math.log(phi), theta=float(252.0 * (r[~jump] ** 2).mean()),
                                xi=float(resid.std() / math.sqrt(float(variance.mean()) * DT)), rho=rho,
                                jump_intensity=float(jump.sum()) / years, jump_mean=float(r[jump].mean()),
                                jump_std=float(r[jump].std()), rate=float(panel.rate[idx].mean()))


def model_implied_vol(variance: torch.Tensor, kappa: float, theta: float) -> torch.Tensor:
    """sqrt of the expected mean variance over the next 30 days (a VIX analogue). Shape: (...) -> (...)."""
    w = (1.0 - math.exp(-kappa * VIX_TENOR_YEARS)) / (kappa * VIX_TENOR_YEARS)
    return torch.sqrt(torch.clamp(theta + (variance - theta) * w, min=1e-8))


def synthetic_episodes(n: int, seed: int, regime: str = "mixed", length: int = 60,
                       calibration: SyntheticCalibration = SPY_2010_2023, jumps: bool = True,
                       cost: CostModel = CostModel(), margin_outflow: float = 0.0, label_rule: str = "majority",
                       env_by: str = "vol", warmup: int = 20) -> EpisodeSet:
    """``n`` synthetic episodes of ``length`` daily steps (module docstring), float64, seeded by ``seed``.

    Shape:
        EpisodeSet with E = n, T = length; spot starts at 100.
    """
    if regime != "mixed" and regime not in VOL_REGIMES:
        raise ValueError(f"regime must be 'mixed' or one of {VOL_REGIMES}, got {regime!r}")
    if n < 1 or length < 1 or warmup < 20 or margin_outflow < 0:
        raise ValueError("n, length >= 1, warmup >= 20 and margin_outflow >= 0 required")
    gen = torch.Generator().manual_seed(seed)
    drawn = (torch.randint(len(VOL_REGIMES), (n,), generator=gen) if regime == "mixed"
             else torch.full((n,), VOL_REGIMES.index(regime), dtype=torch.long))
    c = calibration
    spot = torch.empty(n, warmup + length + 1, dtype=torch.float64)
    variance = torch.empty_like(spot)
    theta = torch.empty(n, dtype=torch.float64)
    for k, name in enumerate(VOL_REGIMES):
        rows = (drawn == k).nonzero().flatten()
        if len(rows) == 0:
            continue
        level = REGIME_VOL[name] ** 2
        params = HestonParams(s0=REBASE_SPOT, v0=level, kappa=c.kappa, theta=level, xi=c.xi, rho=c.rho)
        paths = simulate_heston(len(rows), warmup + length, DT, params=params, dtype=torch.float64, generator=gen)
        if jumps:
            paths = add_merton_jumps(paths, intensity_per_year=c.jump_intensity, mean_log_jump=c.jump_mean,
                                     std_log_jump=c.jump_std, generator=gen)
        spot[rows], variance[rows], theta[rows] = paths.spot, paths.variance, level
    rolling = rolling_features(spot, torch.ones_like(spot))[:, warmup:warmup + length]  # (E, T, 6)
    spot = spot[:, warmup:] * (REBASE_SPOT / spot[:, warmup:warmup + 1])  # (E, T+1), rebased
    implied = model_implied_vol(variance[:, warmup:], c.kappa, theta[:, None])  # (E, T+1)
    day_regime = vol_regime(rolling[..., 1])
    illiquid = day_regime == VOL_REGIMES.index("CRISIS")
    tau0 = TENOR_DAYS / 365.0
    strike, is_call = spot[:, :-1], torch.ones_like(spot[:, :-1], dtype=torch.bool)
    opened = bs_price(spot[:, :-1], strike, tau0, implied[:, :-1], is_call, c.rate)
    closed = bs_price(spot[:, 1:], strike, tau0 - DT, implied[:, 1:], is_call, c.rate)
    liability = torch.cat([torch.zeros(n, 1, dtype=torch.float64), torch.cumsum(closed - opened, 1)], 1)
    ttm = torch.full_like(strike, tau0)
    book_delta, book_gamma, book_vega, vega = liability_greeks(strike, ttm, implied[:, :-1],
                                                               torch.full_like(strike, c.rate))
    features = torch.cat([rolling[..., :5], torch.stack([book_delta, book_gamma, book_vega, ttm], -1)], -1)
    env = episode_labels(day_regime, illiquid, label_rule, env_by)
    crisis = (env if env_by == "vol" else env // 2) == VOL_REGIMES.index("CRISIS")
    margin = torch.where(crisis, torch.tensor(margin_outflow * REBASE_SPOT, dtype=torch.float64),
                         torch.tensor(0.0, dtype=torch.float64))
    return EpisodeSet(name=f"synthetic:{regime}", env=env, env_names=env_names(env_by), spot=spot, features=features,
                      feature_names=list(FEATURE_NAMES), context=context_tensor(day_regime, illiquid),
                      liability_value=liability, liability_delta=book_delta, liability_vega=vega,
                      cost_rate=cost.rate(day_regime, illiquid), dt=DT, margin_outflow=margin, regime=day_regime)
