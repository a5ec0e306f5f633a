import math

import pytest
import torch

from hedgetrain.instruments import (TransactionCosts, bs_greeks, bs_price, call_spread_book, single_option_book,
                                    terminal_pnl, variance_swap_payoff)

f64 = dict(dtype=torch.float64)


def price(s, k=100.0, t=0.25, v=0.2, call=True, r=0.01, q=0.02):
    return bs_price(torch.tensor(s, **f64), k, t, v, torch.tensor(call), r, q)


def test_put_call_parity_and_a_known_value():
    s, k, t, r, q = 105.0, 100.0, 0.25, 0.01, 0.02
    lhs = float(price(s) - price(s, call=False))
    assert abs(lhs - (s * math.exp(-q * t) - k * math.exp(-r * t))) < 1e-12
    # textbook value: S=K=100, T=1, sigma=0.2, r=q=0 -> 7.965567455405804
    assert abs(float(bs_price(torch.tensor(100.0, **f64), 100.0, 1.0, 0.2, torch.tensor(True))) - 7.965567455405804) < 1e-12


def test_greeks_match_finite_differences():
    s, h = torch.tensor(97.0, **f64), 1e-3
    delta, gamma, vega = bs_greeks(s, 100.0, 0.3, 0.25, torch.tensor(False), 0.01, 0.02)
    p = lambda x, v=0.25: float(bs_price(torch.tensor(x, **f64), 100.0, 0.3, v, torch.tensor(False), 0.01, 0.02))  # noqa
    assert abs(float(delta) - (p(97 + h) - p(97 - h)) / (2 * h)) < 1e-7
    assert abs(float(gamma) - (p(97 + h) - 2 * p(97) + p(97 - h)) / h ** 2) < 1e-5
    assert abs(float(vega) - (p(97, 0.25 + 1e-5) - p(97, 0.25 - 1e-5)) / 2e-5) < 1e-5


def test_expired_option_is_worth_intrinsic():
    assert float(price(110.0, t=0.0)) == pytest.approx(10.0)
    assert float(price(90.0, t=0.0, call=False)) == pytest.approx(10.0)


def test_zero_cost_pnl_is_liability_plus_gains():
    prices = torch.tensor([[[100.0], [101.0], [99.0]]], **f64)  # (1, 3, 1)
    hold = torch.tensor([[[0.5], [0.7]]], **f64)
    res = terminal_pnl(prices, hold, torch.tensor([-1.0], **f64), TransactionCosts())
    assert float(res.gains) == pytest.approx(0.5 * 1 + 0.7 * (-2))
    assert float(res.pnl) == pytest.approx(-1.0 + 0.5 - 1.4)
    assert float(res.costs) == 0.0
    assert float(res.turnover) == pytest.approx(0.5 * 100 + 0.2 * 101)


def test_proportional_and_fixed_costs():
    prices = torch.tensor([[[100.0], [101.0], [99.0]]], **f64)
    hold = torch.tensor([[[0.5], [0.7]]], **f64)
    c = TransactionCosts(proportional=(0.01,), fixed=(0.1,), at_maturity=True)
    res = terminal_pnl(prices, hold, torch.tensor([0.0], **f64), c)
    expected = 0.01 * (0.5 * 100 + 0.2 * 101 + 0.7 * 99) + 0.1 * 3
    assert float(res.costs) == pytest.approx(expected)
    no_final = terminal_pnl(prices, hold, torch.tensor([0.0], **f64), TransactionCosts(proportional=(0.01,)))
    assert float(no_final.costs) == pytest.approx(0.01 * (0.5 * 100 + 0.2 * 101))


def test_books_payoffs_and_scale():
    book = single_option_book(2, 100.0, 0.1, desk_quantity=-2.0, dtype=torch.float64)
    assert torch.equal(book.scale(0.0), torch.tensor([2.0, 2.0], **f64))
    v = book.value(torch.tensor([110.0, 90.0], **f64), 0.1, torch.tensor([0.2, 0.2], **f64))
    assert torch.allclose(v, torch.tensor([-20.0, 0.0], **f64))
    spread = call_spread_book(1, 100.0, 101.0, 0.1, dtype=torch.float64)
    assert float(spread.value(torch.tensor([120.0], **f64), 0.1, torch.tensor([0.2], **f64))) == pytest.approx(-1.0)
    with pytest.raises(ValueError):
        call_spread_book(1, 101.0, 100.0, 0.1)


def test_variance_swap_payoff_on_a_known_path():
    spot = torch.tensor([[100.0, 110.0, 99.0]], **f64)
    realised = math.log(1.1) ** 2 + math.log(0.9) ** 2
    assert float(variance_swap_payoff(spot, 0.04, 0.5)) == pytest.approx(realised - 0.04 * 1.0)
