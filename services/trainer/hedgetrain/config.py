"""Frozen-dataclass experiment configs and a strict loader.

Every experiment is one JSON file in ``configs/``; :func:`load_config` turns it
into an :class:`ExperimentConfig`, rejecting unknown keys with a clear error so
a typo never silently falls back to a default.  The same config is saved inside
every checkpoint, report and ONNX export (:func:`config_to_dict`).
"""
from __future__ import annotations

import dataclasses
import json
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Optional, Tuple


def _from_dict(cls, data: Any, where: str):
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected an object for {cls.__name__}, got {type(data).__name__}")
    hints = typing.get_type_hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {unknown} for {cls.__name__}; allowed: {sorted(names)}")
    kwargs = {}
    for key, value in data.items():
        kwargs[key] = _coerce(hints[key], value, f"{where}.{key}")
    try:
        return cls(**kwargs)
    except TypeError as err:
        raise ValueError(f"{where}: {err}") from None


def _coerce(tp, value, where):
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Union:  # Optional[X]
        if value is None:
            return None
        inner = [a for a in args if a is not type(None)]
        return _coerce(inner[0], value, where)
    if dataclasses.is_dataclass(tp):
        return _from_dict(tp, value, where)
    if origin in (tuple, Tuple):
        if not isinstance(value, (list, tuple)):
            raise ValueError(f"{where}: expected a list")
        elem = args[0] if args else Any
        return tuple(_coerce(elem, v, f"{where}[{i}]") for i, v in enumerate(value))
    if origin in (dict, Dict):
        if not isinstance(value, dict):
            raise ValueError(f"{where}: expected an object")
        return dict(value)
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"{where}: expected a number, got {value!r}")
        return float(value)
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"{where}: expected an integer, got {value!r}")
        return value
    if tp is bool:
        if not isinstance(value, bool):
            raise ValueError(f"{where}: expected true/false, got {value!r}")
        return value
    if tp is str:
        if not isinstance(value, str):
            raise ValueError(f"{where}: expected a string, got {value!r}")
        return value
    return value


@dataclass(frozen=True)
class JumpConfig:
    """Merton jump overlay: Poisson(intensity_per_year) jumps, log-size N(mean_log_jump, std_log_jump^2)."""
    intensity_per_year: float = 0.0
    mean_log_jump: float = 0.0
    std_log_jump: float = 0.0


@dataclass(frozen=True)
class MarketConfig:
    """Simulated market. ``model`` is one of gbm, heston, sabr; the other fields apply as documented.

    gbm: ``s0, sigma`` (or ``sigma_range`` [lo, hi] drawn uniformly per path), ``drift``.
    heston: ``s0, v0, kappa, theta, vol_of_vol, rho`` (Buehler 5.2 names alpha, b, sigma, v0, rho), ``substeps``.
    sabr: ``s0, sigma`` (initial alpha), ``beta, rho, vol_of_vol``, ``drift``.
    ``jumps`` adds a Merton overlay to the underlying of any model.
    """
    model: str = "gbm"
    s0: float = 100.0
    sigma: float = 0.2
    sigma_range: Optional[Tuple[float, ...]] = None
    drift: float = 0.0
    v0: float = 0.04
    kappa: float = 1.0
    theta: float = 0.04
    vol_of_vol: float = 2.0
    rho: float = -0.7
    beta: float = 1.0
    substeps: int = 1
    jumps: Optional[JumpConfig] = None

    def __post_init__(self):
        if self.model not in ("gbm", "heston", "sabr"):
            raise ValueError(f"market.model must be gbm, heston or sabr, got {self.model!r}")
        if self.s0 <= 0:
            raise ValueError("market.s0 must be > 0")
        if self.sigma_range is not None and (len(self.sigma_range) != 2 or not 0 <= self.sigma_range[0] <= self.sigma_range[1]):
            raise ValueError("market.sigma_range must be [lo, hi] with 0 <= lo <= hi")
        if not -1.0 <= self.rho <= 1.0:
            raise ValueError("market.rho must be in [-1, 1]")
        if self.substeps < 1:
            raise ValueError("market.substeps must be >= 1")


