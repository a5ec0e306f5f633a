"""The regime context features: hand-written loops, warm-up, and agreement with the HIRM study's own labels."""
import math

import numpy as np
import pytest
import torch

from hedgetrain.features import ALL_ROLLING_FEATURES, all_rolling_features, load_contract
from hedgetrain.features import regime


def naive_illiquid(amihud, t):
    """The contract's illiquid flag of day t with plain Python: linear percentile via sorted values."""
    window = [a for a in amihud[max(0, t - 251): t + 1] if not math.isnan(a)]
    if math.isnan(amihud[t]) or len(window) < 20:
        return math.nan
    v = sorted(window)
    rank = 0.75 * (len(v) - 1)
    lo, hi = math.floor(rank), math.ceil(rank)
    threshold = v[lo] + (rank - lo) * (v[hi] - v[lo])
    return 1.0 if amihud[t] > threshold else 0.0


def random_series(seed, days):
    rng = np.random.default_rng(seed)
    vols = np.repeat([0.004, 0.012, 0.02, 0.04], days // 4 + 1)[:days]
    close = 100 * np.exp(np.cumsum(vols * rng.standard_normal(days)))
    volume = np.floor(1e6 * rng.random(days))
    volume[150:175] = 0.0  # no volume: amihud undefined for a few days
    return close, volume


def test_illiquid_and_regimes_match_a_naive_loop_on_every_day():
    close, volume = random_series(11, 420)
    got = all_rolling_features(close, volume).numpy()  # (T, 11)
    amihud, rv = got[:, 5].tolist(), got[:, 1]
    for t in range(len(close)):
        expected = naive_illiquid(amihud, t)
        if math.isnan(expected):
            assert math.isnan(got[t, 10]), t
        else:
            assert got[t, 10] == expected, t
        if math.isnan(rv[t]):
            assert np.all(np.isnan(got[t, 6:10])), t
        else:
            band = 0 if rv[t] < 0.10 else 1 if rv[t] < 0.25 else 2 if rv[t] <= 0.40 else 3
            assert got[t, 6:10].tolist() == [float(i == band) for i in range(4)], t
    assert set(np.unique(got[40:, 10][~np.isnan(got[40:, 10])])) == {0.0, 1.0}
    assert all(np.nanmax(got[:, 6 + b]) == 1.0 for b in range(4)), "every regime occurs"


def test_band_edges_go_up_except_forty_percent():
    one_hot = regime.regime_one_hot(torch.tensor([0.0999, 0.10, 0.2499, 0.25, 0.40, 0.4001, math.nan], dtype=torch.float64))
    assert one_hot[:-1].argmax(1).tolist() == [0, 1, 1, 2, 2, 3]
    assert torch.isnan(one_hot[-1]).all()


def test_illiquid_warm_up_is_forty_closes_and_appending_days_changes_nothing_earlier():
    close, volume = random_series(12, 320)
    full = all_rolling_features(close, volume).numpy()
    assert np.all(np.isnan(full[:39, 10])) and not np.isnan(full[39, 10])
    short = all_rolling_features(close[:200], volume[:200]).numpy()
    np.testing.assert_array_equal(full[:200], short)


def test_names_constants_and_contract_agree_with_the_hirm_study():
    from hedgetrain.robust import data, environments
    assert ALL_ROLLING_FEATURES[6:] == environments.CONTEXT_NAMES
    assert regime.VOL_BANDS == environments.VOL_BANDS
    assert (regime.ILLIQUID_LOOKBACK, regime.ILLIQUID_QUANTILE) == (data.LIQUIDITY_LOOKBACK, data.LIQUIDITY_QUANTILE)
    contract = load_contract()
    names = contract.feature_set("robust-regime-v1")
    assert names == environments.FEATURE_NAMES + (environments.INVENTORY_FEATURE,) + environments.CONTEXT_NAMES
    assert contract.is_servable("robust-regime-v1")


@pytest.fixture(scope="module")
def spy_data_dir():
    """The replay's data directory (as tests/evaluation/conftest.py resolves it); skips without the files."""
    from hedgetrain.markets.historical import REPO_ROOT, missing_data_files, resolve_data_dir
    for candidate in (resolve_data_dir(), REPO_ROOT.parent / "shared" / "data"):
        if not missing_data_files(candidate):
            return candidate
    pytest.skip("SPY/VIX/DTB3 data files missing (set HEDGE_DATA_DIR)")


def test_context_equals_the_studys_labels_on_every_defined_spy_day(spy_data_dir):
    historical_data_dir = spy_data_dir
    from hedgetrain.robust import data, environments
    panel = data.daily_panel(str(historical_data_dir))
    volumes = data._read_volumes(historical_data_dir / "spy_daily.csv")
    volume = torch.tensor([volumes[d] for d in panel.dates], dtype=torch.float64)
    ours = all_rolling_features(panel.close, volume)  # (N, 11)
    torch.testing.assert_close(ours[:, :6], panel.rolling, equal_nan=True, rtol=0, atol=0)
    defined = ~torch.isnan(ours[:, 6:]).any(1)
    assert int(defined.sum()) > len(panel.dates) - 60, "only the first closes of the data are warm-up"
    study = environments.context_tensor(panel.regime, panel.illiquid)  # (N, 5)
    assert torch.equal(ours[defined, 6:], study[defined])
    assert bool(panel.illiquid[defined].any()) and bool((~panel.illiquid[defined]).any())
