"""Where the trainer's own files live (configs, reports, results, runs): one place, so no study imports the CLI."""
from __future__ import annotations

from pathlib import Path

TRAINER_ROOT = Path(__file__).resolve().parents[1]
CONFIGS = TRAINER_ROOT / "configs"
REPORTS = TRAINER_ROOT / "reports"
RESULTS = TRAINER_ROOT / "results"
RUNS = TRAINER_ROOT / "runs"
