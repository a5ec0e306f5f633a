"""The distributional actor-critic of Cao et al. 2023 (GVDH) and its ANADDH / DHLNN-style training variants.

* Actor: deterministic MLP, a = a_max * sigmoid(f(s)) with a_max the state's last feature (env.py), so every
  action is admissible (seed §5.1.2).
* Critic: MLP of (state, action) -> N quantiles of the return-to-go distribution Z(s, a) at the midpoint
  levels of :func:`distributional.quantile_levels`, trained with the quantile Huber loss (seed eqs. 8-10)
  against the n-step target

      T(s_t, a_t) = r_t + gamma r_{t+1} + ... + gamma^{k-1} r_{t+k-1} + gamma^k Z_target(s_{t+k}, pi_target(s_{t+k}))

  with k = min(n, T - t); the bootstrap term is dropped when t + k is the end of the episode (seed eq. 7 with
  n = 1). gamma defaults to 1: the horizon is finite and the time left is in the state.
* The actor minimises the chosen risk functional (mean_std, var95, cvar95; :func:`quantile_risk`) of the
  critic's quantiles at (s, pi(s)), so it maximises mean - 1.645 std (or minus VaR / CVaR) of the return.
* Target networks follow by Polyak averaging; the replay buffer is a ring of torch tensors on the device;
  exploration adds Gaussian noise of ``noise_std * a_max`` (decaying linearly to ``noise_final``) clipped to
  [0, a_max]. Many episodes are stepped in parallel (``parallel_episodes``).

Optimisers (``optimiser``), for both networks:

* ``adam``: torch Adam, i.e. GVDH;
* ``anaddh``: :class:`optim.ANADDH`, the adaptive Nesterov update of seed eqs. 23-27 (gradient at the
  auxiliary point, with its gradient restart), i.e. ANADDH;
* ``linearised``: DHLNN-style. Our reading of "periodic fixed-gradient optimisation and linearised training
  dynamics": each network is trained through its first-order Taylor model around an anchor theta_0,
  f(x; theta_0) + J(x; theta_0)(theta - theta_0), so within a period the Jacobian (the gradient direction
  of every output) is fixed; every ``relinearise_every`` updates the anchor moves to the current parameters.
  The inner optimiser is Adam (:class:`optim.LinearisedTrainer`).

Rewards (``reward``): ``pnl`` is the PnL increment of Cao et al. (its sum is the episode PnL); ``seed`` is the
seed's -|P_t - P_{t-1}| - cost_t (eqs. 2-4). Both are multiplied by ``reward_scale`` for the networks.
"""
from __future__ import annotations

import copy
import dataclasses
import math
import time
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional

import torch
from torch import nn

from ..risk import expected_shortfall, value_at_risk
from .distributional import quantile_huber_loss, quantile_risk
from .env import STATE_FEATURES, SabrBookConfig, SabrBookEnv
from .optim import ANADDH, LinearisedTrainer

OPTIMISERS = ("adam", "anaddh", "linearised")
REWARDS = ("pnl", "seed")
RISK_MEASURES = ("mean_std", "var95", "cvar95")
A_MAX_INDEX = STATE_FEATURES.index("a_max")


