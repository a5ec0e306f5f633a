import torch

from hedgetrain.evaluation.historical import evaluate_window, round_to_lots
from hedgetrain.instruments.hirm_roll import hirm_roll
from hedgetrain.markets.historical import load_market, resolve_window, window_market
from hedgetrain.policies.baselines import BlackScholesDelta


def test_lot_rounding_is_nearest_with_halves_away_from_zero():
    x = torch.tensor([0.49, 0.5, -0.5, 52.5, -52.51, 0.0], dtype=torch.float64)
    assert round_to_lots(x, 1.0).tolist() == [0.0, 1.0, -1.0, 53.0, -53.0, 0.0]
    assert round_to_lots(torch.tensor([149.0], dtype=torch.float64), 100.0).tolist() == [100.0]


def test_ledger_identities_on_the_window(historical_data_dir):
    window = window_market(load_market(historical_data_dir), resolve_window("volmageddon-2018"))
    result = evaluate_window(window, hirm_roll(window), BlackScholesDelta(), [0.0, 5.0])
    # cumulative = running sum, holding_t = holding_{t-1} + order_{t-1}, step 1 = premium - mark = 0
    assert torch.allclose(result.cumulative_pnl, result.step_pnl.cumsum(1), atol=1e-9, rtol=0)
    assert torch.equal(result.holding[:, 1:], result.holding[:, :-1] + result.order[:, :-1])
    assert result.step_pnl[:, 0].abs().max() < 1e-9
    # zero cost pays nothing; 5 bps pays exactly the fees of the previous step's fills
    assert result.costs[0].abs().max() == 0
    fees = (result.order[1, :-1].abs() * result.spot[:-1]) * 5 / 10_000
    assert torch.allclose(result.costs[1, 1:], fees, atol=1e-12, rtol=0)
    assert torch.allclose(result.step_pnl[0] - result.step_pnl[1], result.costs[1], atol=1e-9, rtol=0)
