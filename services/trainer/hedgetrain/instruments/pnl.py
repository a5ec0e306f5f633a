"""Self-financing terminal PnL: PL_T = -Z + p0 + (delta . S)_T - C_T(delta) (Buehler eq. 2.1)."""
from __future__ import annotations

from dataclasses import dataclass

import torch

from .costs import TransactionCosts


@dataclass(frozen=True)
class PnlBreakdown:
    """Terminal PnL and its parts, per path. Shape: every field (N,)."""
    pnl: torch.Tensor
    liability: torch.Tensor
    gains: torch.Tensor
    costs: torch.Tensor
    turnover: torch.Tensor


def terminal_pnl(hedge_prices: torch.Tensor, holdings: torch.Tensor, liability_value: torch.Tensor,
                 costs: TransactionCosts) -> PnlBreakdown:
    """PnL of holding ``holdings[:, k]`` over (t_k, t_{k+1}], starting and ending flat (delta_{-1} = delta_n = 0).

    ``liability_value`` is the desk's terminal value of the liability, i.e. -Z. Costs are charged on every
    rebalance delta_k - delta_{k-1}, k = 0..n-1, and on the final liquidation only if ``costs.at_maturity``
    (Buehler's numerical examples have no cost at maturity). Turnover = sum_k sum_i |delta_k - delta_{k-1}| S^i_k.

    Shape:
        hedge_prices (N, T+1, K); holdings (N, T, K); liability_value (N,).
    """
    if holdings.shape[:2] != (hedge_prices.shape[0], hedge_prices.shape[1] - 1) or holdings.shape[2] != hedge_prices.shape[2]:
        raise ValueError(f"holdings {tuple(holdings.shape)} do not match prices {tuple(hedge_prices.shape)}")
    increments = hedge_prices[:, 1:] - hedge_prices[:, :-1]  # (N, T, K)
    gains = (holdings * increments).sum((1, 2))
    prev = torch.cat([torch.zeros_like(holdings[:, :1]), holdings[:, :-1]], dim=1)
    trades = holdings - prev  # (N, T, K)
    cost = costs.cost(trades, hedge_prices[:, :-1]).sum(1)
    turnover = (trades.abs() * hedge_prices[:, :-1]).sum((1, 2))
    if costs.at_maturity:
        cost = cost + costs.cost(-holdings[:, -1], hedge_prices[:, -1])
    pnl = liability_value + gains - cost
    return PnlBreakdown(pnl=pnl, liability=liability_value, gains=gains, costs=cost, turnover=turnover)
