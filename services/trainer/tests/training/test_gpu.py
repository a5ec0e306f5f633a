import pytest
import torch

from hedgetrain.config import ExperimentConfig, TrainConfig
from hedgetrain.markets import HestonParams, simulate_gbm, simulate_heston
from hedgetrain.training import train

pytestmark = pytest.mark.gpu


def test_simulators_run_on_cuda_and_match_cpu_statistics():
    g = torch.Generator(device="cuda").manual_seed(0)
    paths = simulate_gbm(100_000, 30, 1 / 365, generator=g, device="cuda")
    assert paths.spot.device.type == "cuda"
    assert abs(float(paths.spot[:, -1].mean()) - 100.0) < 4 * float(paths.spot[:, -1].std()) / 100_000 ** 0.5
    h = simulate_heston(10_000, 30, 1 / 365, params=HestonParams(), generator=g, device="cuda")
    assert float(h.variance.min()) >= 0


def test_training_runs_on_cuda():
    cfg = ExperimentConfig(train=TrainConfig(device="cuda", batch_paths=1000, epochs=1, iters_per_epoch=3))
    res = train(cfg, 0, progress=False)
    assert next(res.policy.parameters()).device.type == "cuda"
    assert all(v == v for v in res.epoch_losses)
