"""Reinforcement learning for gamma/vega hedging of an options book (issue 7): the SABR book environment,
classical baselines, the ANADDH optimiser and linearised (DHLNN-style) training."""
from .baselines import BASELINES, baseline_pnl, episode_pnl, pnl_summary
from .env import STATE_FEATURES, SabrBookConfig, SabrBookEnv, StepResult, simulate_sabr_market
from .optim import ANADDH, LinearisedTrainer

__all__ = ["STATE_FEATURES", "SabrBookConfig", "SabrBookEnv", "StepResult", "simulate_sabr_market", "BASELINES",
           "baseline_pnl", "episode_pnl", "pnl_summary", "ANADDH", "LinearisedTrainer"]
