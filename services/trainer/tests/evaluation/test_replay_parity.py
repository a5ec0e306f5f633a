"""Parity of the trainer's historical-window evaluation with the engine's replay (the historical replay and the HIRM study).

The golden files are regenerated from the data and compared; when a Maven build has run the engine's
ReplayRunIT, its steps.json is compared with them too. Without data the tests skip, except under CI=true.
"""
import json

import pytest

from hedgetrain.evaluation import replay_parity


@pytest.fixture(scope="module")
def documents(historical_data_dir):
    return replay_parity.parity_documents(historical_data_dir)


@pytest.mark.parametrize("policy", sorted(replay_parity.POLICIES))
def test_golden_file_is_reproduced_from_the_data(documents, policy):
    golden = json.loads(replay_parity.golden_path(policy).read_text())
    fresh = documents[policy]
    assert fresh["data"] == golden["data"], "data files differ from the ones the golden file was made from"
    assert [s["date"] for s in fresh["steps"]] == [s["date"] for s in golden["steps"]]
    assert [s["holding"] for s in fresh["steps"]] == [s["holding"] for s in golden["steps"]]
    assert replay_parity.max_step_difference(golden["steps"], fresh["steps"]) <= 1e-9
    assert fresh["fallbacks"] == golden["fallbacks"]
    if policy in ("delta", "bs-delta-mlp-v1"):
        assert fresh["fallbacks"] == 0


@pytest.mark.parametrize("policy", sorted(replay_parity.POLICIES))
def test_engine_replay_matches_the_golden_file(policy):
    engine = replay_parity.ENGINE_STEPS / replay_parity.POLICIES[policy].engine_policy / "steps.json"
    if not engine.is_file():
        pytest.skip(f"no engine replay output at {engine} (written by mvn verify's ReplayRunIT)")
    golden = json.loads(replay_parity.golden_path(policy).read_text())
    steps = json.loads(engine.read_text())
    assert replay_parity.max_step_difference(golden["steps"], steps) <= replay_parity.TOLERANCE
    holdings = {int(s["eventMicros"]): s["hedgeHoldings"].get("SPY", 0.0) for s in steps}
    assert [holdings[s["eventMicros"]] for s in golden["steps"]] == [s["holding"] for s in golden["steps"]]
    reasons = [s["reason"] for s in steps if "reason" in s]
    if reasons:  # steps.json of a launcher that reports reasons: the same fallbacks, none for warm-up
        assert sum(r.startswith("FALLBACK") for r in reasons) == golden["fallbacks"]
        assert not any("warm-up" in r for r in reasons)
