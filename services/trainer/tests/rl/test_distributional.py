import pytest
import torch

from hedgetrain.rl.distributional import quantile_huber_loss, quantile_levels, quantile_risk


def test_minimising_the_loss_recovers_the_quantiles_of_a_toy_distribution():
    g = torch.Generator().manual_seed(0)
    samples = torch.randn(1, 4000, generator=g, dtype=torch.float64) * 2.0 + 1.0  # N(1, 4)
    pred = torch.zeros(1, 5, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.Adam([pred], lr=0.05)
    for _ in range(800):
        opt.zero_grad()
        quantile_huber_loss(pred, samples, kappa=0.01).backward()
        opt.step()
    empirical = torch.quantile(samples[0], quantile_levels(5, dtype=torch.float64))
    assert torch.allclose(pred.detach()[0], empirical, atol=0.05)


def test_gradient_is_weighted_error_inside_kappa_and_weighted_sign_outside():
    pred = torch.tensor([[0.0, 0.0]], dtype=torch.float64, requires_grad=True)  # taus 0.25, 0.75
    target = torch.tensor([[0.5, -3.0]], dtype=torch.float64)
    quantile_huber_loss(pred, target, kappa=1.0).backward()
    # u = +0.5 (inside: dL/dpred = -w u / kappa) and u = -3 (outside: dL/dpred = +w), each averaged over M = 2.
    expected = [(-0.25 * 0.5 + (1 - 0.25) * 1.0) / 2, (-0.75 * 0.5 + (1 - 0.75) * 1.0) / 2]
    assert torch.allclose(pred.grad[0], torch.tensor(expected, dtype=torch.float64))


def test_risk_functionals_of_quantiles():
    q = torch.arange(100, dtype=torch.float64).unsqueeze(0) - 50.0  # levels 0.005..0.995
    assert float(quantile_risk(q, "var95")) == pytest.approx(46.0)
    assert float(quantile_risk(q, "cvar95")) == pytest.approx(48.0)
    assert float(quantile_risk(q, "mean_std")) == pytest.approx(0.5 + 1.645 * float(q.std(unbiased=False)))
    with pytest.raises(ValueError):
        quantile_risk(q, "entropic")


def test_loss_value_matches_a_hand_computation():
    pred = torch.tensor([[0.0, 0.0]], dtype=torch.float64)  # taus 0.25, 0.75
    target = torch.tensor([[0.5, -3.0]], dtype=torch.float64)
    # u = 0.5: Huber 0.125 (quadratic); u = -3: Huber 1 * (3 - 0.5) = 2.5 (linear). Weights |tau - 1{u < 0}|.
    tau_025 = (0.25 * 0.125 + 0.75 * 2.5) / 2
    tau_075 = (0.75 * 0.125 + 0.25 * 2.5) / 2
    assert float(quantile_huber_loss(pred, target, kappa=1.0)) == pytest.approx(tau_025 + tau_075)
    # kappa = 2: u = -3 is still linear, 2 (3 - 1) = 4, and everything is divided by kappa.
    expected = ((0.25 * 0.125 + 0.75 * 4.0) / 2 + (0.75 * 0.125 + 0.25 * 4.0) / 2) / 2.0
    assert float(quantile_huber_loss(pred, target, kappa=2.0)) == pytest.approx(expected)