@dataclass(frozen=True)
class AgentConfig:
    """Networks, learning and exploration settings of one agent (module docstring)."""

    hidden: int = 64
    layers: int = 2
    n_quantiles: int = 32
    huber_kappa: float = 1.0
    n_step: int = 5
    gamma: float = 1.0
    polyak: float = 0.995  # target <- polyak target + (1 - polyak) online, per update
    actor_lr: float = 1e-3
    critic_lr: float = 1e-3
    optimiser: str = "adam"
    relinearise_every: int = 10
    risk_measure: str = "mean_std"
    reward: str = "pnl"
    reward_scale: float = 0.1
    train_episodes: int = 40_000
    parallel_episodes: int = 1000
    warmup_episodes: int = 1000  # uniform random actions, no learning
    trajectory_days: int = 30  # environment steps between learning phases
    updates_per_day: float = 1.0  # gradient updates per environment step of the parallel batch
    batch_size: int = 1024
    buffer_size: int = 300_000
    noise_std: float = 0.2
    noise_final: float = 0.05
    validate_every: int = 5  # learning rounds (of parallel_episodes) between validation runs
    validation_episodes: int = 1000

    def __post_init__(self):
        if self.optimiser not in OPTIMISERS:
            raise ValueError(f"optimiser must be one of {OPTIMISERS}, got {self.optimiser!r}")
        if self.reward not in REWARDS:
            raise ValueError(f"reward must be one of {REWARDS}, got {self.reward!r}")
        if self.risk_measure not in RISK_MEASURES:
            raise ValueError(f"risk_measure must be one of {RISK_MEASURES}, got {self.risk_measure!r}")
        if min(self.hidden, self.layers, self.n_quantiles, self.n_step, self.train_episodes, self.parallel_episodes,
               self.trajectory_days, self.batch_size, self.buffer_size, self.relinearise_every,
               self.validate_every, self.validation_episodes) < 1:
            raise ValueError("sizes, counts and periods must be >= 1")
        if not 0 < self.gamma <= 1 or not 0 <= self.polyak < 1:
            raise ValueError("need 0 < gamma <= 1 and 0 <= polyak < 1")
        if min(self.actor_lr, self.critic_lr, self.huber_kappa, self.reward_scale, self.updates_per_day) <= 0:
            raise ValueError("learning rates, huber_kappa, reward_scale and updates_per_day must be > 0")
        if self.warmup_episodes < 0 or self.noise_std < 0 or self.noise_final < 0:
            raise ValueError("warmup_episodes and noise levels must be >= 0")

    @classmethod
    def from_dict(cls, values: dict) -> "AgentConfig":
        """Build from a JSON object; unknown keys are rejected."""
        unknown = set(values) - {f.name for f in dataclasses.fields(cls)}
        if unknown:
            raise ValueError(f"unknown agent config keys {sorted(unknown)}")
        return cls(**values)


def mlp(n_in: int, n_out: int, hidden: int, layers: int) -> nn.Sequential:
    """``layers`` hidden SiLU layers of width ``hidden``."""
    blocks, width = [], n_in
    for _ in range(layers):
        blocks += [nn.Linear(width, hidden), nn.SiLU()]
        width = hidden
    return nn.Sequential(*blocks, nn.Linear(width, n_out))


class Standardise(nn.Module):
    """(x - mean) / std with buffers fitted on the warm-up states, so the networks carry their own scaling."""

    def __init__(self, n_features: int):
        super().__init__()
        self.register_buffer("mean", torch.zeros(n_features))
        self.register_buffer("std", torch.ones(n_features))

    def fit(self, states: torch.Tensor) -> None:
        """Shape: states (B, F)."""
        self.mean.copy_(states.mean(0))
        self.std.copy_(states.std(0).clamp(min=1e-3))

    def forward(self, states: torch.Tensor) -> torch.Tensor:
        return (states - self.mean) / self.std


class Actor(nn.Module):
    """Deterministic policy a = a_max * sigmoid(MLP(standardised state)). Shape: (B, F) -> (B,)."""

    def __init__(self, n_features: int, hidden: int, layers: int):
        super().__init__()
        self.scale = Standardise(n_features)
        self.net = mlp(n_features, 1, hidden, layers)

    def forward(self, states: torch.Tensor) -> torch.Tensor:
        a_max = states[:, A_MAX_INDEX]
        return a_max * torch.sigmoid(self.net(self.scale(states)).squeeze(1))


class QuantileCritic(nn.Module):
    """Z(s, a): N quantiles of the return-to-go. Input (B, F + 1) = [state, action / a_max]; output (B, N)."""

    def __init__(self, n_features: int, n_quantiles: int, hidden: int, layers: int):
        super().__init__()
        self.scale = Standardise(n_features)
        self.net = mlp(n_features + 1, n_quantiles, hidden, layers)

    def forward(self, inputs: torch.Tensor) -> torch.Tensor:
        states, actions = inputs[:, :-1], inputs[:, -1:]
        return self.net(torch.cat([self.scale(states), actions / states[:, A_MAX_INDEX:A_MAX_INDEX + 1]], 1))

    def quantiles(self, states: torch.Tensor, actions: torch.Tensor) -> torch.Tensor:
        """Shape: states (B, F), actions (B,) -> (B, N)."""
        return self(torch.cat([states, actions.unsqueeze(1)], 1))


