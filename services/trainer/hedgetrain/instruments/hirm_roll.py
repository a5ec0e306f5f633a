"""The HIRM liability flow of the replay (``io.hedgestream.replay.flow.HirmRollFlow``), vectorised over days.

At each close the client sells back the call opened at the previous close (same contract, at today's
Black-Scholes price) and buys a new one: strike = today's close (on the strike grid when one is set), expiry =
16:00 New York of the date ``tenor_days`` calendar days later, ``contracts`` x ``multiplier``. Premiums are
Black-Scholes-Merton at the queue tick's mid (``order_mid``), ATM vol (VIX/100), rate and dividend yield, ttm
ACT/365 from epoch micros.
At the last close of a segment that another segment follows, the option is closed and none opened.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import torch

from ..markets.historical import WindowMarket, close_micros, years_between
from .black_scholes import bs_price


@dataclass(frozen=True)
class RolledCalls:
    """The liability per day t of a window (the desk is short ``contracts`` calls after each open).

    Shape:
        every tensor (T,). ``opened[t]``: a call is opened at close t with ``strike[t]``, ``expiry_micros[t]``
        and premium ``open_premium[t]`` per underlying unit; ``closed[t]``: the call opened at close t-1 is
        bought back at ``close_premium[t]`` (0 where nothing is closed); ``open_mark[t]``: the engine's mark of the
        call opened at t, at the run's mid (equal to the premium up to the queue's mid rounding).
    """
    contracts: float
    multiplier: float
    strike: torch.Tensor
    expiry_micros: torch.Tensor
    opened: torch.Tensor
    closed: torch.Tensor
    open_premium: torch.Tensor
    close_premium: torch.Tensor
    open_mark: torch.Tensor


def atm_strike(close: torch.Tensor, strike_step: float) -> torch.Tensor:
    """Java's ``Math.round(close / step) * step`` (halves up), or the close when the step is 0."""
    if strike_step <= 0:
        return close.clone()
    return torch.floor(close / strike_step + 0.5) * strike_step


def hirm_roll(window: WindowMarket, tenor_days: int = 60, contracts: float = 1.0, multiplier: float = 100.0,
              strike_step: float = 0.0) -> RolledCalls:
    """The HIRM roll over a window's closes (defaults: the Java ``FlowSettings.hirm``)."""
    if tenor_days <= 0 or not contracts > 0 or not multiplier > 0 or strike_step < 0:
        raise ValueError("tenor_days, contracts, multiplier must be > 0 and strike_step >= 0")
    market = window.market
    mid = market.order_mid
    opened = ~window.segment_end
    strike = atm_strike(market.last, strike_step)
    expiry = torch.tensor([close_micros(dt.date.fromisoformat(d) + dt.timedelta(days=tenor_days))
                           for d in market.dates], dtype=torch.int64)
    is_call = torch.ones_like(opened)
    ttm_open = years_between(market.event_micros, expiry)
    open_premium = bs_price(mid, strike, ttm_open, market.vol, is_call, market.rate, market.div)
    # the call opened at t-1 is closed at t, priced at t's tick
    prev_strike = torch.cat([strike[:1], strike[:-1]])
    prev_expiry = torch.cat([expiry[:1], expiry[:-1]])
    closed = torch.cat([torch.zeros(1, dtype=torch.bool), opened[:-1]])
    ttm_close = years_between(market.event_micros, prev_expiry)
    close_premium = torch.where(closed, bs_price(mid, prev_strike, ttm_close, market.vol, is_call, market.rate,
                                                 market.div), torch.zeros_like(mid))
    open_mark = bs_price(market.mid, strike, ttm_open, market.vol, is_call, market.rate, market.div)
    return RolledCalls(contracts=float(contracts), multiplier=float(multiplier), strike=strike, expiry_micros=expiry,
                       opened=opened, closed=closed, open_premium=open_premium, close_premium=close_premium,
                       open_mark=open_mark)
