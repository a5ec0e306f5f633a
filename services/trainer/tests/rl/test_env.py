import math

import pytest
import torch

from hedgetrain.rl import SabrBookConfig, SabrBookEnv, simulate_sabr_market
from hedgetrain.markets.sabr import sabr_implied_vol


def gen(seed):
    return torch.Generator().manual_seed(seed)


def run_episode(env, action_fn):
    """Steps to the end; returns lists of StepResults and of share holdings over each day."""
    env.reset()
    results, shares = [], []
    while True:
        r = env.step(action_fn(env))
        results.append(r)
        shares.append(env.shares.clone())
        if r.done:
            return results, shares


def test_beta_one_without_vol_of_vol_is_gbm():
    cfg = SabrBookConfig(beta=1.0, vol_of_vol=0.0, sigma0=0.3, s0=10.0)
    n = 100_000
    spot, alpha = simulate_sabr_market(cfg, n, generator=gen(1))
    log_ret = torch.log(spot[:, -1] / cfg.s0)
    horizon = cfg.episode_days * cfg.dt
    var = 0.3 ** 2 * horizon
    assert torch.all(alpha == cfg.alpha0)
    assert abs(float(log_ret.mean()) + var / 2) < 4 * math.sqrt(var / n)
    assert abs(float(log_ret.var()) - var) < 4 * var * math.sqrt(2 / n)


def test_sabr_spot_is_a_martingale_at_beta_one_half():
    cfg = SabrBookConfig(vol_of_vol=0.8)
    spot, _ = simulate_sabr_market(cfg, 100_000, generator=gen(2))
    final = spot[:, -1]
    assert abs(float(final.mean()) - cfg.s0) < 4 * float(final.std()) / math.sqrt(final.numel())


def test_sabr_vol_matches_appendix_a6_closed_forms():
    # beta = 1 backbone (also a reference case of the engine's SabrHaganTest): alpha z/chi(z) (1 + T(...)).
    alpha, rho, nu, t = 0.25, -0.4, 0.8, 0.5
    z = nu / alpha * math.log(100.0 / 130)
    chi = math.log((math.sqrt(1 - 2 * rho * z + z * z) + z - rho) / (1 - rho))
    expected = alpha * z / chi * (1 + t * (rho * alpha * nu / 4 + nu * nu * (2 - 3 * rho * rho) / 24))
    got = sabr_implied_vol(torch.tensor([100.0], dtype=torch.float64), torch.tensor([130.0], dtype=torch.float64),
                           t, torch.tensor([alpha], dtype=torch.float64), 1.0, rho, nu)
    assert float(got) == pytest.approx(expected, abs=1e-14)
    # The env's hedge option at day 0 is ATM: sigma Psi / F^(1-beta), eq. (56).
    cfg = SabrBookConfig(sigma0=0.3, vol_of_vol=0.4)
    env = SabrBookEnv(cfg, 3, generator=gen(3))
    env.reset()
    a, b, f, tt = cfg.alpha0, cfg.beta, cfg.s0, cfg.hedge_maturity_days / cfg.days_per_year
    x = f ** (1 - b)
    psi = 1 + tt * ((1 - b) ** 2 * a * a / (24 * x * x) + cfg.rho * b * a * cfg.vol_of_vol / (4 * x)
                    + cfg.vol_of_vol ** 2 * (2 - 3 * cfg.rho ** 2) / 24)
    assert torch.allclose(env._hedge_option(0)[4], torch.full((3,), a * psi / x, dtype=torch.float64), atol=1e-14)


def test_client_orders_arrive_as_poisson_with_random_side():
    cfg = SabrBookConfig()
    env = SabrBookEnv(cfg, 20_000, generator=gen(4))
    env.reset()
    counts = env.order_counts
    assert abs(float(counts.mean()) - 1.0) < 4 * math.sqrt(1.0 / counts.numel())
    assert abs(float(counts.var()) - 1.0) < 0.05
    units = env.book_qty / cfg.units_per_order
    assert torch.all(units.abs() <= counts) and torch.all(torch.remainder(units + counts, 2) == 0)
    assert abs(float(units.mean())) < 4 / math.sqrt(units.numel())


def test_step_pnl_sums_to_terminal_pnl_recomputed_from_positions():
    cfg = SabrBookConfig(option_cost=0.01, underlying_cost=0.001)
    env = SabrBookEnv(cfg, 64, generator=gen(5))
    results, shares = run_episode(env, lambda e: torch.full((e.n,), 0.6))
    T = cfg.episode_days
    entry_price = torch.stack([env._line_values(line % T)[0][:, line] for line in range(2 * T)], 1)  # on trade day
    final_price = env._line_values(T)[0]
    option_pnl = (env.qty * (final_price - entry_price)).sum(1)
    share_pnl = sum(shares[d] * (env.spot[:, d + 1] - env.spot[:, d]) for d in range(T))
    costs = sum(r.cost for r in results)
    terminal = option_pnl + share_pnl - costs
    assert torch.allclose(sum(r.reward_pnl for r in results), terminal, atol=1e-9)
    assert torch.allclose(env.mark_to_market(), terminal, atol=1e-9)
    for r in results:
        assert torch.allclose(r.reward_seed, -(r.reward_pnl + r.cost).abs() - r.cost)


