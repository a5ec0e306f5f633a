"""Hedging environments for crisis-robust training (the HIRM study, seed paper §5.1-5.2): episodes, their PnL, regimes.

An :class:`EpisodeSet` is a batch of fixed-length hedging episodes, each tagged with an environment (a volatility
regime, optionally crossed with a liquidity tag). Real SPY episodes come from :func:`real_episodes` (module
``data``), synthetic Heston + Merton stress from :func:`synthetic_episodes` (module ``synthetic``); both are
re-exported here.

The liability (both sources): the desk is short 1 ATM European call of 60 calendar days on 1 unit of the
underlying, rolled every close (the engine replay's ``HirmRollFlow``): at close t it sells the call struck at
S_t, at close t+1 it buys that call back and sells a fresh ATM one. Its value per date is the cumulative
mark-to-market loss of the roll,

    Z_0 = 0,   Z_{t+1} = Z_t + C_{t+1}(K = S_t, tau_t - Delta_t) - C_t(K = S_t, tau_t),

so ``liability_value[:, T]`` is the seed's Z_T ("liability payoff") of the rolled position over the episode.
Prices are Black-Scholes with implied vol VIX/100 (synthetic: the model's 30-day expected vol) and DTB3 rates.

Episode PnL (seed §5.2), with holdings q_t in underlying units decided at close t (t = 0..T-1) and q_{-1} = 0:

    PnL = -Z_T + sum_{t=0}^{T-1} q_t (S_{t+1} - S_t) - sum_{t=0}^{T-1} kappa_t S_t |q_t - q_{t-1}| - M

Ambiguities resolved: c_t = kappa_t x traded notional (S_t |Delta q_t|); the terminal unwind at T is free (§5.1
"zero costs at maturity"), so the cost sum stops at T-1; no interest on cash or premia (the formula has none);
M is the optional Crisis margin outflow (``margin_outflow``, zero unless the synthetic ablation turns it on).
Real spot paths are rebased to 100 at each episode's start (``rebase``) so risks of 2017 and 2022 episodes are
comparable; prices and the liability are homogeneous of degree 1 in (S, K), Greeks in the scaled forms below are
scale-free.

Features Φ (``FEATURE_NAMES``, contract names, raw): the trailing rolling features ret_1d, realized_vol_20d,
drawdown, momentum_20d, cvar95_20d, and the liability's book_delta (desk side, -N(d1)), book_gamma_spot
(-S Gamma), book_vega_spot (-Vega / S) and ttm_years of the held call, all at decision close t.
**Inventory is not in ``features``**: it depends on the policy, so the policy must append its own previous holding
q_{t-1} (contract name ``hedge_underlying``, q_{-1} = 0) to Φ_t at every step. ``context`` r is the one-hot
volatility regime of day t (LOW, MEDIUM, HIGH, CRISIS) plus a 0/1 illiquidity tag (``CONTEXT_NAMES``).

Regimes per day (trailing only): realised 20-day vol (annualised with sqrt 252) in bands LOW < 10% <= MEDIUM
< 25% <= HIGH <= 40% < CRISIS; illiquid when amihud_20d is above the 75th percentile of its own trailing 252
days (real data) or, synthetically, in CRISIS. An episode's environment is the regime of most of its decision
days (``label_rule="majority"``, ties to the more severe regime), or of its first decision day (``"first"``).

Shape:
    E episodes, T steps, F features, C context columns; see :class:`EpisodeSet`.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Callable, List, Optional, Sequence, Tuple

import torch

from ..instruments.black_scholes import bs_greeks

VOL_REGIMES: Tuple[str, ...] = ("LOW", "MEDIUM", "HIGH", "CRISIS")
VOL_BANDS: Tuple[float, ...] = (0.10, 0.25, 0.40)
"""Upper edges (annualised vol) of LOW, MEDIUM, HIGH; CRISIS above the last. A vol equal to an edge goes up,
except 40% exactly, which is HIGH (the seed's "High 25-40%, Crisis > 40%")."""
LIQUIDITY_TAGS: Tuple[str, ...] = ("LIQ", "ILLIQ")
FEATURE_NAMES: Tuple[str, ...] = ("ret_1d", "realized_vol_20d", "drawdown", "momentum_20d", "cvar95_20d",
                                  "book_delta", "book_gamma_spot", "book_vega_spot", "ttm_years")
INVENTORY_FEATURE = "hedge_underlying"
CONTEXT_NAMES: Tuple[str, ...] = tuple(f"regime_{r.lower()}" for r in VOL_REGIMES) + ("illiquid",)
LABEL_RULES = ("majority", "first")
ENV_BY = ("vol", "vol_liquidity")
TENOR_DAYS = 60
REBASE_SPOT = 100.0


@dataclass
class EpisodeSet:
    """A batch of hedging episodes with their environment labels.

    Shape:
        env (E,) long; spot, liability_value (E, T+1) float64; features (E, T, F); context (E, T, C);
        liability_delta, liability_vega, cost_rate (E, T); margin_outflow (E,); regime (E, T) long daily regime
        ids into ``VOL_REGIMES``; start_dates: E ISO dates of close 0 (real data; empty for synthetic);
        day_index (E, T+1) long: indices of the closes into ``calendar`` (real data; None for synthetic).
    """
    name: str
    env: torch.Tensor
    env_names: List[str]
    spot: torch.Tensor
    features: torch.Tensor
    feature_names: List[str]
    context: torch.Tensor
    liability_value: torch.Tensor
    liability_delta: torch.Tensor
    liability_vega: torch.Tensor
    cost_rate: torch.Tensor
    dt: float
    margin_outflow: Optional[torch.Tensor] = None
    regime: Optional[torch.Tensor] = None
    context_names: List[str] = field(default_factory=lambda: list(CONTEXT_NAMES))
    start_dates: List[str] = field(default_factory=list)
    day_index: Optional[torch.Tensor] = None
    calendar: Tuple[str, ...] = ()

    def __post_init__(self):
        e, t1 = self.spot.shape
        if self.features.shape[:2] != (e, t1 - 1) or self.context.shape[:2] != (e, t1 - 1):
            raise ValueError(f"features {tuple(self.features.shape)} / context {tuple(self.context.shape)} must be "
                             f"(E, T, .) with spot (E, T+1) = {tuple(self.spot.shape)}")
        if self.margin_outflow is None:
            self.margin_outflow = torch.zeros(e, dtype=self.spot.dtype)

    @property
    def n_episodes(self) -> int:
        return self.spot.shape[0]

    @property
    def n_steps(self) -> int:
        return self.spot.shape[1] - 1

    def counts(self) -> dict:
        """Episodes per environment name (environments with none left out)."""
        return {n: int((self.env == i).sum()) for i, n in enumerate(self.env_names) if int((self.env == i).sum())}

    def subset(self, mask: torch.Tensor, name: Optional[str] = None) -> "EpisodeSet":
        """The episodes where ``mask`` (E,) is true (or at the long indices ``mask``)."""
        idx = mask.nonzero().flatten() if mask.dtype == torch.bool else mask
        pick = lambda x: None if x is None else x[idx]  # noqa: E731
        return replace(self, name=name or self.name, env=self.env[idx], spot=self.spot[idx],
                       features=self.features[idx], context=self.context[idx],
                       liability_value=self.liability_value[idx], liability_delta=self.liability_delta[idx],
                       liability_vega=self.liability_vega[idx], cost_rate=self.cost_rate[idx],
                       margin_outflow=self.margin_outflow[idx], regime=pick(self.regime),
                       start_dates=[self.start_dates[i] for i in idx.tolist()] if self.start_dates else [],
                       day_index=pick(self.day_index))

    def to(self, device=None, dtype: Optional[torch.dtype] = None) -> "EpisodeSet":
        """Floating tensors cast to ``dtype`` (when given) and everything moved to ``device``."""
        def move(x):
            if x is None:
                return None
            if dtype is not None and x.is_floating_point():
                x = x.to(dtype)
            return x.to(device) if device is not None else x
        return replace(self, **{f: move(getattr(self, f)) for f in
                                ("env", "spot", "features", "context", "liability_value", "liability_delta",
                                 "liability_vega", "cost_rate", "margin_outflow", "regime", "day_index")})


def episode_pnl(es: EpisodeSet, holdings: torch.Tensor) -> torch.Tensor:
    """Episode PnL of the seed's §5.2 with costs (module docstring), differentiable in ``holdings``.

    Computed in ``holdings.dtype`` on its device.

    Shape:
        holdings (E, T) underlying units held from close t to t+1 -> (E,)
    """
    if holdings.shape != (es.n_episodes, es.n_steps):
        raise ValueError(f"holdings must be (E, T) = {(es.n_episodes, es.n_steps)}, got {tuple(holdings.shape)}")
    like = dict(dtype=holdings.dtype, device=holdings.device)
    spot = es.spot.to(**like)  # (E, T+1)
    gains = (holdings * (spot[:, 1:] - spot[:, :-1])).sum(1)
    previous = torch.cat([torch.zeros_like(holdings[:, :1]), holdings[:, :-1]], 1)  # q_{t-1}, q_{-1} = 0
    costs = (es.cost_rate.to(**like) * spot[:, :-1] * (holdings - previous).abs()).sum(1)
    return -es.liability_value.to(**like)[:, -1] + gains - costs - es.margin_outflow.to(**like)


class FeatureStandardiser:
    """(x - mean) / std per feature with statistics of the training set only; std < 1e-12 (a constant feature
    such as ttm_years of the rolled call) is replaced by 1.

    Shape:
        mean, std (F,); __call__: (..., F) -> (..., F), same dtype as the input.
    """

    def __init__(self, mean: torch.Tensor, std: torch.Tensor, feature_names: Sequence[str]):
        self.mean, self.std, self.feature_names = mean, std, list(feature_names)

    def __call__(self, features: torch.Tensor) -> torch.Tensor:
        if features.shape[-1] != self.mean.numel():
            raise ValueError(f"expected {self.mean.numel()} features, got {features.shape[-1]}")
        return (features - self.mean.to(features)) / self.std.to(features)


def standardiser(train: EpisodeSet) -> Callable[[torch.Tensor], torch.Tensor]:
    """A :class:`FeatureStandardiser` fitted on ``train.features`` over all episodes and steps."""
    flat = train.features.reshape(-1, train.features.shape[-1]).to(torch.float64)
    if not bool(torch.isfinite(flat).all()):
        raise ValueError(f"{train.name}: non-finite training features")
    std = flat.std(0, unbiased=False)
    return FeatureStandardiser(flat.mean(0), torch.where(std < 1e-12, torch.ones_like(std), std), train.feature_names)


def vol_regime(realized_vol: torch.Tensor) -> torch.Tensor:
    """Regime id into ``VOL_REGIMES`` of each annualised vol (module bands); NaN (warm-up) gives -1.

    Shape:
        (...) -> (...) long
    """
    rv = torch.as_tensor(realized_vol, dtype=torch.float64)
    ids = torch.zeros(rv.shape, dtype=torch.long)
    ids = ids + (rv >= VOL_BANDS[0]).long() + (rv >= VOL_BANDS[1]).long() + (rv > VOL_BANDS[2]).long()
    return torch.where(torch.isnan(rv), torch.full_like(ids, -1), ids)


def episode_labels(regime: torch.Tensor, illiquid: torch.Tensor, rule: str = "majority",
                   env_by: str = "vol") -> torch.Tensor:
    """Environment id per episode from its daily regimes (see module docstring).

    With ``env_by="vol_liquidity"`` the id is ``2 * regime + illiquid`` into :func:`env_names`, the illiquid tag
    taken by the same rule (majority of days, or the first day).

    Shape:
        regime (E, T) long, illiquid (E, T) bool -> (E,) long
    """
    if rule not in LABEL_RULES or env_by not in ENV_BY:
        raise ValueError(f"rule must be one of {LABEL_RULES} and env_by one of {ENV_BY}; got {rule!r}, {env_by!r}")
    if bool((regime < 0).any()):
        raise ValueError("episodes contain days without a regime (rolling-feature warm-up)")
    if rule == "first":
        vol, liq = regime[:, 0], illiquid[:, 0].long()
    else:
        counts = torch.nn.functional.one_hot(regime, len(VOL_REGIMES)).sum(1)  # (E, 4)
        # ties to the more severe regime: argmax of counts + tiny increasing tie-breaker
        vol = (counts.double() + 1e-3 * torch.arange(len(VOL_REGIMES), dtype=torch.float64)).argmax(1)
        liq = (2 * illiquid.long().sum(1) >= illiquid.shape[1]).long()
    return vol if env_by == "vol" else 2 * vol + liq


def env_names(env_by: str = "vol") -> List[str]:
    """Names of the environment ids of :func:`episode_labels`."""
    if env_by == "vol":
        return list(VOL_REGIMES)
    return [f"{v}/{liq}" for v in VOL_REGIMES for liq in LIQUIDITY_TAGS]


@dataclass(frozen=True)
class CostModel:
    """Proportional cost rate kappa per day from its regime: ``base_bps`` x the regime's multiplier (LOW, MEDIUM,
    HIGH, CRISIS) x ``illiquid_multiplier`` on illiquid days, plus ``crisis_spread_bps`` (a widened half-spread)
    on CRISIS days. The default is a mild liquidity stress; ``CostModel.flat(bps)`` is a constant rate."""
    base_bps: float = 2.0
    regime_multiplier: Tuple[float, float, float, float] = (1.0, 1.0, 2.0, 4.0)
    illiquid_multiplier: float = 1.5
    crisis_spread_bps: float = 10.0

    def __post_init__(self):
        if self.base_bps < 0 or self.crisis_spread_bps < 0 or self.illiquid_multiplier < 0 \
                or len(self.regime_multiplier) != 4 or min(self.regime_multiplier) < 0:
            raise ValueError(f"invalid cost model {self}")

    @staticmethod
    def flat(bps: float) -> "CostModel":
        return CostModel(base_bps=bps, regime_multiplier=(1.0, 1.0, 1.0, 1.0), illiquid_multiplier=1.0,
                         crisis_spread_bps=0.0)

    def rate(self, regime: torch.Tensor, illiquid: torch.Tensor) -> torch.Tensor:
        """kappa (a fraction of notional) per day. Shape: (...) long, (...) bool -> (...) float64."""
        mult = torch.tensor(self.regime_multiplier, dtype=torch.float64)[regime.clamp(min=0)]
        liq = torch.where(illiquid, torch.tensor(self.illiquid_multiplier, dtype=torch.float64),
                          torch.tensor(1.0, dtype=torch.float64))
        spread = torch.where(regime == 3, torch.tensor(self.crisis_spread_bps, dtype=torch.float64),
                             torch.tensor(0.0, dtype=torch.float64))
        return (self.base_bps * mult * liq + spread) * 1e-4


def context_tensor(regime: torch.Tensor, illiquid: torch.Tensor) -> torch.Tensor:
    """r = one-hot regime + illiquid flag. Shape: (E, T), (E, T) -> (E, T, 5) float64."""
    one_hot = torch.nn.functional.one_hot(regime.clamp(min=0), len(VOL_REGIMES)).to(torch.float64)
    return torch.cat([one_hot, illiquid.to(torch.float64).unsqueeze(-1)], -1)


def liability_greeks(spot: torch.Tensor, ttm_years: torch.Tensor, vol: torch.Tensor, rate: torch.Tensor):
    """Desk-side (short 1 call) Greeks of a fresh ATM call at each decision close, in contract forms:
    (book_delta = -Delta, book_gamma_spot = -S Gamma, book_vega_spot = -Vega / S, liability_vega = -Vega).

    Shape: (E, T) each -> four (E, T) float64.
    """
    is_call = torch.ones_like(spot, dtype=torch.bool)
    delta, gamma, vega = bs_greeks(spot, spot, ttm_years, vol, is_call, rate)
    return -delta, -spot * gamma, -vega / spot, -vega


def sliding_starts(n_closes: int, length: int, stride: int) -> List[int]:
    """Start offsets of episodes of ``length`` steps (length + 1 closes) every ``stride`` closes."""
    if length < 1 or stride < 1:
        raise ValueError("length and stride must be >= 1")
    return list(range(0, n_closes - length, stride))
