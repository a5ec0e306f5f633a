"""Training loop: fresh simulated batches, Adam or SGD, loss per epoch, checkpoints carrying their config."""
from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, List, Optional

import torch
from tqdm import tqdm

from ..config import ExperimentConfig, config_from_dict, config_to_dict, replace
from ..objectives.hedging import RiskObjective
from ..policies.base import Policy
from .factory import build_policy
from .problem import HedgingProblem

log = logging.getLogger(__name__)


@dataclass
class TrainResult:
    """A trained policy, its objective (with the learned OCE offset w), loss history and timing."""
    config: ExperimentConfig
    seed: int
    policy: Policy
    objective: RiskObjective
    problem: HedgingProblem
    epoch_losses: List[float] = field(default_factory=list)
    seconds: float = 0.0
    path_steps_per_second: float = 0.0


def train(config: ExperimentConfig, seed: Optional[int] = None, *, progress: bool = True,
          on_epoch: Optional[Callable[[int, float], None]] = None) -> TrainResult:
    """Train the config's learned policy by stochastic gradient descent on J(theta) (Buehler section 4).

    Each iteration simulates ``train.batch_paths`` fresh paths from generator seed (seed, iteration).
    """
    seed = config.train.seed if seed is None else seed
    t = config.train
    problem = HedgingProblem(config, device=t.device)
    policy = build_policy(config, problem, seed=seed)
    if not policy.trainable:
        raise ValueError(f"policy {config.policy.kind} has no parameters to train")
    objective = RiskObjective(config.risk).to(device=problem.device, dtype=problem.dtype)
    groups = [{"params": list(policy.parameters())}, {"params": list(objective.parameters()), "lr": t.lr_offset}]
    opt = torch.optim.Adam(groups, lr=t.lr) if t.optimizer == "adam" else torch.optim.SGD(groups, lr=t.lr, momentum=0.9)
    sched = torch.optim.lr_scheduler.ExponentialLR(opt, gamma=t.lr_decay)
    gen = problem.generator(seed)
    if config.risk.kind == "cvar":
        # The OCE offset w is learned jointly (eq. 4.6) but starts at the VaR of the analytically hedged PnL
        # (BS delta, or the Heston model hedge), near its optimum; starting at 0 (or at the unhedged VaR) leaves w above every loss for hundreds
        # of steps, and then (-X - w)^+ = 0 gives the policy no gradient.
        with torch.no_grad():
            pilot = build_policy(config, problem, "heston_delta" if config.market.model == "heston" else "bs_delta")
            pnl = problem.rollout(pilot, problem.sample(t.batch_paths, problem.generator(seed + 7_777_777))).result.pnl
            objective.w.fill_(float(torch.quantile(-pnl.float(), config.risk.alpha)))
    result = TrainResult(config=config, seed=seed, policy=policy, objective=objective, problem=problem)
    total = t.epochs * t.iters_per_epoch
    bar = tqdm(total=total, desc=f"train {config.name} seed={seed}", disable=not progress, leave=False)
    start = time.perf_counter()
    for epoch in range(t.epochs):
        running = 0.0
        for _ in range(t.iters_per_epoch):
            episode = problem.sample(t.batch_paths, gen)
            loss = objective(problem.rollout(policy, episode).result.pnl)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            running += float(loss.detach())
            bar.update(1)
        sched.step()
        mean_loss = running / t.iters_per_epoch
        result.epoch_losses.append(mean_loss)
        bar.set_postfix(loss=f"{mean_loss:.4f}")
        log.info("epoch %d/%d loss %.6f", epoch + 1, t.epochs, mean_loss)
        if on_epoch:
            on_epoch(epoch, mean_loss)
    bar.close()
    result.seconds = time.perf_counter() - start
    if total:
        result.path_steps_per_second = total * t.batch_paths * config.n_steps / result.seconds
    return result


def save_checkpoint(result: TrainResult, path) -> Path:
    """Checkpoint = config (JSON) + seed + policy/objective weights + loss history."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"config": config_to_dict(result.config), "seed": result.seed,
                "policy": {k: v.cpu() for k, v in result.policy.state_dict().items()},
                "objective": {k: v.cpu() for k, v in result.objective.state_dict().items()},
                "epoch_losses": result.epoch_losses, "seconds": result.seconds}, path)
    return path


def load_checkpoint(path, device: str = "cpu") -> TrainResult:
    """Rebuild the policy from the checkpoint's own config and load its weights."""
    blob = torch.load(Path(path), map_location="cpu")
    config = config_from_dict(blob["config"])
    config = replace(config, **{"train.device": device})
    problem = HedgingProblem(config, device=device)
    policy = build_policy(config, problem, seed=blob["seed"])
    policy.load_state_dict(blob["policy"])
    objective = RiskObjective(config.risk).to(device=problem.device, dtype=problem.dtype)
    objective.load_state_dict(blob["objective"])
    return TrainResult(config=config, seed=blob["seed"], policy=policy, objective=objective, problem=problem,
                       epoch_losses=list(blob["epoch_losses"]), seconds=blob.get("seconds", 0.0))


def write_loss_log(result: TrainResult, path) -> None:
    """Loss per epoch as JSON lines."""
    with open(path, "w") as fh:
        for i, loss in enumerate(result.epoch_losses):
            fh.write(json.dumps({"epoch": i + 1, "loss": loss}) + "\n")
