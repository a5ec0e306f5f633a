"""What a policy may observe at a decision time t_k: the market, the book and the current holdings."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import torch

from ..instruments.book import OptionBook


@dataclass(frozen=True)
class HedgeState:
    """Decision-time state for N paths.

    Shape:
        spot, vol, spot_ref, scale: (N,); variance: (N,) or None;
        holdings: (N, K) current holdings per unit of book scale (before this decision);
        rolling: (N, R) the symbol's rolling features as of the decision (``ALL_ROLLING_FEATURES`` order, NaN where
        undefined), or None when the market has no daily series (the rolling features then cannot be built).
    ``time_years`` is t_k measured from the start of the horizon; ``book`` expiries use the same origin.
    """
    time_years: float
    spot: torch.Tensor
    vol: torch.Tensor
    book: OptionBook
    holdings: torch.Tensor
    spot_ref: torch.Tensor
    variance: Optional[torch.Tensor] = None
    rate: float = 0.0
    div: float = 0.0
    rolling: Optional[torch.Tensor] = None

    @property
    def scale(self) -> torch.Tensor:
        return self.book.scale(self.time_years)
