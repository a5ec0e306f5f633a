"""CPU threads of a trainer run, set before torch is imported.

Debian's torch runs its matrix products on OpenBLAS, which starts its own worker threads when it loads:
``torch.set_num_threads(1)`` alone leaves a second BLAS thread running, so a "one thread" figure measured that
way used two. The thread count must be in ``OMP_NUM_THREADS``, ``OPENBLAS_NUM_THREADS`` and ``MKL_NUM_THREADS``
before the first ``import torch``; ``python -m hedgetrain`` does that from its ``--threads`` argument
(:func:`pin_from_argv`, called by the package's ``__init__`` before it imports torch), and the CLI then also
calls ``torch.set_num_threads``. A program that imports hedgetrain as a library pins its threads itself (or
sets the variables in its environment). This module imports no torch.
"""
from __future__ import annotations

import os

#: The environment variables the BLAS and OpenMP runtimes read when they load.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
#: The CLI's default of ``--threads``.
DEFAULT_THREADS = 2


def threads_in(argv) -> int | None:
    """The value of ``--threads N`` or ``--threads=N`` in ``argv`` (the last one), or None."""
    found = None
    for i, arg in enumerate(argv):
        if arg == "--threads" and i + 1 < len(argv):
            found = argv[i + 1]
        elif arg.startswith("--threads="):
            found = arg.split("=", 1)[1]
    if found is None:
        return None
    try:
        n = int(found)
    except ValueError:
        return None  # argparse reports it
    return n if n > 0 else None


def pin(n: int) -> None:
    """Sets every thread variable to ``n``; call before torch (or numpy) is imported."""
    for name in THREAD_VARIABLES:
        os.environ[name] = str(n)


def pin_from_argv(argv) -> int:
    """Pins the threads ``argv`` asks for (``--threads``), else the CLI's default; returns the count."""
    n = threads_in(argv) or DEFAULT_THREADS
    pin(n)
    return n
