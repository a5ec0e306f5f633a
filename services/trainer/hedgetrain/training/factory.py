"""Build a policy from a config, with feature normalisation fitted on a pilot batch."""
from __future__ import annotations

import torch

from ..config import ExperimentConfig
from ..features.builders import FeatureSet
from ..policies.base import Policy
from ..policies.baselines import BlackScholesDelta, HestonModelHedge, NoHedge, WhalleyWilmott
from ..policies.networks import no_transaction_band, semi_recurrent_mlp
from .problem import HedgingProblem

PILOT_PATHS = 2048


def build_policy(config: ExperimentConfig, problem: HedgingProblem, kind: str = None, seed: int = 0) -> Policy:
    """The config's policy (or ``kind``), on the problem's device/dtype. Learned policies get their
    input normalisation from a pilot batch hedged with the Black-Scholes delta."""
    p = config.policy
    kind = kind or p.kind
    if kind == "no_hedge":
        return NoHedge(problem.instruments)
    if kind == "bs_delta":
        return BlackScholesDelta(problem.instruments)
    if kind == "whalley_wilmott":
        return WhalleyWilmott(config.costs.proportional[0], p.ww_risk_aversion)
    if kind == "heston_delta":
        if config.market.model != "heston":
            raise ValueError("heston_delta needs a heston market")
        return HestonModelHedge(problem.heston_params, problem.horizon_years)
    torch.manual_seed(seed)  # network initialisation
    features = FeatureSet(p.feature_set)
    if kind == "mlp":
        policy = semi_recurrent_mlp(features, problem.instruments, p.hidden, p.layers, p.activation)
    elif kind == "ntb":
        policy = no_transaction_band(features, p.hidden, p.layers, p.activation)
    else:
        raise ValueError(f"unknown policy kind {kind!r}")
    policy = policy.to(device=problem.device, dtype=problem.dtype)
    fit_normalizer(policy, problem, seed)
    return policy


@torch.no_grad()
def fit_normalizer(policy, problem: HedgingProblem, seed: int) -> None:
    """Fit the input normalisation on features seen along pilot paths hedged with the analytic hedge
    (Heston model hedge in Heston markets, Black-Scholes delta otherwise), so the holding inputs are scaled
    like the holdings a good policy produces."""
    episode = problem.sample(PILOT_PATHS, problem.generator(10_000_019 + seed))
    pilot = build_policy(problem.config, problem, "heston_delta" if problem.config.market.model == "heston" else "bs_delta")
    prev = torch.zeros(PILOT_PATHS, len(policy.instruments), dtype=problem.dtype, device=problem.device)
    rows = []
    for k in range(problem.config.n_steps):
        state = problem.state(episode, k, prev)
        rows.append(policy.features(state))
        prev = pilot.act(state)
    policy.net.normalizer.fit(torch.cat(rows, 0))
