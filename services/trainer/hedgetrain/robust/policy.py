"""The split policy pi(x) = w_psi(f_phi(x)) of the HIRM study (seed paper section 4.1).

f_phi (the representation) is an MLP over the state x_t = (Phi_t standardised, previous holding,
r_t); w_psi (the decision head) is a single linear layer from the representation to the holding.
A linear head keeps psi small (hidden + 1 parameters), so the per-environment head gradients
that HIRM aligns and ISI's C2 measures live in a low-dimensional, interpretable space, and the
second-order penalty stays cheap. ``head_hidden > 0`` gives a one-hidden-layer head instead.

The policy is applied step by step over an episode: the holding chosen at t-1 is an input at t
(semi-recurrent, Buehler Remark 4.6), starting flat. Standardisation of Phi uses buffers
fitted on the training split only (``set_standardisation`` from environments.standardiser), so
the module is self-contained (and exportable as one graph per step).
"""
from __future__ import annotations

from typing import Iterator, Optional, Tuple

import torch
from torch import nn

_ACTIVATIONS = {"relu": nn.ReLU, "silu": nn.SiLU, "tanh": nn.Tanh}


class SplitHedgePolicy(nn.Module):
    """Representation MLP + decision head, rolled out over episodes.

    Shape:
        features (E, T, F), context (E, T, C) -> holdings (E, T) in shares per liability unit.
    """

    def __init__(self, n_features: int, n_context: int, hidden: int = 32, layers: int = 2,
                 head_hidden: int = 0, activation: str = "silu"):
        super().__init__()
        if activation not in _ACTIVATIONS:
            raise ValueError(f"activation must be one of {sorted(_ACTIVATIONS)}, got {activation!r}")
        if layers < 1 or hidden < 1 or head_hidden < 0:
            raise ValueError("need layers >= 1, hidden >= 1, head_hidden >= 0")
        self.n_features, self.n_context = n_features, n_context
        act = _ACTIVATIONS[activation]
        mods, width = [], n_features + 1 + n_context
        for _ in range(layers):
            mods += [nn.Linear(width, hidden), act()]
            width = hidden
        self.representation = nn.Sequential(*mods)
        if head_hidden:
            self.head = nn.Sequential(nn.Linear(hidden, head_hidden), act(), nn.Linear(head_hidden, 1))
        else:
            self.head = nn.Linear(hidden, 1)
        self.register_buffer("feature_mean", torch.zeros(n_features))
        self.register_buffer("feature_std", torch.ones(n_features))

    def head_parameters(self) -> Iterator[nn.Parameter]:
        """psi: the decision head's parameters (the only ones HIRM's penalty differentiates)."""
        return self.head.parameters()

    def representation_parameters(self) -> Iterator[nn.Parameter]:
        """phi: the representation's parameters."""
        return self.representation.parameters()

    @torch.no_grad()
    def set_standardisation(self, feature_mean: torch.Tensor, feature_std: torch.Tensor) -> None:
        """Load training-only feature statistics (environments.standardiser's mean/std, each (F,)).

        The context r (one-hot regime + liquidity flag) is used as is."""
        if feature_mean.numel() != self.n_features or feature_std.numel() != self.n_features:
            raise ValueError(f"expected {self.n_features} feature statistics, got {feature_mean.numel()}")
        self.feature_mean.copy_(feature_mean.to(self.feature_mean))
        self.feature_std.copy_(feature_std.to(self.feature_std))

    def forward(self, features: torch.Tensor, context: torch.Tensor,
                return_representation: bool = False) -> torch.Tensor | Tuple[torch.Tensor, torch.Tensor]:
        """Roll out over T steps. Returns holdings (E, T) and, if asked, representations (E, T, H)."""
        if features.dim() != 3 or context.dim() != 3 or features.shape[:2] != context.shape[:2]:
            raise ValueError(f"features (E, T, F) and context (E, T, C) must agree, got "
                             f"{tuple(features.shape)} and {tuple(context.shape)}")
        dtype = self.feature_mean.dtype
        phi = (features.to(dtype) - self.feature_mean) / self.feature_std  # (E, T, F)
        r = context.to(dtype)  # (E, T, C)
        n_episodes, n_steps = phi.shape[:2]
        previous = phi.new_zeros(n_episodes, 1)  # start flat
        holdings, reps = [], []
        for t in range(n_steps):
            z = self.representation(torch.cat([phi[:, t], previous, r[:, t]], dim=1))  # (E, H)
            previous = self.head(z)  # (E, 1)
            holdings.append(previous)
            reps.append(z)
        out = torch.cat(holdings, dim=1)  # (E, T)
        if return_representation:
            return out, torch.stack(reps, dim=1)
        return out


def build_policy(n_features: int, n_context: int, cfg: dict, dtype: torch.dtype = torch.float32,
                 device: Optional[str] = None) -> SplitHedgePolicy:
    """Policy from the config's ``policy`` block (hidden, layers, head_hidden, activation)."""
    unknown = set(cfg) - {"hidden", "layers", "head_hidden", "activation"}
    if unknown:
        raise ValueError(f"unknown policy keys {sorted(unknown)}")
    return SplitHedgePolicy(n_features, n_context, **cfg).to(dtype=dtype, device=device)