def nstep_transitions(states: torch.Tensor, actions: torch.Tensor, rewards: torch.Tensor, n: int,
                      gamma: float) -> Dict[str, torch.Tensor]:
    """n-step transitions of whole episodes that end after T steps.

    For each t: return = sum_{i<k} gamma^i r_{t+i} with k = min(n, T - t), next_state = s_{t+k} and
    discount = gamma^k, or 0 when t + k = T (terminal: no bootstrap).
    Shape: states (N, T+1, F), actions (N, T), rewards (N, T) -> each (N*T, ...) flattened episode-major.
    """
    n_ep, steps = rewards.shape
    if states.shape[:2] != (n_ep, steps + 1) or actions.shape != rewards.shape:
        raise ValueError("need states (N, T+1, F), actions and rewards (N, T)")
    returns = torch.zeros_like(rewards)
    next_index = torch.zeros(steps, dtype=torch.long)
    discount = torch.zeros(steps, dtype=rewards.dtype, device=rewards.device)
    for t in range(steps):
        k = min(n, steps - t)
        powers = gamma ** torch.arange(k, dtype=rewards.dtype, device=rewards.device)
        returns[:, t] = (rewards[:, t:t + k] * powers).sum(1)
        next_index[t] = t + k
        discount[t] = 0.0 if t + k == steps else gamma ** k
    return {"states": states[:, :-1].reshape(n_ep * steps, -1), "actions": actions.reshape(-1),
            "returns": returns.reshape(-1), "next_states": states[:, next_index].reshape(n_ep * steps, -1),
            "discounts": discount.expand(n_ep, steps).reshape(-1)}


class ReplayBuffer:
    """Ring buffer of n-step transitions held as tensors on ``device``."""

    FIELDS = ("states", "actions", "returns", "next_states", "discounts")

    def __init__(self, capacity: int, n_features: int, *, dtype=torch.float32, device="cpu"):
        kw = dict(dtype=dtype, device=device)
        self.data = {"states": torch.zeros(capacity, n_features, **kw), "actions": torch.zeros(capacity, **kw),
                     "returns": torch.zeros(capacity, **kw), "next_states": torch.zeros(capacity, n_features, **kw),
                     "discounts": torch.zeros(capacity, **kw)}
        self.capacity, self.size, self.position = capacity, 0, 0

    def add(self, batch: Dict[str, torch.Tensor]) -> None:
        """Append a dict of :data:`FIELDS` (as from :func:`nstep_transitions`), overwriting the oldest."""
        count = batch["actions"].shape[0]
        index = (self.position + torch.arange(count)) % self.capacity
        for name in self.FIELDS:
            self.data[name][index.to(self.data[name].device)] = batch[name].to(self.data[name])
        self.position = (self.position + count) % self.capacity
        self.size = min(self.size + count, self.capacity)

    def sample(self, batch_size: int, generator: Optional[torch.Generator] = None) -> Dict[str, torch.Tensor]:
        if self.size == 0:
            raise ValueError("empty replay buffer")
        index = torch.randint(0, self.size, (batch_size,), generator=generator)
        return {name: tensor[index.to(tensor.device)] for name, tensor in self.data.items()}


@torch.no_grad()
def polyak_update(target: nn.Module, online: nn.Module, polyak: float) -> None:
    """target <- polyak * target + (1 - polyak) * online, parameters and buffers."""
    for t, o in zip(target.parameters(), online.parameters()):
        t.mul_(polyak).add_(o, alpha=1.0 - polyak)
    for t, o in zip(target.buffers(), online.buffers()):
        t.copy_(o)


class NetworkOptimiser:
    """One update rule for a network given its inputs and a loss of its output: adam, anaddh or linearised.

    ``step(inputs, loss_of_output)`` computes gradients w.r.t. this network's parameters only (the other
    network's parameters get no gradient), so the actor's loss can run through the critic.
    """

    def __init__(self, model: nn.Module, kind: str, lr: float, relinearise_every: int):
        self.model, self.kind = model, kind
        self.params = [p for p in model.parameters() if p.requires_grad]
        if kind == "adam":
            self.optimizer = torch.optim.Adam(self.params, lr=lr)
        elif kind == "anaddh":
            self.optimizer = ANADDH(self.params, lr=lr)
        elif kind == "linearised":
            self.trainer = LinearisedTrainer(model, torch.optim.Adam(self.params, lr=lr), relinearise_every)
        else:
            raise ValueError(f"optimiser must be one of {OPTIMISERS}, got {kind!r}")

    def step(self, inputs: torch.Tensor, loss_of_output: Callable[[torch.Tensor], torch.Tensor]) -> float:
        if self.kind == "linearised":
            return self.trainer.step(inputs, loss_of_output)

        def closure():
            loss = loss_of_output(self.model(inputs))
            for p, g in zip(self.params, torch.autograd.grad(loss, self.params)):
                p.grad = g
            return loss.detach()

        if self.kind == "anaddh":
            return float(self.optimizer.step(closure))
        loss = closure()
        self.optimizer.step()
        return float(loss)


