import copy
import math

import pytest
import torch
from torch import nn

from hedgetrain.rl.optim import ANADDH, LinearisedTrainer


def quadratic(dim=6, condition=1e3, seed=0):
    """0.5 x'Ax - b'x with A rotated, eigenvalues log-spaced from 1 to ``condition``."""
    g = torch.Generator().manual_seed(seed)
    q, _ = torch.linalg.qr(torch.randn(dim, dim, generator=g, dtype=torch.float64))
    eig = torch.logspace(0, math.log10(condition), dim, dtype=torch.float64)
    a = q @ torch.diag(eig) @ q.T
    b = torch.randn(dim, generator=g, dtype=torch.float64)
    return a, b


def reference_anaddh(theta0, grad_fn, steps, lr, b1, b2, eps):
    """Seed eqs. (23)-(27) written out literally."""
    theta, previous, t = theta0.clone(), theta0.clone(), 1.0
    m, v = torch.zeros_like(theta0), torch.zeros_like(theta0)
    for r in range(1, steps + 1):
        t_next = (1 + math.sqrt(1 + 4 * t * t)) / 2
        y = theta + (t - 1) / t_next * (theta - previous)
        g = grad_fn(y)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        previous, theta = theta, y - lr * math.sqrt(1 - b2 ** r) / (1 - b1 ** r) * m / torch.sqrt(v + eps)
        t = t_next
    return theta


def run_optimizer(opt, param, a, b, steps):
    def closure():
        opt.zero_grad()
        loss = 0.5 * param @ a @ param - b @ param
        loss.backward()
        return loss
    for _ in range(steps):
        opt.step(closure)


def test_update_equals_the_seed_equations_on_a_quadratic():
    a, b = quadratic()
    theta0 = torch.linspace(-1, 1, 6, dtype=torch.float64)
    param = nn.Parameter(theta0.clone())
    opt = ANADDH([param], lr=0.05, betas=(0.8, 0.99), eps=1e-10, restart=False)
    run_optimizer(opt, param, a, b, 7)
    expected = reference_anaddh(theta0, lambda y: a @ y - b, 7, 0.05, 0.8, 0.99, 1e-10)
    assert torch.allclose(param.detach(), expected, atol=1e-12, rtol=0)


def relative_error_after(steps, restart, lr=0.01):
    a, b = quadratic(dim=8, condition=1e3, seed=1)
    solution = torch.linalg.solve(a, b)
    param = nn.Parameter(torch.zeros(8, dtype=torch.float64))
    run_optimizer(ANADDH([param], lr=lr, restart=restart), param, a, b, steps)
    return float(torch.linalg.norm(param.detach() - solution) / torch.linalg.norm(solution))


def test_converges_on_an_ill_conditioned_quadratic_with_restart():
    assert relative_error_after(3000, restart=True) < 1e-2


def test_literal_seed_update_diverges_on_the_same_quadratic():
    # Documents why restart exists: without it the momentum weight tends to 1 and the iterates run away.
    assert relative_error_after(3000, restart=False) > 10


def test_state_dict_round_trip_continues_identically():
    a, b = quadratic()
    param = nn.Parameter(torch.ones(6, dtype=torch.float64))
    opt = ANADDH([param], lr=0.05)
    run_optimizer(opt, param, a, b, 5)
    clone = nn.Parameter(param.detach().clone())
    restored = ANADDH([clone], lr=0.05)
    restored.load_state_dict(copy.deepcopy(opt.state_dict()))
    run_optimizer(opt, param, a, b, 5)
    run_optimizer(restored, clone, a, b, 5)
    assert torch.equal(param.detach(), clone.detach())


def test_requires_a_closure():
    with pytest.raises(ValueError):
        ANADDH([nn.Parameter(torch.zeros(2))]).step()


def small_regression(seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(256, 3, generator=g)
    y = torch.sin(x[:, :1]) + 0.5 * x[:, 1:2] * x[:, 2:3]
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(3, 32), nn.Tanh(), nn.Linear(32, 1))
    return x, y, model


def test_linear_model_equals_the_network_at_the_anchor_and_its_taylor_expansion_nearby():
    x, _, model = small_regression()
    trainer = LinearisedTrainer(model, torch.optim.SGD(model.parameters(), lr=0.1), relinearise_every=5)
    assert torch.allclose(trainer.linear_output(x), model(x), atol=1e-6)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(1e-3)
    # First order: the gap to the true network is O(|d|^2), far below the O(|d|) change itself.
    moved = model(x).detach()
    change = (moved - trainer.linear_output(x)).abs().max()
    assert change < 0.05 * (moved - trainer.anchor_output(x)).abs().max()


@pytest.mark.parametrize("make_optimizer", [lambda p: torch.optim.Adam(p, lr=1e-2), lambda p: ANADDH(p, lr=1e-2)])
def test_linearised_training_reduces_the_loss_of_a_small_regression(make_optimizer):
    x, y, model = small_regression()
    start = float(nn.functional.mse_loss(model(x), y))
    trainer = LinearisedTrainer(model, make_optimizer(model.parameters()), relinearise_every=10)
    for _ in range(150):
        trainer.step(x, lambda out: nn.functional.mse_loss(out, y))
    assert float(nn.functional.mse_loss(model(x), y)) < 0.3 * start
