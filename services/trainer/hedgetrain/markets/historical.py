"""The historical market of the engine's replay: one close tick per SPY trading day, built from the data files
exactly as ``io.hedgestream.replay.ticks.TickBuilder`` builds its ticks.

Per trading day (float64, like the Java ticks):

- ``last`` = SPY's raw ``close``;
- the quote the engine and the paper exchange see (``hedge replay run`` re-quotes every tick): bid = ask = last by
  default, or ``last * (1 -/+ h * 1e-4)`` with ``half_spread_bps`` h; ``mid`` = (bid + ask) / 2 is what the engine
  marks options and values hedges at;
- ``order_mid``: the mid of the replay queue's own tick (``replay.tick.half-spread-bps``, default 1:
  ``last -/+ last * 1 / 10,000``), which the liability flow prices client premiums at (it runs before the re-quote);
- ``vol`` = VIX close / 100 (flat in tenor);
- ``rate`` = DTB3 (percent, bank discount) as a continuous ACT/365 rate:
  ``P = 1 - d/100 * 91/360``, ``r = -ln(P) * 365/91``, the latest print on or before the day (carry-forward);
- dividend yield 0;
- event time = 16:00 America/New_York of the date, epoch microseconds (int64).

The span is the SPY days from the first date with both a VIX and a DTB3 value to the last VIX date; a SPY day
inside it without a VIX close is an error. Data files are found as the Java replay finds them: an explicit
directory, else ``HEDGE_DATA_DIR``, else ``replay-data/data`` of the repository.
"""
from __future__ import annotations

import bisect
import csv
import datetime as dt
import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple
from zoneinfo import ZoneInfo

import torch

NEW_YORK = ZoneInfo("America/New_York")
CLOSE_TIME = dt.time(16, 0)
MICROS_PER_YEAR = 365.0 * 86400.0 * 1e6
BILL_DAYS = 91.0
DISCOUNT_BASIS = 360.0
YEAR_DAYS = 365.0
DEFAULT_HALF_SPREAD_BPS = 0.0
QUEUE_HALF_SPREAD_BPS = 1.0
DATA_FILES = ("spy_daily.csv", "vix_daily.csv", "rf_dtb3_daily.csv")
REPO_ROOT = Path(__file__).resolve().parents[4]


def resolve_data_dir(explicit: Optional[os.PathLike] = None) -> Path:
    """The data directory: ``explicit``, else ``$HEDGE_DATA_DIR``, else ``<repo>/replay-data/data``."""
    if explicit is not None:
        return Path(explicit)
    env = os.environ.get("HEDGE_DATA_DIR")
    if env:
        return Path(env)
    return REPO_ROOT / "replay-data" / "data"


def missing_data_files(data_dir: Path) -> List[str]:
    """The files the historical market needs that ``data_dir`` lacks."""
    return [name for name in DATA_FILES if not (Path(data_dir) / name).is_file()]


def close_micros(date: dt.date) -> int:
    """Epoch microseconds of a date's 16:00 New York close (the replay tick's event time)."""
    instant = dt.datetime.combine(date, CLOSE_TIME, tzinfo=NEW_YORK)
    delta = instant - dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)
    return (delta.days * 86400 + delta.seconds) * 1_000_000 + delta.microseconds


def continuous_rate_from_discount_percent(discount_percent: float) -> float:
    """DTB3 (percent, bank discount, 91-day bill) -> continuous ACT/365 rate, in Java's evaluation order."""
    price = 1 - discount_percent / 100 * BILL_DAYS / DISCOUNT_BASIS
    return -math.log(price) * YEAR_DAYS / BILL_DAYS


def years_between(now_micros, expiry_micros):
    """ACT/365 years from epoch micros, as the engine computes ttm: ``(expiry - now) / (365 * 86400 * 1e6)``, the
    integer difference converted to float64 first (as Java's long -> double). Tensors in, float64 tensor out."""
    diff = expiry_micros - now_micros
    if isinstance(diff, torch.Tensor):
        return diff.to(torch.float64) / MICROS_PER_YEAR
    return float(diff) / MICROS_PER_YEAR


