"""Trainer implementations of the contract's features; the formulas are quoted from features.json."""
from __future__ import annotations

from typing import Callable, Dict, Sequence

import torch

from ..instruments.black_scholes import bs_greeks
from .contract import FeatureContract, load_contract
from .regime import ALL_ROLLING_FEATURES
from .state import HedgeState


def _cached(fn):
    """Memoise a helper on one state (one FeatureSet call shares d1 and the weights across features)."""
    def wrapper(state: HedgeState, cache=None):
        if cache is None:
            return fn(state)
        if fn.__name__ not in cache:
            cache[fn.__name__] = fn(state)
        return cache[fn.__name__]
    wrapper.__name__ = fn.__name__
    return wrapper


@_cached
def _live_weights(state: HedgeState):
    """(alive mask (N,M), gross weights w_i = |q_i m_i| / scale (N,M), tau (N,M), safe scale (N,))."""
    book = state.book
    tau = book.expiry_years - state.time_years
    alive = tau > 1e-12
    gross = torch.where(alive, (book.desk_quantity * book.multiplier).abs(), torch.zeros_like(tau))
    scale = gross.sum(1)
    safe = torch.where(scale > 0, scale, torch.ones_like(scale))
    return alive, gross / safe.unsqueeze(1), tau, safe


@_cached
def _greeks(state: HedgeState):
    alive, _, tau, safe = _live_weights(state)
    book = state.book
    s = state.spot.unsqueeze(1).expand_as(tau)
    vol = state.vol.unsqueeze(1).expand_as(tau)
    delta, gamma, vega = bs_greeks(s, book.strike, torch.where(alive, tau, torch.zeros_like(tau)), vol, book.is_call,
                                   state.rate, state.div)
    qm = torch.where(alive, book.desk_quantity * book.multiplier, torch.zeros_like(tau))
    return qm, delta, gamma, vega, safe


def log_moneyness(state: HedgeState, cache=None) -> torch.Tensor:
    alive, w, _, _ = _live_weights(state, cache)
    return (w * torch.log(state.spot.unsqueeze(1) / state.book.strike)).sum(1)


def ttm_years(state: HedgeState, cache=None) -> torch.Tensor:
    alive, w, tau, _ = _live_weights(state, cache)
    return (w * torch.where(alive, tau, torch.zeros_like(tau))).sum(1)


def implied_vol(state: HedgeState, cache=None) -> torch.Tensor:
    return state.vol


def book_delta(state: HedgeState, cache=None) -> torch.Tensor:
    qm, delta, _, _, scale = _greeks(state, cache)
    return (qm * delta).sum(1) / scale


def book_gamma_spot(state: HedgeState, cache=None) -> torch.Tensor:
    qm, _, gamma, _, scale = _greeks(state, cache)
    return state.spot * (qm * gamma).sum(1) / scale


def book_vega_spot(state: HedgeState, cache=None) -> torch.Tensor:
    qm, _, _, vega, scale = _greeks(state, cache)
    return (qm * vega).sum(1) / (state.spot * scale)


def hedge_underlying(state: HedgeState, cache=None) -> torch.Tensor:
    return state.holdings[:, 0]


def hedge_varswap(state: HedgeState, cache=None) -> torch.Tensor:
    if state.holdings.shape[1] < 2:
        raise ValueError("hedge_varswap needs a VARSWAP holding (instrument 1)")
    return state.holdings[:, 1]


def log_spot(state: HedgeState, cache=None) -> torch.Tensor:
    return torch.log(state.spot / state.spot_ref)


def variance(state: HedgeState, cache=None) -> torch.Tensor:
    if state.variance is None:
        raise ValueError("feature 'variance' needs a stochastic-variance market (Heston)")
    return state.variance


def _listed_hedge(name: str):
    """Builder of a listed-option hedge feature (``hedge_call_atm_30d`` ...): the engine builds them from the
    series a book holds or trades; of the trainer's markets only the served SABR book
    (``hedgetrain.rl.served``, feature set ``sabr-book-v1``) has listed series, so a HedgeState cannot."""
    def listed_hedge(state: HedgeState, cache=None) -> torch.Tensor:
        raise ValueError(f"feature {name!r} needs a market simulating listed option hedges: only "
                         "hedgetrain.rl.served.ServedSabrEnv computes it")
    listed_hedge.__name__ = name
    return listed_hedge


def _rolling(name: str, column: int):
    """Builder of a rolling feature: the state's daily-series column (``HedgeState.rolling``, NaN in warm-up)."""
    def rolling(state: HedgeState, cache=None) -> torch.Tensor:
        if state.rolling is None:
            raise ValueError(f"feature {name!r} needs the symbol's daily series (HedgeState.rolling)")
        return state.rolling[:, column]
    rolling.__name__ = name
    return rolling


LISTED_HEDGE_FEATURES = ("hedge_call_atm_30d", "hedge_call_atm_30d_log_moneyness", "hedge_call_atm_30d_ttm_years",
                         "hedge_options_delta", "call_atm_30d_traded_delta", "call_atm_30d_traded_gamma_spot",
                         "call_atm_30d_traded_vega_spot", "call_atm_30d_traded_ttm_years",
                         "call_atm_30d_traded_log_moneyness")


FEATURE_BUILDERS: Dict[str, Callable[[HedgeState], torch.Tensor]] = {
    "log_moneyness": log_moneyness,
    "ttm_years": ttm_years,
    "implied_vol": implied_vol,
    "book_delta": book_delta,
    "book_gamma_spot": book_gamma_spot,
    "book_vega_spot": book_vega_spot,
    "hedge_underlying": hedge_underlying,
    "hedge_varswap": hedge_varswap,
    "log_spot": log_spot,
    "variance": variance,
    **{name: _listed_hedge(name) for name in LISTED_HEDGE_FEATURES},
    **{name: _rolling(name, i) for i, name in enumerate(ALL_ROLLING_FEATURES)},
}


class FeatureSet:
    """An ordered contract feature set, computed only through the contract's names.

    Shape:
        __call__(state) -> (N, F) in ``state.spot``'s dtype.
    """

    def __init__(self, name: str, contract: FeatureContract = None):
        self.contract = contract or load_contract()
        self.name = name
        self.names = self.contract.feature_set(name)
        missing = [n for n in self.names if n not in FEATURE_BUILDERS]
        if missing:
            sources = {n: self.contract.features[n].source for n in missing}
            raise ValueError(f"feature set {name}: the trainer has no implementation of {sources}")
        self._fns = [FEATURE_BUILDERS[n] for n in self.names]

    def __len__(self) -> int:
        return len(self.names)

    def index(self, feature: str) -> int:
        return self.names.index(feature)

    def __call__(self, state: HedgeState) -> torch.Tensor:
        cache = {}
        return torch.stack([fn(state, cache) for fn in self._fns], dim=1)

    def holding_columns(self) -> Sequence[int]:
        """Column of each instrument's current-holding feature, in instrument order."""
        cols = []
        for feat in ("hedge_underlying", "hedge_varswap"):
            if feat in self.names:
                cols.append(self.names.index(feat))
        return cols