def test_costs_are_the_stated_fractions_of_traded_value():
    base = SabrBookConfig(option_cost=0.0, underlying_cost=0.0)
    costly = SabrBookConfig(option_cost=0.02, underlying_cost=0.003)
    free_env, cost_env = SabrBookEnv(base, 32, generator=gen(6)), SabrBookEnv(costly, 32, generator=gen(6))
    free_env.reset()
    cost_env.reset()
    action = torch.full((32,), 0.8, dtype=torch.float64)
    n_hedge = cost_env.hedge_quantity(action)
    price = cost_env._hedge_option(0)[0]
    r = cost_env.step(action)
    trade = cost_env.shares  # from zero shares
    expected = 0.02 * n_hedge.abs() * price + 0.003 * trade.abs() * costly.s0
    assert torch.allclose(r.cost, expected, atol=1e-12)
    assert torch.all(free_env.step(action).cost == 0)
    # Positions do not depend on costs, so over an episode the PnL gap is exactly the costs paid.
    free, _ = run_episode(free_env, lambda e: torch.full((e.n,), 0.8))
    paid, _ = run_episode(cost_env, lambda e: torch.full((e.n,), 0.8))
    gap = sum(r.reward_pnl for r in free) - sum(r.reward_pnl for r in paid)
    assert torch.allclose(gap, sum(r.cost for r in paid), atol=1e-9)


def test_full_action_neutralises_vega_and_the_underlying_neutralises_delta():
    cfg = SabrBookConfig(option_cost=0.0)
    env = SabrBookEnv(cfg, 16, generator=gen(7))
    env.reset()
    env.step(torch.ones(16))
    env.t -= 1  # look at the Greeks right after the day-0 trades, without the day-1 orders
    env.qty[:, 1] = 0.0
    delta, _, vega = env.portfolio_greeks()
    assert torch.allclose(vega, torch.zeros(16, dtype=torch.float64), atol=1e-9)
    assert torch.allclose(delta + env.shares, torch.zeros(16, dtype=torch.float64), atol=1e-9)


def test_a_max_is_one_plus_tolerance_over_total_vega():
    env = SabrBookEnv(SabrBookConfig(vega_tolerance=50.0, a_max_cap=5.0), 256, generator=gen(8))
    env.reset()
    _, _, vega = env.portfolio_greeks()
    live = vega.abs() > 20
    assert torch.allclose(env.a_max()[live], 1 + 50.0 / vega[live].abs())
    assert torch.all(SabrBookEnv(SabrBookConfig(), 8, generator=gen(8)).reset()[:, 7] == 1.0)


def test_rejects_unknown_hedge_greek():
    with pytest.raises(ValueError):
        SabrBookConfig(hedge_greek="theta")


def test_without_delta_hedging_no_shares_are_held_and_the_pnl_is_the_book_alone():
    cfg = SabrBookConfig(delta_hedge=False, option_cost=0.0)
    env = SabrBookEnv(cfg, 32, generator=gen(9))
    results, shares = run_episode(env, lambda e: torch.zeros(e.n))
    assert all(torch.all(s == 0) for s in shares)
    T = cfg.episode_days
    entry = torch.stack([env._line_values(line)[0][:, line] for line in range(T)], 1)
    book_pnl = (env.qty[:, :T] * (env._line_values(T)[0][:, :T] - entry)).sum(1)
    assert torch.allclose(sum(r.reward_pnl for r in results), book_pnl, atol=1e-9)


def test_reset_like_replays_the_same_market_and_orders():
    cfg = SabrBookConfig(option_cost=0.01)
    own = SabrBookEnv(cfg, 16, generator=gen(10))
    own_results, _ = run_episode(own, lambda e: torch.full((e.n,), 0.7))
    paths = SabrBookEnv(cfg, 16, generator=gen(10))
    paths.reset()
    follower = SabrBookEnv(SabrBookConfig(option_cost=0.01, hedge_greek="gamma"), 16)
    follower.reset_like(paths)
    follower.config = cfg  # same market; compare the vega hedge on it
    follower_results = []
    while True:
        follower_results.append(follower.step(torch.full((16,), 0.7)))
        if follower_results[-1].done:
            break
    assert torch.allclose(sum(r.reward_pnl for r in own_results), sum(r.reward_pnl for r in follower_results))
    with pytest.raises(ValueError):
        SabrBookEnv(SabrBookConfig(sigma0=0.4), 16).reset_like(paths)


def test_client_premium_value_is_the_fair_value_of_the_orders():
    cfg = SabrBookConfig()
    env = SabrBookEnv(cfg, 8, generator=gen(11))
    run_episode(env, lambda e: torch.zeros(e.n))
    expected = sum(env.order_counts[:, d] * cfg.units_per_order * env._line_values(d)[0][:, d]
                   for d in range(cfg.episode_days))
    assert torch.allclose(env.client_premium_value(), expected)
    # An ATM 60-day call on 100 units is worth about $60 (seed §6.1.1), about one order a day.
    per_order = float(env.client_premium_value().sum() / env.order_counts.sum())
    assert 50 < per_order < 70


def test_float32_episodes_have_finite_pnl():
    env = SabrBookEnv(SabrBookConfig(), 4000, dtype=torch.float32, generator=gen(12))
    results, _ = run_episode(env, lambda e: torch.zeros(e.n))
    assert torch.isfinite(sum(r.reward_pnl for r in results)).all()
