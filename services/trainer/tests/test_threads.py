"""--threads pins the BLAS and OpenMP threads before torch loads, so a one-thread run uses one thread."""
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from hedgetrain.threads import THREAD_VARIABLES, pin_from_argv, threads_in

TRAINER = Path(__file__).resolve().parents[1]


def test_threads_are_read_from_either_spelling_and_the_last_one_wins():
    assert threads_in(["study", "hirm", "--threads", "1"]) == 1
    assert threads_in(["--threads=3", "bench"]) == 3
    assert threads_in(["--threads", "4", "train", "--threads", "1"]) == 1
    assert threads_in(["train"]) is None
    assert threads_in(["--threads", "many"]) is None
    assert threads_in(["--threads", "0"]) is None


def test_pinning_sets_every_thread_variable(monkeypatch):
    for name in THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    assert pin_from_argv(["bench", "--threads", "1"]) == 1
    assert all(os.environ[name] == "1" for name in THREAD_VARIABLES)
    assert pin_from_argv(["bench"]) == 2


def _threads_after_a_matmul(pin_first: bool) -> int:
    """
    Threads of a fresh interpreter that imported hedgetrain (as `python -m hedgetrain ... --threads 1` does, or as
    a library) and ran a large matrix product with torch set to one thread.
    """
    code = textwrap.dedent(f"""
        import os, sys
        if {pin_first}:
            sys.argv = ["-m", "bench", "--threads", "1"]  # as while `python -m hedgetrain` imports the package
        import hedgetrain
        import torch
        torch.set_num_threads(1)
        a = torch.randn(1024, 1024)
        for _ in range(5):
            a @ a
        print(len(os.listdir("/proc/self/task")))
    """)
    env = {k: v for k, v in os.environ.items() if k not in THREAD_VARIABLES}
    out = subprocess.run([sys.executable, "-c", code], cwd=TRAINER, env=env, capture_output=True, text=True,
                         check=True)
    return int(out.stdout.strip().splitlines()[-1])


@pytest.mark.skipif((os.cpu_count() or 1) < 2 or not Path("/proc/self/task").exists(),
                    reason="one core: BLAS starts no extra thread to leave running")
def test_pinning_before_torch_loads_leaves_no_extra_blas_thread():
    pinned = _threads_after_a_matmul(pin_first=True)
    unpinned = _threads_after_a_matmul(pin_first=False)
    assert pinned < unpinned, (pinned, unpinned)
