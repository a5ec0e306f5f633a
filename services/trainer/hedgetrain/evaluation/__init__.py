"""Held-out evaluation, confidence intervals over seeds, plots and reports."""
from .experiment import markdown_report, run_experiment
from .metrics import aggregate, confidence_interval, pnl_metrics, rollout_in_chunks

__all__ = ["run_experiment", "markdown_report", "pnl_metrics", "rollout_in_chunks", "aggregate", "confidence_interval"]
