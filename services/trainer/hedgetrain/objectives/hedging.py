"""Training objectives J(theta) of Buehler section 4 and the indifference price p(Z) = pi(-Z) - pi(0)."""
from __future__ import annotations

import torch
from torch import nn

from ..config import RiskConfig
from ..risk.measures import entropic, expected_shortfall, mean_std, oce_cvar


class RiskObjective(nn.Module):
    """Differentiable risk of a PnL batch.

    cvar: OCE form w + E[l(-X - w)] with the cash offset w learned jointly with the policy (eq. 4.6);
    entropic: (1/lam) log E exp(-lam X) directly (section 4.4); mean_std: -E X + c std X.
    """

    def __init__(self, risk: RiskConfig):
        super().__init__()
        self.risk = risk
        self.w = nn.Parameter(torch.zeros(()))

    def forward(self, pnl: torch.Tensor) -> torch.Tensor:
        if self.risk.kind == "cvar":
            return oce_cvar(pnl, self.w.to(pnl.dtype), self.risk.alpha)
        if self.risk.kind == "entropic":
            return entropic(pnl, self.risk.lam)
        return mean_std(pnl, self.risk.c)

    def evaluate(self, pnl: torch.Tensor) -> float:
        """The risk measure itself on a sample (for CVaR the inf over w is taken exactly)."""
        with torch.no_grad():
            if self.risk.kind == "cvar":
                return float(expected_shortfall(pnl, self.risk.alpha))
            return float(self(pnl))

    def label(self) -> str:
        r = self.risk
        return {"cvar": f"CVaR{r.alpha:g}", "entropic": f"entropic(lam={r.lam:g})", "mean_std": f"mean-std(c={r.c:g})"}[r.kind]


def risk_of_zero(risk: RiskConfig) -> float:
    """rho(0): 0 for every normalised measure here; with S a martingale under the measure used,
    pi(0) = rho(0) (Buehler Prop. 3.10), so the indifference price is p(Z) = pi(-Z) - rho(0)."""
    objective = RiskObjective(risk)
    return objective.evaluate(torch.zeros(2))


def indifference_price(pnl_without_premium: torch.Tensor, risk: RiskConfig) -> float:
    """p(Z) = pi(-Z) - pi(0): the risk of the hedged position -Z + (delta.S) - C, minus pi(0) = rho(0)."""
    return RiskObjective(risk).evaluate(pnl_without_premium) - risk_of_zero(risk)