@dataclass(frozen=True)
class HistoricalMarket:
    """Close ticks of consecutive trading days.

    Shape:
        every tensor (T,); ``event_micros`` int64, the rest float64. ``dates`` has T ISO dates.
    """
    symbol: str
    dates: Tuple[str, ...]
    event_micros: torch.Tensor
    last: torch.Tensor
    bid: torch.Tensor
    ask: torch.Tensor
    order_mid: torch.Tensor
    vol: torch.Tensor
    rate: torch.Tensor
    div: torch.Tensor

    @property
    def mid(self) -> torch.Tensor:
        return 0.5 * (self.bid + self.ask)

    def __len__(self) -> int:
        return len(self.dates)

    def take(self, index: Sequence[int]) -> "HistoricalMarket":
        """The days at ``index`` (ascending)."""
        idx = torch.as_tensor(list(index), dtype=torch.long)
        return HistoricalMarket(self.symbol, tuple(self.dates[i] for i in index), self.event_micros[idx],
                                self.last[idx], self.bid[idx], self.ask[idx], self.order_mid[idx], self.vol[idx], self.rate[idx],
                                self.div[idx])


def _read_closes(path: Path) -> Dict[str, float]:
    with open(path, newline="") as handle:
        rows = csv.DictReader(handle)
        return {row["date"]: float(row["close"]) for row in rows}


def _read_rates(path: Path) -> Tuple[List[str], List[float]]:
    dates, values = [], []
    with open(path, newline="") as handle:
        for row in csv.DictReader(handle):
            dates.append(row["date"])
            values.append(float(row["dtb3_pct"]))
    return dates, values


def load_market(data_dir: Optional[os.PathLike] = None, symbol: str = "SPY",
                half_spread_bps: float = DEFAULT_HALF_SPREAD_BPS,
                queue_half_spread_bps: float = QUEUE_HALF_SPREAD_BPS) -> HistoricalMarket:
    """Every replay day of the data files (see the module docstring).

    Raises:
        FileNotFoundError: a data file is missing (the message names the directory and the files).
        ValueError: a SPY day inside the span has no VIX close.
    """
    directory = resolve_data_dir(data_dir)
    missing = missing_data_files(directory)
    if missing:
        raise FileNotFoundError(f"historical data directory {directory} lacks {missing} (set HEDGE_DATA_DIR or "
                                "see replay-data/README.md)")
    if not (0 <= half_spread_bps < 10_000 and 0 <= queue_half_spread_bps < 10_000):
        raise ValueError(f"half spreads must be in [0, 10000) bps, got {half_spread_bps}, {queue_half_spread_bps}")
    spy = _read_closes(directory / "spy_daily.csv")
    vix = _read_closes(directory / "vix_daily.csv")
    rate_dates, rate_values = _read_rates(directory / "rf_dtb3_daily.csv")
    vix_dates = sorted(vix)
    span_start = max(vix_dates[0], rate_dates[0])
    span_end = vix_dates[-1]
    days, no_vix = [], []
    for date in sorted(spy):
        if date < span_start or date > span_end:
            continue
        if date not in vix:
            no_vix.append(date)
            continue
        days.append(date)
    if no_vix:
        raise ValueError(f"{len(no_vix)} SPY trading days inside {span_start} .. {span_end} have no VIX close, "
                         f"e.g. {no_vix[:5]}")
    last, vol, rate, micros = [], [], [], []
    for date in days:
        close = spy[date]
        last.append(close)
        vol.append(vix[date] / 100)
        latest = rate_values[bisect.bisect_right(rate_dates, date) - 1]
        rate.append(continuous_rate_from_discount_percent(latest))
        micros.append(close_micros(dt.date.fromisoformat(date)))
    f64 = torch.float64
    last_t = torch.tensor(last, dtype=f64)
    queue_half = last_t * queue_half_spread_bps / 10_000
    order_mid = ((last_t - queue_half) + (last_t + queue_half)) / 2
    if half_spread_bps == 0:
        bid, ask = last_t.clone(), last_t.clone()
    else:
        bid, ask = last_t * (1 - half_spread_bps * 1e-4), last_t * (1 + half_spread_bps * 1e-4)
    return HistoricalMarket(symbol=symbol, dates=tuple(days), event_micros=torch.tensor(micros, dtype=torch.int64),
                            last=last_t, bid=bid, ask=ask, order_mid=order_mid, vol=torch.tensor(vol, dtype=f64),
                            rate=torch.tensor(rate, dtype=f64), div=torch.zeros(len(days), dtype=f64))


