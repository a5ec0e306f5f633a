"""Golden vectors for the rolling features: ``schemas/policy/parity/rolling-v1.json``.

Run from services/trainer::

    /usr/bin/python3 -m hedgetrain.features.rolling_parity            # rewrites the committed file
    /usr/bin/python3 -m hedgetrain.features.rolling_parity --out X    # writes elsewhere

A seeded synthetic market of ``DAYS`` weekdays: one to four ticks a day (a one-tick day is a daily bar at
20:00 UTC), some ticks exactly at 00:00:00 and at 23:59:59.999999 UTC so the day boundary is exercised,
volume per tick with a 22-day stretch without any volume (Amihud and the illiquid flag undefined), and
four volatility regimes of 100 days (about 8%, 19%, 32%, 56% annualised) so every regime one-hot and the
illiquid flag's full 252-day window (from close 272) occur. Each tick carries the features a decision at that
tick sees (the day's close so far as ``C_t``), ``null`` where undefined: the six rolling features and the five
regime context features (``ALL_ROLLING_FEATURES``). The Java test ``RollingParityTest`` (services/engine) replays the ticks through
the engine's implementation and must match to 1e-9; ``tests/features/test_rolling.py`` regenerates the
file and compares.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
from pathlib import Path

import numpy as np

from .regime import ALL_ROLLING_FEATURES, HISTORY_CLOSES, all_rolling_features

SEED = 20250604
DAYS = 420
START = dt.date(2024, 1, 2)
CLOSE_MICROS = 20 * 3600 * 1_000_000  # 20:00 UTC, a US close
DAY_MICROS = 86_400 * 1_000_000
NO_VOLUME_DAYS = range(120, 142)
DAILY_VOLS = (0.005, 0.012, 0.02, 0.035)  # about 8%, 19%, 32% and 56% annualised: LOW, MEDIUM, HIGH, CRISIS
REGIME_DAYS = 100
PARITY_PATH = Path(__file__).resolve().parents[4] / "schemas" / "policy" / "parity" / "rolling-v1.json"


def _weekdays(count: int):
    day, out = START, []
    while len(out) < count:
        if day.weekday() < 5:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


def _tick_offsets(rng: np.random.Generator, d: int):
    """Microseconds after UTC midnight of day ``d``'s ticks, ascending."""
    n = 1 if d == 0 else int(rng.integers(1, 5))
    if n == 1:
        return [CLOSE_MICROS]
    offsets = sorted(int(x) for x in rng.integers(13 * 3600 * 1_000_000, CLOSE_MICROS, n))
    if d % 17 == 3:
        offsets[0] = 0
    if d % 13 == 5:
        offsets[-1] = DAY_MICROS - 1
    return offsets


def synthetic_ticks(seed: int = SEED, days: int = DAYS):
    """The parity market: list of dicts with eventTimeMicros, last, volume (ascending time)."""
    rng = np.random.default_rng(seed)
    ticks, price = [], 100.0
    for d, day in enumerate(_weekdays(days)):
        midnight = int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp()) * 1_000_000
        daily_vol = DAILY_VOLS[min(d // REGIME_DAYS, len(DAILY_VOLS) - 1)]
        offsets = _tick_offsets(rng, d)
        for offset in offsets:
            price *= math.exp(daily_vol / math.sqrt(len(offsets)) * rng.standard_normal())
            volume = 0.0 if d in NO_VOLUME_DAYS else float(rng.integers(0, 200_000))
            ticks.append({"eventTimeMicros": midnight + offset, "last": round(price, 4), "volume": volume})
    return ticks


def expected_features(ticks):
    """Features as of each tick: completed days' closes and volumes plus the current day so far (UTC days)."""
    closes, volumes, day, out = [], [], None, []
    for tick in ticks:
        tick_day = tick["eventTimeMicros"] // DAY_MICROS
        if tick_day != day:
            closes.append(tick["last"])
            volumes.append(tick["volume"])
            day = tick_day
        else:
            closes[-1] = tick["last"]
            volumes[-1] += tick["volume"]
        row = all_rolling_features(np.asarray(closes), np.asarray(volumes))[-1].tolist()
        out.append({"closes": min(len(closes), HISTORY_CLOSES),
                    "features": [None if math.isnan(x) else float(x) for x in row]})
    return out


def parity_document(seed: int = SEED, days: int = DAYS):
    ticks = synthetic_ticks(seed, days)
    cases = [dict(tick, **expected) for tick, expected in zip(ticks, expected_features(ticks))]
    return {
        "version": 1,
        "description": "Rolling-feature golden vectors: ticks of one symbol in time order and the contract's rolling "
                       "features a decision at each tick sees (null = undefined). Java must match to 1e-9.",
        "generator": "cd services/trainer && /usr/bin/python3 -m hedgetrain.features.rolling_parity",
        "seed": seed,
        "zone": "UTC",
        "features": list(ALL_ROLLING_FEATURES),
        "ticks": cases,
    }


def write(path: Path = PARITY_PATH, seed: int = SEED, days: int = DAYS) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = parity_document(seed, days)
    lines = ",\n".join("  " + json.dumps(case) for case in doc["ticks"])
    head = json.dumps({k: v for k, v in doc.items() if k != "ticks"}, indent=1)[:-2]
    path.write_text(head + ',\n "ticks": [\n' + lines + "\n ]\n}\n")
    return path


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(PARITY_PATH), help="output JSON (default: the committed contract file)")
    args = parser.parse_args(argv)
    path = write(Path(args.out))
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
