import math

import pytest
import torch

from hedgetrain.markets import simulate_gbm


def gen(seed=0):
    return torch.Generator().manual_seed(seed)


def test_gbm_is_a_martingale_within_four_standard_errors():
    n, s0 = 200_000, 100.0
    paths = simulate_gbm(n, 30, 1 / 365, s0=s0, sigma=0.3, dtype=torch.float64, generator=gen())
    for k in (1, 15, 30):
        s = paths.spot[:, k]
        assert abs(float(s.mean()) - s0) < 4 * float(s.std()) / math.sqrt(n)


def test_gbm_log_return_moments_match_theory():
    n, sigma, dt, steps = 200_000, 0.25, 1 / 365, 30
    paths = simulate_gbm(n, steps, dt, sigma=sigma, drift=0.05, dtype=torch.float64, generator=gen(1))
    x = torch.log(paths.spot[:, -1] / paths.spot[:, 0])
    t = steps * dt
    sd = sigma * math.sqrt(t)
    assert abs(float(x.mean()) - (0.05 - sigma ** 2 / 2) * t) < 4 * sd / math.sqrt(n)
    # sample variance has standard error ~ var * sqrt(2/n)
    assert abs(float(x.var()) - sd ** 2) < 4 * sd ** 2 * math.sqrt(2 / n)


def test_zero_vol_gives_the_deterministic_path():
    paths = simulate_gbm(5, 10, 0.1, s0=50.0, sigma=0.0, drift=0.03, dtype=torch.float64, generator=gen())
    expected = 50.0 * torch.exp(0.03 * 0.1 * torch.arange(11, dtype=torch.float64))
    assert torch.allclose(paths.spot, expected.expand(5, 11), rtol=0, atol=1e-12)


def test_same_seed_same_paths_and_per_path_sigma():
    a = simulate_gbm(100, 5, 0.01, generator=gen(7))
    b = simulate_gbm(100, 5, 0.01, generator=gen(7))
    assert torch.equal(a.spot, b.spot)
    sig = torch.linspace(0.1, 0.5, 100)
    c = simulate_gbm(100, 5, 0.01, sigma=sig, generator=gen(7))
    assert torch.equal(c.vol[:, 0], sig)


@pytest.mark.parametrize("kwargs", [dict(n_paths=0), dict(n_steps=0), dict(dt=0.0), dict(sigma=-0.1)])
def test_bad_input_is_rejected(kwargs):
    args = dict(n_paths=10, n_steps=5, dt=0.01)
    sigma = kwargs.pop("sigma", 0.2)
    args.update(kwargs)
    with pytest.raises(ValueError):
        simulate_gbm(args["n_paths"], args["n_steps"], args["dt"], sigma=sigma)
