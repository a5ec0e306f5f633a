"""The feature contract ``schemas/policy/features.json``, read by the trainer and the Java engine alike."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Tuple

CONTRACT_ENV = "HEDGESTREAM_FEATURE_CONTRACT"
_DEFAULT_PATH = Path(__file__).resolve().parents[4] / "schemas" / "policy" / "features.json"


@dataclass(frozen=True)
class FeatureSpec:
    """One contract entry: name, definition (formula), units, source (book, market, rolling, simulator)."""
    name: str
    definition: str
    units: str
    source: str


@dataclass(frozen=True)
class FeatureContract:
    """Parsed contract: features by name, ordered feature sets, instrument ids, contract version."""
    version: int
    features: Dict[str, FeatureSpec]
    feature_sets: Dict[str, Tuple[str, ...]]
    instruments: Dict[str, str]
    servable_sources: Tuple[str, ...]
    path: str

    def feature_set(self, name: str) -> Tuple[str, ...]:
        """Ordered feature names of a set; ValueError if the set is unknown."""
        if name not in self.feature_sets:
            raise ValueError(f"unknown feature set {name!r}; contract {self.path} defines {sorted(self.feature_sets)}")
        return self.feature_sets[name]

    def is_servable(self, set_name: str) -> bool:
        """True when the engine can build every feature of the set (no simulator-only inputs)."""
        return all(self.features[n].source in self.servable_sources for n in self.feature_set(set_name))


def contract_path() -> Path:
    return Path(os.environ.get(CONTRACT_ENV, _DEFAULT_PATH))


def load_contract(path=None) -> FeatureContract:
    """Load and validate the contract (every set member must be a defined feature)."""
    path = Path(path) if path is not None else contract_path()
    if not path.exists():
        raise ValueError(f"feature contract not found at {path} (set {CONTRACT_ENV})")
    raw = json.loads(path.read_text())
    features = {}
    for entry in raw["features"]:
        spec = FeatureSpec(name=entry["name"], definition=entry["definition"], units=entry["units"], source=entry["source"])
        if spec.name in features:
            raise ValueError(f"{path}: feature {spec.name} defined twice")
        features[spec.name] = spec
    sets = {name: tuple(members) for name, members in raw["featureSets"].items()}
    for name, members in sets.items():
        missing = [m for m in members if m not in features]
        if missing:
            raise ValueError(f"{path}: feature set {name} uses undefined features {missing}")
    return FeatureContract(version=int(raw["version"]), features=features, feature_sets=sets,
                           instruments=dict(raw["instruments"]), servable_sources=tuple(raw["servableSources"]),
                           path=str(path))
