"""Liabilities: a book of European options (per path), call spreads, variance swaps."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import torch

from .black_scholes import bs_price


@dataclass(frozen=True)
class OptionBook:
    """European options the DESK holds, one book per path (desk quantity = -client quantity).

    Shape:
        strike, expiry_years, desk_quantity, multiplier: (N, M); is_call: (N, M) bool.
    Expiries are measured from the start of the hedging horizon (t = 0).
    """
    strike: torch.Tensor
    expiry_years: torch.Tensor
    is_call: torch.Tensor
    desk_quantity: torch.Tensor
    multiplier: torch.Tensor

    def __post_init__(self):
        shapes = {t.shape for t in (self.strike, self.expiry_years, self.is_call, self.desk_quantity, self.multiplier)}
        if len(shapes) != 1 or len(next(iter(shapes))) != 2:
            raise ValueError(f"OptionBook fields must share one (N, M) shape, got {shapes}")
        if bool((self.strike <= 0).any()):
            raise ValueError("strikes must be > 0")

    def scale(self, time_years: float) -> torch.Tensor:
        """Gross liability units sum |q m| over options alive at ``time_years``. Shape: (N,)."""
        alive = self.expiry_years > time_years + 1e-12
        return torch.where(alive, (self.desk_quantity * self.multiplier).abs(), torch.zeros_like(self.strike)).sum(1)

    def value(self, spot: torch.Tensor, time_years: float, vol: torch.Tensor) -> torch.Tensor:
        """Desk value of the book at ``time_years``: expired options pay intrinsic (at expiry <= horizon end,
        paid at the horizon end as rates are zero), live ones are marked Black-Scholes at ``vol``.

        Shape:
            spot (N,), vol (N,) -> (N,)
        """
        ttm = self.expiry_years - time_years  # (N, M)
        s = spot.unsqueeze(1)
        price = bs_price(s.expand_as(ttm), self.strike, ttm, vol.unsqueeze(1).expand_as(ttm), self.is_call)
        return (self.desk_quantity * self.multiplier * price).sum(1)

    def payoff_at(self, spot_at_expiry: torch.Tensor) -> torch.Tensor:
        """Desk payoff when each option is settled on ``spot_at_expiry`` (N, M) -> (N,)."""
        intrinsic = torch.where(self.is_call, torch.clamp(spot_at_expiry - self.strike, min=0.0),
                                torch.clamp(self.strike - spot_at_expiry, min=0.0))
        return (self.desk_quantity * self.multiplier * intrinsic).sum(1)


def single_option_book(n_paths: int, strike: float, expiry_years: float, *, is_call: bool = True,
                       desk_quantity: float = -1.0, dtype=torch.float32, device="cpu") -> OptionBook:
    """The same one-option book on every path (e.g. the desk sold one call)."""
    full = lambda x: torch.full((n_paths, 1), float(x), dtype=dtype, device=device)  # noqa: E731
    return OptionBook(strike=full(strike), expiry_years=full(expiry_years),
                      is_call=torch.full((n_paths, 1), bool(is_call), device=device),
                      desk_quantity=full(desk_quantity), multiplier=full(1.0))


def call_spread_book(n_paths: int, k1: float, k2: float, expiry_years: float, *, dtype=torch.float32,
                     device="cpu") -> OptionBook:
    """Desk sold Z = [(S-K1)^+ - (S-K2)^+] / (K2 - K1) (Buehler 5.2): short 1/(K2-K1) K1-calls, long K2-calls."""
    if not k2 > k1:
        raise ValueError("call spread needs K2 > K1")
    q = 1.0 / (k2 - k1)
    strike = torch.tensor([[k1, k2]], dtype=dtype, device=device).expand(n_paths, 2).clone()
    return OptionBook(strike=strike, expiry_years=torch.full((n_paths, 2), expiry_years, dtype=dtype, device=device),
                      is_call=torch.ones(n_paths, 2, dtype=torch.bool, device=device),
                      desk_quantity=torch.tensor([[-q, q]], dtype=dtype, device=device).expand(n_paths, 2).clone(),
                      multiplier=torch.ones(n_paths, 2, dtype=dtype, device=device))


def variance_swap_payoff(spot: torch.Tensor, strike_variance: float, dt: float,
                         notional: Optional[float] = 1.0) -> torch.Tensor:
    """Holder's payoff of a variance swap on the discrete grid: sum (ln S_{k+1}/S_k)^2 - K_var * T.

    Shape:
        spot (N, T+1) -> (N,)
    """
    log_ret = torch.log(spot[:, 1:] / spot[:, :-1])
    horizon = dt * (spot.shape[1] - 1)
    return notional * ((log_ret ** 2).sum(1) - strike_variance * horizon)
