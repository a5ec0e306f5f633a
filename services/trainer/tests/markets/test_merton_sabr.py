import math

import torch

from hedgetrain.markets import add_merton_jumps, merton_jump_factor, sabr_implied_vol, simulate_gbm, simulate_sabr


def gen(seed):
    return torch.Generator().manual_seed(seed)


def test_merton_factor_has_mean_one_and_jump_variance():
    n, lam, mu, sd, steps, dt = 400_000, 5.0, -0.1, 0.15, 30, 1 / 365
    f = merton_jump_factor(n, steps, dt, intensity_per_year=lam, mean_log_jump=mu, std_log_jump=sd,
                           dtype=torch.float64, generator=gen(3))
    x = f[:, -1]
    assert abs(float(x.mean()) - 1.0) < 4 * float(x.std()) / math.sqrt(n)
    t = steps * dt
    log_var = float(torch.log(x).var())
    expected = lam * t * (mu ** 2 + sd ** 2)  # compound Poisson variance of the log factor
    assert abs(log_var - expected) < 0.05 * expected


def test_zero_intensity_overlay_leaves_paths_unchanged():
    base = simulate_gbm(100, 10, 0.01, dtype=torch.float64, generator=gen(1))
    jumped = add_merton_jumps(base, intensity_per_year=0.0, mean_log_jump=0.1, std_log_jump=0.1, generator=gen(2))
    assert torch.allclose(jumped.spot, base.spot, atol=0, rtol=1e-14)


def test_gbm_with_jumps_stays_a_martingale():
    base = simulate_gbm(300_000, 30, 1 / 365, sigma=0.2, dtype=torch.float64, generator=gen(4))
    jumped = add_merton_jumps(base, intensity_per_year=10.0, mean_log_jump=-0.05, std_log_jump=0.1, generator=gen(5))
    s = jumped.spot[:, -1]
    assert abs(float(s.mean()) - 100.0) < 4 * float(s.std()) / math.sqrt(s.numel())


def test_sabr_is_a_martingale_for_any_beta_and_rho():
    for beta, rho in ((0.5, 0.2), (1.0, -0.7)):
        p = simulate_sabr(200_000, 30, 1 / 365, s0=100.0, sigma0=0.2 * 100 ** (1 - beta), beta=beta, rho=rho,
                          vol_of_vol=0.5, dtype=torch.float64, generator=gen(6))
        s = p.spot[:, -1]
        assert abs(float(s.mean()) - 100.0) < 4 * float(s.std()) / math.sqrt(s.numel())


def test_sabr_without_vol_of_vol_and_beta_one_is_gbm():
    n, dt = 200_000, 1 / 365
    p = simulate_sabr(n, 30, dt, sigma0=0.3, beta=1.0, rho=0.0, vol_of_vol=0.0, dtype=torch.float64, generator=gen(8))
    r = torch.log(p.spot[:, 1:] / p.spot[:, :-1]).flatten()
    sd = 0.3 * math.sqrt(dt)
    assert abs(float(r.var()) - sd ** 2) < 4 * sd ** 2 * math.sqrt(2 / r.numel())
    assert torch.allclose(p.vol, torch.full_like(p.vol, 0.3), atol=1e-12)


def test_hagan_vol_is_continuous_at_the_money_and_has_a_skew():
    f = torch.tensor([100.0], dtype=torch.float64)
    atm = sabr_implied_vol(f, f, 0.5, torch.tensor([2.0], dtype=torch.float64), 0.5, -0.3, 0.4)
    near = sabr_implied_vol(f, f * (1 + 1e-5), 0.5, torch.tensor([2.0], dtype=torch.float64), 0.5, -0.3, 0.4)
    assert abs(float(atm) - float(near)) < 1e-5
    low = sabr_implied_vol(f, f * 0.8, 0.5, torch.tensor([2.0], dtype=torch.float64), 0.5, -0.3, 0.4)
    assert float(low) > float(atm)  # negative rho and beta < 1 give a downward skew
