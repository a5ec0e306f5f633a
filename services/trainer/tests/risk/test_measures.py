import math

import pytest
import torch

from hedgetrain.risk import (entropic, expected_shortfall, mean_std, normal_cvar, normal_entropic, normal_var,
                             oce_cvar, value_at_risk)

N = 1_000_000


@pytest.fixture(scope="module")
def normal_sample():
    return 0.3 + 2.0 * torch.randn(N, dtype=torch.float64, generator=torch.Generator().manual_seed(0))


def test_cvar_of_a_normal_matches_closed_form(normal_sample):
    # standard error of the CVaR estimator ~ sd * sqrt(Var(tail)/((1-a) N)); 4 SE with a generous 3x factor
    est = float(expected_shortfall(normal_sample, 0.95))
    assert abs(est - normal_cvar(0.3, 2.0, 0.95)) < 4 * 3 * 2.0 / math.sqrt(0.05 * N)


def test_var_of_a_normal_matches_closed_form(normal_sample):
    assert abs(float(value_at_risk(normal_sample, 0.95)) - normal_var(0.3, 2.0, 0.95)) < 0.02


def test_entropic_of_a_normal_matches_closed_form(normal_sample):
    assert abs(float(entropic(normal_sample, 0.5)) - normal_entropic(0.3, 2.0, 0.5)) < 0.03


def test_oce_offset_is_minimised_at_var(normal_sample):
    var = value_at_risk(normal_sample, 0.9)
    best = float(oce_cvar(normal_sample, var, 0.9))
    for shift in (-0.2, 0.2):
        assert float(oce_cvar(normal_sample, var + shift, 0.9)) > best


def test_cash_invariance_and_monotonicity():
    x = torch.randn(10_000, dtype=torch.float64, generator=torch.Generator().manual_seed(1))
    for rho in (lambda y: expected_shortfall(y, 0.95), lambda y: entropic(y, 2.0), lambda y: mean_std(y)):
        assert float(rho(x + 1.5)) == pytest.approx(float(rho(x)) - 1.5, abs=1e-9)
    assert float(expected_shortfall(x + x.abs(), 0.95)) <= float(expected_shortfall(x, 0.95))


def test_cvar_at_zero_level_is_minus_mean_and_bad_levels_raise():
    x = torch.arange(10, dtype=torch.float64)
    assert float(expected_shortfall(x, 0.0)) == pytest.approx(-4.5)
    with pytest.raises(ValueError):
        expected_shortfall(x, 1.0)
    with pytest.raises(ValueError):
        entropic(x, 0.0)
