"""Hedging problems, policy construction, the training loop and checkpoints."""
from .factory import build_policy
from .problem import Episode, HedgingProblem, Rollout
from .trainer import TrainResult, load_checkpoint, save_checkpoint, train, write_loss_log

__all__ = ["HedgingProblem", "Episode", "Rollout", "build_policy", "train", "TrainResult", "save_checkpoint",
           "load_checkpoint", "write_loss_log"]
