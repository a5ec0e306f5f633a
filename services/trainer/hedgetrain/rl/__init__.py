"""Reinforcement learning for gamma/vega hedging of an options book (issue 7): the SABR book environment,
classical baselines, the ANADDH optimiser and linearised (DHLNN-style) training."""
from .env import STATE_FEATURES, SabrBookConfig, SabrBookEnv, StepResult, simulate_sabr_market

__all__ = ["STATE_FEATURES", "SabrBookConfig", "SabrBookEnv", "StepResult", "simulate_sabr_market"]
