"""Held-out evaluation, confidence intervals over seeds, plots and reports; historical windows with the
engine's accounting."""
from .experiment import markdown_report, run_experiment
from .historical import EngineLimits, WindowResult, evaluate_window
from .metrics import aggregate, confidence_interval, pnl_metrics, rollout_in_chunks

__all__ = ["run_experiment", "markdown_report", "pnl_metrics", "rollout_in_chunks", "aggregate", "confidence_interval",
           "evaluate_window", "EngineLimits", "WindowResult"]
