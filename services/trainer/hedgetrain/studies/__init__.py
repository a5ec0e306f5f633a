"""Paper reproductions, each one command: python -m hedgetrain reproduce <study>."""
from . import costs_comparison


def _lazy(module, fn="run"):
    def call(out, quick=False):
        mod = __import__(f"{__name__}.{module}", fromlist=[fn])
        return getattr(mod, fn)(out, quick=quick)
    return call


STUDIES = {
    "bs-costs": costs_comparison.run,
    "buehler-5.2-heston": _lazy("heston_benchmark"),
    "buehler-5.3-asymptotics": _lazy("cost_asymptotics"),
}
