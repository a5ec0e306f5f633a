import json
import math

import pytest
import torch

from hedgetrain.features import FEATURE_BUILDERS, FeatureSet, load_contract, snapshot_features, snapshot_state
from hedgetrain.features.contract import contract_path
from hedgetrain.instruments import bs_greeks

SNAP = {"spot": 100.0, "atmVol": 0.2, "rate": 0.01, "dividendYield": 0.02, "nowEpochMicros": 0,
        "options": [{"type": "CALL", "strike": 105.0, "expiryEpochMicros": int(0.25 * 365 * 86400e6), "multiplier": 100.0, "deskQuantity": -3.0},
                    {"type": "PUT", "strike": 95.0, "expiryEpochMicros": int(0.5 * 365 * 86400e6), "multiplier": 1.0, "deskQuantity": 100.0}],
        "holdings": {"UNDERLYING": 50.0}}


def test_contract_sets_are_defined_and_the_default_set_is_servable():
    c = load_contract()
    assert c.version == 1
    assert c.feature_set("bs-book-v1")[-1] == "hedge_underlying"
    assert c.is_servable("bs-book-v1")
    assert not c.is_servable("heston-spot-var-v1")
    raw = json.loads(contract_path().read_text())
    assert {f["source"] for f in raw["features"]} <= {"book", "market", "rolling", "simulator"}
    for name in c.feature_sets:
        FeatureSet(name)  # every set is implemented by the trainer (rolling features from HedgeState.rolling)


def test_every_feature_has_an_implementation():
    c = load_contract()
    assert set(c.features) == set(FEATURE_BUILDERS)


def test_unknown_feature_set_is_rejected():
    with pytest.raises(ValueError):
        FeatureSet("no-such-set")


def test_bs_book_features_match_hand_computation():
    fs = FeatureSet("bs-book-v1")
    got = snapshot_features(SNAP, fs, ["UNDERLYING"])
    s, v, r, q = 100.0, 0.2, 0.01, 0.02
    legs = [(-300.0, 105.0, 0.25, True), (100.0, 95.0, 0.5, False)]
    scale = 400.0
    d = g = ve = 0.0
    for qm, k, t, call in legs:
        dd, gg, vv = bs_greeks(torch.tensor(s, dtype=torch.float64), k, t, v, torch.tensor(call), r, q)
        d += qm * float(dd); g += qm * float(gg); ve += qm * float(vv)
    expected = [(300 * math.log(s / 105) + 100 * math.log(s / 95)) / scale, (300 * 0.25 + 100 * 0.5) / scale, v,
                d / scale, s * g / scale, ve / (s * scale), 50.0 / scale]
    assert got == pytest.approx(expected, rel=1e-12, abs=1e-14)


def test_features_are_invariant_to_book_size():
    fs = FeatureSet("bs-book-v1")
    big = json.loads(json.dumps(SNAP))
    for o in big["options"]:
        o["deskQuantity"] *= 7
    big["holdings"]["UNDERLYING"] *= 7
    assert snapshot_features(big, fs, ["UNDERLYING"]) == pytest.approx(snapshot_features(SNAP, fs, ["UNDERLYING"]), rel=1e-12)


def test_expired_options_leave_the_book_and_empty_books_are_rejected():
    snap = json.loads(json.dumps(SNAP))
    snap["options"][0]["expiryEpochMicros"] = -1
    assert float(snapshot_state(snap, ["UNDERLYING"]).scale[0]) == 100.0
    snap["options"][1]["expiryEpochMicros"] = -1
    with pytest.raises(ValueError):
        snapshot_state(snap, ["UNDERLYING"])
