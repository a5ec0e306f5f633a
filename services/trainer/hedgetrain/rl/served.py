"""The served formulation of the SABR book: the hedging problem exactly as the engine runs it (the RL study, "In the
engine"), vectorised in torch, so a policy trained here is the policy the engine serves.

Design decision (why not :class:`env.SabrBookEnv`): that environment buys a *new* 30-day ATM option every day
and holds the ladder to expiry; the engine trades a listed family (``CALL_ATM_30D``) whose series is *sticky*
and rolls, rounds strikes, contracts and underlying lots, and books PnL per tick. Rather than approximate the
ladder in the engine, the served formulation is the engine's:

* action ``a`` in [0, a_max]: the target holding of ``CALL_ATM_30D`` is ``-a * V_book / v_series`` option
  units, the fraction ``a`` of the client book's vega neutralised by the series the family trades at this
  decision (the book's current series, or a fresh one when it rolls or none is held); the underlying target
  is delta neutral after the option: ``-(Delta_book + option target * delta_series)``;
* series: expiry = the daily listed expiry (``expiry_time_utc``) nearest to now + 30 days (ties to the later,
  after now), strike = spot rounded to ``strike_step`` (halves up, at least one step), ``multiplier`` units
  per contract; sticky until its time to expiry is below ``min(roll_days, 15)`` days, then the target moves
  to a fresh series and the old one is closed in the same decision;
* orders: option contracts = round(target / multiplier - held) to whole contracts, underlying =
  round(target - held) to ``lot_size`` units (halves away from zero, the engine's ``OrderPlanner``); they
  fill at the decision's tick: options at the model price with fee ``option_cost`` x |units| x price (the
  paper gateway's ``cost-fraction`` pricing), the underlying at the spot with fee ``underlying_fee_bps``;
* marks: Black-Scholes at the SABR vol of each option's own strike and expiry (core ``SabrSmile``), time in
  ACT/365 microseconds from the tick, r = q = 0;
* per-step PnL: the engine's ``PnlEvent.stepPnl`` at tick k, ``MTM_k - MTM_{k-1}`` with MTM = cash + client
  options + underlying + series, after day k's client orders (booked at their SABR value, so value neutral)
  and before the fills of decision k. The reward of decision k is therefore ``step_pnl[k + 1]``.

The market and the client flow are those of ``feed.scenario=sabr-book`` (and of :class:`env.SabrBookEnv`):
one tick a day at ``start_micros + k * step``, Poisson ATM client calls (``units_per_order`` units, strike =
spot exactly, ``book_maturity_days`` steps) before each tick; orders of one day share strike and expiry, so
the engine holds them as one position of net quantity (scale counts the net). :meth:`ServedSabrEnv.replay`
reads the feed's ``--path-out`` CSV and replays that one path. Guardrails as in the engine: a target beyond
``max_position`` units (or a model output outside its ``bounds``) is replaced by the delta hedge in the
underlying (options untouched: no trade, no roll); an order beyond ``max_order`` units is clipped.

Features: the contract set ``sabr-book-v1`` (``schemas/policy/features.json``), computed here from the same
quantities the engine's ``features`` package uses, with the smile rule (SABR vol at each option's strike).

Shape: N episodes, T = ``episode_days`` decisions at ticks 0..T-1, a final mark at tick T.
"""
from __future__ import annotations

import csv
import datetime as dt
import math
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Callable, Dict, Optional, Sequence

import torch

from ..features.contract import load_contract
from ..instruments.black_scholes import bs_greeks, bs_price
from ..markets.sabr import sabr_implied_vol
from .env import SabrBookConfig, simulate_sabr_market

FEATURE_SET = "sabr-book-v1"
FAMILY = "CALL_ATM_30D"
FAMILY_TENOR_DAYS = 30
MICROS_PER_DAY = 86_400_000_000
MICROS_PER_YEAR = 365.0 * MICROS_PER_DAY
# 2026-01-01T20:00:00Z, the feed's first tick of a run started that day.
DEFAULT_START_MICROS = 1_767_297_600_000_000


