import json

import pytest
import torch

from hedgetrain.paths import TRAINER_ROOT
from hedgetrain.rl.baselines import pnl_summary
from hedgetrain.studies.rl_vega import agent_stats, baseline_stats, load_study_config, settings, summary_rows

CONFIG = TRAINER_ROOT / "configs" / "studies" / "rl.json"


def test_committed_config_loads_in_full_and_quick_mode():
    cfg = load_study_config(CONFIG)
    rows = settings(cfg)
    assert rows[0][0] == "base" and set(rows[0][4]) == set(cfg["base_agents"])
    assert all(set(r[4]) == set(cfg["grid_agents"]) for r in rows[1:])
    assert len(rows) == 1 + sum(len(v) for v in cfg["factors"].values())
    assert all(a.train_episodes >= 40_000 for r in rows for a in r[4].values())
    assert cfg["eval"]["episodes"] >= 5000
    quick = load_study_config(CONFIG, quick=True)
    assert quick["agent"]["train_episodes"] < cfg["agent"]["train_episodes"]


def test_rejects_unknown_keys(tmp_path):
    cfg = json.loads(CONFIG.read_text())
    for broken in ({**cfg, "seedz": 3}, {**cfg, "agent": {**cfg["agent"], "lr": 1.0}},
                   {**cfg, "factors": {"volatility": [0.2]}}, {**cfg, "grid_agents": ["ppo"]}):
        path = tmp_path / "rl.json"
        path.write_text(json.dumps(broken))
        with pytest.raises(ValueError):
            load_study_config(path)


def test_row_statistics_equal_the_single_sample_summary():
    pnl = torch.randn(3, 1001, generator=torch.Generator().manual_seed(0), dtype=torch.float64) * 5 + 1
    rows = summary_rows(pnl)
    for i in range(3):
        single = pnl_summary(pnl[i])
        for key, value in single.items():
            assert float(rows[key][i]) == pytest.approx(value, rel=1e-9)


def test_bootstrap_intervals_cover_the_point_and_paired_difference_of_a_copy_is_zero():
    g = torch.Generator().manual_seed(1)
    reference = torch.randn(2000, generator=g, dtype=torch.float64) * 10
    stats = baseline_stats(reference, 200, 0.95, g)
    for s in stats.values():
        assert s["ci"][0] <= s["value"] <= s["ci"][1]
    agents, diffs = agent_stats(torch.stack([reference, reference]), reference, 200, 0.95, g)
    assert agents["std"]["value"] == pytest.approx(stats["std"]["value"])
    for d in diffs.values():
        assert d["value"] == pytest.approx(0.0, abs=1e-9) and d["ci"] == pytest.approx([0.0, 0.0], abs=1e-9)
    shifted, shift = agent_stats(torch.stack([reference + 1.0, reference + 3.0]), reference, 200, 0.95, g)
    assert shift["mean"]["value"] == pytest.approx(2.0)
    assert shift["mean"]["ci"][0] >= 1.0 - 1e-9 and shift["mean"]["ci"][1] <= 3.0 + 1e-9
