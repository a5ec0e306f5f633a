"""Every study of the trainer, one registry and one way to run them.

Paper reproductions run once (``run(out, quick)``); multi-seed studies take seeds, a device and a config
(``run(out, seeds, quick, device, config_path)``) and return a document with ``wall_seconds``. The CLI's
``reproduce`` and ``study`` commands both go through :func:`run`.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from ..paths import REPORTS

REPRODUCTION = "reproduction"
MULTI_SEED = "multi-seed"


@dataclass(frozen=True)
class Study:
    """One study: its name on the command line, the module under ``hedgetrain.studies`` whose ``run`` it calls,
    its kind, what it is, and (multi-seed) how many seeds a full run uses."""
    name: str
    module: str
    kind: str
    description: str
    default_seeds: int = 0


STUDIES = {s.name: s for s in (
    Study("bs-costs", "costs_comparison", REPRODUCTION,
          "Buehler et al. 5.1: deep hedge vs Black-Scholes delta and Whalley-Wilmott under proportional costs"),
    Study("buehler-5.2-heston", "heston_benchmark", REPRODUCTION,
          "Buehler et al. 5.2: deep hedging under Heston with the variance swap as second instrument"),
    Study("buehler-5.3-asymptotics", "cost_asymptotics", REPRODUCTION,
          "Buehler et al. 5.3: the price of an option against the proportional-cost level"),
    Study("hirm", "hirm", MULTI_SEED,
          "crisis-robust training (ERM, GroupDRO, V-REx, IRMv1, HIRM, tuned delta/delta-vega) on SPY splits "
          "and synthetic stress", default_seeds=30),
    Study("rl", "rl_vega", MULTI_SEED,
          "distributional RL vega hedging (GVDH, ANADDH, linearised) against classical hedges on the SABR book",
          default_seeds=5),
)}


def get(name: str) -> Study:
    if name not in STUDIES:
        raise ValueError(f"unknown study {name!r}; choose from {sorted(STUDIES)}")
    return STUDIES[name]


def default_out(name: str, quick: bool = False) -> Path:
    """reports/<study>, or reports/<study>-quick for a quick multi-seed run (a smoke run must not overwrite the
    committed report)."""
    study = get(name)
    return REPORTS / (f"{name}-quick" if quick and study.kind == MULTI_SEED else name)


def run(name: str, out: Optional[Path] = None, quick: bool = False, seeds: Optional[int] = None,
        device: str = "auto", config_path=None) -> dict:
    """Runs a study by name into ``out`` (default :func:`default_out`)."""
    study = get(name)
    out = Path(out) if out else default_out(name, quick)
    module = importlib.import_module(f"{__name__}.{study.module}")
    if study.kind == REPRODUCTION:
        return module.run(out, quick=quick) or {}
    n = seeds if seeds is not None else (2 if quick else study.default_seeds)
    return module.run(out, seeds=n, quick=quick, device=device, config_path=config_path)