@dataclass(frozen=True)
class ServedConfig:
    """Market, flow and the engine/gateway settings that shape the served problem.

    Engine properties: ``strike_step`` = engine.listed.strike-step, ``multiplier`` = engine.listed.multiplier,
    ``roll_days`` = engine.listed.roll-days, ``expiry_time_utc_seconds`` = engine.listed.expiry-time,
    ``lot_size`` = engine.lot-size; gateway: ``option_cost`` = gateway.paper.option-cost-fraction,
    ``underlying_fee_bps`` = gateway.paper.fee-bps, ``max_position`` / ``max_order`` = engine.limits.max-position /
    max-order-quantity (units); feed: the ``feed.sabr.*`` settings.
    """

    s0: float = 10.0
    sigma0: float = 0.3
    beta: float = 0.5
    rho: float = 0.2
    vol_of_vol: float = 0.3
    days_per_year: float = 365.0
    episode_days: int = 30
    orders_per_day: float = 1.0
    units_per_order: float = 100.0
    book_maturity_days: int = 60
    atm_vol_days: int = 30
    strike_step: float = 0.01
    multiplier: float = 1.0
    roll_days: float = 7.0
    expiry_time_utc_seconds: int = 20 * 3600
    lot_size: float = 1.0
    option_cost: float = 0.005
    underlying_fee_bps: float = 0.0
    a_max: float = 1.0
    max_position: float = 1_000_000.0
    max_order: float = 100_000.0
    start_micros: int = DEFAULT_START_MICROS

    def __post_init__(self):
        if min(self.strike_step, self.multiplier, self.roll_days, self.lot_size, self.a_max) <= 0:
            raise ValueError("strike_step, multiplier, roll_days, lot_size and a_max must be > 0")
        if min(self.option_cost, self.underlying_fee_bps) < 0:
            raise ValueError("costs must be >= 0")
        if self.episode_days < 1 or self.book_maturity_days <= self.episode_days:
            raise ValueError("need 1 <= episode_days < book_maturity_days (client options live the whole episode)")

    @classmethod
    def from_dict(cls, values: dict) -> "ServedConfig":
        """Build from a JSON object; unknown keys are rejected."""
        unknown = set(values) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"unknown served config keys {sorted(unknown)}")
        return cls(**values)

    @property
    def step_micros(self) -> int:
        """One step of event time: 365 / days_per_year calendar days, rounded like Java's Math.round."""
        return int(math.floor(365.0 / self.days_per_year * MICROS_PER_DAY + 0.5))

    @property
    def roll_threshold_days(self) -> float:
        return min(self.roll_days, FAMILY_TENOR_DAYS / 2.0)

    def market_config(self) -> SabrBookConfig:
        """The SABR book environment's market with these parameters (same paths for the same generator)."""
        return SabrBookConfig(s0=self.s0, sigma0=self.sigma0, beta=self.beta, rho=self.rho,
                              vol_of_vol=self.vol_of_vol, days_per_year=self.days_per_year,
                              episode_days=self.episode_days, orders_per_day=self.orders_per_day,
                              units_per_order=self.units_per_order, book_maturity_days=self.book_maturity_days)


def round_lots(units: torch.Tensor, lot: float) -> torch.Tensor:
    """The engine's OrderPlanner rounding: nearest whole number of lots, halves away from zero."""
    lots = torch.floor(units.abs() / lot + 0.5)
    return torch.where(lots == 0, torch.zeros_like(units), torch.copysign(lots * lot, units))


def strike_near(spot: torch.Tensor, step: float) -> torch.Tensor:
    """The engine's listed strike: spot rounded to the grid (halves up, Java Math.round), at least one step.

    The engine multiplies exact decimals (BigDecimal); dividing by 1/step gives the same double when 1/step is
    an integer (0.01 -> 100), multiplying by the step is within an ulp otherwise."""
    steps = torch.clamp(torch.floor(spot / step + 0.5), min=1.0)
    inverse = Decimal(1) / Decimal(repr(step))
    if inverse == inverse.to_integral_value():
        return steps / float(inverse)
    return steps * step


