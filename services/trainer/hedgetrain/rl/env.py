"""Vectorised SABR options-book environment for gamma/vega hedging (ANADDH §4, §6.1, appendix A; Cao et al. 2023).

Many episodes are stepped in parallel in torch (CPU or CUDA). Each trading day t = 0..T-1:

1. client orders arrive (Poisson, ``orders_per_day``): each an ATM European call on ``units_per_order`` units,
   ``book_maturity_days`` to expiry, the client long or short with probability 1/2. The desk holds the opposite
   side and books the premium at the SABR fair value, so an arrival leaves the mark-to-market value unchanged;
2. the agent picks ``a`` in [0, a_max]: the desk buys ``-a * G / g`` of a new ATM listed call of
   ``hedge_maturity_days`` (G = the portfolio's vega or gamma, g = that of one hedge option), then trades the
   underlying to be delta neutral. Hedge options are held until they expire (settled at intrinsic) or the
   episode ends;
3. the market moves one day (SABR, eqs. 50-52) and everything is marked to market with Black-Scholes at the
   SABR implied vol of each option's own strike and time to maturity (eqs. 53-56, r = q = 0).

Readings of the seed (stated, not given by it):

* ``sigma0`` is the initial *lognormal-equivalent* vol: the SABR alpha is ``sigma0 * s0**(1 - beta)`` so that
  the ATM implied vol starts near ``sigma0`` for any beta. With s0 = 10, sigma0 = 0.3 and 252 days a year a
  60-day ATM call on 100 units is worth about $60, the seed's figure (§6.1.1). With nu = 0 the dynamics are
  CEV; they are GBM only with beta = 1 as well.
* a_max (§4.1): the risk tolerance ``vega_tolerance`` (resp. ``gamma_tolerance``) is the opposite exposure the
  desk accepts after over-hedging, so the largest admissible fraction is a_max = 1 + tolerance / |G|, capped at
  ``a_max_cap``. A zero tolerance gives the [0, 1] range of §5.1.2 (from "no hedge" to "neutral"); a_max is
  recomputed every step from the current total Greek.
* Rewards: ``reward_seed`` = -|P_t - P_{t-1}| - cost_t (eqs. 2-4) with P_t - P_{t-1} the mark-to-market change
  before costs and cost_t the dollar transaction cost of the step (the seed's c_i |a_i| written in dollars so
  it is not counted twice); ``reward_pnl`` = P_t - P_{t-1} - cost_t, the PnL increment of Cao et al., whose sum
  over an episode is the episode PnL.
* ``delta_hedge=False`` skips step 2's underlying trade: with action 0 that is the no-hedge baseline.

State vector (``STATE_FEATURES``, shape (N, 8)), Greeks per ``units_per_order`` units of one fresh client
order so typical values are O(1):
    spot / s0, ATM implied vol of the hedge option, time left / T, portfolio gamma, portfolio vega,
    hedge-option gamma, hedge-option vega (each per unit, times units_per_order, over the reference), a_max.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple

import torch

from ..instruments.black_scholes import bs_greeks, bs_price
from ..markets.sabr import sabr_implied_vol

STATE_FEATURES = ("spot_rel", "hedge_implied_vol", "time_left", "portfolio_gamma", "portfolio_vega",
                  "hedge_gamma", "hedge_vega", "a_max")
HEDGE_GREEKS = ("vega", "gamma")
# SabrBookConfig fields that fix the market paths, the client orders and the prices of every line.
MARKET_FIELDS = ("s0", "sigma0", "beta", "rho", "vol_of_vol", "days_per_year", "episode_days", "orders_per_day",
                 "units_per_order", "book_maturity_days", "hedge_maturity_days")


@dataclass(frozen=True)
class SabrBookConfig:
    """Market, book, hedge and cost settings of :class:`SabrBookEnv`; costs are fractions (0.005 = 0.5%)."""

    s0: float = 10.0
    sigma0: float = 0.3
    beta: float = 0.5
    rho: float = 0.2
    vol_of_vol: float = 0.3
    days_per_year: float = 252.0
    episode_days: int = 30
    orders_per_day: float = 1.0
    units_per_order: float = 100.0
    book_maturity_days: int = 60
    hedge_maturity_days: int = 30
    hedge_greek: str = "vega"
    option_cost: float = 0.005
    underlying_cost: float = 0.0
    vega_tolerance: float = 0.0
    gamma_tolerance: float = 0.0
    a_max_cap: float = 2.0
    delta_hedge: bool = True

    def __post_init__(self):
        if self.hedge_greek not in HEDGE_GREEKS:
            raise ValueError(f"hedge_greek must be one of {HEDGE_GREEKS}, got {self.hedge_greek!r}")
        if self.s0 <= 0 or self.sigma0 <= 0 or self.vol_of_vol < 0 or not 0 <= self.beta <= 1:
            raise ValueError("need s0 > 0, sigma0 > 0, vol_of_vol >= 0, 0 <= beta <= 1")
        if not -1 < self.rho < 1:
            raise ValueError("rho must be in (-1, 1)")
        if self.episode_days < 1 or self.book_maturity_days < 1 or self.hedge_maturity_days < 1:
            raise ValueError("episode_days, book_maturity_days and hedge_maturity_days must be >= 1")
        if min(self.option_cost, self.underlying_cost, self.vega_tolerance, self.gamma_tolerance) < 0:
            raise ValueError("costs and tolerances must be >= 0")
        if self.orders_per_day < 0 or self.a_max_cap < 1:
            raise ValueError("orders_per_day must be >= 0 and a_max_cap >= 1")

    @property
    def dt(self) -> float:
        """One trading day in years."""
        return 1.0 / self.days_per_year

    @property
    def alpha0(self) -> float:
        """Initial SABR alpha: sigma0 * s0^(1 - beta) (lognormal-equivalent reading, module docstring)."""
        return self.sigma0 * self.s0 ** (1.0 - self.beta)


@dataclass
class StepResult:
    """One step of every episode. Shape: state (N, 8); the rest (N,)."""

    state: torch.Tensor
    reward_seed: torch.Tensor
    reward_pnl: torch.Tensor
    cost: torch.Tensor
    done: bool


def simulate_sabr_market(config: SabrBookConfig, n_episodes: int, *, dtype=torch.float64, device="cpu",
                         generator: Optional[torch.Generator] = None) -> Tuple[torch.Tensor, torch.Tensor]:
    """Spot and SABR alpha on the daily grid, eqs. (50)-(52) with mu = 0.

    Shape: returns spot (N, T+1), alpha (N, T+1).
    """
    n, steps, dt = n_episodes, config.episode_days, config.dt
    q_s = torch.randn(n, steps, dtype=dtype, device=device, generator=generator)
    q_i = torch.randn(n, steps, dtype=dtype, device=device, generator=generator)
    q_v = config.rho * q_s + (1.0 - config.rho ** 2) ** 0.5 * q_i
    spot = [torch.full((n,), config.s0, dtype=dtype, device=device)]
    alpha = [torch.full((n,), config.alpha0, dtype=dtype, device=device)]
    nu = config.vol_of_vol
    for k in range(steps):
        local = alpha[k] * spot[k] ** (config.beta - 1.0)  # (N,) lognormal local vol
        spot.append(spot[k] * torch.exp(-0.5 * local ** 2 * dt + local * dt ** 0.5 * q_s[:, k]))
        alpha.append(alpha[k] * torch.exp(-0.5 * nu ** 2 * dt + nu * dt ** 0.5 * q_v[:, k]))
    return torch.stack(spot, 1), torch.stack(alpha, 1)


class SabrBookEnv:
    """Many episodes of the Poisson options book under SABR, stepped together; see the module docstring.

    ``reset()`` draws the market paths and the client orders of all episodes; ``step(action)`` with an (N,)
    action in [0, a_max] (clipped) returns a :class:`StepResult`. Positions are kept per arrival day: client
    orders of day d aggregate into one line (same strike S_d, same expiry), and so do hedge options.
    """

    def __init__(self, config: SabrBookConfig, n_episodes: int, *, dtype=torch.float64, device="cpu",
                 generator: Optional[torch.Generator] = None):
        if n_episodes < 1:
            raise ValueError("n_episodes must be >= 1")
        self.config, self.n, self.dtype, self.device, self.generator = config, n_episodes, dtype, device, generator
        self.t = 0

    # ---------------------------------------------------------------- market and book
    def reset(self) -> torch.Tensor:
        """Draw new episodes; returns the state at day 0 after its client orders. Shape: (N, 8)."""
        c, n, T = self.config, self.n, self.config.episode_days
        kw = dict(dtype=self.dtype, device=self.device)
        self.spot, self.alpha = simulate_sabr_market(c, n, generator=self.generator, **kw)  # (N, T+1)
        rate = torch.full((n, T), c.orders_per_day, **kw)
        counts = torch.poisson(rate, generator=self.generator)  # (N, T) orders per day
        # Each order is +-1 with prob. 1/2: the sum of k such signs is 2*Binomial(k, 1/2) - k.
        longs = torch.binomial(counts, torch.full_like(counts, 0.5), generator=self.generator)
        client_net = 2.0 * longs - counts  # (N, T) client's net long orders
        self.order_counts = counts
        days = torch.arange(T, **kw)
        # Lines 0..T-1: client orders of day d; lines T..2T-1: hedge options bought on day d.
        self.book_qty = -c.units_per_order * client_net  # (N, T), added on arrival
        self.strike = torch.cat([self.spot[:, :T], self.spot[:, :T]], 1)  # ATM on the day of the trade
        self.expiry_day = torch.cat([days + c.book_maturity_days, days + c.hedge_maturity_days]).expand(n, 2 * T)
        self._line_cache = {}
        return self._start()

    def reset_like(self, other: "SabrBookEnv") -> torch.Tensor:
        """Start a new episode on ``other``'s market paths and client orders (shared, with its pricing cache).

        Several policies then run on common random numbers while the market is priced once. ``other`` must
        have been reset, with the same episode count, dtype and market settings (MARKET_FIELDS); hedge
        Greek, costs, tolerances and delta hedging may differ. Returns the day-0 state. Shape: (N, 8).
        """
        mismatched = [f for f in MARKET_FIELDS if getattr(self.config, f) != getattr(other.config, f)]
        if mismatched or other.n != self.n or other.dtype != self.dtype:
            raise ValueError(f"reset_like needs the same market, size and dtype; differs in {mismatched}")
        for name in ("spot", "alpha", "order_counts", "book_qty", "strike", "expiry_day", "_line_cache"):
            setattr(self, name, getattr(other, name))
        return self._start()

    def price_all_days(self) -> None:
        """Fill the pricing cache for every day of the episode (after ``reset``), e.g. before timing policies
        that share these paths through ``reset_like``."""
        for day in range(self.config.episode_days + 1):
            self._line_values(day)
            self._hedge_option(day)

    def _start(self) -> torch.Tensor:
        """Empty positions at day 0, then day 0's client orders; returns the state."""
        kw = dict(dtype=self.dtype, device=self.device)
        self.qty = torch.zeros(self.n, 2 * self.config.episode_days, **kw)  # desk units per line
        self.shares = torch.zeros(self.n, **kw)
        self.cash = torch.zeros(self.n, **kw)
        self.t = 0
        self._arrive()
        return self.state()

    def _line_values(self, day: int) -> Tuple[torch.Tensor, ...]:
        """Price, delta, gamma, vega per unit of every line at ``day`` (cached: strikes are fixed at reset).

        Only lines opened on or before ``day`` can hold a position, so only those are priced; the others are 0.
        Shape: each (N, 2T).
        """
        if day in self._line_cache:
            return self._line_cache[day]
        c, T = self.config, self.config.episode_days
        opened = torch.arange(min(day, T - 1) + 1, device=self.device)
        lines = torch.cat([opened, T + opened])  # client lines and hedge lines of days 0..day
        spot = self.spot[:, day:day + 1]
        strike = self.strike[:, lines]
        ttm = (self.expiry_day[:, lines] - day) * c.dt
        live_ttm = torch.clamp(ttm, min=c.dt)
        # In float64 whatever the env dtype: near the money the z/chi(z) ratio cancels to 0/0 in float32.
        vol = sabr_implied_vol(spot.double(), strike.double(), live_ttm.double(),
                               self.alpha[:, day:day + 1].double(), c.beta, c.rho, c.vol_of_vol).to(self.dtype)
        is_call = torch.ones_like(vol, dtype=torch.bool)
        values = (bs_price(spot, strike, ttm, vol, is_call),) + bs_greeks(spot, strike, ttm, vol, is_call)
        full = []
        for value in values:
            out = torch.zeros(self.n, 2 * T, dtype=self.dtype, device=self.device)
            out[:, lines] = value
            full.append(out)
        self._line_cache[day] = tuple(full)
        return self._line_cache[day]

    def _hedge_option(self, day: int) -> Tuple[torch.Tensor, ...]:
        """Price, delta, gamma, vega per unit and implied vol of a new ATM hedge call at ``day`` (cached).

        Shape: each (N,)."""
        key = ("hedge", day)
        if key in self._line_cache:
            return self._line_cache[key]
        c = self.config
        spot = self.spot[:, day]
        ttm = torch.full_like(spot, c.hedge_maturity_days * c.dt)
        vol = sabr_implied_vol(spot, spot, ttm, self.alpha[:, day], c.beta, c.rho, c.vol_of_vol)
        is_call = torch.ones_like(spot, dtype=torch.bool)
        self._line_cache[key] = (bs_price(spot, spot, ttm, vol, is_call),) + bs_greeks(spot, spot, ttm, vol, is_call) \
            + (vol,)
        return self._line_cache[key]

    def _arrive(self) -> None:
        """Book day t's client orders at fair value: the premium goes to cash, MtM unchanged."""
        t = self.t
        price = self._line_values(t)[0][:, t]
        self.qty[:, t] = self.book_qty[:, t]
        self.cash -= self.book_qty[:, t] * price

    def client_premium_value(self) -> torch.Tensor:
        """Fair value of every client order booked so far, summed per episode (the base of the seed's §6.7
        premium kappa x option price). Shape: (N,)."""
        value = torch.zeros(self.n, dtype=self.dtype, device=self.device)
        for day in range(min(self.t + 1, self.config.episode_days)):
            price = self._line_values(day)[0][:, day]
            value += self.order_counts[:, day] * self.config.units_per_order * price
        return value

    def portfolio_greeks(self) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Options-only (delta, gamma, vega) of the desk at the current day, in units of the underlying."""
        _, delta, gamma, vega = self._line_values(self.t)
        return (self.qty * delta).sum(1), (self.qty * gamma).sum(1), (self.qty * vega).sum(1)

    def mark_to_market(self, day: Optional[int] = None) -> torch.Tensor:
        """Options + shares + cash valued at ``day`` (default: now). Shape: (N,)."""
        day = self.t if day is None else day
        price = self._line_values(day)[0]
        return (self.qty * price).sum(1) + self.shares * self.spot[:, day] + self.cash

    # ---------------------------------------------------------------- agent interface
    def a_max(self) -> torch.Tensor:
        """Largest admissible action, 1 + tolerance / |G| capped at a_max_cap (module docstring). Shape: (N,)."""
        c = self.config
        _, gamma, vega = self.portfolio_greeks()
        greek, tol = (vega, c.vega_tolerance) if c.hedge_greek == "vega" else (gamma, c.gamma_tolerance)
        ratio = tol / torch.clamp(greek.abs(), min=1e-12)
        return torch.clamp(1.0 + ratio, max=c.a_max_cap)

    def state(self) -> torch.Tensor:
        """The documented state vector (``STATE_FEATURES``). Shape: (N, 8)."""
        c, t = self.config, self.t
        _, gamma, vega = self.portfolio_greeks()
        _, _, h_gamma, h_vega, h_vol = self._hedge_option(t)
        ref_gamma, ref_vega = self.reference_greeks()
        u = c.units_per_order
        time_left = torch.full_like(gamma, (c.episode_days - t) / c.episode_days)
        return torch.stack([self.spot[:, t] / c.s0, h_vol, time_left, gamma / ref_gamma, vega / ref_vega,
                            u * h_gamma / ref_gamma, u * h_vega / ref_vega, self.a_max()], 1)

    def reference_greeks(self) -> Tuple[float, float]:
        """Gamma and vega of one fresh client order (units_per_order ATM calls at s0, sigma0)."""
        c = self.config
        s = torch.tensor([c.s0], dtype=torch.float64)
        _, gamma, vega = bs_greeks(s, s, torch.tensor([c.book_maturity_days * c.dt], dtype=torch.float64),
                                   torch.tensor([c.sigma0], dtype=torch.float64), torch.tensor([True]))
        return c.units_per_order * float(gamma), c.units_per_order * float(vega)

    def hedge_quantity(self, action: torch.Tensor) -> torch.Tensor:
        """Units of the new hedge option that neutralise the fraction ``action`` of the portfolio Greek."""
        _, gamma, vega = self.portfolio_greeks()
        _, _, h_gamma, h_vega, _ = self._hedge_option(self.t)
        greek, h_greek = (vega, h_vega) if self.config.hedge_greek == "vega" else (gamma, h_gamma)
        return -action * greek / h_greek

    def step(self, action: torch.Tensor) -> StepResult:
        """Trade the hedge option (fraction ``action`` of the Greek), re-hedge delta, move one day. Shape: (N,)."""
        c, t = self.config, self.t
        if t >= c.episode_days:
            raise ValueError("episode finished; call reset()")
        action = torch.minimum(torch.clamp(action.to(self.dtype), min=0.0), self.a_max())
        value_before = self.mark_to_market()
        h_price = self._hedge_option(t)[0]
        n_hedge = self.hedge_quantity(action)
        self.qty[:, c.episode_days + t] = n_hedge
        self.cash -= n_hedge * h_price
        option_cost = c.option_cost * n_hedge.abs() * h_price
        delta, _, _ = self.portfolio_greeks()
        target_shares = -delta if c.delta_hedge else self.shares
        trade = target_shares - self.shares
        underlying_cost = c.underlying_cost * trade.abs() * self.spot[:, t]
        self.cash -= trade * self.spot[:, t]
        self.shares = target_shares
        cost = option_cost + underlying_cost
        self.cash -= cost
        self.t = t + 1
        gross = self.mark_to_market() - (value_before - cost)  # MtM change of the positions held over the day
        done = self.t == c.episode_days
        if not done:
            self._arrive()
        return StepResult(state=self.state(), reward_seed=-gross.abs() - cost, reward_pnl=gross - cost, cost=cost,
                          done=done)
