"""Analytic hedges in the same interface as learned policies."""
from __future__ import annotations

import torch

from ..features.builders import book_delta, book_gamma_spot
from ..features.state import HedgeState
from ..markets.heston import VARSWAP_NOTIONAL, HestonParams, heston_call_cos, varswap_dl_dv
from .base import Policy


class NoHedge(Policy):
    """Holds nothing."""

    def __init__(self, instruments=("UNDERLYING",)):
        super().__init__()
        self.instruments = tuple(instruments)

    def act(self, state: HedgeState) -> torch.Tensor:
        return torch.zeros(state.spot.shape[0], len(self.instruments), dtype=state.spot.dtype, device=state.spot.device)


class BlackScholesDelta(Policy):
    """Holds -book delta in the underlying (Black-Scholes at the state's vol), nothing in other instruments."""

    def __init__(self, instruments=("UNDERLYING",)):
        super().__init__()
        self.instruments = tuple(instruments)

    def act(self, state: HedgeState) -> torch.Tensor:
        out = torch.zeros(state.spot.shape[0], len(self.instruments), dtype=state.spot.dtype, device=state.spot.device)
        out[:, 0] = -book_delta(state)
        return out


class WhalleyWilmott(Policy):
    """Whalley-Wilmott (1997) band: rebalance to the nearest edge of delta* +/- H, delta* = -book delta,
    H = (3 eps S Gamma^2 / (2 gamma_ra))^{1/3} in total units (eps: proportional cost, gamma_ra: exponential-utility
    risk aversion, Gamma: total book gamma), expressed per unit of book scale."""

    def __init__(self, proportional_cost: float, risk_aversion: float):
        super().__init__()
        if proportional_cost < 0 or risk_aversion <= 0:
            raise ValueError("Whalley-Wilmott needs cost >= 0 and risk_aversion > 0")
        self.cost = proportional_cost
        self.risk_aversion = risk_aversion

    def act(self, state: HedgeState) -> torch.Tensor:
        center = -book_delta(state)
        scale = state.scale
        gamma_total = book_gamma_spot(state) / state.spot * scale  # d2(book value)/dS2 in total units
        half = (1.5 * self.cost * state.spot * gamma_total ** 2 / self.risk_aversion) ** (1.0 / 3.0)
        half = half / torch.where(scale > 0, scale, torch.ones_like(scale))
        prev = state.holdings[:, 0]
        return torch.minimum(torch.maximum(prev, center - half), center + half).unsqueeze(1)


class HestonModelHedge(Policy):
    """Buehler eq. (5.6): delta^1 = du/ds, delta^2 = (du/dv)/(dL/dv) for the book's options, in (UNDERLYING, VARSWAP)
    (the VARSWAP holding is delta^2 / VARSWAP_NOTIONAL).

    ``horizon_years`` is the variance swap's maturity. Uses the COS pricer (float64), chunked over paths.
    """
    instruments = ("UNDERLYING", "VARSWAP")

    def __init__(self, params: HestonParams, horizon_years: float, chunk: int = 4096, n_terms: int = 512):
        super().__init__()
        self.params = params
        self.horizon_years = horizon_years
        self.chunk = chunk
        self.n_terms = n_terms

    def act(self, state: HedgeState) -> torch.Tensor:
        if state.variance is None:
            raise ValueError("the Heston model hedge needs the variance in the state")
        book = state.book
        n, m = book.strike.shape
        d_s = torch.zeros(n, dtype=torch.float64, device=state.spot.device)
        d_v = torch.zeros_like(d_s)
        for j in range(m):
            for lo in range(0, n, self.chunk):
                sl = slice(lo, lo + self.chunk)
                tau = book.expiry_years[sl, j] - state.time_years
                if bool((tau - tau[0]).abs().max() > 1e-9) or float(tau[0]) <= 0:
                    raise ValueError("HestonModelHedge needs one live expiry per book column")
                strike = book.strike[sl, j]
                if bool((strike - strike[0]).abs().max() > 1e-9):
                    raise ValueError("HestonModelHedge needs one strike per book column")
                _, delta, dvega = heston_call_cos(state.spot[sl], float(strike[0]), float(tau[0]), state.variance[sl],
                                                  self.params, n_terms=self.n_terms)
                delta = delta.to(torch.float64)
                delta = torch.where(book.is_call[sl, j], delta, delta - 1.0)  # put = call - S + K
                qm = (book.desk_quantity[sl, j] * book.multiplier[sl, j]).to(torch.float64)
                d_s[sl] += qm * delta
                d_v[sl] += qm * dvega.to(torch.float64)
        remaining = self.horizon_years - state.time_years
        scale = state.scale.to(torch.float64)
        hold_s = -d_s / scale
        hold_v = -d_v / (VARSWAP_NOTIONAL * varswap_dl_dv(remaining, self.params)) / scale
        return torch.stack([hold_s, hold_v], 1).to(state.spot.dtype)