def expiry_near(target_micros: torch.Tensor, now_micros: torch.Tensor, expiry_seconds: int) -> torch.Tensor:
    """The listed daily expiry (``expiry_seconds`` after UTC midnight) nearest to the target, ties to the
    later, strictly after now (the engine's ListedSeriesResolver.expiryNear). int64 micros. Shape: broadcasts."""
    day = torch.div(torch.div(target_micros, 1_000_000, rounding_mode="floor"), 86_400, rounding_mode="floor")
    best = torch.full_like(target_micros, torch.iinfo(torch.int64).max)
    for offset in (-1, 0, 1):
        candidate = ((day + offset) * 86_400 + expiry_seconds) * 1_000_000
        unset = best == torch.iinfo(torch.int64).max
        closer = unset | ((candidate - target_micros).abs() <= (best - target_micros).abs())
        best = torch.where((candidate > now_micros) & closer, candidate, best)
    return best


@dataclass
class Episodes:
    """Market paths and client flow of N episodes. Shape: spot, alpha, atm_vol (N, T+1); orders, client_net (N, T+1)
    (day T's orders are zero in a simulated episode); times (T+1,) int64 micros."""

    spot: torch.Tensor
    alpha: torch.Tensor
    atm_vol: torch.Tensor
    orders: torch.Tensor
    client_net: torch.Tensor
    times: torch.Tensor


class Policy:
    """A served policy: ``targets(features, env) -> (N, K)`` holdings per unit scale of ``instruments``
    (``UNDERLYING`` first, then ``CALL_ATM_30D`` when it trades options)."""

    instruments: Sequence[str] = ("UNDERLYING",)
    per_scale: bool = True  # False: targets are holdings in units (the engine's delta policy)
    bounds: Optional[Sequence[Sequence[float]]] = None  # a model's target_bounds per instrument

    def targets(self, features: torch.Tensor, env: "ServedSabrEnv") -> torch.Tensor:  # pragma: no cover
        raise NotImplementedError