@dataclass
class TrainResult:
    """A trained agent: the actor (best on validation), its critic, the learning curve and the time taken."""

    actor: Actor
    critic: QuantileCritic
    curve: List[dict]
    seconds: float
    best_episodes: int


class DistributionalAgent:
    """Actor, critic, their targets and optimisers (module docstring)."""

    def __init__(self, config: AgentConfig, n_features: int = len(STATE_FEATURES), device="cpu"):
        self.config, self.device = config, device
        self.actor = Actor(n_features, config.hidden, config.layers).to(device)
        self.critic = QuantileCritic(n_features, config.n_quantiles, config.hidden, config.layers).to(device)
        self.actor_target, self.critic_target = copy.deepcopy(self.actor), copy.deepcopy(self.critic)
        for p in list(self.actor_target.parameters()) + list(self.critic_target.parameters()):
            p.requires_grad_(False)
        self.actor_opt = NetworkOptimiser(self.actor, config.optimiser, config.actor_lr, config.relinearise_every)
        self.critic_opt = NetworkOptimiser(self.critic, config.optimiser, config.critic_lr,
                                           config.relinearise_every)

    def fit_scaling(self, states: torch.Tensor) -> None:
        """Fit every network's input standardisation on warm-up states. Shape: (B, F)."""
        for net in (self.actor, self.critic, self.actor_target, self.critic_target):
            net.scale.fit(states)

    @torch.no_grad()
    def act(self, states: torch.Tensor, noise_std: float = 0.0,
            generator: Optional[torch.Generator] = None) -> torch.Tensor:
        """Policy action plus N(0, (noise_std a_max)^2) noise, clipped to [0, a_max]. Shape: (B, F) -> (B,)."""
        action = self.actor(states)
        if noise_std > 0:
            a_max = states[:, A_MAX_INDEX]
            noise = torch.randn(action.shape, generator=generator, dtype=action.dtype).to(action.device)
            action = torch.minimum(torch.clamp(action + noise_std * a_max * noise, min=0.0), a_max)
        return action

    @torch.no_grad()
    def critic_target_values(self, batch: Dict[str, torch.Tensor]) -> torch.Tensor:
        """n-step target quantiles return + discount * Z_target(s', pi_target(s')). Shape: (B, N)."""
        next_states = batch["next_states"]
        z_next = self.critic_target.quantiles(next_states, self.actor_target(next_states))
        return batch["returns"].unsqueeze(1) + batch["discounts"].unsqueeze(1) * z_next

    def update(self, batch: Dict[str, torch.Tensor]) -> Dict[str, float]:
        """One critic step, one actor step, one Polyak step of both targets."""
        cfg = self.config
        target = self.critic_target_values(batch)
        critic_inputs = torch.cat([batch["states"], batch["actions"].unsqueeze(1)], 1)
        critic_loss = self.critic_opt.step(
            critic_inputs, lambda z: quantile_huber_loss(z, target, kappa=cfg.huber_kappa))
        states = batch["states"]
        actor_loss = self.actor_opt.step(
            states, lambda a: quantile_risk(self.critic.quantiles(states, a), cfg.risk_measure).mean())
        polyak_update(self.critic_target, self.critic, cfg.polyak)
        polyak_update(self.actor_target, self.actor, cfg.polyak)
        return {"critic_loss": critic_loss, "actor_loss": actor_loss}


def market(env_config: SabrBookConfig, n_episodes: int, seed: int, *, dtype=torch.float32,
           device="cpu") -> SabrBookEnv:
    """An environment reset on the paths of ``seed``, for policies to share through ``reset_like``."""
    env = SabrBookEnv(env_config, n_episodes, dtype=dtype, device=device,
                      generator=torch.Generator(device=device).manual_seed(seed))
    env.reset()
    return env


