import json

import pytest
import torch

from hedgetrain.config import (ExperimentConfig, PolicyConfig, RiskConfig, TrainConfig, config_from_dict, config_to_dict,
                               load_config)
from hedgetrain.evaluation.metrics import pnl_metrics
from hedgetrain.training import HedgingProblem, build_policy, load_checkpoint, save_checkpoint, train
from hedgetrain.paths import TRAINER_ROOT


def short_config(**policy):
    return ExperimentConfig(name="test-bs", policy=PolicyConfig(kind="mlp", feature_set="bs-book-v1", **policy),
                            risk=RiskConfig(kind="cvar", alpha=0.5),
                            train=TrainConfig(batch_paths=2000, epochs=6, iters_per_epoch=12, lr=1e-2, lr_decay=0.8))


@pytest.fixture(scope="module")
def trained():
    return train(short_config(), 0, progress=False)


def test_short_training_beats_no_hedge_and_approaches_bs_delta(trained):
    problem = trained.problem
    episode = problem.sample(20_000, problem.generator(99))
    with torch.no_grad():
        metrics = {name: pnl_metrics(problem.rollout(pol, episode), trained.config.risk)
                   for name, pol in (("mlp", trained.policy), ("delta", build_policy(trained.config, problem, "bs_delta")),
                                     ("none", build_policy(trained.config, problem, "no_hedge")))}
    assert trained.epoch_losses[-1] < trained.epoch_losses[0]
    assert metrics["mlp"]["std"] < 0.35 * metrics["none"]["std"]
    # frictionless BS: the optimal hedge is (close to) the delta hedge; allow 60% above its PnL std after 72 Adam steps
    assert metrics["mlp"]["std"] < 1.6 * metrics["delta"]["std"]
    assert metrics["mlp"]["price"] < metrics["none"]["price"]


def test_checkpoint_round_trip_carries_config_and_weights(trained, tmp_path):
    path = save_checkpoint(trained, tmp_path / "ck.pt")
    back = load_checkpoint(path)
    assert back.config == trained.config
    x = torch.randn(5, len(trained.policy.features))
    with torch.no_grad():
        assert torch.equal(back.policy.net(x), trained.policy.net(x))


def test_config_rejects_unknown_keys_and_bad_values():
    with pytest.raises(ValueError, match="unknown key"):
        config_from_dict({"name": "x", "trian": {}})
    with pytest.raises(ValueError, match="unknown key"):
        config_from_dict({"risk": {"kind": "cvar", "alhpa": 0.9}})
    with pytest.raises(ValueError):
        config_from_dict({"risk": {"kind": "cvar", "alpha": 1.5}})
    with pytest.raises(ValueError):
        config_from_dict({"train": {"epochs": "ten"}})
    cfg = short_config()
    assert config_from_dict(config_to_dict(cfg)) == cfg


def test_committed_configs_load():
    files = sorted((TRAINER_ROOT / "configs").glob("*.json"))
    assert files
    for f in files:
        load_config(f)


def test_sgd_also_trains():
    cfg = short_config()
    cfg = config_from_dict(dict(config_to_dict(cfg), train=dict(config_to_dict(cfg)["train"], optimizer="sgd", lr=1e-3,
                                                                  epochs=2, iters_per_epoch=5)))
    res = train(cfg, 1, progress=False)
    assert all(map(lambda v: v == v, res.epoch_losses))


def test_ntb_keeps_a_holding_inside_its_band_and_moves_one_outside_it():
    cfg = short_config()
    cfg = config_from_dict(dict(config_to_dict(cfg), policy=dict(config_to_dict(cfg)["policy"], kind="ntb")))
    problem = HedgingProblem(cfg)
    policy = build_policy(cfg, problem)
    episode = problem.sample(500, problem.generator(3))
    feats = policy.features(problem.state(episode, 10, torch.zeros(500, 1)))
    d_col, h_col = policy.features.index("book_delta"), policy.features.index("hedge_underlying")
    at_center = feats.clone()
    at_center[:, h_col] = -feats[:, d_col]  # the BS delta hedge is always inside [delta - w_lo, delta + w_hi]
    with torch.no_grad():
        assert torch.allclose(policy.net(at_center)[:, 0], at_center[:, h_col])
        far = feats.clone()
        far[:, h_col] = 10.0
        moved = policy.net(far)[:, 0]
    assert bool((moved < 10.0).all()) and bool((moved >= -feats[:, d_col] - 1e-6).all())  # clipped to the upper edge
