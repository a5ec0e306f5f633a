"""Instruments, payoffs, transaction costs and the self-financing PnL."""
from .black_scholes import bs_greeks, bs_price, norm_cdf, norm_pdf
from .book import OptionBook, call_spread_book, single_option_book, variance_swap_payoff
from .costs import TransactionCosts
from .hirm_roll import RolledCalls, hirm_roll
from .pnl import PnlBreakdown, terminal_pnl

__all__ = ["bs_price", "bs_greeks", "norm_cdf", "norm_pdf", "OptionBook", "single_option_book", "call_spread_book",
           "variance_swap_payoff", "TransactionCosts", "PnlBreakdown", "terminal_pnl", "RolledCalls", "hirm_roll"]
