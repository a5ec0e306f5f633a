import math

import pytest
import torch

from hedgetrain.markets import HestonParams, heston_call_cos, heston_call_quad, simulate_heston

BUEHLER = HestonParams(s0=100.0, v0=0.04, kappa=1.0, theta=0.04, xi=2.0, rho=-0.7)
T = 30 / 365


@pytest.fixture(scope="module")
def paths():
    return simulate_heston(200_000, 30, 1 / 365, params=BUEHLER, dtype=torch.float64,
                           generator=torch.Generator().manual_seed(11))


def test_variance_stays_non_negative(paths):
    assert float(paths.variance.min()) >= 0.0


def test_spot_and_variance_swap_are_martingales(paths):
    n = paths.n_paths
    for k in (10, 30):
        for i in (0, 1):
            x = paths.hedge_prices[:, k, i]
            x0 = float(paths.hedge_prices[0, 0, i])
            assert abs(float(x.mean()) - x0) < 4 * float(x.std()) / math.sqrt(n), (k, i)


def test_variance_mean_matches_cir_expectation(paths):
    v = paths.variance[:, -1]
    expected = BUEHLER.theta + (BUEHLER.v0 - BUEHLER.theta) * math.exp(-BUEHLER.kappa * T)
    assert abs(float(v.mean()) - expected) < 4 * float(v.std()) / math.sqrt(paths.n_paths)


def test_monte_carlo_call_matches_semi_analytic_price(paths):
    payoff = torch.clamp(paths.spot[:, -1] - 100.0, min=0.0)
    se = float(payoff.std()) / math.sqrt(paths.n_paths)
    reference = heston_call_quad(100.0, 100.0, T, 0.04, BUEHLER)
    assert abs(reference - 1.69) < 0.01  # Buehler et al. quote q = 1.69
    assert abs(float(payoff.mean()) - reference) < 4 * se


@pytest.mark.parametrize("spot,var", [(100.0, 0.04), (90.0, 0.02), (110.0, 0.3), (97.0, 0.005)])
def test_cos_pricer_and_greeks_match_quadrature(spot, var):
    price, delta, dvega = heston_call_cos(torch.tensor([spot], dtype=torch.float64), 100.0, T,
                                          torch.tensor([var], dtype=torch.float64), BUEHLER)
    ref = heston_call_quad(spot, 100.0, T, var, BUEHLER)
    h = 1e-2
    ref_delta = (heston_call_quad(spot + h, 100.0, T, var, BUEHLER) - heston_call_quad(spot - h, 100.0, T, var, BUEHLER)) / (2 * h)
    hv = 1e-4
    ref_dv = (heston_call_quad(spot, 100.0, T, var + hv, BUEHLER) - heston_call_quad(spot, 100.0, T, var - hv, BUEHLER)) / (2 * hv)
    assert abs(float(price) - ref) < 2e-3
    assert abs(float(delta) - ref_delta) < 5e-3
    assert abs(float(dvega) - ref_dv) < 0.02 * abs(ref_dv) + 0.05


def test_small_vol_of_vol_recovers_black_scholes():
    from hedgetrain.instruments import bs_price
    p = HestonParams(v0=0.04, theta=0.04, xi=1e-4, rho=0.0)
    ref = heston_call_quad(100.0, 105.0, 0.5, 0.04, p)
    bs = float(bs_price(torch.tensor(100.0, dtype=torch.float64), 105.0, 0.5, 0.2, torch.tensor(True)))
    assert abs(ref - bs) < 1e-4


def test_invalid_parameters_rejected():
    with pytest.raises(ValueError):
        HestonParams(xi=-1.0)
