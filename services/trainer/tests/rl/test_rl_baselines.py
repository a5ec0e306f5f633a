import pytest
import torch

from hedgetrain.rl import SabrBookConfig
from hedgetrain.rl.baselines import BASELINES, baseline_pnl, pnl_summary


def test_summary_reports_the_five_statistics_as_losses():
    pnl = torch.arange(1, 101, dtype=torch.float64) - 50.0  # -49 .. 50
    s = pnl_summary(pnl)
    assert s["mean"] == pytest.approx(0.5)
    assert s["mean_minus_1645std"] == pytest.approx(0.5 - 1.645 * float(pnl.std()))
    assert s["var95"] == pytest.approx(44.0)  # losses -50..49: the 95th of 100 order statistics
    assert s["cvar95"] == pytest.approx((49 + 48 + 47 + 46 + 45) / 5)


def test_vega_hedge_cuts_the_risk_of_delta_hedging_under_stochastic_vol_without_costs():
    cfg = SabrBookConfig(vol_of_vol=0.8, option_cost=0.0)
    stats = {name: pnl_summary(baseline_pnl(name, cfg, 400, generator=torch.Generator().manual_seed(0)))
             for name in BASELINES}
    assert stats["delta_vega"]["std"] < 0.5 * stats["delta"]["std"]
    assert stats["delta_gamma"]["std"] < stats["delta"]["std"]


def test_hedging_with_options_costs_money_on_average():
    cfg = SabrBookConfig(vol_of_vol=0.0, option_cost=0.02)
    free = baseline_pnl("delta", cfg, 300, generator=torch.Generator().manual_seed(1))
    vega = baseline_pnl("delta_vega", cfg, 300, generator=torch.Generator().manual_seed(1))
    assert float(vega.mean()) < float(free.mean())


def test_rejects_unknown_baseline():
    with pytest.raises(ValueError):
        baseline_pnl("delta_theta", SabrBookConfig(), 4)
