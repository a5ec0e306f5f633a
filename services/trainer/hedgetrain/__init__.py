"""hedgetrain: deep hedging (Buehler et al. 2019) for HedgeStream — simulators, policies, risk, training, export.

The public API is re-exported here (``from hedgetrain import simulate_heston, train, ...``).
"""
__version__ = "0.1.0"

import os as _os

# On a shared, oversubscribed CPU (the 2-core build machine) OpenMP's default spin-waiting makes 2 torch
# threads several times slower than 1; passive waiting restores the speed-up. It must be set before torch
# loads its OpenMP runtime, hence here; an explicit OMP_WAIT_POLICY in the environment wins.
_os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import sys as _sys  # noqa: E402

# `python -m hedgetrain ... --threads N`: OpenBLAS (Debian's torch) reads its thread count once, when torch
# loads, which the imports below do; torch.set_num_threads alone leaves a second BLAS thread running. While
# `-m` locates this package, sys.argv[0] is "-m" (Python's documented behaviour), so only the CLI pins here.
if _sys.argv and _sys.argv[0] == "-m":
    from .threads import pin_from_argv as _pin_from_argv
    _pin_from_argv(_sys.argv[1:])

from .config import ExperimentConfig, config_from_dict, config_to_dict, load_config  # noqa: E402
from .evaluation import pnl_metrics, run_experiment  # noqa: E402
from .export import export_onnx, run_onnx, write_parity  # noqa: E402
from .features import FeatureSet, HedgeState, load_contract  # noqa: E402
from .instruments import OptionBook, TransactionCosts, bs_greeks, bs_price, terminal_pnl  # noqa: E402
from .markets import (HestonParams, MarketPaths, add_merton_jumps, heston_call_cos, simulate_gbm,  # noqa: E402
                      simulate_heston, simulate_sabr)
from .objectives import RiskObjective, indifference_price  # noqa: E402
from .policies import (BlackScholesDelta, HestonModelHedge, NoHedge, WhalleyWilmott, no_transaction_band,  # noqa: E402
                       semi_recurrent_mlp)
from .risk import entropic, expected_shortfall, mean_std, value_at_risk  # noqa: E402
from .training import HedgingProblem, build_policy, load_checkpoint, save_checkpoint, train  # noqa: E402
