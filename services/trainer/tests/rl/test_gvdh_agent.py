import dataclasses

import pytest
import torch

from hedgetrain.rl.agent import (AgentConfig, DistributionalAgent, NetworkOptimiser, ReplayBuffer, market,
                                 nstep_transitions, policy_pnl, polyak_update, train_agent)
from hedgetrain.rl.baselines import pnl_summary
from hedgetrain.rl.env import STATE_FEATURES, SabrBookConfig
from hedgetrain.studies.rl_vega import baseline_policy

F = len(STATE_FEATURES)


def random_states(n, seed=0, a_max_low=1.0, a_max_high=2.0):
    g = torch.Generator().manual_seed(seed)
    states = torch.randn(n, F, generator=g) * 3.0
    states[:, -1] = a_max_low + (a_max_high - a_max_low) * torch.rand(n, generator=g)
    return states


def test_nstep_transitions_of_a_hand_made_episode():
    states = torch.arange(5, dtype=torch.float64).view(1, 5, 1).repeat(1, 1, F)  # s_t = t in every feature
    actions = torch.tensor([[0.1, 0.2, 0.3, 0.4]], dtype=torch.float64)
    rewards = torch.tensor([[1.0, 2.0, 3.0, 4.0]], dtype=torch.float64)
    out = nstep_transitions(states, actions, rewards, n=2, gamma=0.5)
    assert out["returns"].tolist() == [1 + 0.5 * 2, 2 + 0.5 * 3, 3 + 0.5 * 4, 4.0]
    assert out["next_states"][:, 0].tolist() == [2.0, 3.0, 4.0, 4.0]
    assert out["discounts"].tolist() == [0.25, 0.25, 0.0, 0.0]  # t + k = T: terminal, no bootstrap
    assert out["states"][:, 0].tolist() == [0.0, 1.0, 2.0, 3.0]
    assert torch.equal(out["actions"], actions[0])


def test_nstep_with_gamma_one_and_n_beyond_the_horizon_is_the_episode_return_to_go():
    rewards = torch.tensor([[1.0, -2.0, 4.0], [0.5, 0.5, 0.5]])
    out = nstep_transitions(torch.zeros(2, 4, F), torch.zeros(2, 3), rewards, n=10, gamma=1.0)
    assert out["returns"].tolist() == [3.0, 2.0, 4.0, 1.5, 1.0, 0.5]
    assert torch.all(out["discounts"] == 0)


def test_critic_target_is_return_plus_discounted_target_quantiles():
    agent = DistributionalAgent(AgentConfig(n_quantiles=8))
    states = random_states(6)
    batch = {"states": states, "actions": torch.ones(6), "returns": torch.arange(6.0),
             "next_states": random_states(6, seed=1), "discounts": torch.tensor([0.0, 0.0, 0.5, 0.5, 1.0, 1.0])}
    target = agent.critic_target_values(batch)
    with torch.no_grad():
        z_next = agent.critic_target.quantiles(batch["next_states"], agent.actor_target(batch["next_states"]))
    assert target.shape == (6, 8)
    assert torch.allclose(target[:2], batch["returns"][:2].unsqueeze(1).expand(2, 8))
    assert torch.allclose(target, batch["returns"].unsqueeze(1) + batch["discounts"].unsqueeze(1) * z_next)


def test_polyak_update_moves_the_target_by_one_minus_polyak():
    online, target = torch.nn.Linear(3, 2), torch.nn.Linear(3, 2)
    with torch.no_grad():
        for p in online.parameters():
            p.fill_(1.0)
        for p in target.parameters():
            p.fill_(0.0)
    polyak_update(target, online, 0.9)
    assert all(torch.allclose(p, torch.full_like(p, 0.1)) for p in target.parameters())
    polyak_update(target, online, 0.9)
    assert all(torch.allclose(p, torch.full_like(p, 0.19)) for p in target.parameters())


