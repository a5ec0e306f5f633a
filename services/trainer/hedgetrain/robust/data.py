"""Real SPY hedging episodes 2010-2023 (the HIRM study): daily regimes, splits, episodes, optional block bootstrap.

Data: SPY close and volume, VIX and DTB3 from the data directory as the engine replay finds it (explicit
argument, else ``$HEDGE_DATA_DIR``, else ``replay-data/data``; ``markets.historical.load_market``). The daily
panel covers every replay day (2000-2024); rolling features and labels of a day use that day and earlier only,
so episodes in 2017 have no warm-up NaN.

Splits (``SPLITS``; dates inclusive):

* ``train``: 2017-01-01..2019-12-31 minus Feb-Mar 2018 (test) and Oct-Dec 2018 (validation) — the replay's
  ``calm-2017-2019`` window. An episode lies inside one contiguous segment and, with ``calm_days_only`` (default),
  every decision day is LOW or MEDIUM; its label is then LOW or MEDIUM by the label rule.
* ``val:late-2018``: 2018-10-01..2018-12-31 (the late-2018 vol spike, the seed's High proxy), every regime kept.
* ``test:volmageddon-2018`` (2018-02-01..03-31), ``test:covid-2020`` (2020-03-01..06-30),
  ``test:selloff-2022`` (2022-01-01..12-31), every regime kept.

Episodes: ``length`` steps (length + 1 closes), a start every ``stride`` closes (default 1, so consecutive
episodes share length - 1 days; ~length/stride episodes per independent one). Windows too short for
``min_episodes`` episodes of ``length`` steps (Feb-Mar 2018 has 41 closes, late 2018 has 63) use
``short_length`` steps (default 20) instead, still entirely inside the window: no episode of a test window
touches a day outside it, and none of its days is a training day. Trailing features (20-day vol etc.) of the
first training days after an excluded block do read the excluded block's returns, as a live desk would.

Bootstrap (off by default, ``bootstrap=n`` adds n episodes to ``train``): a stationary block bootstrap
(Politis-Romano, mean block ``block_mean`` days) within each training environment: a path steps through the
environment's training days, continuing to the next day with probability 1 - 1/block_mean and jumping to a
random day of the environment otherwise; each step takes its day's return, liability roll loss (rescaled to the
chained spot), features and cost rate.
"""
from __future__ import annotations

import csv
import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional, Tuple, Union

import torch

from ..features.rolling import rolling_features
from ..instruments.hirm_roll import hirm_roll
from ..markets.historical import (LATE_2018, VOLMAGEDDON_2018, WINDOWS, ReplayWindow, WindowMarket, load_market,
                                  resolve_data_dir, years_between)
from .environments import (FEATURE_NAMES, REBASE_SPOT, TENOR_DAYS, CostModel, EpisodeSet, context_tensor,
                           env_names, episode_labels, liability_greeks, sliding_starts, vol_regime)

LIQUIDITY_LOOKBACK = 252
LIQUIDITY_QUANTILE = 0.75
TRADING_DT = 1.0 / 252.0


@dataclass(frozen=True)
class Split:
    """A named date window and which days may enter its episodes."""
    window: ReplayWindow
    calm_days_only: bool = False


SPLITS: Dict[str, Split] = {
    "train": Split(WINDOWS["calm-2017-2019"], calm_days_only=True),
    "val:late-2018": Split(LATE_2018),
    "test:volmageddon-2018": Split(VOLMAGEDDON_2018),
    "test:covid-2020": Split(WINDOWS["covid-2020"]),
    "test:selloff-2022": Split(WINDOWS["selloff-2022"]),
}
TEST_SPLITS = tuple(name for name in SPLITS if name.startswith("test:"))


@dataclass(frozen=True)
class DailyPanel:
    """Every replay day's inputs to episodes; step d is the move from close d to close d+1.

    Shape:
        dates: N ISO dates; close, vol, rate, ttm_years (N,) float64; rolling (N, 6) float64 (ROLLING_FEATURES);
        regime (N,) long (-1 in warm-up); illiquid (N,) bool; roll_loss (N,) float64: C_{d+1}(K_d) - C_d(K_d)
        of the call opened at close d (0 at the last day).
    """
    dates: Tuple[str, ...]
    close: torch.Tensor
    vol: torch.Tensor
    rate: torch.Tensor
    ttm_years: torch.Tensor
    rolling: torch.Tensor
    regime: torch.Tensor
    illiquid: torch.Tensor
    roll_loss: torch.Tensor