@dataclass(frozen=True)
class ReplayWindow:
    """A span of dates minus excluded ranges (ISO, inclusive), as ``io.hedgestream.replay.window.ReplayWindow``."""
    name: str
    start: str
    end: str
    excluded: Tuple[Tuple[str, str], ...] = ()

    def contains(self, date: str) -> bool:
        return self.start <= date <= self.end and not any(lo <= date <= hi for lo, hi in self.excluded)

    def segments(self) -> List[Tuple[str, str]]:
        """The contiguous date ranges the window replays, in order."""
        out, start = [], dt.date.fromisoformat(self.start)
        end = dt.date.fromisoformat(self.end)
        for lo, hi in sorted(self.excluded):
            gap_lo, gap_hi = dt.date.fromisoformat(lo), dt.date.fromisoformat(hi)
            if gap_lo > start:
                out.append((start.isoformat(), min(gap_lo - dt.timedelta(days=1), end).isoformat()))
            start = gap_hi + dt.timedelta(days=1)
        if start <= end:
            out.append((start.isoformat(), end.isoformat()))
        return out


VOLMAGEDDON_2018 = ReplayWindow("volmageddon-2018", "2018-02-01", "2018-03-31")
LATE_2018 = ReplayWindow("late-2018", "2018-10-01", "2018-12-31")
WINDOWS: Dict[str, ReplayWindow] = {w.name: w for w in (
    ReplayWindow("calm-2017-2019", "2017-01-01", "2019-12-31",
                 ((VOLMAGEDDON_2018.start, VOLMAGEDDON_2018.end), (LATE_2018.start, LATE_2018.end))),
    VOLMAGEDDON_2018,
    LATE_2018,
    ReplayWindow("covid-2020", "2020-03-01", "2020-06-30"),
    ReplayWindow("selloff-2022", "2022-01-01", "2022-12-31"),
    ReplayWindow("all", "0001-01-01", "9999-12-31"),
)}


def resolve_window(name: Optional[str] = None, start: Optional[str] = None, end: Optional[str] = None) -> ReplayWindow:
    """A named window, or a ``custom`` one from ISO dates (which win over the name, as ``--from/--to`` do)."""
    if start is not None or end is not None:
        base = WINDOWS["all"] if name is None else resolve_window(name)
        return ReplayWindow("custom", dt.date.fromisoformat(start or base.start).isoformat(),
                            dt.date.fromisoformat(end or base.end).isoformat())
    key = "all" if name is None else name.strip()
    if key not in WINDOWS:
        raise ValueError(f"unknown window {name!r}; known: {list(WINDOWS)} or start/end dates")
    return WINDOWS[key]


@dataclass(frozen=True)
class WindowMarket:
    """A window's days and, per day, whether it is the last close of a segment that another segment follows
    (the liability flow closes everything there and opens nothing).

    Shape:
        segment_end: (T,) bool.
    """
    window: ReplayWindow
    market: HistoricalMarket
    segment_end: torch.Tensor


def window_market(market: HistoricalMarket, window: ReplayWindow) -> WindowMarket:
    """The days of ``market`` inside ``window``; raises ValueError when there are none."""
    index = [i for i, d in enumerate(market.dates) if window.contains(d)]
    if not index:
        raise ValueError(f"no replay data in window {window.name} {window.start}..{window.end}")
    sub = market.take(index)
    last_per_segment = []
    for lo, hi in window.segments():
        inside = [d for d in sub.dates if lo <= d <= hi]
        if inside:
            last_per_segment.append(inside[-1])
    inner_ends = set(last_per_segment[:-1])
    segment_end = torch.tensor([d in inner_ends for d in sub.dates], dtype=torch.bool)
    return WindowMarket(window, sub, segment_end)