def policy_pnl(env_config: SabrBookConfig, policy, paths: SabrBookEnv) -> Dict[str, torch.Tensor]:
    """Episode PnL, transaction costs and client premium value of ``policy(state)`` on the market of ``paths``.

    Every policy run on the same ``paths`` sees the same market and orders (common random numbers), priced
    once. ``env_config`` may differ from the paths' in hedge Greek, costs and delta hedging. Shape: each (N,).
    """
    env = SabrBookEnv(env_config, paths.n, dtype=paths.dtype, device=paths.device)
    state = env.reset_like(paths)
    pnl = torch.zeros(paths.n, dtype=paths.dtype, device=paths.device)
    cost = torch.zeros_like(pnl)
    while True:
        with torch.no_grad():
            result = env.step(policy(state))
        pnl += result.reward_pnl
        cost += result.cost
        state = result.state
        if result.done:
            return {"pnl": pnl, "cost": cost, "premium_base": env.client_premium_value()}


def validation_score(pnl: torch.Tensor, measure: str) -> float:
    """The evaluation counterpart of the actor's objective, higher is better: mean - 1.645 std, -VaR95, -CVaR95."""
    if measure == "mean_std":
        return float(pnl.mean() - 1.645 * pnl.std())
    if measure == "var95":
        return -float(value_at_risk(pnl, 0.95))
    return -float(expected_shortfall(pnl, 0.95))


class _Learner:
    """One agent's training state inside :func:`train_agents`: its env on the shared market, trajectory so far,
    replay buffer, counters, curve and best actor."""

    def __init__(self, env_config, config: AgentConfig, seed: int, dtype, device):
        torch.manual_seed(seed)
        self.config, self.env_config = config, env_config
        self.agent = DistributionalAgent(config, device=device)
        self.buffer = ReplayBuffer(config.buffer_size, len(STATE_FEATURES), dtype=dtype, device=device)
        self.env = SabrBookEnv(env_config, config.parallel_episodes, dtype=dtype, device=device)
        self.generator = torch.Generator().manual_seed(seed + 2)
        self.updates_per_phase = max(1, round(config.updates_per_day * config.trajectory_days))
        self.steps, self.updates, self.seconds = 0, 0, 0.0
        self.losses = {"critic_loss": float("nan"), "actor_loss": float("nan")}
        self.curve: List[dict] = []
        self.best = (-math.inf, copy.deepcopy(self.agent.actor.state_dict()), 0)

    def run_episode(self, paths: SabrBookEnv, warm: bool, noise: float, learn: bool, fit_scaling: bool) -> None:
        """One episode of every parallel env on ``paths``; n-step transitions to the buffer; learning phases."""
        start, cfg, env = time.perf_counter(), self.config, self.env
        state = env.reset_like(paths)
        states, actions, rewards = [state], [], []
        while True:
            a_max = state[:, A_MAX_INDEX]
            if warm:
                action = a_max * torch.rand(env.n, generator=self.generator, dtype=a_max.dtype).to(a_max.device)
            else:
                action = self.agent.act(state, noise, self.generator)
            result = env.step(action)
            state = result.state
            states.append(state)
            actions.append(action)
            rewards.append((result.reward_pnl if cfg.reward == "pnl" else result.reward_seed) * cfg.reward_scale)
            if result.done:
                trajectory = torch.stack(states, 1)  # (N, T+1, F)
                if fit_scaling:
                    self.agent.fit_scaling(trajectory.reshape(-1, trajectory.shape[-1]))
                self.buffer.add(nstep_transitions(trajectory, torch.stack(actions, 1), torch.stack(rewards, 1),
                                                  cfg.n_step, cfg.gamma))
            self.steps += 1
            if learn and self.steps % cfg.trajectory_days == 0:
                for _ in range(self.updates_per_phase):
                    self.losses = self.agent.update(self.buffer.sample(cfg.batch_size, self.generator))
                    self.updates += 1
            if result.done:
                break
        self.seconds += time.perf_counter() - start

    def validate(self, paths: SabrBookEnv, episodes: int, eligible: bool) -> dict:
        """Score the deterministic policy on the validation ``paths``; keep the actor if it is the best so far."""
        start = time.perf_counter()
        out = policy_pnl(self.env_config, self.agent.actor, paths)
        score = validation_score(out["pnl"], self.config.risk_measure)
        if eligible and score > self.best[0]:
            self.best = (score, copy.deepcopy(self.agent.actor.state_dict()), episodes)
        self.seconds += time.perf_counter() - start
        point = {"episodes": episodes, "updates": self.updates, "score": score,
                 "pnl_mean": float(out["pnl"].mean()), "pnl_std": float(out["pnl"].std()), **self.losses,
                 "seconds": self.seconds}
        self.curve.append(point)
        return point