def trailing_illiquid(amihud: torch.Tensor, lookback: int = LIQUIDITY_LOOKBACK,
                      quantile: float = LIQUIDITY_QUANTILE) -> torch.Tensor:
    """Day d is illiquid when amihud[d] exceeds the ``quantile`` of amihud over days d-lookback+1..d (NaNs
    ignored; False while fewer than 20 values exist). Trailing only. Shape: (N,) -> (N,) bool."""
    n = amihud.numel()
    padded = torch.cat([torch.full((lookback - 1,), float("nan"), dtype=torch.float64), amihud.double()])
    windows = padded.unfold(0, lookback, 1)  # (N, lookback), row d = days d-lookback+1..d
    enough = (~torch.isnan(windows)).sum(1) >= 20
    threshold = torch.nanquantile(windows, quantile, dim=1)
    out = enough & (amihud > threshold)
    assert out.shape == (n,)
    return out


def _read_volumes(path: Path) -> Dict[str, float]:
    with open(path, newline="") as handle:
        return {row["date"]: float(row["volume"]) for row in csv.DictReader(handle)}


@functools.lru_cache(maxsize=4)
def daily_panel(data_dir: Optional[str] = None) -> DailyPanel:
    """The daily panel of the data directory (cached per directory)."""
    directory = resolve_data_dir(data_dir)
    market = load_market(directory)
    volumes = _read_volumes(directory / "spy_daily.csv")
    volume = torch.tensor([volumes[d] for d in market.dates], dtype=torch.float64)
    rolling = rolling_features(market.last, volume)  # (N, 6)
    roll = hirm_roll(WindowMarket(WINDOWS["all"], market, torch.zeros(len(market), dtype=torch.bool)),
                     tenor_days=TENOR_DAYS, multiplier=1.0)
    # close_premium[d+1] buys back the call opened at d (priced at d+1's tick)
    roll_loss = torch.cat([roll.close_premium[1:] - roll.open_premium[:-1], torch.zeros(1, dtype=torch.float64)])
    return DailyPanel(dates=market.dates, close=market.last, vol=market.vol, rate=market.rate,
                      ttm_years=years_between(market.event_micros, roll.expiry_micros), rolling=rolling,
                      regime=vol_regime(rolling[:, 1]), illiquid=trailing_illiquid(rolling[:, 5]),
                      roll_loss=roll_loss)


def assemble(panel: DailyPanel, steps: torch.Tensor, name: str, cost: CostModel, label_rule: str, env_by: str,
             rebase: Optional[float]) -> EpisodeSet:
    """Episodes whose step k is the move of day ``steps[:, k]`` to its next close.

    Spot is chained from the days' returns (for consecutive days: the closes, times rebase / S_start), the
    roll loss of each step rescaled to the chained spot, features, Greeks and costs taken at the step's day.

    Shape:
        steps (E, T) long day indices into the panel -> EpisodeSet with T steps.
    """
    ratio = panel.close[steps + 1] / panel.close[steps]  # (E, T)
    s0 = panel.close[steps[:, 0]] if rebase is None else torch.full((steps.shape[0],), float(rebase),
                                                                     dtype=torch.float64)
    spot = torch.cat([s0[:, None], s0[:, None] * torch.cumprod(ratio, 1)], 1)  # (E, T+1)
    scale = spot[:, :-1] / panel.close[steps]  # (E, T) chained spot per actual spot
    loss = panel.roll_loss[steps] * scale
    liability = torch.cat([torch.zeros_like(s0)[:, None], torch.cumsum(loss, 1)], 1)  # (E, T+1)
    regime, illiquid = panel.regime[steps], panel.illiquid[steps]
    book_delta, book_gamma, book_vega, vega = liability_greeks(panel.close[steps], panel.ttm_years[steps],
                                                               panel.vol[steps], panel.rate[steps])
    features = torch.cat([panel.rolling[steps][..., :5], torch.stack(
        [book_delta, book_gamma, book_vega, panel.ttm_years[steps]], -1)], -1)  # (E, T, 9)
    return EpisodeSet(name=name, env=episode_labels(regime, illiquid, label_rule, env_by),
                      env_names=env_names(env_by), spot=spot, features=features, feature_names=list(FEATURE_NAMES),
                      context=context_tensor(regime, illiquid), liability_value=liability,
                      liability_delta=book_delta, liability_vega=vega * scale, cost_rate=cost.rate(regime, illiquid),
                      dt=TRADING_DT, regime=regime, start_dates=[panel.dates[i] for i in steps[:, 0].tolist()],
                      day_index=torch.cat([steps, steps[:, -1:] + 1], 1), calendar=panel.dates)


