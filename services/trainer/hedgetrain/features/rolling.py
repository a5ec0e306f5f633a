"""The contract's ``rolling`` features from daily closes and volumes, vectorised over paths and days.

Definitions (schemas/policy/features.json, ``conventions.rolling``; the Java engine's
``io.hedgestream.market.RollingFeatures`` is the same): with daily closes ``C`` and volumes ``V`` and
``r_d = ln(C_d / C_{d-1})``, the features of day ``t`` use days ``<= t`` only:

* ``ret_1d = r_t`` (from 2 closes),
* ``realized_vol_20d = sqrt(252) * std(r_{t-19..t}, ddof=1)`` (from 21 closes),
* ``drawdown = C_t / max(C_{t-251..t}) - 1``, over the closes available while fewer than 252 (from 1 close),
* ``momentum_20d = ln(C_t / C_{t-20})`` (from 21 closes),
* ``cvar95_20d = -min(r_{t-19..t})`` (from 21 closes),
* ``amihud_20d = 1e6 * mean(|r_d| / (C_d V_d))`` over the window's days with ``V_d > 0`` (from 21 closes;
  NaN when no day of the window traded).

Undefined values are NaN (the engine's warm-up fallback). The engine's ``C_t`` is the decision day's close so
far; a daily series evaluated at its own close is the same thing.
"""
from __future__ import annotations

import math
from typing import Tuple

import numpy as np
import torch
import torch.nn.functional as F

ROLLING_FEATURES: Tuple[str, ...] = ("ret_1d", "realized_vol_20d", "drawdown", "momentum_20d", "cvar95_20d",
                                     "amihud_20d")
RETURN_WINDOW = 20
DRAWDOWN_WINDOW = 252
TRADING_DAYS_PER_YEAR = 252
AMIHUD_SCALE = 1e6


def _nan_front(x: torch.Tensor, total: int) -> torch.Tensor:
    """Left-pad the last dim of ``x`` with NaN up to ``total`` (days before a window fills)."""
    return F.pad(x, (total - x.shape[-1], 0), value=math.nan)


def rolling_features(close, volume) -> torch.Tensor:
    """The six rolling features of every day of every path.

    Args:
        close: daily closes, > 0, tensor or array of shape (..., T), oldest first.
        volume: daily volumes, >= 0, same shape.

    Returns:
        float64 tensor (..., T, 6) in ``ROLLING_FEATURES`` order; NaN where a feature is undefined.

    Shape:
        close, volume: (..., T) -> (..., T, 6)
    """
    c = torch.as_tensor(close, dtype=torch.float64)
    v = torch.as_tensor(volume, dtype=torch.float64)
    if c.shape != v.shape or c.dim() == 0:
        raise ValueError(f"close {tuple(c.shape)} and volume {tuple(v.shape)} must have the same shape (..., T)")
    if not bool(torch.all(c > 0)):
        raise ValueError("closes must be > 0")
    lead, t = c.shape[:-1], c.shape[-1]
    c2, v2 = c.reshape(-1, t), v.reshape(-1, t)  # (B, T)
    r = torch.log(c2[:, 1:] / c2[:, :-1])  # (B, T-1): r[:, d-1] = r_d
    out = torch.full((c2.shape[0], t, len(ROLLING_FEATURES)), math.nan, dtype=torch.float64)
    out[:, :, 0] = _nan_front(r, t)
    out[:, :, 2] = c2 / _trailing_max(c2, DRAWDOWN_WINDOW) - 1
    if t > RETURN_WINDOW:
        windows = r.unfold(-1, RETURN_WINDOW, 1)  # (B, T-20, 20): window ending at day 20..T-1
        out[:, :, 1] = _nan_front(math.sqrt(TRADING_DAYS_PER_YEAR) * windows.std(-1, unbiased=True), t)
        out[:, :, 3] = _nan_front(torch.log(c2[:, RETURN_WINDOW:] / c2[:, :-RETURN_WINDOW]), t)
        out[:, :, 4] = _nan_front(-windows.min(-1).values, t)
        out[:, :, 5] = _nan_front(_amihud(r, c2[:, 1:], v2[:, 1:]), t)
    return out.reshape(*lead, t, len(ROLLING_FEATURES))


def _trailing_max(c: torch.Tensor, window: int) -> torch.Tensor:
    """max(c[d-window+1 .. d]) for every day d, over what exists before the window fills. (B, T) -> (B, T)."""
    padded = F.pad(c, (window - 1, 0), value=-math.inf).unsqueeze(1)  # (B, 1, T + window - 1)
    return F.max_pool1d(padded, kernel_size=window, stride=1).squeeze(1)


def _amihud(r: torch.Tensor, c: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """1e6 x mean of |r_d| / (C_d V_d) over each 20-day window's days with V_d > 0. (B, T-1) -> (B, T-20)."""
    traded = v > 0
    ratio = torch.where(traded, r.abs() / (c * torch.where(traded, v, torch.ones_like(v))), torch.zeros_like(r))
    total = ratio.unfold(-1, RETURN_WINDOW, 1).sum(-1)
    days = traded.to(torch.float64).unfold(-1, RETURN_WINDOW, 1).sum(-1)
    return torch.where(days > 0, AMIHUD_SCALE * total / days.clamp(min=1), torch.full_like(total, math.nan))


def rolling_features_numpy(close, volume) -> np.ndarray:
    """``rolling_features`` for numpy callers: (..., T) arrays -> float64 array (..., T, 6)."""
    return rolling_features(np.asarray(close, dtype=np.float64), np.asarray(volume, dtype=np.float64)).numpy()
