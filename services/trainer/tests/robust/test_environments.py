"""Environments of the HIRM study: labels without look-ahead, the §5.2 episode PnL, splits and synthetic stress.

Tests marked with the ``historical_data_dir`` fixture read SPY/VIX/DTB3; without the files they skip, except
under CI=true, where they fail (the pattern of tests/evaluation).
"""
import math
import os

import pytest
import torch

from hedgetrain.features.rolling import rolling_features
from hedgetrain.markets.historical import REPO_ROOT, missing_data_files, resolve_data_dir
from hedgetrain.robust import data as real
from hedgetrain.robust.data import real_episodes
from hedgetrain.robust.environments import (CostModel, EpisodeSet, episode_labels, episode_pnl, standardiser,
                                            vol_regime)
from hedgetrain.robust.synthetic import synthetic_episodes, SPY_2010_2023, calibrate


@pytest.fixture(scope="module")
def historical_data_dir():
    """$HEDGE_DATA_DIR, else replay-data/data, else ../shared/data beside the repository."""
    for candidate in (resolve_data_dir(), REPO_ROOT.parent / "shared" / "data"):
        if not missing_data_files(candidate):
            return candidate
    message = f"historical data missing in {resolve_data_dir()} (set HEDGE_DATA_DIR; see replay-data/README.md)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def toy_set(cost_rate=0.0) -> EpisodeSet:
    spot = torch.tensor([[100.0, 102.0, 99.0, 101.0]], dtype=torch.float64)
    return EpisodeSet(name="toy", env=torch.tensor([0]), env_names=["LOW"], spot=spot,
                      features=torch.zeros(1, 3, 2, dtype=torch.float64), feature_names=["a", "b"],
                      context=torch.zeros(1, 3, 5, dtype=torch.float64),
                      liability_value=torch.tensor([[0.0, 1.0, -0.5, 1.5]], dtype=torch.float64),
                      liability_delta=torch.zeros(1, 3, dtype=torch.float64),
                      liability_vega=torch.zeros(1, 3, dtype=torch.float64),
                      cost_rate=torch.full((1, 3), cost_rate, dtype=torch.float64), dt=1 / 252)


def test_episode_pnl_matches_hand_computation_on_three_steps():
    holdings = torch.tensor([[0.5, 0.8, 0.2]], dtype=torch.float64, requires_grad=True)
    pnl = episode_pnl(toy_set(cost_rate=0.01), holdings)
    gains = 0.5 * 2.0 + 0.8 * (-3.0) + 0.2 * 2.0  # q_t (S_{t+1} - S_t)
    costs = 0.01 * (100.0 * 0.5 + 102.0 * 0.3 + 99.0 * 0.6)  # kappa S_t |q_t - q_{t-1}|, q_{-1} = 0, free unwind
    assert pnl.item() == pytest.approx(-1.5 + gains - costs, abs=1e-12)
    pnl.sum().backward()
    assert holdings.grad is not None and torch.isfinite(holdings.grad).all()


def test_zero_cost_and_zero_holdings_give_minus_liability():
    es = toy_set(cost_rate=0.05)
    assert episode_pnl(es, torch.zeros(1, 3, dtype=torch.float64)).item() == pytest.approx(-1.5)
    es.margin_outflow = torch.tensor([2.0], dtype=torch.float64)
    assert episode_pnl(es, torch.zeros(1, 3, dtype=torch.float32)).dtype == torch.float32
    assert episode_pnl(es, torch.zeros(1, 3, dtype=torch.float64)).item() == pytest.approx(-3.5)


def test_daily_labels_never_change_when_future_data_is_appended():
    gen = torch.Generator().manual_seed(3)
    vol = torch.where(torch.arange(600) % 200 < 100, 0.05, 0.45) / math.sqrt(252)  # switching regimes
    close = 100 * torch.exp(torch.cumsum(vol * torch.randn(600, generator=gen, dtype=torch.float64), 0))
    volume = 1e6 * torch.exp(torch.randn(600, generator=gen, dtype=torch.float64))
    full = rolling_features(close, volume)
    for cut in (150, 333, 599):
        past = rolling_features(close[:cut], volume[:cut])
        assert torch.equal(vol_regime(past[:, 1]), vol_regime(full[:cut, 1]))
        assert torch.equal(real.trailing_illiquid(past[:, 5]), real.trailing_illiquid(full[:, 5])[:cut])
    assert set(vol_regime(full[:, 1]).tolist()) >= {-1, 0, 3}