def _segments(panel: DailyPanel, window: ReplayWindow):
    """Runs of consecutive panel days inside each contiguous segment of the window, as index tensors."""
    out = []
    for lo, hi in window.segments():
        idx = [i for i, d in enumerate(panel.dates) if lo <= d <= hi]
        if idx:
            out.append(torch.tensor(idx, dtype=torch.long))
    return out


def real_episodes(data_dir: Optional[Union[str, os.PathLike]], window: Union[str, ReplayWindow], length: int = 60,
                  stride: int = 1, label_rule: str = "majority", env_by: str = "vol", cost: CostModel = CostModel(),
                  short_length: int = 20, min_episodes: int = 20, rebase: Optional[float] = REBASE_SPOT,
                  bootstrap: int = 0, block_mean: float = 10.0, seed: int = 0) -> EpisodeSet:
    """Episodes of a split (a ``SPLITS`` name) or of any ``ReplayWindow`` (all regimes kept); module docstring.

    Raises:
        ValueError: unknown split, bad sizes, or a window with no episode.
        FileNotFoundError: the data directory lacks a file.
    """
    if isinstance(window, str):
        if window not in SPLITS:
            raise ValueError(f"unknown split {window!r}; known: {list(SPLITS)} (or pass a ReplayWindow)")
        name, split = window, SPLITS[window]
    else:
        name, split = f"window:{window.name}", Split(window)
    if bootstrap and name != "train":
        raise ValueError("the block bootstrap augments the train split only")
    panel = daily_panel(None if data_dir is None else str(data_dir))
    segments = _segments(panel, split.window)
    longest = max((len(s) for s in segments), default=0)
    steps_per_episode = length if longest - length >= min_episodes else short_length
    starts = []
    for seg in segments:
        for k in sliding_starts(len(seg), steps_per_episode, stride):
            starts.append(seg[k:k + steps_per_episode])
    if not starts:
        raise ValueError(f"{name}: no episode of {steps_per_episode} steps fits in {split.window}")
    steps = torch.stack(starts)  # (E, T)
    if split.calm_days_only:
        steps = steps[(panel.regime[steps] <= 1).all(1) & (panel.regime[steps] >= 0).all(1)]
    es = assemble(panel, steps, name, cost, label_rule, env_by, rebase)
    if bootstrap:
        extra = assemble(panel, _stationary_bootstrap(es, bootstrap, block_mean, seed), name, cost,
                         label_rule, env_by, rebase)
        es = _concat(es, extra)
    return es


def _stationary_bootstrap(train: EpisodeSet, n: int, block_mean: float, seed: int) -> torch.Tensor:
    """Day-index paths (n, T): within each training environment, in proportion to its episode count."""
    if block_mean < 1:
        raise ValueError("block_mean must be >= 1")
    gen = torch.Generator().manual_seed(seed)
    steps = train.day_index[:, :-1]
    env_of_path = train.env[torch.randint(train.n_episodes, (n,), generator=gen)]
    out = torch.empty(n, train.n_steps, dtype=torch.long)
    for e in env_of_path.unique().tolist():
        pool = steps[train.env == e].unique()  # sorted training days of environment e
        rows = (env_of_path == e).nonzero().flatten()
        pick = lambda k: pool[torch.randint(len(pool), (k,), generator=gen)]  # noqa: E731
        day = pick(len(rows))
        out[rows, 0] = day
        for t in range(1, train.n_steps):
            nxt = day + 1
            in_pool = torch.isin(nxt, pool)
            jump = (torch.rand(len(rows), generator=gen) < 1.0 / block_mean) | ~in_pool
            day = torch.where(jump, pick(len(rows)), nxt)
            out[rows, t] = day
    return out


def _concat(a: EpisodeSet, b: EpisodeSet) -> EpisodeSet:
    cat = lambda x, y: torch.cat([x, y])  # noqa: E731
    return EpisodeSet(name=a.name, env=cat(a.env, b.env), env_names=a.env_names, spot=cat(a.spot, b.spot),
                      features=cat(a.features, b.features), feature_names=a.feature_names,
                      context=cat(a.context, b.context), liability_value=cat(a.liability_value, b.liability_value),
                      liability_delta=cat(a.liability_delta, b.liability_delta),
                      liability_vega=cat(a.liability_vega, b.liability_vega), cost_rate=cat(a.cost_rate, b.cost_rate),
                      dt=a.dt, margin_outflow=cat(a.margin_outflow, b.margin_outflow), regime=cat(a.regime, b.regime),
                      start_dates=a.start_dates + b.start_dates, day_index=cat(a.day_index, b.day_index),
                      calendar=a.calendar)
