"""The policy feature contract (schemas/policy/features.json) and the trainer's implementation of it."""
from .builders import FEATURE_BUILDERS, FeatureSet
from .contract import FeatureContract, FeatureSpec, load_contract
from .rolling import ROLLING_FEATURES, rolling_features, rolling_features_numpy
from .snapshot import MICROS_PER_YEAR, snapshot_features, snapshot_state
from .state import HedgeState

__all__ = ["FeatureContract", "FeatureSpec", "load_contract", "FeatureSet", "FEATURE_BUILDERS", "HedgeState",
           "snapshot_state", "snapshot_features", "MICROS_PER_YEAR",
           "ROLLING_FEATURES", "rolling_features", "rolling_features_numpy"]
