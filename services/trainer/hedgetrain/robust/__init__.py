"""Crisis-robust hedging across volatility regimes (issue 6; seed paper "HIRM").

Environments and episodes (``environments``, ``data``, ``synthetic``), evaluation-only diagnostics
(``diagnostics``); the policies, objectives, training and study live in ``policy``, ``objectives``, ``train``
and ``study``.
"""
from .environments import (CONTEXT_NAMES, FEATURE_NAMES, INVENTORY_FEATURE, VOL_REGIMES, CostModel, EpisodeSet,
                           episode_pnl, real_episodes, standardiser, synthetic_episodes)

__all__ = ["CONTEXT_NAMES", "FEATURE_NAMES", "INVENTORY_FEATURE", "VOL_REGIMES", "CostModel", "EpisodeSet",
           "episode_pnl", "real_episodes", "standardiser", "synthetic_episodes"]