class ServedSabrEnv:
    """N episodes of the served problem stepped together; see the module docstring.

    ``reset(episodes)`` starts them (``simulate`` or ``replay`` make the episodes); each decision k calls
    ``features()`` (contract order, float64) and ``apply(targets)`` with per-unit-scale targets of
    ``instruments``, or ``decide(policy)`` for both; ``step_pnl`` (N, T+1) holds the engine's stepPnl per tick.
    """

    def __init__(self, config: ServedConfig, *, dtype=torch.float64, device="cpu"):
        self.config, self.dtype, self.device = config, dtype, device
        self.feature_names = load_contract().feature_set(FEATURE_SET)

    # ---------------------------------------------------------------- episodes
    def simulate(self, n_episodes: int, generator: Optional[torch.Generator] = None) -> Episodes:
        """Draw N episodes: SABR paths (env.simulate_sabr_market) and Poisson client orders, +-1 with p = 1/2."""
        c, kw = self.config, dict(dtype=self.dtype, device=self.device)
        spot, alpha = simulate_sabr_market(c.market_config(), n_episodes, generator=generator, **kw)
        counts = torch.poisson(torch.full((n_episodes, c.episode_days), c.orders_per_day, **kw), generator=generator)
        longs = torch.binomial(counts, torch.full_like(counts, 0.5), generator=generator)
        zero = torch.zeros(n_episodes, 1, **kw)
        orders, client_net = torch.cat([counts, zero], 1), torch.cat([2.0 * longs - counts, zero], 1)
        atm_ttm = c.atm_vol_days * c.step_micros / MICROS_PER_YEAR
        atm_vol = sabr_implied_vol(spot, spot, atm_ttm, alpha, c.beta, c.rho, c.vol_of_vol)
        times = c.start_micros + c.step_micros * torch.arange(c.episode_days + 1, dtype=torch.int64)
        return Episodes(spot, alpha, atm_vol, orders, client_net, times)

    def replay(self, path_csv, symbol: Optional[str] = None) -> Episodes:
        """One episode from the feed's ``--path-out`` CSV (columns symbol, day, event_time, event_time_micros,
        spot, alpha, atm_vol, orders, client_long): days 0..episode_days of ``symbol`` (the first one by
        default). The times and the config's step must agree. Shape: N = 1."""
        with open(path_csv, newline="") as handle:
            rows = [r for r in csv.DictReader(handle) if symbol is None or r["symbol"] == symbol]
        rows = [r for r in rows if r["symbol"] == rows[0]["symbol"]] if rows else rows
        rows.sort(key=lambda r: int(r["day"]))
        c, T = self.config, self.config.episode_days
        if len(rows) < T + 1:
            raise ValueError(f"{path_csv}: {len(rows)} days, the episode needs {T + 1}")
        rows = rows[:T + 1]
        times = torch.tensor([int(r["event_time_micros"]) for r in rows], dtype=torch.int64)
        if not bool((times[1:] - times[:-1] == c.step_micros).all()):
            raise ValueError(f"{path_csv}: ticks are not {c.step_micros} us apart (config days_per_year)")

        def column(name):
            return torch.tensor([[float(r[name]) for r in rows]], dtype=self.dtype, device=self.device)

        orders, longs = column("orders"), column("client_long")
        return Episodes(column("spot"), column("alpha"), column("atm_vol"), orders, 2.0 * longs - orders, times)

    def reset(self, episodes: Episodes) -> None:
        """Start the episodes with empty positions."""
        c, n = self.config, episodes.spot.shape[0]
        kw = dict(dtype=self.dtype, device=self.device)
        self.ep, self.n, self.k = episodes, n, 0
        T = episodes.spot.shape[1] - 1
        self.n_ticks = T + 1
        self.book_units = torch.zeros(n, T + 1, **kw)  # desk units per arrival day (net of that day's orders)
        self.expiry = episodes.times + c.book_maturity_days * c.step_micros  # (T+1,) int64
        self.cash = torch.zeros(n, **kw)
        self.shares = torch.zeros(n, **kw)
        self.contracts = torch.zeros(n, **kw)  # of the current series
        # Placeholder terms until a series is traded (finite prices; no holding, so no value).
        self.series_strike = episodes.spot[:, 0].clone()
        self.series_expiry = torch.full((n,), int(episodes.times[0]) + FAMILY_TENOR_DAYS * MICROS_PER_DAY,
                                        dtype=torch.int64)
        self.has_series = torch.zeros(n, dtype=torch.bool)
        self.previous_mtm = torch.zeros(n, **kw)
        self.step_pnl = torch.zeros(n, T + 1, **kw)
        self.costs = torch.zeros(n, **kw)
        self.fallbacks = torch.zeros(n, **kw)  # decisions replaced by the delta hedge (guardrails)
        self.actions = torch.zeros(n, T + 1, **kw)
        self._arrive_and_mark()

    # ---------------------------------------------------------------- pricing
    def _smile(self, strike: torch.Tensor, ttm: torch.Tensor):
        """(price, delta, gamma, vega) per unit of calls at the current tick, SABR vol at each strike/expiry."""
        c, k = self.config, self.k
        spot = self.ep.spot[:, k:k + 1] if strike.dim() == 2 else self.ep.spot[:, k]
        alpha = self.ep.alpha[:, k:k + 1] if strike.dim() == 2 else self.ep.alpha[:, k]
        vol = sabr_implied_vol(spot.double(), strike.double(), ttm.double(), alpha.double(), c.beta, c.rho,
                               c.vol_of_vol).to(self.dtype)
        is_call = torch.ones_like(vol, dtype=torch.bool)
        return (bs_price(spot, strike, ttm, vol, is_call),) + bs_greeks(spot, strike, ttm, vol, is_call)

    def _book_values(self):
        """Client book lines at the current tick. Shape: each (N, k+1)."""
        k = self.k
        ttm = ((self.expiry[:k + 1] - self.ep.times[k]).to(self.dtype) / MICROS_PER_YEAR).expand(self.n, k + 1)
        strike = self.ep.spot[:, :k + 1]
        return self._smile(strike, ttm) + (ttm,)

    def _series_values(self, strike: torch.Tensor, expiry: torch.Tensor):
        ttm = (expiry - self.ep.times[self.k]).to(self.dtype) / MICROS_PER_YEAR
        return self._smile(strike, ttm) + (ttm,)

    def _arrive_and_mark(self) -> None:
        """Book tick k's client orders (premium = SABR value), mark, record the engine's stepPnl of tick k."""
        k, c = self.k, self.config
        price, delta, gamma, vega, ttm = self._book_values()
        day_units = -c.units_per_order * self.ep.client_net[:, k]
        self.book_units[:, k] = day_units
        self.cash = self.cash - day_units * price[:, k]
        self._book = (price, delta, gamma, vega, ttm)
        self._series = self._series_values(self.series_strike, self.series_expiry)
        units = self.book_units[:, :k + 1]
        held = self.contracts * c.multiplier
        mtm = self.cash + (units * price).sum(1) + self.shares * self.ep.spot[:, k] + held * self._series[0]
        # The engine has no book (and no PnlEvent) before the first order: MTM stays 0 there, so does the step.
        self.step_pnl[:, k] = mtm - self.previous_mtm
        self.previous_mtm = mtm

    # ---------------------------------------------------------------- decision
    def book_greeks(self) -> Dict[str, torch.Tensor]:
        """The client book at the current tick: scale and net delta, gamma, vega (units). Shape: each (N,)."""
        units = self.book_units[:, :self.k + 1]
        _, delta, gamma, vega, ttm = self._book
        scale = units.abs().sum(1)
        return {"scale": scale, "delta": (units * delta).sum(1), "gamma": (units * gamma).sum(1),
                "vega": (units * vega).sum(1), "ttm": (units.abs() * ttm).sum(1)}

    def traded_series(self):
        """(strike, expiry micros, rolls) of the series CALL_ATM_30D trades now. Shape: each (N,)."""
        c, k = self.config, self.k
        now = self.ep.times[k]
        days_left = (self.series_expiry - now).to(torch.float64) / MICROS_PER_DAY
        keep = self.has_series & (days_left >= c.roll_threshold_days)
        fresh_strike = strike_near(self.ep.spot[:, k], c.strike_step)
        fresh_expiry = expiry_near(now + FAMILY_TENOR_DAYS * MICROS_PER_DAY, now, c.expiry_time_utc_seconds)
        fresh_expiry = fresh_expiry.expand(self.n)
        same = self.has_series & (fresh_strike == self.series_strike) & (fresh_expiry == self.series_expiry)
        keep = keep | same
        return (torch.where(keep, self.series_strike, fresh_strike), torch.where(keep, self.series_expiry, fresh_expiry),
                self.has_series & ~keep)

    def features(self) -> torch.Tensor:
        """The ``sabr-book-v1`` features of every episode at the current tick (zeros where scale = 0).
        Shape: (N, F)."""
        book = self.book_greeks()
        spot, scale = self.ep.spot[:, self.k], book["scale"]
        safe = torch.where(scale > 0, scale, torch.ones_like(scale))
        strike, expiry, _ = self.traded_series()
        _, s_delta, s_gamma, s_vega, s_ttm = self._series_values(strike, expiry)
        held = self.contracts * self.config.multiplier
        values = {
            "implied_vol": self.ep.atm_vol[:, self.k],
            "ttm_years": book["ttm"] / safe,
            "book_delta": book["delta"] / safe,
            "book_gamma_spot": spot * book["gamma"] / safe,
            "book_vega_spot": book["vega"] / (spot * safe),
            "hedge_underlying": self.shares / safe,
            "hedge_call_atm_30d": held / safe,
            "hedge_options_delta": held * self._series[1] / safe,
            "call_atm_30d_traded_delta": s_delta,
            "call_atm_30d_traded_gamma_spot": spot * s_gamma,
            "call_atm_30d_traded_vega_spot": s_vega / spot,
            "call_atm_30d_traded_ttm_years": s_ttm,
            "call_atm_30d_traded_log_moneyness": torch.log(spot / strike),
        }
        out = torch.stack([values[name] for name in self.feature_names], 1)
        return torch.where((scale > 0).unsqueeze(1), out, torch.zeros_like(out))

    def action_targets(self, action: torch.Tensor) -> torch.Tensor:
        """The served algebra a -> targets per unit scale [UNDERLYING, CALL_ATM_30D], float64. Shape: (N,) -> (N, 2)."""
        f = self.features()
        idx = {name: i for i, name in enumerate(self.feature_names)}
        a = torch.clamp(action.to(self.dtype), 0.0, self.config.a_max)
        option = -a * f[:, idx["book_vega_spot"]] / f[:, idx["call_atm_30d_traded_vega_spot"]].clamp(min=1e-12)
        underlying = -(f[:, idx["book_delta"]] + option * f[:, idx["call_atm_30d_traded_delta"]])
        return torch.stack([underlying, option], 1)

    def apply(self, targets: torch.Tensor, instruments: Sequence[str], per_scale: bool = True,
              bounds: Optional[Sequence[Sequence[float]]] = None) -> None:
        """Trade to ``targets`` (per unit scale, (N, K) of ``instruments``) and move to the next tick.

        Targets are holdings x scale (an engine multiplies the model's float32 output by the float64 scale);
        where scale = 0 the underlying goes to 0 and options are left alone (the engine's zero target).
        With ``per_scale=False`` the targets are holdings in units already."""
        c, k = self.config, self.k
        if k >= self.n_ticks - 1:
            raise ValueError("episode finished; call reset()")
        book = self.book_greeks()
        scale, spot = book["scale"], self.ep.spot[:, k]
        held_delta = self.contracts * c.multiplier * self._series[1]
        delta_hedge = torch.clamp(-(book["delta"] + held_delta), -c.max_position, c.max_position)
        if not per_scale:
            u_target = targets[:, 0].to(self.dtype)
            fallback = u_target.abs() > c.max_position
            self._trade_underlying(torch.where(fallback, delta_hedge, u_target), spot)
            self.fallbacks = self.fallbacks + fallback.to(self.dtype)
            return self._next_tick()
        live = scale > 0
        units = targets.to(self.dtype) * scale.unsqueeze(1)  # (N, K)
        fallback = live & (~torch.isfinite(units) | (units.abs() > c.max_position)).any(1)
        if bounds is not None:
            low = torch.tensor([b[0] for b in bounds], dtype=self.dtype)
            high = torch.tensor([b[1] for b in bounds], dtype=self.dtype)
            fallback = fallback | (live & ((targets < low) | (targets > high)).any(1))
        policy = live & ~fallback
        if FAMILY in instruments:
            self._trade_option(units[:, list(instruments).index(FAMILY)], policy)
        u_target = torch.where(policy, units[:, 0], torch.zeros_like(scale))
        self._trade_underlying(torch.where(fallback, delta_hedge, u_target), spot)
        self.fallbacks = self.fallbacks + fallback.to(self.dtype)
        self._next_tick()

    def _clip(self, quantity: torch.Tensor, units_per_quantity: float, lot: float) -> torch.Tensor:
        """The engine's order-size limit: at most floor(max_order / units_per_quantity / lot) lots."""
        most = math.floor(self.config.max_order / units_per_quantity / lot) * lot
        return torch.clamp(quantity, -most, most)

    def _trade_underlying(self, target: torch.Tensor, spot: torch.Tensor) -> None:
        shares = self._clip(round_lots(target - self.shares, self.config.lot_size), 1.0, self.config.lot_size)
        fee = self.config.underlying_fee_bps * 1e-4 * shares.abs() * spot
        self.cash = self.cash - shares * spot - fee
        self.costs = self.costs + fee
        self.shares = self.shares + shares

    def _next_tick(self) -> None:
        self.k += 1
        self._arrive_and_mark()

    def _trade_option(self, units_target: torch.Tensor, live: torch.Tensor) -> None:
        """Roll (close the old series) and trade the traded series to the target, whole contracts, at model price."""
        c = self.config
        strike, expiry, rolls = self.traded_series()
        rolls = rolls & live
        old_price = self._series[0]
        close = torch.where(rolls, -self.contracts, torch.zeros_like(self.contracts))
        self._fill_option(close, old_price)
        self.contracts = self.contracts + close
        held = torch.where(rolls, torch.zeros_like(self.contracts), self.contracts)
        order = self._clip(round_lots(units_target / c.multiplier - held, 1.0), c.multiplier, 1.0)
        order = torch.where(live, order, torch.zeros_like(held))
        new_price = self._series_values(strike, expiry)[0]
        self._fill_option(order, new_price)
        self.contracts = torch.where(live, held + order, self.contracts)
        self.series_strike = torch.where(live, strike, self.series_strike)
        self.series_expiry = torch.where(live, expiry, self.series_expiry)
        self.has_series = self.has_series | live

    def _fill_option(self, contracts: torch.Tensor, price: torch.Tensor) -> None:
        units = contracts * self.config.multiplier
        fee = self.config.option_cost * units.abs() * price
        self.cash = self.cash - units * price - fee
        self.costs = self.costs + fee

    def decide(self, policy: Policy) -> None:
        """One decision of ``policy`` at the current tick."""
        self.apply(policy.targets(self.features(), self), policy.instruments, policy.per_scale, policy.bounds)

    def run(self, policy: Policy) -> torch.Tensor:
        """Every decision of an episode reset already; returns step_pnl. Shape: (N, T+1)."""
        while self.k < self.n_ticks - 1:
            self.decide(policy)
        return self.step_pnl