def test_actions_stay_in_zero_to_a_max_with_and_without_noise():
    agent = DistributionalAgent(AgentConfig())
    with torch.no_grad():
        for p in agent.actor.parameters():
            p.mul_(50.0)  # saturate the sigmoid at both ends
    states = random_states(2000, a_max_low=0.5, a_max_high=2.0)
    a_max = states[:, -1]
    for noise in (0.0, 0.5):
        action = agent.act(states, noise, torch.Generator().manual_seed(0))
        assert torch.all(action >= 0) and torch.all(action <= a_max)
    action = agent.actor(states)
    assert float((action / a_max).min()) < 0.01 and float((action / a_max).max()) > 0.99


def test_replay_buffer_keeps_the_newest_transitions_when_full():
    buffer = ReplayBuffer(5, F)
    for start in (0, 3, 6):
        values = torch.arange(start, start + 3, dtype=torch.float32)
        buffer.add({"states": values.unsqueeze(1).repeat(1, F), "actions": values, "returns": values,
                    "next_states": values.unsqueeze(1).repeat(1, F), "discounts": values})
    assert buffer.size == 5
    assert sorted(buffer.data["actions"].tolist()) == [4.0, 5.0, 6.0, 7.0, 8.0]
    sample = buffer.sample(64, torch.Generator().manual_seed(0))
    assert torch.equal(sample["states"][:, 0], sample["actions"]) and set(sample["returns"].tolist()) <= {4, 5, 6, 7, 8}


@pytest.mark.parametrize("kind", ["adam", "anaddh", "linearised"])
def test_actor_step_trains_the_actor_only(kind):
    agent = DistributionalAgent(AgentConfig(optimiser=kind))
    critic_before = [p.detach().clone() for p in agent.critic.parameters()]
    actor_before = [p.detach().clone() for p in agent.actor.parameters()]
    states = random_states(64)
    opt = NetworkOptimiser(agent.actor, kind, 1e-2, 5)
    opt.step(states, lambda a: -agent.critic.quantiles(states, a).mean())
    assert all(torch.equal(a, b) for a, b in zip(critic_before, agent.critic.parameters()))
    assert any(not torch.equal(a, b) for a, b in zip(actor_before, agent.actor.parameters()))
    assert all(p.grad is None for p in agent.critic.parameters())


def test_rejects_unknown_keys_and_options():
    with pytest.raises(ValueError):
        AgentConfig.from_dict({"learning_rate": 1e-3})
    with pytest.raises(ValueError):
        AgentConfig(optimiser="sgd")
    with pytest.raises(ValueError):
        AgentConfig(risk_measure="entropic")


def test_smoke_training_beats_no_hedge_and_delta_under_high_vol_of_vol():
    # nu = 0.8 and cheap options: neutralising vega pays (delta-vega is far better than delta here), so the
    # agent has to learn to trade the hedge option, not just sit at a = 0 (which already beats no hedge).
    env = SabrBookConfig(vol_of_vol=0.8, option_cost=0.002)
    cfg = AgentConfig(train_episodes=4000, parallel_episodes=500, warmup_episodes=500, validate_every=2,
                      validation_episodes=300, batch_size=256, actor_lr=3e-3, critic_lr=3e-3, updates_per_day=1.0)
    result = train_agent(env, cfg, seed=0)
    paths = market(env, 2000, 123)
    score = lambda pnl: pnl_summary(pnl.double())["mean_minus_1645std"]  # noqa: E731
    agent = score(policy_pnl(env, result.actor, paths)["pnl"])
    no_hedge = score(policy_pnl(*baseline_policy("no_hedge", env), paths)["pnl"])
    delta = score(policy_pnl(*baseline_policy("delta", env), paths)["pnl"])
    assert agent > no_hedge
    assert agent > delta + 10.0
    assert [p["episodes"] for p in result.curve] == [1000, 2000, 3000, 4000]
