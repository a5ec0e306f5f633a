import pytest
import torch

from hedgetrain.features import HedgeState
from hedgetrain.instruments import bs_greeks, single_option_book
from hedgetrain.markets import HestonParams
from hedgetrain.markets.heston import VARSWAP_NOTIONAL
from hedgetrain.policies import BlackScholesDelta, HestonModelHedge, NoHedge, WhalleyWilmott

f64 = torch.float64


def state(spot, holdings=0.0, variance=None, vol=0.2):
    n = len(spot)
    s = torch.tensor(spot, dtype=f64)
    return HedgeState(time_years=0.0, spot=s, vol=torch.full((n,), vol, dtype=f64),
                      book=single_option_book(n, 100.0, 30 / 365, dtype=f64), holdings=torch.full((n, 1), holdings, dtype=f64),
                      spot_ref=s, variance=None if variance is None else torch.full((n,), variance, dtype=f64))


def test_bs_delta_of_a_short_call_is_n_d1():
    st = state([90.0, 100.0, 110.0])
    expected, _, _ = bs_greeks(st.spot, 100.0, 30 / 365, 0.2, torch.tensor(True))
    assert torch.allclose(BlackScholesDelta().act(st)[:, 0], expected, atol=1e-14)
    assert abs(float(BlackScholesDelta().act(state([100.0]))[0, 0]) - 0.5114) < 1e-3  # N(d1) at the money, 30d, 20%


def test_no_hedge_holds_nothing():
    assert torch.count_nonzero(NoHedge().act(state([100.0]))) == 0


def test_whalley_wilmott_band_collapses_to_delta_without_costs_and_keeps_inside_holdings():
    st = state([100.0], holdings=0.3)
    delta = float(BlackScholesDelta().act(st)[0, 0])
    assert float(WhalleyWilmott(0.0, 1.0).act(st)[0, 0]) == pytest.approx(delta)
    wide = WhalleyWilmott(0.01, 1.0)
    gamma = float(bs_greeks(torch.tensor(100.0, dtype=f64), 100.0, 30 / 365, 0.2, torch.tensor(True))[1])
    half = (1.5 * 0.01 * 100.0 * gamma ** 2 / 1.0) ** (1 / 3)
    assert float(wide.act(st)[0, 0]) == pytest.approx(delta - half)  # 0.3 is below the band: move to its edge
    inside = state([100.0], holdings=delta + 0.5 * half)
    assert float(wide.act(inside)[0, 0]) == pytest.approx(delta + 0.5 * half)


def test_heston_hedge_with_tiny_vol_of_vol_is_the_bs_delta_and_holds_no_varswap_risk():
    p = HestonParams(v0=0.04, theta=0.04, xi=1e-3, rho=0.0)
    st = state([95.0, 100.0, 105.0], variance=0.04)
    h = HestonModelHedge(p, 30 / 365).act(st)
    assert torch.allclose(h[:, 0], BlackScholesDelta().act(st)[:, 0], atol=2e-4)
    # du/dv / dL/dv = vega / (2 sigma T): the variance-swap hedge of a BS option
    _, _, vega = bs_greeks(st.spot, 100.0, 30 / 365, 0.2, torch.tensor(True))
    assert torch.allclose(h[:, 1] * VARSWAP_NOTIONAL, vega / (2 * 0.2) / (30 / 365), rtol=2e-2)
