"""The contract's regime context features (``regime_low`` .. ``regime_crisis``, ``illiquid``), vectorised.

These are the HIRM study's context r (hedgetrain.robust: ``context_tensor``) written as contract rolling
features, so the engine can serve a robust policy. Definitions (schemas/policy/features.json; the Java
engine's ``io.hedgestream.market.RollingFeatures`` is the same), with the daily series of
``hedgetrain.features.rolling``:

* ``regime_<band>``: 1.0 when ``realized_vol_20d`` is in the band, else 0.0. Bands (annualised vol):
  LOW < 10% <= MEDIUM < 25% <= HIGH <= 40% < CRISIS: an edge goes to the higher band, except 40% exactly, which
  is HIGH. Undefined (NaN) while ``realized_vol_20d`` is (fewer than 21 closes).
* ``illiquid``: 1.0 when ``amihud_20d`` of day t is strictly above the 75th percentile of the defined
  ``amihud_20d`` values of days t-251..t (day t included), else 0.0. The percentile is torch's ``nanquantile``
  with linear interpolation: with the m defined values sorted ascending v[0..m-1], rank = 0.75 (m - 1),
  lo = floor(rank), w = rank - lo, threshold = lerp(v[lo], v[ceil(rank)], w), where lerp(a, b, w) = a + w (b - a)
  for w < 0.5 and b - (b - a)(1 - w) otherwise. Undefined when ``amihud_20d`` of day t is undefined or fewer
  than 20 values of the window are defined (warm-up: from 40 closes; exactly the trainer's window from 272).

``hedgetrain.robust.data.trailing_illiquid`` returns False where this is undefined (NaN); the two agree on every
day where this is defined (tests/features/test_regime.py checks it on the SPY panel).
"""
from __future__ import annotations

import math
from typing import Tuple

import torch
import torch.nn.functional as F

from .rolling import RETURN_WINDOW, ROLLING_FEATURES, rolling_features

REGIME_CONTEXT_FEATURES: Tuple[str, ...] = ("regime_low", "regime_medium", "regime_high", "regime_crisis",
                                            "illiquid")
VOL_BANDS: Tuple[float, ...] = (0.10, 0.25, 0.40)
ILLIQUID_LOOKBACK = 252
ILLIQUID_QUANTILE = 0.75
ILLIQUID_MIN_VALUES = 20
HISTORY_CLOSES = ILLIQUID_LOOKBACK + RETURN_WINDOW
"""Closes (the current day's included) after which every rolling feature has its full window: the illiquid
flag's 252 daily Amihud values each need 21 closes."""

_RV, _AMIHUD = 1, 5  # columns of rolling_features


def regime_one_hot(realized_vol: torch.Tensor) -> torch.Tensor:
    """One-hot band of each annualised vol, NaN rows where the vol is NaN. Shape: (...) -> (..., 4) float64."""
    rv = torch.as_tensor(realized_vol, dtype=torch.float64)
    ids = (rv >= VOL_BANDS[0]).long() + (rv >= VOL_BANDS[1]).long() + (rv > VOL_BANDS[2]).long()
    out = F.one_hot(ids, len(VOL_BANDS) + 1).to(torch.float64)
    return torch.where(torch.isnan(rv).unsqueeze(-1), torch.full_like(out, math.nan), out)


def illiquid_flag(amihud: torch.Tensor) -> torch.Tensor:
    """1.0 / 0.0 / NaN per day from the daily ``amihud_20d`` series (module docstring). Shape: (..., T) -> (..., T)."""
    a = torch.as_tensor(amihud, dtype=torch.float64)
    lead, t = a.shape[:-1], a.shape[-1]
    a2 = a.reshape(-1, t)  # (B, T)
    windows = F.pad(a2, (ILLIQUID_LOOKBACK - 1, 0), value=math.nan).unfold(-1, ILLIQUID_LOOKBACK, 1)  # (B, T, L)
    defined = (~torch.isnan(windows)).sum(-1)  # (B, T)
    threshold = torch.nanquantile(windows, ILLIQUID_QUANTILE, dim=-1)  # (B, T)
    flag = (a2 > threshold).to(torch.float64)
    undefined = torch.isnan(a2) | (defined < ILLIQUID_MIN_VALUES)
    return torch.where(undefined, torch.full_like(flag, math.nan), flag).reshape(*lead, t)


def regime_context_from_rolling(rolling: torch.Tensor) -> torch.Tensor:
    """The five context features from the six rolling features of consecutive days.

    Shape: (..., T, 6) -> (..., T, 5) float64."""
    return torch.cat([regime_one_hot(rolling[..., _RV]), illiquid_flag(rolling[..., _AMIHUD]).unsqueeze(-1)], -1)


def regime_context_features(close, volume) -> torch.Tensor:
    """The five context features of every day of every path (``REGIME_CONTEXT_FEATURES`` order).

    Shape:
        close, volume: (..., T) -> (..., T, 5) float64, NaN where undefined.
    """
    return regime_context_from_rolling(rolling_features(close, volume))


ALL_ROLLING_FEATURES: Tuple[str, ...] = ROLLING_FEATURES + REGIME_CONTEXT_FEATURES
"""Every contract feature of source ``rolling``, in contract order (the Java ``RollingFeature`` enum's order)."""


def all_rolling_features(close, volume) -> torch.Tensor:
    """The six rolling features followed by the five context features. Shape: (..., T) -> (..., T, 11) float64."""
    rolling = rolling_features(close, volume)
    return torch.cat([rolling, regime_context_from_rolling(rolling)], -1)
