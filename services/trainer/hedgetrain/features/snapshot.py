"""Features from one raw engine snapshot (the parity-vector path): epoch micros -> ttm years -> contract features."""
from __future__ import annotations

from typing import Any, Dict, List

import torch

from ..instruments.book import OptionBook
from .builders import FeatureSet
from .regime import all_rolling_features
from .state import HedgeState

MICROS_PER_YEAR = 365.0 * 86400.0 * 1e6


def snapshot_state(snapshot: Dict[str, Any], instruments: List[str]) -> HedgeState:
    """Build a one-row float64 :class:`HedgeState` from an engine snapshot dict.

    Keys: spot, atmVol, rate, dividendYield, nowEpochMicros, options [{type, strike, expiryEpochMicros,
    multiplier, deskQuantity}], holdings {instrument: units}, and optionally rolling {closes, volumes}: the
    symbol's daily series, oldest first, the decision day's close so far last (the rolling features' input).
    Holdings are divided by the book scale.
    """
    opts = snapshot["options"]
    if not opts:
        raise ValueError("snapshot has no options: nothing to hedge")
    now = snapshot["nowEpochMicros"]
    f64 = torch.float64
    row = lambda xs: torch.tensor([xs], dtype=f64)  # noqa: E731
    book = OptionBook(strike=row([o["strike"] for o in opts]),
                      expiry_years=row([(o["expiryEpochMicros"] - now) / MICROS_PER_YEAR for o in opts]),
                      is_call=torch.tensor([[o["type"].upper() == "CALL" for o in opts]]),
                      desk_quantity=row([o["deskQuantity"] for o in opts]),
                      multiplier=row([o["multiplier"] for o in opts]))
    scale = book.scale(0.0)
    if float(scale[0]) <= 0:
        raise ValueError("snapshot book has zero scale (all options expired or zero quantity)")
    holdings = torch.tensor([[snapshot["holdings"].get(i, 0.0) for i in instruments]], dtype=f64) / scale.unsqueeze(1)
    spot = torch.tensor([snapshot["spot"]], dtype=f64)
    series = snapshot.get("rolling")
    rolling = None if series is None else all_rolling_features(series["closes"], series["volumes"])[-1:]  # (1, R)
    return HedgeState(time_years=0.0, spot=spot, vol=torch.tensor([snapshot["atmVol"]], dtype=f64), book=book,
                      holdings=holdings, spot_ref=spot, rate=float(snapshot["rate"]),
                      div=float(snapshot["dividendYield"]), rolling=rolling)


def snapshot_features(snapshot: Dict[str, Any], feature_set: FeatureSet, instruments: List[str]) -> List[float]:
    """Contract features (float64) of one snapshot."""
    return feature_set(snapshot_state(snapshot, instruments))[0].tolist()
