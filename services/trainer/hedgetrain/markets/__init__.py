"""Pure, seeded market path generators (CPU or CUDA): GBM, Heston + variance swap, Merton jumps, SABR; and the
historical market of the engine's replay (SPY/VIX/DTB3 close ticks, named windows)."""
from .gbm import simulate_gbm
from .historical import (WINDOWS, HistoricalMarket, ReplayWindow, WindowMarket, load_market, resolve_data_dir,
                         resolve_window, window_market)
from .heston import HestonParams, heston_call_cos, heston_call_quad, simulate_heston, varswap_adjustment, varswap_dl_dv
from .merton import add_merton_jumps, merton_jump_factor
from .paths import MarketPaths
from .sabr import sabr_implied_vol, simulate_sabr

__all__ = ["MarketPaths", "simulate_gbm", "simulate_heston", "HestonParams", "heston_call_cos", "heston_call_quad",
           "varswap_adjustment", "varswap_dl_dv", "add_merton_jumps", "merton_jump_factor", "simulate_sabr",
           "sabr_implied_vol", "HistoricalMarket", "ReplayWindow", "WindowMarket", "WINDOWS", "load_market",
           "resolve_data_dir", "resolve_window", "window_market"]
