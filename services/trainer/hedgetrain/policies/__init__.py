"""Hedging policies: semi-recurrent MLP, no-transaction band, analytic baselines, exported ONNX models."""
from .base import Policy
from .baselines import BlackScholesDelta, HestonModelHedge, NoHedge, WhalleyWilmott
from .networks import BandNet, HoldingsNet, NetworkPolicy, Normalizer, no_transaction_band, semi_recurrent_mlp
from .onnx_model import OnnxModelPolicy

__all__ = ["Policy", "NoHedge", "BlackScholesDelta", "WhalleyWilmott", "HestonModelHedge", "NetworkPolicy",
           "HoldingsNet", "BandNet", "Normalizer", "semi_recurrent_mlp", "no_transaction_band", "OnnxModelPolicy"]
