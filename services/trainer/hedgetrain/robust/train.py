"""Training loop of the HIRM study: one method, one seed, Adam, model selection on the validation split.

Each iteration draws ``batch_per_env`` episodes per training environment (with replacement; 0 = every
episode, full batch), so every R_e of the step is a CVaR95 over the same number of episodes. Every
``eval_every`` iterations the policy's pooled CVaR95 on the validation split (late-2018 High) is computed
and the best state is kept; the returned policy is that state.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional

import torch

from ..risk.measures import expected_shortfall
from .objectives import build_objective
from .policy import SplitHedgePolicy, build_policy

TRAIN_KEYS = {"iters", "lr", "weight_decay", "batch_per_env", "eval_every", "alpha", "dtype"}


@dataclass
class TrainResult:
    """The selected policy, its objective (OCE w, GroupDRO q), and the log (one row per evaluation)."""
    method: str
    policy: SplitHedgePolicy
    objective: torch.nn.Module
    log: List[Dict] = field(default_factory=list)
    best_iter: int = 0
    best_val_cvar95: float = float("inf")
    seconds: float = 0.0


def resolve_device(device: str) -> str:
    """'auto' -> cuda when available, else cpu."""
    if device == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if device not in ("cpu", "cuda"):
        raise ValueError(f"device must be auto, cpu or cuda, got {device!r}")
    return device


def sample_batch(train, env_ids, per_env: int, generator: torch.Generator):
    """``per_env`` episodes of each training environment, drawn with replacement (0 = all episodes)."""
    if per_env == 0:
        return train
    picks = []
    for e in env_ids:
        idx = (train.env == e).nonzero().flatten()
        picks.append(idx[torch.randint(len(idx), (per_env,), generator=generator)])
    return train.subset(torch.cat(picks))


@torch.no_grad()
def evaluate_cvar(policy, es, pnl_fn, alpha: float) -> float:
    """Pooled CVaR_alpha of -PnL of ``policy`` on ``es``."""
    policy.eval()
    pnl = pnl_fn(es, policy(es.features, es.context).to(es.spot.dtype))
    policy.train()
    return float(expected_shortfall(pnl, alpha))


def train_method(method: str, params: Dict, train, val, policy_cfg: Dict, train_cfg: Dict, seed: int,
                 device: str = "cpu", pnl_fn: Optional[Callable] = None, feature_stats=None,
                 progress: Optional[Callable[[str], None]] = None) -> TrainResult:
    """Train ``method`` ('erm', 'groupdro', 'vrex', 'irm', 'hirm') with ``params`` on ``train``.

    ``feature_stats`` (mean, std) of the training features (environments.standardiser); ``train``/``val`` are
    EpisodeSets already on ``device``.
    """
    unknown = set(train_cfg) - TRAIN_KEYS
    if unknown:
        raise ValueError(f"unknown train keys {sorted(unknown)}")
    if pnl_fn is None:
        from .environments import episode_pnl as pnl_fn
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    dtype = getattr(torch, train_cfg.get("dtype", "float32"))
    policy = build_policy(train.features.shape[-1], train.context.shape[-1], policy_cfg, dtype, device)
    if feature_stats is not None:
        policy.set_standardisation(*feature_stats)
    env_ids = sorted(set(train.env.tolist()))
    alpha = train_cfg.get("alpha", 0.95)
    objective = build_objective(method, env_ids, params, alpha=alpha, pnl_fn=pnl_fn).to(device)
    objective.train()
    objective(policy, sample_batch(train, env_ids, train_cfg["batch_per_env"], generator))  # initialise OCE w
    optimiser = torch.optim.Adam([{"params": list(policy.parameters()), "weight_decay": train_cfg["weight_decay"]},
                                  {"params": [objective.oce_w], "weight_decay": 0.0}], lr=train_cfg["lr"])
    result = TrainResult(method, policy, objective)
    best_state = {k: v.detach().clone() for k, v in policy.state_dict().items()}
    start = time.perf_counter()
    for it in range(1, train_cfg["iters"] + 1):
        out = objective(policy, sample_batch(train, env_ids, train_cfg["batch_per_env"], generator))
        optimiser.zero_grad(set_to_none=True)
        out.loss.backward()
        optimiser.step()
        if it % train_cfg["eval_every"] == 0 or it == train_cfg["iters"]:
            val_cvar = evaluate_cvar(policy, val, pnl_fn, alpha)
            result.log.append({"iter": it, "objective": float(out.value), "penalty": float(out.penalty),
                               "risks": out.risks.tolist(), "val_cvar95": val_cvar})
            if val_cvar < result.best_val_cvar95:
                result.best_iter, result.best_val_cvar95 = it, val_cvar
                best_state = {k: v.detach().clone() for k, v in policy.state_dict().items()}
            if progress:
                progress(f"{method} it {it}: objective {float(out.value):.4f} val cvar95 {val_cvar:.4f}")
    policy.load_state_dict(best_state)
    policy.eval()
    result.seconds = time.perf_counter() - start
    return result
