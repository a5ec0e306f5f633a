"""Evaluation of a policy on a historical window with the HIRM liability, booked with the engine's conventions,
so that the per-step PnL equals the engine's replay of the same window (``hedge replay run``).

One step per trading day t (the engine decides each book once per close):

1. the fill of the order sent at t-1 is booked: holding += q, cash -= q * price + fee, where price is the ask
   (buy) or bid (sell) of tick t-1 and fee = |price * q| * feeBps / 10,000 (the paper exchange's order-time fill);
2. the day's client orders are booked at tick t's Black-Scholes price: the call opened at t-1 is bought back
   (cash -= premium x contracts x multiplier), a new ATM call is sold (cash += premium x ...);
3. the book is marked at tick t: MTM = cash + sum(desk contracts x multiplier x BS price) + holding x mid;
   step PnL = MTM - previous MTM (0 before the first step), cumulative = running sum;
4. the policy's target (per unit of book scale, x scale; the delta hedge when a model's output is non-finite,
   outside its target bounds, or beyond max position) becomes an order: target - holding - pending, rounded to
   whole lots (halves away from zero). A book with no live option targets 0.

Everything is float64; a model runs in float32 like ONNX Runtime. Books are batched: N books with different
fees hedge the same window side by side.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Union

import torch

from ..features.builders import book_delta
from ..features.state import HedgeState
from ..instruments.book import OptionBook
from ..instruments.hirm_roll import RolledCalls
from ..markets.historical import WindowMarket, years_between
from ..policies.base import Policy


@dataclass(frozen=True)
class EngineLimits:
    """The engine's order rules (``engine.lot-size``, ``engine.limits.*`` defaults)."""
    lot_size: float = 1.0
    max_position: float = 1_000_000.0
    max_order_quantity: float = 100_000.0


@dataclass(frozen=True)
class WindowResult:
    """Per-step ledger of N books over T days.

    Shape:
        every tensor (N, T): ``holding`` = underlying units held at the decision (before its order fills, as the
        engine's PnL event reports), ``target`` and ``order`` in units, ``option_value`` desk option value,
        ``costs`` = fees + half-spread of the fills booked in the step, ``fallback`` bool.
    """
    dates: tuple
    event_micros: torch.Tensor
    spot: torch.Tensor
    holding: torch.Tensor
    target: torch.Tensor
    order: torch.Tensor
    option_value: torch.Tensor
    cash: torch.Tensor
    mark_to_market: torch.Tensor
    step_pnl: torch.Tensor
    cumulative_pnl: torch.Tensor
    costs: torch.Tensor
    fallback: torch.Tensor

    def steps(self, book: int = 0) -> List[Dict]:
        """One dict per step of book ``book`` (the golden-file rows)."""
        rows = []
        for t, date in enumerate(self.dates):
            rows.append({"date": date, "eventMicros": int(self.event_micros[t]), "spot": float(self.spot[t]),
                         "holding": float(self.holding[book, t]), "target": float(self.target[book, t]),
                         "order": float(self.order[book, t]), "costs": float(self.costs[book, t]),
                         "stepPnl": float(self.step_pnl[book, t]),
                         "cumulativePnl": float(self.cumulative_pnl[book, t])})
        return rows


def round_to_lots(units: torch.Tensor, lot: float) -> torch.Tensor:
    """The engine's ``OrderPlanner.roundToLots``: nearest whole number of lots, halves away from zero."""
    lots = torch.floor(units.abs() / lot + 0.5)
    return torch.where(lots == 0, torch.zeros_like(units), torch.copysign(lots * lot, units))


def _state(window: WindowMarket, liability: RolledCalls, t: int, holding: torch.Tensor,
           rolling: Optional[torch.Tensor] = None) -> HedgeState:
    """Decision-time state of N identical books holding the call opened at t (time origin = now), with the
    symbol's rolling features of day t when given."""
    n = holding.shape[0]
    market = window.market
    row = lambda x: torch.full((n, 1), float(x), dtype=torch.float64)  # noqa: E731
    tau = float(years_between(market.event_micros[t], liability.expiry_micros[t]))
    book = OptionBook(strike=row(liability.strike[t]), expiry_years=row(tau),
                      is_call=torch.ones((n, 1), dtype=torch.bool), desk_quantity=row(-liability.contracts),
                      multiplier=row(liability.multiplier))
    scale = book.scale(0.0)
    return HedgeState(time_years=0.0, spot=torch.full((n,), float(market.mid[t]), dtype=torch.float64),
                      vol=torch.full((n,), float(market.vol[t]), dtype=torch.float64), book=book,
                      holdings=(holding / scale).unsqueeze(1), spot_ref=torch.full((n,), float(market.mid[t]),
                                                                                  dtype=torch.float64),
                      rate=float(market.rate[t]), div=float(market.div[t]),
                      rolling=None if rolling is None else rolling[t].expand(n, -1))


