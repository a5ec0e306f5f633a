import pytest
import torch

from hedgetrain.config import ExperimentConfig, LiabilityConfig, MarketConfig, OptionSpec, RiskConfig, TrainConfig
from hedgetrain.objectives import indifference_price, risk_of_zero
from hedgetrain.policies.base import Policy
from hedgetrain.training import HedgingProblem


class HoldOne(Policy):
    def act(self, state):
        return torch.ones(state.spot.shape[0], 1, dtype=state.spot.dtype)


@pytest.mark.parametrize("risk", [RiskConfig(kind="cvar", alpha=0.99), RiskConfig(kind="entropic", lam=3.0),
                                  RiskConfig(kind="mean_std")])
def test_price_of_an_attainable_claim_is_its_replication_cost(risk):
    """Buehler Lemma 3.3: a call with strike 50 on a zero-vol underlying at 100 is Z = S_T - K, replicated by
    holding one unit, so p(Z) = S0 - K whatever the risk measure."""
    cfg = ExperimentConfig(market=MarketConfig(model="gbm", sigma=0.0),
                           liability=LiabilityConfig(options=(OptionSpec(kind="call", moneyness=0.5),)),
                           train=TrainConfig(dtype="float64"))
    problem = HedgingProblem(cfg)
    pnl = problem.rollout(HoldOne(), problem.sample(100, problem.generator(0))).result.pnl
    assert risk_of_zero(risk) == 0.0
    assert indifference_price(pnl, risk) == pytest.approx(100.0 - 50.0, abs=1e-9)
