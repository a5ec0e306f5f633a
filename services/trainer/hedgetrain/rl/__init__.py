"""Reinforcement learning for gamma/vega hedging of an options book (the RL vega-hedging study): the SABR book environment,
classical baselines, the GVDH distributional actor-critic trained with Adam, ANADDH or linearised
(DHLNN-style) updates, and the study that compares them."""
from .agent import AgentConfig, DistributionalAgent, TrainResult, market, policy_pnl, train_agent, train_agents
from .baselines import BASELINES, baseline_pnl, episode_pnl, pnl_summary
from .env import STATE_FEATURES, SabrBookConfig, SabrBookEnv, StepResult, simulate_sabr_market
from .optim import ANADDH, LinearisedTrainer

__all__ = ["STATE_FEATURES", "SabrBookConfig", "SabrBookEnv", "StepResult", "simulate_sabr_market", "BASELINES",
           "baseline_pnl", "episode_pnl", "pnl_summary", "ANADDH", "LinearisedTrainer", "AgentConfig",
           "DistributionalAgent", "TrainResult", "market", "policy_pnl", "train_agent", "train_agents"]
