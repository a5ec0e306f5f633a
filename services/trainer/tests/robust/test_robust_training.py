"""The HIRM study's training loop (validation model selection, seeding) and the study's seed bookkeeping
(lambda sweep on the first seeds, checkpoint/resume), on small synthetic episode sets: no market data needed."""
import json

import numpy as np
import pytest
import torch

from hedgetrain.studies import hirm as study
from hedgetrain.robust.environments import episode_pnl, standardiser
from hedgetrain.robust.synthetic import synthetic_episodes
from hedgetrain.robust.train import evaluate_cvar, sample_batch, train_method

POLICY = {"hidden": 8, "layers": 1, "head_hidden": 0, "activation": "silu"}
TRAIN = {"iters": 12, "lr": 0.01, "weight_decay": 0.0, "batch_per_env": 16, "eval_every": 3, "alpha": 0.95,
         "dtype": "float64"}


@pytest.fixture(scope="module")
def splits():
    train = synthetic_episodes(n=120, seed=1, regime="mixed", length=10, jumps=False)
    train = train.subset(train.env <= 1, name="train")  # LOW/MEDIUM, as the real training split
    val = synthetic_episodes(n=40, seed=2, regime="HIGH", length=10, jumps=False)
    return train, val


def _train(splits, method="erm", params=None, seed=0):
    train, val = splits
    stats = standardiser(train)
    return train_method(method, params or {}, train, val, POLICY, TRAIN, seed, pnl_fn=episode_pnl,
                        feature_stats=(stats.mean, stats.std))


def test_the_returned_policy_is_the_best_validation_state(splits):
    res = _train(splits)
    assert [row["iter"] for row in res.log] == [3, 6, 9, 12]
    best = min(res.log, key=lambda row: row["val_cvar95"])
    assert (res.best_iter, res.best_val_cvar95) == (best["iter"], best["val_cvar95"])
    assert evaluate_cvar(res.policy, splits[1], episode_pnl, 0.95) == pytest.approx(res.best_val_cvar95, rel=1e-12)


def test_same_seed_same_policy_other_seed_other_policy(splits):
    a, b, c = _train(splits, seed=5), _train(splits, seed=5), _train(splits, seed=6)
    for (name, x), y, z in zip(a.policy.state_dict().items(), b.policy.state_dict().values(),
                               c.policy.state_dict().values()):
        assert torch.equal(x, y), name
    assert any(not torch.equal(x, z) for x, z in zip(a.policy.parameters(), c.policy.parameters()))


def test_hirm_trains_with_its_second_order_penalty_logged(splits):
    res = _train(splits, "hirm", {"lam": 1.0})
    assert all(0 <= row["penalty"] <= 1 for row in res.log)  # (1 - 1/E)(1 - mean cosine) with E = 2
    assert any(row["penalty"] > 0 for row in res.log)


def test_batches_draw_the_same_number_of_episodes_from_every_environment(splits):
    train = splits[0]
    batch = sample_batch(train, [0, 1], 7, torch.Generator().manual_seed(0))
    assert batch.counts() == {train.env_names[0]: 7, train.env_names[1]: 7}
    assert sample_batch(train, [0, 1], 0, torch.Generator()) is train


def test_unknown_train_keys_are_rejected(splits):
    with pytest.raises(ValueError, match="unknown train keys"):
        train_method("erm", {}, splits[0], splits[1], POLICY, {**TRAIN, "epochs": 3}, 0)


def _fake_seed(seed, methods):
    return {"seed": seed, "metrics": {m: {"w": {"cvar95": float(seed + i)}} for i, m in enumerate(methods)},
            "train": {}}


def test_lambda_sweep_runs_on_the_first_sweep_seeds_and_the_main_lambda_is_not_trained_twice():
    cfg = {"methods": {"erm": {}, "hirm": {"lam": 1.0}}, "hirm_lambda_sweep": [0.0, 1.0, 3.0], "sweep_seeds": 1}
    first, later = study.planned_runs(cfg, 0), study.planned_runs(cfg, 1)
    assert list(first) == ["erm", "hirm", "hirm@0", "hirm@3"]
    assert [first[k]["params"]["lam"] for k in ("hirm", "hirm@0", "hirm@3")] == [1.0, 0.0, 3.0]
    assert list(later) == ["erm", "hirm"]
    assert list(study.planned_runs({**cfg, "sweep_seeds": None}, 7)) == list(first)


def test_a_study_resumes_from_its_checkpoint_and_discards_one_of_another_config(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(study, "run_seed", lambda cfg, seed, device, log: calls.append(seed) or
                        _fake_seed(seed, ["erm", "hirm"]))
    cfg = {"name": "x"}
    first = study._run_seeds(tmp_path / "seeds.jsonl", cfg, 2, "cpu", lambda _: None)
    assert calls == [0, 1] and len((tmp_path / "seeds.jsonl").read_text().splitlines()) == 2
    again = study._run_seeds(tmp_path / "seeds.jsonl", cfg, 3, "cpu", lambda _: None)
    assert calls == [0, 1, 2]  # seeds 0 and 1 came from the checkpoint
    assert [s["metrics"] for s in again[:2]] == [s["metrics"] for s in first]
    assert all(s["resumed_seconds"] >= 0 for s in again[:2])
    study._run_seeds(tmp_path / "seeds.jsonl", {"name": "other"}, 1, "cpu", lambda _: None)
    assert calls == [0, 1, 2, 0]
    rows = [json.loads(line) for line in (tmp_path / "seeds.jsonl").read_text().splitlines()]
    assert [r["seed"] for r in rows] == [0]


def test_summary_medians_skip_seeds_without_the_sweep_point():
    per_seed = [_fake_seed(0, ["erm", "hirm", "hirm@3"]), _fake_seed(1, ["erm", "hirm"]), _fake_seed(2, ["erm", "hirm"])]
    col = study._column(per_seed, "hirm@3", "w", "cvar95")
    assert np.isnan(col[1:]).all() and col[0] == 2.0
