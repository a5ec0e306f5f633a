"""ANADDH's adaptive Nesterov optimiser (seed eqs. 23-32) and DHLNN-style linearised training.

ANADDH (eqs. 23-27, used for both networks; eqs. 28-32 for the actor are the same update once the gradient is
taken at the auxiliary point, which is how we read them so both networks share one optimiser):

    t_1 = 1,  t_{r+1} = (1 + sqrt(1 + 4 t_r^2)) / 2                          (23)
    y_r     = theta_r + (t_r - 1) / t_{r+1} (theta_r - theta_{r-1})           (24)
    m_r     = b1 m_{r-1} + (1 - b1) g(y_r)                                    (25)
    v_r     = b2 v_{r-1} + (1 - b2) g(y_r)^2                                  (26)
    theta_{r+1} = y_r - lr sqrt(1 - b2^r) / (1 - b1^r) m_r / sqrt(v_r + eps)  (27)

The seed's eq. 27 has no learning rate (lr = 1); we keep ``lr`` as a factor, eps inside the square root as
written. Because the gradient is needed at y_r, :meth:`ANADDH.step` takes a closure: it moves the parameters
to y_r, evaluates the closure there (which must zero grads, compute the loss and call backward), then applies
eq. 27. theta_{r-1} and t_r live in the optimiser state, so ``state_dict`` round trips.

DHLNN-style linearised training (our reading of "periodic fixed-gradient optimisation and linearised training
dynamics"): every ``relinearise_every`` steps the network f is frozen at the anchor theta_0 and replaced by its
first-order Taylor model f_lin(x; theta) = f(x; theta_0) + J(x; theta_0)(theta - theta_0); between
re-linearisations the inner optimiser trains theta on the loss of f_lin (the Jacobian-vector product is
computed by double backward, torch 1.x/2.x compatible, no torch.func). At each re-linearisation the anchor
moves to the current parameters, so training is a sequence of convex-in-theta (for convex losses)
sub-problems around the current point.
"""
from __future__ import annotations

import contextlib
import math
from typing import Callable, Iterable, Optional

import torch
from torch import nn


class ANADDH(torch.optim.Optimizer):
    """Adaptive Nesterov update of ANADDH (module docstring). ``step(closure)`` requires the closure.

    Args:
        params: parameters or parameter groups.
        lr: factor on the eq. (27) step (the seed's update is lr = 1).
        betas: (beta1, beta2) of eqs. (25)-(26).
        eps: added to v inside the square root, eq. (27).
        restart: our addition, not in the seed. The literal eqs. (23)-(27) let the extrapolation weight
            (t_r - 1)/t_{r+1} tend to 1 while eq. (27) takes normalised steps, so nothing damps the momentum and
            they diverge on an ill-conditioned quadratic (tests/rl/test_optim.py). With ``restart`` the
            t-sequence of a tensor is reset to t = 1 whenever its step goes uphill, g(y_r).(theta_{r+1} -
            theta_r) > 0 (the gradient restart of O'Donoghue & Candes 2015). ``restart=False`` is the seed.
    """

    def __init__(self, params: Iterable, lr: float = 1e-3, betas=(0.9, 0.999), eps: float = 1e-8,
                 restart: bool = True):
        if lr <= 0 or eps < 0 or not (0 <= betas[0] < 1 and 0 <= betas[1] < 1):
            raise ValueError("need lr > 0, eps >= 0 and betas in [0, 1)")
        super().__init__(params, dict(lr=lr, betas=tuple(betas), eps=eps, restart=restart))

    @torch.no_grad()
    def step(self, closure: Optional[Callable[[], torch.Tensor]] = None):
        """One update r: move to y_r (eq. 24), evaluate the closure there, apply eqs. (25)-(27) and advance t."""
        if closure is None:
            raise ValueError("ANADDH needs a closure: the gradient is taken at the auxiliary point y_r")
        for group in self.param_groups:
            for p in group["params"]:
                state = self.state[p]
                if not state:
                    state["step"] = 0
                    state["t"] = 1.0
                    state["previous"] = p.detach().clone()
                    state["exp_avg"] = torch.zeros_like(p)
                    state["exp_avg_sq"] = torch.zeros_like(p)
                t = state["t"]
                t_next = (1.0 + math.sqrt(1.0 + 4.0 * t * t)) / 2.0  # eq. (23)
                current = p.detach().clone()
                p.add_(current - state["previous"], alpha=(t - 1.0) / t_next)  # p <- y_r, eq. (24)
                state["previous"] = current
                state["t_next"] = t_next
        with torch.enable_grad():
            loss = closure()
        for group in self.param_groups:
            beta1, beta2 = group["betas"]
            for p in group["params"]:
                state = self.state[p]
                grad = p.grad if p.grad is not None else torch.zeros_like(p)
                state["step"] += 1
                r = state["step"]
                state["exp_avg"].mul_(beta1).add_(grad, alpha=1.0 - beta1)  # eq. (25)
                state["exp_avg_sq"].mul_(beta2).addcmul_(grad, grad, value=1.0 - beta2)  # eq. (26)
                scale = group["lr"] * math.sqrt(1.0 - beta2 ** r) / (1.0 - beta1 ** r)
                p.sub_(state["exp_avg"] / torch.sqrt(state["exp_avg_sq"] + group["eps"]) * scale)  # eq. (27)
                state["t"] = state.pop("t_next")
                if group["restart"] and float((grad * (p - state["previous"])).sum()) > 0:
                    state["t"] = 1.0
        return loss


