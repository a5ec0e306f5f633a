"""The split policy: explicit head/representation parameters, semi-recurrent rollout, standardisation."""
import pytest
import torch

from hedgetrain.robust.policy import SplitHedgePolicy, build_policy


def test_parameters_split_into_head_and_representation():
    policy = SplitHedgePolicy(4, 2, hidden=8, layers=2)
    head, rep = list(policy.head_parameters()), list(policy.representation_parameters())
    assert sum(p.numel() for p in head) == 8 + 1  # linear head
    assert {id(p) for p in head}.isdisjoint(id(p) for p in rep)
    assert {id(p) for p in head} | {id(p) for p in rep} == {id(p) for p in policy.parameters()}


def test_rollout_feeds_previous_holding_back():
    torch.manual_seed(0)
    policy = SplitHedgePolicy(3, 1, hidden=6, layers=1).double()
    features, context = torch.randn(5, 4, 3, dtype=torch.float64), torch.randn(5, 4, 1, dtype=torch.float64)
    holdings, reps = policy(features, context, return_representation=True)
    assert holdings.shape == (5, 4) and reps.shape == (5, 4, 6)
    previous = torch.zeros(5, 1, dtype=torch.float64)
    for t in range(4):  # step by step by hand: x_t = (Phi_t, q_{t-1}, r_t), q_{-1} = 0
        q = policy.head(policy.representation(torch.cat([features[:, t], previous, context[:, t]], 1)))
        assert torch.allclose(holdings[:, t], q[:, 0])
        previous = q


def test_standardisation_is_applied_to_features_only():
    policy = SplitHedgePolicy(2, 1, hidden=4, layers=1).double()
    features, context = torch.randn(3, 2, 2, dtype=torch.float64), torch.randn(3, 2, 1, dtype=torch.float64)
    policy.set_standardisation(torch.tensor([1.0, -2.0]), torch.tensor([2.0, 0.5]))
    shifted = policy(features * torch.tensor([2.0, 0.5], dtype=torch.float64) + torch.tensor([1.0, -2.0], dtype=torch.float64), context)
    plain = SplitHedgePolicy(2, 1, hidden=4, layers=1).double()
    plain.load_state_dict({k: v for k, v in policy.state_dict().items() if "feature_" not in k}, strict=False)
    assert torch.allclose(shifted, plain(features, context))


def test_bad_shapes_and_keys_are_rejected():
    policy = SplitHedgePolicy(2, 1)
    with pytest.raises(ValueError):
        policy(torch.zeros(3, 2, 2), torch.zeros(3, 5, 1))
    with pytest.raises(ValueError):
        build_policy(2, 1, {"hidden": 4, "depth": 2})
    assert sum(p.numel() for p in build_policy(2, 1, {"hidden": 4, "layers": 1, "head_hidden": 3}).head_parameters()) == 4 * 3 + 3 + 3 + 1