def train_agents(env_config: SabrBookConfig, configs: Dict[str, AgentConfig], seed: int, *, dtype=torch.float32,
                 device="cpu", validation_seed: int = 10_000,
                 log: Optional[Callable[[str], None]] = None) -> Dict[str, TrainResult]:
    """Train several agents in lockstep on the same training episodes (common random numbers across agents).

    All configs must agree on ``train_episodes``, ``parallel_episodes``, ``warmup_episodes``,
    ``validate_every`` and ``validation_episodes``. Each round draws ``parallel_episodes`` market paths and
    order flows (seeded by ``seed``); each agent plays them with its own exploration noise, writes the
    episodes' n-step transitions to its replay buffer when they end, and every ``trajectory_days``
    environment steps makes ``updates_per_day * trajectory_days`` updates on replay batches (a phase
    falling inside an episode learns from the completed episodes). The first ``warmup_episodes`` use
    uniform random actions (they also fit the input standardisation). Every ``validate_every`` rounds each
    deterministic policy is scored on fixed validation paths (``validation_seed``) and the best actor after
    warm-up is kept. Seconds per agent count its own acting, learning and validation, not the shared pricing.
    """
    shared = ("train_episodes", "parallel_episodes", "warmup_episodes", "validate_every", "validation_episodes")
    first = next(iter(configs.values()))
    if any(getattr(c, f) != getattr(first, f) for c in configs.values() for f in shared):
        raise ValueError(f"agents trained together must share {shared}")
    learners = {name: _Learner(env_config, c, seed, dtype, device) for name, c in configs.items()}
    train_paths = SabrBookEnv(env_config, first.parallel_episodes, dtype=dtype, device=device,
                              generator=torch.Generator(device=device).manual_seed(seed + 1))
    validation_paths = market(env_config, first.validation_episodes, validation_seed, dtype=dtype, device=device)
    validation_paths.price_all_days()
    rounds = math.ceil(first.train_episodes / first.parallel_episodes)
    warmup_rounds = math.ceil(first.warmup_episodes / first.parallel_episodes)
    for round_index in range(rounds):
        train_paths.reset()
        train_paths.price_all_days()  # shared pricing, outside every agent's seconds
        warm = round_index < warmup_rounds
        for name, learner in learners.items():
            c = learner.config
            noise = c.noise_std + (c.noise_final - c.noise_std) * round_index / max(1, rounds - 1)
            learner.run_episode(train_paths, warm, noise, learn=round_index + 1 >= warmup_rounds,
                                fit_scaling=round_index == 0)
        if (round_index + 1) % first.validate_every == 0 or round_index == rounds - 1:
            episodes = (round_index + 1) * first.parallel_episodes
            for name, learner in learners.items():
                point = learner.validate(validation_paths, episodes, eligible=round_index >= warmup_rounds)
                if log:
                    log(f"  seed {seed} {name}: {episodes} episodes, {point['updates']} updates, validation "
                        f"{point['score']:.2f}, critic loss {point['critic_loss']:.4f} ({point['seconds']:.0f}s)")
    results = {}
    for name, learner in learners.items():
        learner.agent.actor.load_state_dict(learner.best[1])
        results[name] = TrainResult(actor=learner.agent.actor, critic=learner.agent.critic, curve=learner.curve,
                                    seconds=learner.seconds, best_episodes=learner.best[2])
    return results


def train_agent(env_config: SabrBookConfig, config: AgentConfig, seed: int, **kwargs) -> TrainResult:
    """:func:`train_agents` for a single agent."""
    return train_agents(env_config, {"agent": config}, seed, **kwargs)["agent"]
