"""Each objective against a hand computation on a tiny problem; HIRM's penalty gradient against finite differences."""
from types import SimpleNamespace

import pytest
import torch
from torch import nn

from hedgetrain.robust.objectives import ERM, HIRM, IRMv1, VREx, GroupDRO, build_objective
from hedgetrain.robust.policy import SplitHedgePolicy

N_PER_ENV = 20  # CVaR95 of 20 equally likely losses is the largest one; of 40 it is the mean of the two largest


class LinearHolding(nn.Module):
    """holdings = a everywhere; pnl (below) = base + a x + b y, so every risk is hand-computable."""

    def __init__(self, a, b):
        super().__init__()
        self.head = nn.Linear(1, 1).double()
        with torch.no_grad():
            self.head.weight.fill_(a)
            self.head.bias.fill_(b)

    def head_parameters(self):
        return self.head.parameters()

    def forward(self, features, context):
        e, t = features.shape[:2]
        return torch.stack([self.head.weight[0, 0].expand(e), self.head.bias[0].expand(e)], 1)  # (E, 2)


def linear_pnl(es, holdings):
    return es.base + holdings[:, 0] * es.x + holdings[:, 1] * es.y


@pytest.fixture
def tiny():
    g = torch.Generator().manual_seed(3)
    n = 2 * N_PER_ENV
    return SimpleNamespace(env=torch.tensor([0] * N_PER_ENV + [1] * N_PER_ENV), base=torch.randn(n, generator=g, dtype=torch.float64),
                           x=torch.randn(n, generator=g, dtype=torch.float64), y=torch.randn(n, generator=g, dtype=torch.float64),
                           features=torch.zeros(n, 2, 1), context=torch.zeros(n, 2, 0), spot=torch.zeros(n, 3, dtype=torch.float64))


def hand(tiny, a=0.3, b=-0.2):
    loss = -(tiny.base + a * tiny.x + b * tiny.y)
    worst = [int(torch.argmax(torch.where(tiny.env == e, loss, torch.tensor(-1e9, dtype=loss.dtype)))) for e in (0, 1)]
    return loss, torch.stack([loss[k] for k in worst]), worst


def test_erm_pooled_is_mean_of_two_worst_losses(tiny):
    loss, _, _ = hand(tiny)
    out = ERM([0, 1], pnl_fn=linear_pnl)(LinearHolding(0.3, -0.2), tiny)
    assert float(out.value) == pytest.approx(float(torch.sort(loss).values[-2:].mean()), abs=1e-12)


def test_erm_mean_env_is_mean_of_per_env_worst_loss(tiny):
    _, risks, _ = hand(tiny)
    out = ERM([0, 1], pnl_fn=linear_pnl, pooling="mean_env")(LinearHolding(0.3, -0.2), tiny)
    assert torch.allclose(out.risks, risks)
    assert float(out.value) == pytest.approx(float(risks.mean()), abs=1e-12)


def test_vrex_adds_beta_times_population_variance(tiny):
    _, risks, _ = hand(tiny)
    out = VREx([0, 1], pnl_fn=linear_pnl, beta=2.5)(LinearHolding(0.3, -0.2), tiny)
    expected = risks.mean() + 2.5 * ((risks[0] - risks[1]) / 2) ** 2
    assert float(out.value) == pytest.approx(float(expected), abs=1e-12)


def test_groupdro_weights_are_exponentiated_risks(tiny):
    _, risks, _ = hand(tiny)
    objective = GroupDRO([0, 1], pnl_fn=linear_pnl, step_size=0.7)
    out = objective(LinearHolding(0.3, -0.2), tiny)
    q = torch.softmax(0.7 * risks, 0)
    assert torch.allclose(objective.q, q)
    assert float(out.value) == pytest.approx(float((q * risks).sum()), abs=1e-12)


def test_irmv1_penalty_is_squared_dummy_scale_derivative(tiny):
    _, risks, worst = hand(tiny)
    # R_e(s) = -(base_k + s (a x_k + b y_k)) at the worst episode k, so dR_e/ds = -(a x_k + b y_k).
    d = torch.stack([-(0.3 * tiny.x[k] - 0.2 * tiny.y[k]) for k in worst])
    out = IRMv1([0, 1], pnl_fn=linear_pnl, lam=3.0)(LinearHolding(0.3, -0.2), tiny)
    assert float(out.penalty) == pytest.approx(float((d ** 2).mean()), abs=1e-12)
    assert float(out.value) == pytest.approx(float(risks.mean() + 3.0 * (d ** 2).mean()), abs=1e-12)


