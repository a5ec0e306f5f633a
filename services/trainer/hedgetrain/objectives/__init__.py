"""Hedging objectives (risk of terminal PnL) and the indifference price."""
from .hedging import RiskObjective, indifference_price, risk_of_zero

__all__ = ["RiskObjective", "indifference_price", "risk_of_zero"]
