"""A hedging problem built from a config: sample (market paths, book) and roll a policy through them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import torch

from ..config import ExperimentConfig, OptionSpec
from ..features.state import HedgeState
from ..instruments.book import OptionBook, call_spread_book
from ..instruments.costs import TransactionCosts
from ..instruments.pnl import PnlBreakdown, terminal_pnl
from ..markets.gbm import simulate_gbm
from ..markets.heston import HestonParams, simulate_heston
from ..markets.merton import add_merton_jumps
from ..markets.paths import MarketPaths
from ..markets.sabr import simulate_sabr
from ..policies.base import Policy

DTYPES = {"float32": torch.float32, "float64": torch.float64}


@dataclass(frozen=True)
class Episode:
    """One batch of simulated paths and the liability book on each path."""
    market: MarketPaths
    book: OptionBook


@dataclass(frozen=True)
class Rollout:
    """Holdings per unit scale (N, T, K) and the PnL per unit of book scale."""
    holdings: torch.Tensor
    result: PnlBreakdown


class HedgingProblem:
    """Market + liability + costs of an :class:`ExperimentConfig`, on one device and dtype."""

    def __init__(self, config: ExperimentConfig, device="cpu", dtype: Optional[torch.dtype] = None):
        self.config = config
        self.device = torch.device(device)
        self.dtype = dtype or DTYPES[config.train.dtype]
        self.horizon_years = config.n_steps * config.dt
        self.costs = TransactionCosts(proportional=config.costs.proportional, fixed=config.costs.fixed,
                                      at_maturity=config.costs.at_maturity)
        self.instruments = ("UNDERLYING", "VARSWAP") if config.market.model == "heston" else ("UNDERLYING",)

    @property
    def heston_params(self) -> HestonParams:
        m = self.config.market
        return HestonParams(s0=m.s0, v0=m.v0, kappa=m.kappa, theta=m.theta, xi=m.vol_of_vol, rho=m.rho)

    def generator(self, seed: int) -> torch.Generator:
        return torch.Generator(device=self.device).manual_seed(int(seed))

    def simulate_market(self, n_paths: int, generator: torch.Generator) -> MarketPaths:
        c, m = self.config, self.config.market
        common = dict(dtype=self.dtype, device=self.device, generator=generator)
        if m.model == "gbm":
            sigma = m.sigma
            if m.sigma_range is not None:
                lo, hi = m.sigma_range
                sigma = lo + (hi - lo) * torch.rand(n_paths, **common)
            paths = simulate_gbm(n_paths, c.n_steps, c.dt, s0=m.s0, sigma=sigma, drift=m.drift, **common)
        elif m.model == "heston":
            paths = simulate_heston(n_paths, c.n_steps, c.dt, params=self.heston_params, substeps=m.substeps, **common)
        else:
            paths = simulate_sabr(n_paths, c.n_steps, c.dt, s0=m.s0, sigma0=m.sigma, beta=m.beta, rho=m.rho,
                                  vol_of_vol=m.vol_of_vol, drift=m.drift, **common)
        if m.jumps is not None:
            j = m.jumps
            paths = add_merton_jumps(paths, intensity_per_year=j.intensity_per_year, mean_log_jump=j.mean_log_jump,
                                     std_log_jump=j.std_log_jump, generator=generator)
        return paths

    def sample_book(self, n_paths: int, generator: torch.Generator) -> OptionBook:
        c = self.config
        s0 = c.market.s0
        if c.liability.kind == "call_spread":
            k1, k2 = c.liability.strikes
            return call_spread_book(n_paths, k1 * s0, k2 * s0, self.horizon_years, dtype=self.dtype, device=self.device)
        cols = [self._option_column(spec, n_paths, generator) for spec in c.liability.options]
        stack = lambda i: torch.stack([col[i] for col in cols], 1)  # noqa: E731
        return OptionBook(strike=stack(0), expiry_years=stack(1), is_call=stack(2), desk_quantity=stack(3),
                          multiplier=torch.ones(n_paths, len(cols), dtype=self.dtype, device=self.device))

    def _option_column(self, spec: OptionSpec, n: int, gen: torch.Generator):
        c = self.config
        kw = dict(dtype=self.dtype, device=self.device, generator=gen)
        uniform = lambda lo, hi: lo + (hi - lo) * torch.rand(n, **kw)  # noqa: E731
        money = uniform(*spec.moneyness_range) if spec.moneyness_range else torch.full((n,), spec.moneyness, dtype=self.dtype, device=self.device)
        if spec.maturity_steps_range:
            lo, hi = spec.maturity_steps_range
            steps = torch.randint(lo, hi + 1, (n,), device=self.device, generator=gen).to(self.dtype)
        else:
            steps = torch.full((n,), float(spec.maturity_steps or c.n_steps), dtype=self.dtype, device=self.device)
        if bool((steps < c.n_steps).any()):
            raise ValueError("options must not expire before the end of the hedging horizon")
        qty = uniform(*spec.quantity_range) if spec.quantity_range else torch.full((n,), spec.desk_quantity, dtype=self.dtype, device=self.device)
        if spec.random_sign:
            qty = qty * (1.0 - 2.0 * (torch.rand(n, **kw) < 0.5).to(self.dtype))
        is_call = torch.full((n,), spec.kind == "call", device=self.device)
        return c.market.s0 * money, steps * c.dt, is_call, qty

    def sample(self, n_paths: int, generator: torch.Generator) -> Episode:
        return Episode(market=self.simulate_market(n_paths, generator), book=self.sample_book(n_paths, generator))

    def state(self, episode: Episode, k: int, holdings: torch.Tensor) -> HedgeState:
        """Decision-time state at step k with current holdings per unit scale (N, K)."""
        m = episode.market
        return HedgeState(time_years=k * self.config.dt, spot=m.spot[:, k], vol=m.vol[:, k], book=episode.book,
                          holdings=holdings, spot_ref=m.spot[:, 0],
                          variance=None if m.variance is None else m.variance[:, k])

    def rollout(self, policy: Policy, episode: Episode) -> Rollout:
        """Run the policy semi-recurrently (delta_k sees delta_{k-1}) and book the terminal PnL per unit scale.

        Shape:
            holdings (N, T, K); every PnL field (N,).
        """
        if tuple(policy.instruments) != self.instruments[:len(policy.instruments)]:
            raise ValueError(f"policy trades {policy.instruments}, market offers {self.instruments}")
        m = episode.market
        n, k_inst = m.n_paths, len(policy.instruments)
        prev = torch.zeros(n, k_inst, dtype=self.dtype, device=self.device)
        steps = []
        if hasattr(policy, "features"):
            # Only the holding features depend on delta_{k-1}: compute the rest once per step without
            # autograd, then insert the previous holdings through a fixed selection matrix.
            feats = policy.features
            with torch.no_grad():
                static = torch.stack([feats(self.state(episode, k, prev)) for k in range(self.config.n_steps)], 1)
            select = torch.zeros(k_inst, len(feats), dtype=self.dtype, device=self.device)  # (K, F)
            for i, col in enumerate(feats.holding_columns()):
                select[i, col] = 1.0
            for k in range(self.config.n_steps):
                prev = policy.net(static[:, k] + prev @ select)
                steps.append(prev)
        else:
            for k in range(self.config.n_steps):
                prev = policy.act(self.state(episode, k, prev))
                steps.append(prev)
        holdings = torch.stack(steps, 1)  # (N, T, K)
        scale = episode.book.scale(0.0)
        liability = episode.book.value(m.spot[:, -1], self.horizon_years, m.vol[:, -1])
        if self.config.liability.premium == "bs":
            liability = liability - episode.book.value(m.spot[:, 0], 0.0, m.vol[:, 0])
        liability = liability / scale
        prices = m.hedge_prices[..., :k_inst]
        return Rollout(holdings=holdings, result=terminal_pnl(prices, holdings, liability, self.costs))