class LinearisedTrainer:
    """DHLNN-style training of ``model`` through its first-order Taylor model, re-linearised periodically.

    ``step(inputs, loss_fn)`` makes one optimiser step on ``loss_fn(f_lin(inputs))``; every
    ``relinearise_every`` steps the anchor (parameters and the model it evaluates) moves to the current
    parameters. ``optimizer`` is any torch optimiser over ``model.parameters()`` (Adam, ANADDH, ...).
    """

    def __init__(self, model: nn.Module, optimizer: torch.optim.Optimizer, relinearise_every: int = 10):
        if relinearise_every < 1:
            raise ValueError("relinearise_every must be >= 1")
        self.model, self.optimizer, self.relinearise_every = model, optimizer, relinearise_every
        self.params = [p for p in model.parameters() if p.requires_grad]
        self.steps = 0
        self.relinearise()

    def relinearise(self) -> None:
        """Move the Taylor anchor theta_0 to the current parameters."""
        self.anchor = [p.detach().clone() for p in self.params]

    @contextlib.contextmanager
    def _at_anchor(self):
        """Temporarily set the parameters to the anchor theta_0 (restored on exit)."""
        current = [p.detach().clone() for p in self.params]
        with torch.no_grad():
            for p, a in zip(self.params, self.anchor):
                p.copy_(a)
        try:
            yield current
        finally:
            with torch.no_grad():
                for p, c in zip(self.params, current):
                    p.copy_(c)

    def anchor_output(self, inputs: torch.Tensor) -> torch.Tensor:
        """f(x; theta_0), the network at the anchor (no grad)."""
        with self._at_anchor(), torch.no_grad():
            return self.model(inputs)

    def linear_output(self, inputs: torch.Tensor) -> torch.Tensor:
        """Value of the Taylor model f(x; theta_0) + J(x; theta_0)(theta - theta_0) (detached)."""
        with self._at_anchor() as current, torch.enable_grad():
            out0 = self.model(inputs)
            # JVP by double backward: u -> J^T u is linear in u, so d/du <J^T u, d> = J d.
            u = torch.zeros_like(out0, requires_grad=True)
            vjp = torch.autograd.grad(out0, self.params, grad_outputs=u, create_graph=True)
            displacement = [c - a for c, a in zip(current, self.anchor)]
            jvp = torch.autograd.grad(vjp, u, grad_outputs=displacement)[0]
        return out0.detach() + jvp.detach()

    def step(self, inputs: torch.Tensor, loss_fn: Callable[[torch.Tensor], torch.Tensor]) -> float:
        """One optimiser step on the linearised model's loss; returns that loss (before the step)."""
        if self.steps > 0 and self.steps % self.relinearise_every == 0:
            self.relinearise()

        def closure():
            self.optimizer.zero_grad()
            out = self.linear_output(inputs).requires_grad_(True)
            loss = loss_fn(out)
            (grad_out,) = torch.autograd.grad(loss, out)
            # The linear model's gradient in theta is the fixed-Jacobian product J(theta_0)^T dL/dout.
            with self._at_anchor():
                grads = torch.autograd.grad(self.model(inputs), self.params, grad_outputs=grad_out)
            for p, g in zip(self.params, grads):
                p.grad = g.detach().clone()
            return loss.detach()

        loss = self.optimizer.step(closure)
        self.steps += 1
        return float(loss)