class DeltaPolicy(Policy):
    """The engine's delta policy: the underlying to minus the delta of the book and the held series (units)."""

    instruments = ("UNDERLYING",)
    per_scale = False

    def targets(self, features, env):
        held_delta = env.contracts * env.config.multiplier * env._series[1]
        return (-(env.book_greeks()["delta"] + held_delta)).unsqueeze(1)


class ActionPolicy(Policy):
    """A policy of the served action: ``action(features) -> a`` (N,), turned into targets by the served algebra
    (delta-vega is the constant a = 1)."""

    instruments = ("UNDERLYING", FAMILY)

    def __init__(self, action: Callable[[torch.Tensor], torch.Tensor]):
        self.action = action

    def targets(self, features, env):
        return env.action_targets(self.action(features))


def delta_vega_policy() -> ActionPolicy:
    """Neutralise the whole client-book vega with the series, delta with the underlying (a = 1)."""
    return ActionPolicy(lambda f: torch.ones(f.shape[0], dtype=f.dtype))


class OnnxTargetsPolicy(Policy):
    """A model's targets as the engine computes them: float32 features through ``model(features) -> (N, K)``
    float32 (the exported graph or its torch module)."""

    def __init__(self, model: Callable[[torch.Tensor], torch.Tensor], instruments: Sequence[str],
                 bounds: Optional[Sequence[Sequence[float]]] = None):
        self.model, self.instruments, self.bounds = model, tuple(instruments), bounds

    def targets(self, features, env):
        with torch.no_grad():
            return self.model(features.to(torch.float32)).to(torch.float64)


def iso_day(micros: int) -> str:
    """UTC date of an epoch-micros instant (for reports)."""
    return dt.datetime.fromtimestamp(micros / 1e6, tz=dt.timezone.utc).date().isoformat()
