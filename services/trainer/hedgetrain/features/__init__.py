"""The policy feature contract (schemas/policy/features.json) and the trainer's implementation of it."""
from .builders import FEATURE_BUILDERS, FeatureSet
from .contract import FeatureContract, FeatureSpec, load_contract
from .rolling import ROLLING_FEATURES, rolling_features, rolling_features_numpy
from .regime import ALL_ROLLING_FEATURES, REGIME_CONTEXT_FEATURES, all_rolling_features, regime_context_features
from .snapshot import MICROS_PER_YEAR, snapshot_features, snapshot_state
from .state import HedgeState

__all__ = ["FeatureContract", "FeatureSpec", "load_contract", "FeatureSet", "FEATURE_BUILDERS", "HedgeState",
           "snapshot_state", "snapshot_features", "MICROS_PER_YEAR",
           "ROLLING_FEATURES", "rolling_features", "rolling_features_numpy", "REGIME_CONTEXT_FEATURES",
           "regime_context_features", "ALL_ROLLING_FEATURES", "all_rolling_features"]