def test_vol_bands_edges():
    assert vol_regime(torch.tensor([0.0999, 0.10, 0.2499, 0.25, 0.40, 0.4001, math.nan], dtype=torch.float64)).tolist() == \
        [0, 1, 1, 2, 2, 3, -1]


def test_episode_labels_majority_first_and_ties_to_the_more_severe():
    regime = torch.tensor([[0, 0, 1], [1, 1, 0], [0, 1, 2]])
    illiquid = torch.tensor([[True, True, False], [False, False, False], [False, True, True]])
    assert episode_labels(regime, illiquid).tolist() == [0, 1, 2]
    assert episode_labels(regime, illiquid, rule="first").tolist() == [0, 1, 0]
    assert episode_labels(regime, illiquid, env_by="vol_liquidity").tolist() == [1, 2, 5]


def test_standardiser_uses_training_statistics_and_keeps_constant_features():
    es = toy_set()
    es.features = torch.stack([torch.tensor([1.0, 2.0, 3.0]), torch.full((3,), 7.0)], -1)[None].double()
    scale = standardiser(es)
    out = scale(es.features)
    assert out[..., 0].mean().item() == pytest.approx(0.0) and out[..., 0].std(unbiased=False).item() == \
        pytest.approx(1.0)
    assert torch.equal(out[..., 1], torch.zeros(1, 3, dtype=torch.float64))


def test_synthetic_is_seeded_and_crisis_regime_is_labelled_crisis_with_margin():
    a = synthetic_episodes(64, seed=5, regime="CRISIS", length=30, margin_outflow=0.02)
    b = synthetic_episodes(64, seed=5, regime="CRISIS", length=30, margin_outflow=0.02)
    assert torch.equal(a.spot, b.spot) and a.spot.shape == (64, 31) and a.features.shape == (64, 30, 9)
    assert torch.isfinite(a.features).all() and torch.allclose(a.spot[:, 0], torch.tensor(100.0).double())
    crisis = a.env == 3
    assert crisis.float().mean() > 0.8
    assert torch.equal(a.margin_outflow[crisis], torch.full((int(crisis.sum()),), 2.0, dtype=torch.float64))
    assert (a.margin_outflow[~crisis] == 0).all()
    calm = synthetic_episodes(64, seed=5, regime="LOW", length=30)
    assert calm.cost_rate.mean() < a.cost_rate.mean() and (calm.env <= 1).float().mean() > 0.8


def test_real_splits_counts_and_no_training_day_in_validation_or_test(historical_data_dir):
    train = real_episodes(historical_data_dir, "train")
    assert (train.n_steps, train.counts()) == (60, {"LOW": 291, "MEDIUM": 165})
    assert (train.regime <= 1).all() and torch.isfinite(train.features).all()
    train_days = {train.calendar[i] for i in train.day_index.flatten().tolist()}
    assert min(train_days) >= "2017-01-01" and max(train_days) <= "2019-12-31"
    expected = {"val:late-2018": (20, 43), "test:volmageddon-2018": (20, 20), "test:covid-2020": (60, 25),
                "test:selloff-2022": (60, 191)}
    for name, (steps, count) in expected.items():
        es = real_episodes(historical_data_dir, name)
        assert (es.n_steps, es.n_episodes) == (steps, count), name
        days = {es.calendar[i] for i in es.day_index.flatten().tolist()}
        window = real.SPLITS[name].window
        assert all(window.contains(d) for d in days), name
        assert not days & train_days, name


def test_zero_cost_delta_hedge_reduces_pnl_variance_on_real_episodes(historical_data_dir):
    for name in ("train", "test:selloff-2022"):
        es = real_episodes(historical_data_dir, name, cost=CostModel.flat(0.0))
        hedged = episode_pnl(es, -es.liability_delta)
        unhedged = episode_pnl(es, torch.zeros_like(es.liability_delta))
        assert hedged.var() < 0.5 * unhedged.var(), name


def test_block_bootstrap_draws_training_days_only(historical_data_dir):
    train = real_episodes(historical_data_dir, "train")
    boot = real_episodes(historical_data_dir, "train", bootstrap=50, seed=1)
    assert boot.n_episodes == train.n_episodes + 50
    train_steps = set(train.day_index[:, :-1].flatten().tolist())
    assert set(boot.day_index[train.n_episodes:, :-1].flatten().tolist()) <= train_steps
    assert torch.isfinite(boot.liability_value).all() and (boot.spot[:, 0] == 100).all()


def test_calibration_reproduces_the_frozen_constants(historical_data_dir):
    fitted = calibrate(historical_data_dir)
    for name, frozen in vars(SPY_2010_2023).items():
        assert getattr(fitted, name) == pytest.approx(frozen, rel=1e-3), name
