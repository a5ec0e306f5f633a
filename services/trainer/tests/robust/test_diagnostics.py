"""Diagnostics of the seed paper §4.3 against their definitions on hand-made inputs."""
import math

import pytest
import torch

from hedgetrain.robust import diagnostics as d


def t(*values):
    return torch.tensor(values, dtype=torch.float64)


def test_trimmed_mean_cuts_ten_percent_each_end():
    assert d.trimmed_mean(torch.arange(10, dtype=torch.float64)).item() == pytest.approx(4.5)
    assert d.trimmed_mean(t(0, 1, 2, 3, 4, 5, 6, 7, 8, 1000)).item() == pytest.approx(4.5)  # 0 and 1000 cut
    assert d.trimmed_mean(t(1, 2, math.nan)).item() == pytest.approx(1.5)


def test_per_env_cvar_is_the_tail_mean_of_losses_per_environment():
    pnl = torch.cat([-torch.arange(1, 21, dtype=torch.float64), torch.zeros(3, dtype=torch.float64)])
    env = torch.cat([torch.zeros(20, dtype=torch.long), torch.ones(3, dtype=torch.long)])
    risks = d.per_env_cvar(pnl, env, 3)
    assert risks[0].item() == pytest.approx(20.0) and risks[1].item() == pytest.approx(0.0)
    assert math.isnan(risks[2].item())


def test_invariance_gap_and_normalised_form():
    assert d.invariance_gap(t(1.0, 4.0, 2.5, math.nan)).item() == pytest.approx(3.0)
    tau = d.tau_ig([t(1.0, 3.0), t(2.0, 4.0), t(10.0, 10.0)])  # means 2, 3, 10 -> median 3
    assert tau == pytest.approx(3.0)
    assert d.invariance_gap_normalised(t(1.0, 4.0), tau).item() == pytest.approx(1.0, rel=1e-6)


def test_worst_group_is_the_cvar_over_environments():
    risks = t(1.0, 2.0, 3.0, 10.0)
    assert d.worst_group(risks).item() == pytest.approx(10.0)  # alpha 0.05 < 1/4: the worst group
    assert d.worst_group(risks, alpha=0.5).item() == pytest.approx(6.5)  # mean of the worst half
    assert d.worst_group(risks, alpha=0.999).item() == pytest.approx(4.0, rel=1e-2)  # ~ the mean


def test_volatility_ratio_rolling_cvar_efficiency_turnover_drawdown_sortino():
    assert d.volatility_ratio(t(1.0, 3.0)).item() == pytest.approx(0.5, rel=1e-6)
    assert d.rolling_cvar(t(1, 5, 2, 0), window=2, alpha=0.5).tolist() == [5.0, 5.0, 2.0]
    pnl = t(*([1.0] * 19 + [-9.0]))  # mean 0.5, CVaR95 of the loss = 9
    assert d.expected_return_efficiency(pnl).item() == pytest.approx(0.5 / 9, rel=1e-6)
    holdings = t(1.0, 2.0, 2.0, 0.0)[None]  # |moves| 1, 0, 2 -> 1; |a| mean 1.25
    assert d.turnover_ratio(holdings).item() == pytest.approx(1 / 1.25, rel=1e-6)
    assert d.turnover_ratio(torch.stack([holdings, holdings], -1)).item() == pytest.approx(1 / 1.25, rel=1e-6)
    assert d.max_drawdown(t(1.0, -3.0, 2.0, -1.0, 5.0)).item() == pytest.approx(3.0)
    assert d.max_drawdown(t(-2.0, 1.0)).item() == pytest.approx(2.0)
    assert d.sortino(t(3.0, -1.0, -1.0, 3.0)).item() == pytest.approx(1.0 / math.sqrt(0.5), rel=1e-6)
    assert math.isnan(d.sortino(t(1.0, 2.0, 0.5)).item()), "no downside: degenerate, not ~1e9"


def test_c1_is_one_minus_capped_variance_ratio():
    assert d.c1_global_stability(t(1.0, 3.0), tau_r=4.0).item() == pytest.approx(0.75, rel=1e-6)  # var 1
    assert d.c1_global_stability(t(0.0, 10.0), tau_r=4.0).item() == pytest.approx(0.0)
    probes = torch.stack([t(1.0, 3.0), t(2.0, 2.0)])  # per probe 0.75 and 1.0
    assert d.c1_global_stability(probes, tau_r=4.0).item() == pytest.approx(0.875, rel=1e-6)


def test_c2_maps_pairwise_cosines_to_unit_interval():
    assert d.c2_mechanistic_stability([t(1, 0), t(2, 0)]).item() == pytest.approx(1.0)
    assert d.c2_mechanistic_stability([t(1, 0), t(-1, 0)]).item() == pytest.approx(0.0)
    # pairs: (e1,e2) orthogonal 0.5, (e1,e3) aligned 1, (e2,e3) orthogonal 0.5 -> 2/3
    assert d.c2_mechanistic_stability([t(1, 0), t(0, 1), t(3, 0)]).item() == pytest.approx(2 / 3)


def test_c3_is_zero_drift_for_reference_covariance_and_falls_with_scaling():
    gen = torch.Generator().manual_seed(0)
    z = torch.randn(4000, 3, generator=gen, dtype=torch.float64)
    sigma = d.reference_covariance(z, ridge=0.0)
    assert d.representation_dispersion([[z]], [sigma]).item() == pytest.approx(0.0, abs=1e-9)
    # one environment at twice the std (trace ratio 4 -> deviation 3), one unchanged -> trimmed mean 1.5
    disp = d.representation_dispersion([[2 * z, z]], [sigma])
    assert disp.item() == pytest.approx(1.5, rel=1e-6)
    assert d.c3_structural_stability(disp, tau_c=3.0).item() == pytest.approx(0.5, rel=1e-6)
    assert d.c3_structural_stability(disp, tau_c=1.0).item() == pytest.approx(0.0)


def test_normalisers_from_erm_seeds_and_isi_weights():
    erm = [t(1.0, 3.0), t(0.0, 4.0), t(2.0, 2.0)]  # variances 1, 4, 0 -> median 1; means 2, 2, 2
    tau = d.calibrate_normalisers(erm, [0.5, 1.0, 2.0])
    assert (tau.tau_r, tau.tau_c, tau.tau_ig) == pytest.approx((2.0, 2.0, 2.0))
    assert d.isi(t(0.3)[0], t(0.6)[0], t(0.9)[0]).item() == pytest.approx(0.6)
    assert d.isi(1.0, 0.0, 0.0, weights=(0.5, 0.25, 0.25)).item() == pytest.approx(0.5)
    with pytest.raises(ValueError):
        d.isi(1.0, 1.0, 1.0, weights=(0.5, 0.5, 0.5))
