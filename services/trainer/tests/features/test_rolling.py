import json
import math

import numpy as np
import pytest
import torch

from hedgetrain.features import (REGIME_CONTEXT_FEATURES, ROLLING_FEATURES, load_contract, rolling_features,
                                 rolling_features_numpy)
from hedgetrain.features import rolling_parity


def naive(close, volume, t):
    """The contract's formulas for day t, written out with plain Python loops."""
    c, v = list(close[: t + 1]), list(volume[: t + 1])
    n = len(c)
    out = [math.nan] * 6
    out[2] = c[-1] / max(c[-252:]) - 1
    if n >= 2:
        out[0] = math.log(c[-1] / c[-2])
    if n >= 21:
        r = [math.log(c[d] / c[d - 1]) for d in range(n - 20, n)]
        mean = sum(r) / 20
        out[1] = math.sqrt(252) * math.sqrt(sum((x - mean) ** 2 for x in r) / 19)
        out[3] = math.log(c[-1] / c[-21])
        out[4] = -min(r)
        traded = [abs(r[k]) / (c[n - 20 + k] * v[n - 20 + k]) for k in range(20) if v[n - 20 + k] > 0]
        out[5] = 1e6 * sum(traded) / len(traded) if traded else math.nan
    return out


def random_series(seed, days):
    rng = np.random.default_rng(seed)
    close = 100 * np.exp(np.cumsum(0.02 * rng.standard_normal(days)))
    volume = np.where(rng.random(days) < 0.2, 0.0, np.floor(1e6 * rng.random(days)))
    volume[100:125] = 0.0  # a stretch without volume: Amihud undefined
    return close, volume


def test_features_match_a_naive_loop_on_every_day():
    close, volume = random_series(3, 320)
    got = rolling_features_numpy(close, volume)
    for t in range(len(close)):
        np.testing.assert_allclose(got[t], naive(close, volume, t), rtol=1e-12, atol=1e-14, equal_nan=True)
    assert np.isnan(got[124, 5]) and not np.isnan(got[124, 1])


def test_warm_up_is_nan_and_drawdown_is_defined_from_the_first_close():
    close, volume = random_series(4, 30)
    f = rolling_features_numpy(close, volume)
    assert np.isnan(f[0, 0]) and not np.isnan(f[1, 0])
    assert np.all(np.isnan(f[:20, [1, 3, 4, 5]])) and not np.any(np.isnan(f[20:, [1, 3, 4]]))
    assert f[0, 2] == 0 and not np.any(np.isnan(f[:, 2]))


def test_trailing_windows_only_appending_days_changes_no_earlier_feature():
    close, volume = random_series(5, 300)
    short = rolling_features_numpy(close[:150], volume[:150])
    full = rolling_features_numpy(close, volume)
    np.testing.assert_array_equal(full[:150], short)


def test_paths_are_independent_rows_of_a_batch():
    a, va = random_series(6, 60)
    b, vb = random_series(7, 60)
    batch = rolling_features(torch.tensor(np.stack([a, b])), torch.tensor(np.stack([va, vb])))  # (2, 60, 6)
    assert batch.shape == (2, 60, 6)
    np.testing.assert_array_equal(batch[1].numpy(), rolling_features_numpy(b, vb))


def test_bad_input_is_rejected():
    with pytest.raises(ValueError):
        rolling_features_numpy([100.0, -1.0], [0.0, 0.0])
    with pytest.raises(ValueError):
        rolling_features_numpy([100.0, 101.0], [0.0])


def test_names_are_the_contracts_rolling_features_in_order():
    contract = load_contract()
    assert list(ROLLING_FEATURES + REGIME_CONTEXT_FEATURES) == [n for n, s in contract.features.items()
                                                                if s.source == "rolling"]
    assert contract.feature_set("bs-book-rolling-v1")[-6:] == ROLLING_FEATURES
    assert contract.is_servable("bs-book-rolling-v1")


def test_committed_parity_vectors_are_what_the_generator_writes():
    committed = json.loads(rolling_parity.PARITY_PATH.read_text())
    fresh = rolling_parity.parity_document()
    assert {k: v for k, v in committed.items() if k != "ticks"} == {k: v for k, v in fresh.items() if k != "ticks"}
    assert len(committed["ticks"]) == len(fresh["ticks"])
    for old, new in zip(committed["ticks"], fresh["ticks"]):
        assert {k: old[k] for k in ("eventTimeMicros", "last", "volume", "closes")} == \
               {k: new[k] for k in ("eventTimeMicros", "last", "volume", "closes")}
        expected = [math.nan if x is None else x for x in old["features"]]
        actual = [math.nan if x is None else x for x in new["features"]]
        np.testing.assert_allclose(actual, expected, rtol=1e-12, atol=1e-15, equal_nan=True)


def test_parity_vectors_cover_warm_up_day_boundaries_and_missing_volume():
    ticks = rolling_parity.PARITY_PATH.read_text()
    doc = json.loads(ticks)["ticks"]
    micros_of_day = [t["eventTimeMicros"] % rolling_parity.DAY_MICROS for t in doc]
    assert 0 in micros_of_day and rolling_parity.DAY_MICROS - 1 in micros_of_day
    assert any(t["closes"] == 272 for t in doc) and doc[0]["features"][0] is None
    assert any(t["closes"] >= 21 and t["features"][5] is None for t in doc)
