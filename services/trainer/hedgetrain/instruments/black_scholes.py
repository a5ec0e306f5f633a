"""Black-Scholes-Merton prices and Greeks in torch (any dtype/device). Rates continuous, time in years."""
from __future__ import annotations

import math

import torch

_SQRT2 = math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


def norm_cdf(x: torch.Tensor) -> torch.Tensor:
    return 0.5 * (1.0 + torch.erf(x / _SQRT2))


def norm_pdf(x: torch.Tensor) -> torch.Tensor:
    return _INV_SQRT_2PI * torch.exp(-0.5 * x * x)


def d1(spot, strike, ttm, vol, rate=0.0, div=0.0):
    """d1 = (ln(S/K) + (r - q + vol^2/2) tau) / (vol sqrt(tau)); callers guarantee tau > 0, vol > 0."""
    return (torch.log(spot / strike) + (rate - div + 0.5 * vol * vol) * ttm) / (vol * torch.sqrt(ttm))


def bs_price(spot, strike, ttm, vol, is_call, rate=0.0, div=0.0):
    """European price; at tau <= 0 or vol <= 0 the (forward) intrinsic value. ``is_call`` bool tensor. Broadcasts."""
    spot, strike, ttm, vol = torch.broadcast_tensors(*(torch.as_tensor(x, dtype=spot.dtype, device=spot.device)
                                                       for x in (spot, strike, ttm, vol)))
    live = (ttm > 0) & (vol > 0)
    t = torch.where(live, ttm, torch.ones_like(ttm))
    sg = torch.where(live, vol, torch.ones_like(vol))
    dd1 = d1(spot, strike, t, sg, rate, div)
    dd2 = dd1 - sg * torch.sqrt(t)
    df_q = torch.exp(-div * t)
    df_r = torch.exp(-rate * t)
    call = spot * df_q * norm_cdf(dd1) - strike * df_r * norm_cdf(dd2)
    put = strike * df_r * norm_cdf(-dd2) - spot * df_q * norm_cdf(-dd1)
    fwd_t = torch.clamp(ttm, min=0.0)
    fwd_intr_call = torch.clamp(spot * torch.exp(-div * fwd_t) - strike * torch.exp(-rate * fwd_t), min=0.0)
    fwd_intr_put = torch.clamp(strike * torch.exp(-rate * fwd_t) - spot * torch.exp(-div * fwd_t), min=0.0)
    live_price = torch.where(is_call, call, put)
    dead_price = torch.where(is_call, fwd_intr_call, fwd_intr_put)
    return torch.where(live, live_price, dead_price)


def bs_greeks(spot, strike, ttm, vol, is_call, rate=0.0, div=0.0):
    """(delta, gamma, vega per 1.00 vol) of European options; zero Greeks where tau <= 0. Broadcasts.

    Delta: e^{-q tau} N(d1) (call), e^{-q tau}(N(d1) - 1) (put); Gamma: e^{-q tau} n(d1) / (S vol sqrt(tau));
    Vega: S e^{-q tau} n(d1) sqrt(tau).
    """
    spot, strike, ttm, vol = torch.broadcast_tensors(*(torch.as_tensor(x, dtype=spot.dtype, device=spot.device)
                                                       for x in (spot, strike, ttm, vol)))
    live = ttm > 0
    t = torch.where(live, ttm, torch.ones_like(ttm))
    dd1 = d1(spot, strike, t, vol, rate, div)
    df_q = torch.exp(-div * t)
    n1 = norm_pdf(dd1)
    delta = df_q * torch.where(is_call, norm_cdf(dd1), norm_cdf(dd1) - 1.0)
    gamma = df_q * n1 / (spot * vol * torch.sqrt(t))
    vega = spot * df_q * n1 * torch.sqrt(t)
    zero = torch.zeros_like(delta)
    return torch.where(live, delta, zero), torch.where(live, gamma, zero), torch.where(live, vega, zero)