@dataclass(frozen=True)
class OptionSpec:
    """One European option of the liability, strike as a multiple of s0 (``moneyness``) or a range drawn per path."""
    kind: str = "call"
    moneyness: float = 1.0
    moneyness_range: Optional[Tuple[float, ...]] = None
    desk_quantity: float = -1.0
    random_sign: bool = False
    quantity_range: Optional[Tuple[float, ...]] = None
    maturity_steps: Optional[int] = None
    maturity_steps_range: Optional[Tuple[int, ...]] = None

    def __post_init__(self):
        if self.kind not in ("call", "put"):
            raise ValueError(f"option.kind must be call or put, got {self.kind!r}")


@dataclass(frozen=True)
class LiabilityConfig:
    """The liability Z: a book of European options (``options``) or a call spread (``strikes`` = [K1, K2] / s0).

    ``premium = "bs"`` adds the book's Black-Scholes value at t=0 (at the path's vol) to the PnL, so that with
    books drawn at random per path the risk measure sees hedging errors rather than differences between premiums;
    the reported price is then the risk premium over the Black-Scholes value. ``"none"``: Buehler's -Z + (delta.S) - C.
    """
    kind: str = "book"
    options: Tuple[OptionSpec, ...] = (OptionSpec(),)
    strikes: Tuple[float, ...] = ()
    premium: str = "none"

    def __post_init__(self):
        if self.kind not in ("book", "call_spread"):
            raise ValueError(f"liability.kind must be book or call_spread, got {self.kind!r}")
        if self.premium not in ("none", "bs"):
            raise ValueError(f"liability.premium must be none or bs, got {self.premium!r}")
        if self.kind == "call_spread" and len(self.strikes) != 2:
            raise ValueError("liability.strikes must be [K1, K2] (multiples of s0) for a call spread")


@dataclass(frozen=True)
class CostConfig:
    """Proportional cost (fraction of traded notional) and fixed cost (per nonzero trade), per instrument."""
    proportional: Tuple[float, ...] = (0.0,)
    fixed: Tuple[float, ...] = (0.0,)
    at_maturity: bool = False

    def __post_init__(self):
        if any(c < 0 for c in self.proportional + self.fixed):
            raise ValueError("costs must be >= 0")


@dataclass(frozen=True)
class PolicyConfig:
    """Policy: mlp (semi-recurrent), ntb (no-transaction band) or a baseline (bs_delta, heston_delta, whalley_wilmott, no_hedge)."""
    kind: str = "mlp"
    feature_set: str = "bs-book-v1"
    hidden: int = 32
    layers: int = 4
    activation: str = "relu"
    ww_risk_aversion: float = 1.0

    def __post_init__(self):
        if self.kind not in ("mlp", "ntb", "bs_delta", "heston_delta", "whalley_wilmott", "no_hedge"):
            raise ValueError(f"policy.kind unknown: {self.kind!r}")
        if self.activation not in ("relu", "silu", "tanh"):
            raise ValueError(f"policy.activation unknown: {self.activation!r}")
        if self.hidden < 1 or self.layers < 1:
            raise ValueError("policy.hidden and policy.layers must be >= 1")


@dataclass(frozen=True)
class RiskConfig:
    """Risk measure: cvar (OCE with learned w, level alpha), entropic (risk aversion lam), mean_std (weight c)."""
    kind: str = "cvar"
    alpha: float = 0.95
    lam: float = 1.0
    c: float = 1.0

    def __post_init__(self):
        if self.kind not in ("cvar", "entropic", "mean_std"):
            raise ValueError(f"risk.kind unknown: {self.kind!r}")
        if not 0.0 <= self.alpha < 1.0:
            raise ValueError("risk.alpha must be in [0, 1)")
        if self.lam <= 0:
            raise ValueError("risk.lam must be > 0")


