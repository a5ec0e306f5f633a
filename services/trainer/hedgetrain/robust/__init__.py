"""Crisis-robust hedging across volatility regimes (the HIRM study; seed paper "HIRM").

Environments and episodes (``environments``; real SPY episodes in ``data``, Heston+Merton stress in
``synthetic``, both built on ``environments`` and never the other way), evaluation-only diagnostics
(``diagnostics``); the policies, objectives and training live in ``policy``, ``objectives`` and ``train``; the
study itself is ``hedgetrain.studies.hirm``.
"""
from .data import real_episodes
from .environments import (CONTEXT_NAMES, FEATURE_NAMES, INVENTORY_FEATURE, VOL_REGIMES, CostModel, EpisodeSet,
                           episode_pnl, standardiser)
from .synthetic import synthetic_episodes

__all__ = ["CONTEXT_NAMES", "FEATURE_NAMES", "INVENTORY_FEATURE", "VOL_REGIMES", "CostModel", "EpisodeSet",
           "episode_pnl", "real_episodes", "standardiser", "synthetic_episodes"]
