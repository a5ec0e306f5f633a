"""The policy interface shared by learned networks and analytic baselines."""
from __future__ import annotations

from typing import Tuple

import torch
from torch import nn

from ..features.state import HedgeState


class Policy(nn.Module):
    """Maps a decision-time state to holdings per unit of book scale.

    Shape:
        act(state) -> (N, K), K = len(instruments).
    """
    instruments: Tuple[str, ...] = ("UNDERLYING",)
    trainable: bool = False

    def act(self, state: HedgeState) -> torch.Tensor:  # pragma: no cover - interface
        raise NotImplementedError