def test_hirm_penalty_is_half_one_minus_cosine_for_two_envs(tiny):
    _, risks, worst = hand(tiny)
    g = torch.stack([-torch.stack([tiny.x[k], tiny.y[k]]) for k in worst])  # grad_(a, b) R_e
    cosine = float(torch.nn.functional.cosine_similarity(g[0], g[1], dim=0))
    out = HIRM([0, 1], pnl_fn=linear_pnl, lam=4.0)(LinearHolding(0.3, -0.2), tiny)
    assert float(out.penalty) == pytest.approx(0.5 * (1 - cosine), abs=1e-12)
    assert float(out.value) == pytest.approx(float(risks.mean()) + 4.0 * 0.5 * (1 - cosine), abs=1e-12)


def smooth_problem(n_envs=3, per_env=20, steps=4):
    g = torch.Generator().manual_seed(11)
    n = n_envs * per_env
    es = SimpleNamespace(env=torch.arange(n_envs).repeat_interleave(per_env),
                         features=torch.randn(n, steps, 2, generator=g, dtype=torch.float64),
                         context=torch.randn(n, steps, 1, generator=g, dtype=torch.float64),
                         spot=100 + torch.randn(n, steps + 1, generator=g, dtype=torch.float64).cumsum(1))
    es.payoff = torch.relu(es.spot[:, -1] - 100)
    return es


def path_pnl(es, holdings):
    return -es.payoff + (holdings * (es.spot[:, 1:] - es.spot[:, :-1])).sum(1) - 0.01 * holdings.diff(dim=1).abs().sum(1)


def test_hirm_penalty_gradient_matches_central_differences():
    torch.manual_seed(0)
    es = smooth_problem()
    policy = SplitHedgePolicy(2, 1, hidden=5, layers=1, activation="tanh").double()
    objective = HIRM([0, 1, 2], pnl_fn=path_pnl, lam=1.0)
    objective(policy, es)  # initialises the OCE w at each env's VaR95, which is one episode's loss:
    objective.oce_w.data += 1e-4  # move off it, so a finite difference does not cross the tail's kink

    def penalty():
        return objective(policy, es).penalty

    params = list(policy.head_parameters()) + [policy.representation[0].weight]
    for p in params:
        p.grad = None
    out = objective(policy, es)
    analytic = torch.autograd.grad(objective.lam * _penalty_with_graph(objective, policy, es), params)
    h = 1e-6
    for p, grad in zip(params, analytic):
        flat = p.data.view(-1)
        for i in range(flat.numel()):
            old = float(flat[i])
            flat[i] = old + h
            up = float(penalty())
            flat[i] = old - h
            down = float(penalty())
            flat[i] = old
            assert grad.view(-1)[i].item() == pytest.approx((up - down) / (2 * h), rel=1e-5, abs=1e-8)
    assert float(out.penalty) > 1e-4  # a non-trivial penalty, so the check is not 0 == 0


def _penalty_with_graph(objective, policy, es):
    from hedgetrain.robust.objectives import head_gradients, normalised_gradient_variance
    pnl = objective.rollout_pnl(policy, es)
    risks, _, _ = objective.oce_risks(pnl, es.env)
    return normalised_gradient_variance(head_gradients(risks, list(policy.head_parameters()), create_graph=True))


def test_hirm_with_zero_lambda_equals_mean_env_erm():
    torch.manual_seed(1)
    es = smooth_problem()
    policy = SplitHedgePolicy(2, 1, hidden=5, layers=1).double()
    hirm = HIRM([0, 1, 2], pnl_fn=path_pnl, lam=0.0)(policy, es)
    erm = ERM([0, 1, 2], pnl_fn=path_pnl, pooling="mean_env")(policy, es)
    assert float(hirm.value) == pytest.approx(float(erm.value), abs=1e-12)
    g_hirm = torch.autograd.grad(hirm.loss, list(policy.parameters()))
    g_erm = torch.autograd.grad(erm.loss, list(policy.parameters()))
    assert all(torch.allclose(a, b, atol=1e-12) for a, b in zip(g_hirm, g_erm))


def test_unknown_method_and_missing_environment_are_rejected(tiny):
    with pytest.raises(ValueError):
        build_objective("sgd", [0], {})
    with pytest.raises(ValueError):
        ERM([0, 7], pnl_fn=linear_pnl, pooling="mean_env")(LinearHolding(0.1, 0.1), tiny)
