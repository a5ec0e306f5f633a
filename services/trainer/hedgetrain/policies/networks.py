"""Learned policies: the semi-recurrent MLP (Buehler Remark 4.6) and the no-transaction-band net.

Both are one network shared across time steps with time to maturity among its inputs (Buehler
Remark 4.5), and both see the previous holdings as a feature (``hedge_underlying`` ...), so the
exported graph is a pure function features -> target. Feature normalisation is part of the module.
"""
from __future__ import annotations

from typing import Sequence, Tuple

import torch
from torch import nn

from ..features.builders import FeatureSet
from ..features.state import HedgeState
from .base import Policy

_ACTIVATIONS = {"relu": nn.ReLU, "silu": nn.SiLU, "tanh": nn.Tanh}


def mlp(n_in: int, n_out: int, hidden: int, layers: int, activation: str) -> nn.Sequential:
    """``layers`` hidden layers of width ``hidden``, then a linear output."""
    mods, width = [], n_in
    for _ in range(layers):
        mods += [nn.Linear(width, hidden), _ACTIVATIONS[activation]()]
        width = hidden
    mods.append(nn.Linear(width, n_out))
    return nn.Sequential(*mods)


class Normalizer(nn.Module):
    """(x - mean) / std with fixed buffers (exported inside the ONNX graph). Shape: (N, F) -> (N, F)."""

    def __init__(self, n_features: int):
        super().__init__()
        self.register_buffer("mean", torch.zeros(n_features))
        self.register_buffer("std", torch.ones(n_features))

    def fit(self, features: torch.Tensor) -> None:
        """Set mean/std from a sample (N, F); std floored at 1e-3 so constant features stay finite."""
        self.mean.copy_(features.mean(0).to(self.mean))
        self.std.copy_(torch.clamp(features.std(0), min=1e-3).to(self.std))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return (x - self.mean) / self.std


class HoldingsNet(nn.Module):
    """features (N, F) -> target holdings (N, K): normalise then MLP. This is what gets exported."""

    def __init__(self, n_features: int, n_out: int, hidden: int, layers: int, activation: str):
        super().__init__()
        self.normalizer = Normalizer(n_features)
        self.body = mlp(n_features, n_out, hidden, layers, activation)

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        return self.body(self.normalizer(features))


class BandNet(nn.Module):
    """features (N, F) -> clamp(previous holding, [d_BS - w_lo, d_BS + w_hi]) with w = softplus(MLP) >= 0.

    d_BS = -book_delta (the Black-Scholes delta hedge per unit scale), previous = hedge_underlying.
    """

    def __init__(self, n_features: int, delta_col: int, holding_col: int, hidden: int, layers: int, activation: str):
        super().__init__()
        self.normalizer = Normalizer(n_features)
        self.body = mlp(n_features, 2, hidden, layers, activation)
        self.delta_col = delta_col
        self.holding_col = holding_col

    def forward(self, features: torch.Tensor) -> torch.Tensor:
        widths = nn.functional.softplus(self.body(self.normalizer(features)))  # (N, 2)
        center = -features[:, self.delta_col:self.delta_col + 1]  # (N, 1)
        prev = features[:, self.holding_col:self.holding_col + 1]
        lower = center - widths[:, 0:1]
        upper = center + widths[:, 1:2]
        return torch.minimum(torch.maximum(prev, lower), upper)


class NetworkPolicy(Policy):
    """A learned policy: contract features -> ``net`` -> holdings per unit scale."""
    trainable = True

    def __init__(self, features: FeatureSet, net: nn.Module, instruments: Sequence[str]):
        super().__init__()
        self.features = features
        self.net = net
        self.instruments = tuple(instruments)

    def act(self, state: HedgeState) -> torch.Tensor:
        return self.net(self.features(state))


def semi_recurrent_mlp(features: FeatureSet, instruments: Sequence[str], hidden: int = 32, layers: int = 4,
                       activation: str = "relu") -> NetworkPolicy:
    """delta_k = F_theta(I_k, delta_{k-1}); one shared network, ttm among the features."""
    if len(features.holding_columns()) != len(instruments):
        raise ValueError(f"feature set {features.name} must carry the previous holding of each of {list(instruments)}")
    return NetworkPolicy(features, HoldingsNet(len(features), len(instruments), hidden, layers, activation), instruments)


def no_transaction_band(features: FeatureSet, hidden: int = 32, layers: int = 4, activation: str = "relu") -> NetworkPolicy:
    """No-transaction band around the Black-Scholes delta (Imaki et al. 2021), underlying only."""
    for needed in ("book_delta", "hedge_underlying"):
        if needed not in features.names:
            raise ValueError(f"the band network needs feature {needed} in the feature set ({features.name})")
    net = BandNet(len(features), features.index("book_delta"), features.index("hedge_underlying"), hidden, layers, activation)
    return NetworkPolicy(features, net, ("UNDERLYING",))
