"""Objectives over training environments, all on CVaR95 of episode loss (seed paper section 5.3).

Per-environment risk R_e is CVaR95 of -PnL in the OCE form  R_e = w_e + E_e[(-PnL - w_e)^+] / (1 - alpha).
OCE variables: one learnable w_e per training environment (one pooled w for pooled ERM), initialised at
the empirical VaR95 of the first batch. The outer objective sees w detached; w is trained by its own
term, the sum of the per-environment OCE values with the PnL detached, whose minimiser is VaR95_e. So
each R_e stays a CVaR95 whatever the outer objective does (V-REx's variance or GroupDRO's weights
would otherwise pull w_e off its infimum to shrink the penalty). ``value`` is the objective; ``loss``
adds the w term and is what the optimiser differentiates.

Means over environments replace the paper's sums (a rescaling of lambda/beta by |E_train|).

- ERM: pooled CVaR95 over all training episodes, or mean_e R_e (``pooling="mean_env"``).
- GroupDRO (Sagawa et al. 2020): q_e <- q_e exp(eta R_e) / Z after each training step, loss sum_e q_e R_e.
- V-REx: mean_e R_e + beta Var_e(R_e) (population variance).
- IRMv1: a dummy scale s multiplies the policy's holdings after the rollout (w o phi with phi the whole
  rolled-out policy), penalty mean_e (dR_e/ds at s = 1)^2, computed with create_graph=True.
- HIRM: mean_e R_e + lambda Var_e(g_e / |g_e|), g_e = grad_psi R_e over the head parameters psi only,
  by torch.autograd.grad(create_graph=True), so the penalty's own gradient is exact (second order).
  Var is the trace of the covariance, mean_e |u_e - mean u|^2 = (1 - 1/E)(1 - mean pairwise cosine).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, Optional, Sequence

import torch
from torch import nn

from ..risk.measures import value_at_risk

PnlFn = Callable[[object, torch.Tensor], torch.Tensor]  # (EpisodeSet, holdings (E, T)) -> PnL (E,)


@dataclass
class ObjectiveValue:
    """loss: what to backpropagate; value: the objective itself; risks: R_e per training env (n_env,)."""
    loss: torch.Tensor
    value: torch.Tensor
    risks: torch.Tensor
    penalty: torch.Tensor


def _default_pnl() -> PnlFn:
    from .environments import episode_pnl
    return episode_pnl


def oce_cvar(pnl: torch.Tensor, w: torch.Tensor, alpha: float) -> torch.Tensor:
    """w + E[(-PnL - w)^+] / (1 - alpha). relu, not clamp: at w = VaR (a sample's own loss) that sample gets
    gradient 0, so the gradient is that of the tail strictly beyond w, as CVaR's is. Shape: (N,) -> ()."""
    return w + torch.relu(-pnl - w).mean() / (1.0 - alpha)


def head_gradients(risks: torch.Tensor, head_params: Sequence[torch.Tensor], create_graph: bool) -> torch.Tensor:
    """grad_psi R_e for each environment, flattened over the head parameters. Shape: (n_env,) -> (n_env, P)."""
    rows = []
    for risk in risks:
        grads = torch.autograd.grad(risk, head_params, create_graph=create_graph, retain_graph=True)
        rows.append(torch.cat([g.reshape(-1) for g in grads]))
    return torch.stack(rows)


def normalised_gradient_variance(grads: torch.Tensor, eps: float = 1e-12) -> torch.Tensor:
    """HIRM's penalty: mean_e |u_e - mean_e u|^2 with u_e = g_e / sqrt(|g_e|^2 + eps^2). Shape: (n_env, P) -> ()."""
    units = grads / torch.sqrt((grads * grads).sum(1, keepdim=True) + eps * eps)
    return ((units - units.mean(0, keepdim=True)) ** 2).sum(1).mean()


class EnvironmentObjective(nn.Module):
    """Shared machinery: rollout, per-environment OCE CVaR with learnable w, the w-update term."""

    def __init__(self, env_ids: Sequence[int], alpha: float = 0.95, pnl_fn: Optional[PnlFn] = None,
                 pooled: bool = False):
        super().__init__()
        if not env_ids:
            raise ValueError("need at least one training environment")
        if not 0 < alpha < 1:
            raise ValueError("alpha must be in (0, 1)")
        self.env_ids = [int(e) for e in env_ids]
        self.alpha = alpha
        self.pooled = pooled
        self.pnl_fn = pnl_fn or _default_pnl()
        self.oce_w = nn.Parameter(torch.zeros(1 if pooled else len(self.env_ids), dtype=torch.float64))
        self.register_buffer("initialised", torch.tensor(False))

    def groups(self, pnl: torch.Tensor, env: torch.Tensor) -> list:
        """PnL per training environment, in env_ids order; raises if one is missing from the batch."""
        out = []
        for e in self.env_ids:
            part = pnl[env.to(pnl.device) == e]
            if part.numel() < 2:
                raise ValueError(f"batch has {part.numel()} episodes of training environment {e}; need >= 2")
            out.append(part)
        return out

    def oce_risks(self, pnl: torch.Tensor, env: torch.Tensor):
        """(per-env CVaR with w detached (n_env,), w-update term (), pooled CVaR or None)."""
        groups = self.groups(pnl, env)
        w = self.oce_w.to(pnl)
        if not bool(self.initialised):
            with torch.no_grad():
                start = [value_at_risk(pnl.detach(), self.alpha)] if self.pooled else \
                    [value_at_risk(g.detach(), self.alpha) for g in groups]
                self.oce_w.copy_(torch.stack(start).to(self.oce_w))
                self.initialised.fill_(True)
            w = self.oce_w.to(pnl)
        risks = torch.stack([oce_cvar(g, w[i].detach(), self.alpha) for i, g in enumerate(groups)]) \
            if not self.pooled else None
        pooled = oce_cvar(pnl, w[0].detach(), self.alpha) if self.pooled else None
        w_term = oce_cvar(pnl.detach(), w[0], self.alpha) if self.pooled else \
            sum(oce_cvar(g.detach(), w[i], self.alpha) for i, g in enumerate(groups))
        return risks, w_term, pooled

    def rollout_pnl(self, policy, batch, scale: Optional[torch.Tensor] = None) -> torch.Tensor:
        holdings = policy(batch.features, batch.context)  # (E, T)
        if scale is not None:
            holdings = holdings * scale
        return self.pnl_fn(batch, holdings.to(batch.spot.dtype))

    def combine(self, policy, batch, risks, pooled) -> tuple:
        """(objective value, penalty) from the per-env risks (or the pooled risk); one per method."""
        raise NotImplementedError

    def forward(self, policy, batch) -> ObjectiveValue:
        pnl = self.rollout_pnl(policy, batch)
        risks, w_term, pooled = self.oce_risks(pnl, batch.env)
        value, penalty = self.combine(policy, batch, risks, pooled)
        return ObjectiveValue(loss=value + w_term, value=value.detach(),
                              risks=(risks if risks is not None else pooled.reshape(1)).detach(),
                              penalty=penalty.detach())


class ERM(EnvironmentObjective):
    """Pooled CVaR95 over all training episodes (default) or the mean of per-environment CVaR95."""

    def __init__(self, env_ids, alpha=0.95, pnl_fn=None, pooling: str = "pooled"):
        if pooling not in ("pooled", "mean_env"):
            raise ValueError("pooling must be 'pooled' or 'mean_env'")
        super().__init__(env_ids, alpha, pnl_fn, pooled=pooling == "pooled")

    def combine(self, policy, batch, risks, pooled):
        value = pooled if self.pooled else risks.mean()
        return value, value.new_zeros(())


class GroupDRO(EnvironmentObjective):
    """sum_e q_e R_e with exponentiated-gradient weights q_e <- q_e exp(step_size R_e) / Z (in training mode)."""

    def __init__(self, env_ids, alpha=0.95, pnl_fn=None, step_size: float = 0.01):
        super().__init__(env_ids, alpha, pnl_fn)
        if step_size < 0:
            raise ValueError("step_size must be >= 0")
        self.step_size = step_size
        self.register_buffer("q", torch.full((len(self.env_ids),), 1.0 / len(self.env_ids), dtype=torch.float64))

    def combine(self, policy, batch, risks, pooled):
        if self.training:
            with torch.no_grad():
                q = self.q * torch.exp(self.step_size * (risks.detach().to(self.q) - risks.detach().max().to(self.q)))
                self.q.copy_(q / q.sum())
        return (self.q.to(risks) * risks).sum(), risks.new_zeros(())


class VREx(EnvironmentObjective):
    """mean_e R_e + beta Var_e R_e (population variance over training environments)."""

    def __init__(self, env_ids, alpha=0.95, pnl_fn=None, beta: float = 1.0):
        super().__init__(env_ids, alpha, pnl_fn)
        if beta < 0:
            raise ValueError("beta must be >= 0")
        self.beta = beta

    def combine(self, policy, batch, risks, pooled):
        variance = ((risks - risks.mean()) ** 2).mean()
        return risks.mean() + self.beta * variance, variance


class IRMv1(EnvironmentObjective):
    """mean_e R_e + lam mean_e (dR_e/ds)^2 at s = 1, s a dummy scale on the rolled-out holdings."""

    def __init__(self, env_ids, alpha=0.95, pnl_fn=None, lam: float = 1.0):
        super().__init__(env_ids, alpha, pnl_fn)
        if lam < 0:
            raise ValueError("lam must be >= 0")
        self.lam = lam

    def forward(self, policy, batch) -> ObjectiveValue:
        scale = torch.ones((), dtype=batch.spot.dtype, device=batch.spot.device, requires_grad=True)
        pnl = self.rollout_pnl(policy, batch, scale)
        risks, w_term, _ = self.oce_risks(pnl, batch.env)
        grads = torch.stack([torch.autograd.grad(r, scale, create_graph=True)[0] for r in risks])  # (n_env,)
        penalty = (grads ** 2).mean()
        value = risks.mean() + self.lam * penalty
        return ObjectiveValue(loss=value + w_term, value=value.detach(), risks=risks.detach(), penalty=penalty.detach())


class HIRM(EnvironmentObjective):
    """mean_e R_e + lam Var_e(grad_psi R_e / |grad_psi R_e|), exact second order through create_graph."""

    def __init__(self, env_ids, alpha=0.95, pnl_fn=None, lam: float = 1.0, eps: float = 1e-12):
        super().__init__(env_ids, alpha, pnl_fn)
        if lam < 0:
            raise ValueError("lam must be >= 0")
        self.lam, self.eps = lam, eps

    def combine(self, policy, batch, risks, pooled):
        grads = head_gradients(risks, list(policy.head_parameters()), create_graph=self.lam > 0)
        penalty = normalised_gradient_variance(grads, self.eps)
        return risks.mean() + self.lam * penalty, penalty


def build_objective(method: str, env_ids: Sequence[int], params: Dict, alpha: float = 0.95,
                    pnl_fn: Optional[PnlFn] = None) -> EnvironmentObjective:
    """Objective by method name ('erm', 'groupdro', 'vrex', 'irm', 'hirm') with its config parameters."""
    classes = {"erm": ERM, "groupdro": GroupDRO, "vrex": VREx, "irm": IRMv1, "hirm": HIRM}
    if method not in classes:
        raise ValueError(f"unknown method {method!r}; choose from {sorted(classes)}")
    return classes[method](env_ids, alpha=alpha, pnl_fn=pnl_fn, **params)
