"""Training-throughput benchmark: path*steps per second of full Adam iterations (simulate, roll out, backprop, step)."""
from __future__ import annotations

import json
import os
import platform
import statistics
import time
from pathlib import Path
from typing import Dict, Optional

import torch

from ..config import ExperimentConfig, PolicyConfig, TrainConfig
from .trainer import train


def reference_config(n_paths: int = 10_000, device: str = "cpu") -> ExperimentConfig:
    """The issue's reference setting: Black-Scholes, 30 daily steps, MLP 4 hidden layers x 32, Adam."""
    return ExperimentConfig(name="bench-bs-mlp", policy=PolicyConfig(kind="mlp", feature_set="bs-book-v1", hidden=32, layers=4),
                            train=TrainConfig(batch_paths=n_paths, epochs=1, iters_per_epoch=1, device=device))


def measure(n_paths: int = 10_000, iters: int = 20, device: str = "cpu", threads: Optional[int] = 2,
            repeats: int = 3) -> Dict:
    """Warm up one iteration, then time ``iters`` training iterations, ``repeats`` times (median reported)."""
    if threads:
        torch.set_num_threads(threads)
    cfg = reference_config(n_paths, device)
    train(cfg, 0, progress=False)  # warm-up (allocations, first-call overheads)
    from ..config import replace
    timed = replace(cfg, **{"train.iters_per_epoch": iters})
    rates = []
    for rep in range(repeats):  # the build machine is shared: report every repeat and the median
        if device.startswith("cuda"):
            torch.cuda.synchronize()
        start = time.perf_counter()
        result = train(timed, 1 + rep, progress=False)
        if device.startswith("cuda"):
            torch.cuda.synchronize()
        seconds = time.perf_counter() - start
        rates.append(iters * n_paths * cfg.n_steps / seconds)
    return {"setting": "BS GBM sigma=0.2, 30 steps, single short call, feature set bs-book-v1, MLP 4x32 ReLU, Adam",
            "paths_per_iteration": n_paths, "steps": cfg.n_steps, "iterations": iters, "device": device,
            "threads": torch.get_num_threads(), "repeats": repeats,
            "path_steps_per_second": statistics.median(rates), "path_steps_per_second_each_repeat": rates,
            "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"),
            "torch": torch.__version__, "platform": platform.platform(),
            "cpu_load_average": _loadavg()}


def _loadavg():
    try:
        return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    except OSError:
        return None


def run_benchmark(out_path, iters: int = 20, include_single_thread: bool = True, gpu_paths: int = 1_000_000) -> Dict:
    """Write the reference figures (CPU 2 threads; CPU 1 thread; CUDA with 1e6 paths if available) to JSON."""
    runs = [measure(10_000, iters, "cpu", 2)]
    if include_single_thread:
        runs.append(measure(10_000, iters, "cpu", 1))
        torch.set_num_threads(2)
    if torch.cuda.is_available():
        runs.append(measure(gpu_paths, max(3, iters // 4), "cuda", None))
    doc = {"target_path_steps_per_second_cpu2": 400_000, "runs": runs, "cuda_available": torch.cuda.is_available()}
    Path(out_path).parent.mkdir(parents=True, exist_ok=True)
    Path(out_path).write_text(json.dumps(doc, indent=1))
    return doc