def _targets(policy: Policy, state: HedgeState, limits: EngineLimits):
    """(target units (N,), fallback (N,) bool): the policy's underlying target x scale, guarded like the engine."""
    scale = state.scale
    delta_target = -book_delta(state) * scale
    fallback_target = delta_target.clamp(-limits.max_position, limits.max_position)
    with torch.no_grad():
        output = policy.act(state)
    if output.shape[1] != 1:
        raise ValueError(f"historical evaluation hedges with the underlying only; policy has {output.shape[1]} outputs")
    bounded = policy.within_bounds(output) if hasattr(policy, "within_bounds") else torch.isfinite(output).all(1)
    target = output[:, 0].to(torch.float64) * scale
    ok = bounded & torch.isfinite(target) & (target.abs() <= limits.max_position)
    return torch.where(ok, target, fallback_target), ~ok


def evaluate_window(window: WindowMarket, liability: RolledCalls, policy: Policy,
                    fee_bps: Union[float, Sequence[float]] = 0.0, limits: EngineLimits = EngineLimits(),
                    rolling: Optional[torch.Tensor] = None) -> WindowResult:
    """Hedge the window's liability with ``policy`` for each fee level (one book per level). See the module doc.

    ``rolling`` (T, R): the symbol's rolling features (``features.ALL_ROLLING_FEATURES``) of each window day from
    its full history, as the engine has them after the replay's warm-up; needed by a policy that reads them."""
    market = window.market
    fees = torch.as_tensor(fee_bps if isinstance(fee_bps, (list, tuple)) else [fee_bps], dtype=torch.float64)
    n, steps = fees.shape[0], len(market)
    f64 = torch.float64
    mid, bid, ask = market.mid, market.bid, market.ask
    units = liability.contracts * liability.multiplier
    zeros = lambda: torch.zeros(n, steps, dtype=f64)  # noqa: E731
    out = {k: zeros() for k in ("holding", "target", "order", "option_value", "cash", "mtm", "step", "cum", "costs")}
    fallback = torch.zeros(n, steps, dtype=torch.bool)
    holding, cash = torch.zeros(n, dtype=f64), torch.zeros(n, dtype=f64)
    prev_mtm, cumulative = torch.zeros(n, dtype=f64), torch.zeros(n, dtype=f64)
    order = torch.zeros(n, dtype=f64)
    fill_price, fee, fill_mid = torch.zeros(n, dtype=f64), torch.zeros(n, dtype=f64), torch.zeros(n, dtype=f64)
    for t in range(steps):
        # 1. yesterday's order fills at its own tick's quote
        filled = order != 0
        cash = torch.where(filled, cash + (-order * fill_price - fee), cash)
        holding = holding + order
        costs = torch.where(filled, fee + order * (fill_price - fill_mid), torch.zeros_like(cash))
        # 2. client orders at today's close: buy back yesterday's call, sell today's
        if bool(liability.closed[t]):
            cash = cash + liability.close_premium[t] * -liability.contracts * liability.multiplier
        if bool(liability.opened[t]):
            cash = cash + liability.open_premium[t] * liability.contracts * liability.multiplier
        # 3. mark and book the step
        option_value = (-units * liability.open_mark[t] if bool(liability.opened[t]) else torch.tensor(0.0, dtype=f64))
        mtm = cash + option_value + holding * mid[t]
        step = mtm - prev_mtm
        cumulative = cumulative + step
        prev_mtm = mtm
        # 4. decide and send the order, to be filled at this tick's quote
        if bool(liability.opened[t]):
            target, fell_back = _targets(policy, _state(window, liability, t, holding, rolling), limits)
        else:
            target, fell_back = torch.zeros(n, dtype=f64), torch.zeros(n, dtype=torch.bool)
        order = round_to_lots(target - holding, limits.lot_size)
        max_order = torch.floor(torch.tensor(limits.max_order_quantity / limits.lot_size)) * limits.lot_size
        order = torch.where(order.abs() > max_order, torch.copysign(max_order, order), order)
        fill_price = torch.where(order > 0, ask[t], bid[t])
        fee = (fill_price * order.abs()).abs() * fees / 10_000
        fill_mid = mid[t].expand(n)
        for key, value in (("holding", holding), ("target", target), ("order", order), ("option_value", option_value),
                           ("cash", cash), ("mtm", mtm), ("step", step), ("cum", cumulative), ("costs", costs)):
            out[key][:, t] = value
        fallback[:, t] = fell_back
    return WindowResult(dates=market.dates, event_micros=market.event_micros, spot=mid, holding=out["holding"],
                        target=out["target"], order=out["order"], option_value=out["option_value"], cash=out["cash"],
                        mark_to_market=out["mtm"], step_pnl=out["step"], cumulative_pnl=out["cum"],
                        costs=out["costs"], fallback=fallback)
