"""hedgetrain: deep hedging (Buehler et al. 2019) for HedgeStream — simulators, policies, risk, training, export."""
__version__ = "0.1.0"