@dataclass(frozen=True)
class TrainConfig:
    """Optimisation: fresh simulated batch each iteration; an epoch is ``iters_per_epoch`` iterations.

    ``lr_offset`` is the learning rate of the OCE cash offset w (its own parameter group: w lives in price
    units, the network weights do not). ``lr_decay`` multiplies both learning rates after each epoch.
    """
    optimizer: str = "adam"
    lr: float = 5e-3
    lr_offset: float = 0.02
    lr_decay: float = 1.0
    batch_paths: int = 10000
    epochs: int = 10
    iters_per_epoch: int = 20
    seed: int = 0
    device: str = "cpu"
    dtype: str = "float32"

    def __post_init__(self):
        if self.optimizer not in ("adam", "sgd"):
            raise ValueError(f"train.optimizer must be adam or sgd, got {self.optimizer!r}")
        if self.dtype not in ("float32", "float64"):
            raise ValueError("train.dtype must be float32 or float64")
        if self.batch_paths < 2 or self.epochs < 0 or self.iters_per_epoch < 1 or self.lr <= 0:
            raise ValueError("train: batch_paths >= 2, epochs >= 0, iters_per_epoch >= 1, lr > 0 required")


@dataclass(frozen=True)
class EvalConfig:
    """Held-out evaluation: ``paths`` per seed, seeds offset from training seeds, baselines to compare."""
    paths: int = 100000
    seed: int = 1000
    baselines: Tuple[str, ...] = ("bs_delta", "no_hedge")
    plot_time_step: int = 15


@dataclass(frozen=True)
class ExperimentConfig:
    """One experiment: market, liability, costs, policy, risk measure, training, evaluation."""
    name: str = "experiment"
    n_steps: int = 30
    dt: float = 1.0 / 365.0
    market: MarketConfig = field(default_factory=MarketConfig)
    liability: LiabilityConfig = field(default_factory=LiabilityConfig)
    costs: CostConfig = field(default_factory=CostConfig)
    policy: PolicyConfig = field(default_factory=PolicyConfig)
    risk: RiskConfig = field(default_factory=RiskConfig)
    train: TrainConfig = field(default_factory=TrainConfig)
    eval: EvalConfig = field(default_factory=EvalConfig)
    seeds: Tuple[int, ...] = (0,)

    def __post_init__(self):
        if self.n_steps < 1 or self.dt <= 0:
            raise ValueError("n_steps >= 1 and dt > 0 required")


def config_from_dict(data: Dict[str, Any]) -> ExperimentConfig:
    """Build an :class:`ExperimentConfig` from a plain dict; unknown keys raise ``ValueError``."""
    return _from_dict(ExperimentConfig, data, "config")


def load_config(path) -> ExperimentConfig:
    """Read a JSON config file (see ``configs/``)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text())
    except json.JSONDecodeError as err:
        raise ValueError(f"{path}: not valid JSON: {err}") from None
    return config_from_dict(data)


def config_to_dict(config) -> Dict[str, Any]:
    """Plain-JSON form of a config (tuples become lists)."""
    return json.loads(json.dumps(dataclasses.asdict(config)))


def replace(config, **changes):
    """``dataclasses.replace`` that accepts dotted keys, e.g. ``replace(cfg, **{"costs.proportional": (1e-3,)})``."""
    nested: Dict[str, Dict[str, Any]] = {}
    flat = {}
    for key, value in changes.items():
        if "." in key:
            head, rest = key.split(".", 1)
            nested.setdefault(head, {})[rest] = value
        else:
            flat[key] = value
    for head, sub in nested.items():
        flat[head] = replace(getattr(config, head), **sub)
    return dataclasses.replace(config, **flat)
