"""Export of the robust study's policy: the ONNX step equals the PyTorch rollout, standardisation inside the graph,
the contract's feature set is the policy's input, and the shipped models reproduce their parity vectors."""
import hashlib
import json
import math

import numpy as np
import onnx
import pytest
import torch

from hedgetrain.export.onnx_numpy import run_onnx
from hedgetrain.features import FeatureSet, load_contract, snapshot_features
from hedgetrain.markets.historical import REPO_ROOT, missing_data_files, resolve_data_dir
from hedgetrain.robust import export
from hedgetrain.robust.environments import CONTEXT_NAMES, FEATURE_NAMES, EpisodeSet
from hedgetrain.robust.policy import SplitHedgePolicy

SHIPPED = ("hirm-spy-v1", "erm-spy-v1")


def tiny_policy(seed=0):
    torch.manual_seed(seed)
    policy = SplitHedgePolicy(len(FEATURE_NAMES), len(CONTEXT_NAMES), hidden=8, layers=2)
    policy.set_standardisation(torch.linspace(-1, 1, len(FEATURE_NAMES)), torch.linspace(0.5, 3, len(FEATURE_NAMES)))
    return policy.eval()


def random_episodes(n=5, steps=12, seed=1):
    g = torch.Generator().manual_seed(seed)
    features = torch.randn(n, steps, len(FEATURE_NAMES), generator=g, dtype=torch.float64) * 2 + 0.5
    regime = torch.randint(0, 4, (n, steps), generator=g)
    context = torch.cat([torch.nn.functional.one_hot(regime, 4).double(),
                         torch.randint(0, 2, (n, steps, 1), generator=g).double()], -1)
    spot = 100 + torch.randn(n, steps + 1, generator=g, dtype=torch.float64).cumsum(1)
    zeros = torch.zeros(n, steps, dtype=torch.float64)
    return EpisodeSet(name="random", env=torch.zeros(n, dtype=torch.long), env_names=["LOW"], spot=spot,
                      features=features, feature_names=list(FEATURE_NAMES), context=context,
                      liability_value=torch.zeros(n, steps + 1, dtype=torch.float64), liability_delta=zeros,
                      liability_vega=zeros, cost_rate=zeros, dt=1 / 252)


def test_the_step_fed_its_previous_holdings_reproduces_the_rollout():
    policy, es = tiny_policy(), random_episodes()
    assert export.rollout_step_difference(policy, export.PolicyStep(policy), es) <= 1e-6


def test_onnx_step_equals_torch_with_the_standardisation_in_the_graph(tmp_path):
    policy, es = tiny_policy(), random_episodes()
    step = export.PolicyStep(policy).eval()
    export.export_graph(step, tmp_path / "p.onnx", {"feature_set": export.FEATURE_SET})
    model = onnx.load(str(tmp_path / "p.onnx"))
    x = export.step_inputs(es, policy(es.features, es.context).detach()).numpy()  # raw, unstandardised features
    with torch.no_grad():
        reference = step(torch.from_numpy(x)).numpy()
        by_hand = policy.head(policy.representation(torch.cat([
            (torch.from_numpy(x[:, :9]) - policy.feature_mean) / policy.feature_std, torch.from_numpy(x[:, 9:])], 1)))
    np.testing.assert_allclose(run_onnx(model, x), reference, atol=1e-5, rtol=0)
    np.testing.assert_allclose(reference, by_hand.numpy(), atol=1e-6, rtol=0)
    unstandardised = policy.head(policy.representation(torch.from_numpy(x))).detach().numpy()
    assert np.max(np.abs(run_onnx(model, x) - unstandardised)) > 1e-2, "the graph must standardise Phi itself"
    assert {p.key for p in model.metadata_props} == {"hedgestream.feature_set"}


def test_the_contract_feature_set_is_the_policys_input_in_order():
    names = export.contract_order_check(tiny_policy())
    assert names == list(FEATURE_NAMES) + ["hedge_underlying"] + list(CONTEXT_NAMES)
    with pytest.raises(ValueError):
        export.contract_order_check(SplitHedgePolicy(8, 5))


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_model_metadata_and_parity_vectors(name):
    folder = REPO_ROOT / "models" / name
    meta = json.loads((folder / "metadata.json").read_text())
    assert meta["sha256"] == hashlib.sha256((folder / "policy.onnx").read_bytes()).hexdigest()
    model = onnx.load(str(folder / "policy.onnx"))
    props = {p.key: p.value for p in model.metadata_props}
    assert props["hedgestream.feature_set"] == export.FEATURE_SET
    assert json.loads(props["hedgestream.features"]) == list(load_contract().feature_set(export.FEATURE_SET))
    assert json.loads(props["hedgestream.instruments"]) == ["UNDERLYING"]
    parity = json.loads((folder / "parity.json").read_text())
    feature_set = FeatureSet(export.FEATURE_SET)
    rows = []
    for case in parity["cases"]:
        features = snapshot_features(case["input"], feature_set, ["UNDERLYING"])
        np.testing.assert_allclose(features, case["features"], rtol=1e-12, atol=1e-12)
        assert len(case["input"]["rolling"]["closes"]) == 272
        rows.append(features)
    out = run_onnx(model, np.asarray(rows, dtype=np.float32))
    np.testing.assert_allclose(out[:, 0], [c["expected"]["target"][0] for c in parity["cases"]], atol=1e-5, rtol=0)
    regimes = np.asarray(rows)[:, 10:14]
    assert np.all(regimes.sum(1) == 1) and len(set(np.argmax(regimes, 1))) >= 3, "cases span several regimes"


@pytest.fixture(scope="module")
def spy_data_dir():
    for candidate in (resolve_data_dir(), REPO_ROOT.parent / "shared" / "data"):
        if not missing_data_files(candidate):
            return candidate
    pytest.skip("SPY/VIX/DTB3 data files missing (set HEDGE_DATA_DIR)")


def test_engine_book_of_the_replay_flow_has_the_training_features(spy_data_dir):
    """The contract features of the engine's HIRM-flow book (the replay's liability, marked as the engine marks
    it, per unit scale) equal the study's Phi and context on the same Covid-2020 days."""
    from hedgetrain.evaluation.historical import _state
    from hedgetrain.evaluation.replay_parity import window_rolling
    from hedgetrain.instruments.hirm_roll import hirm_roll
    from hedgetrain.markets.historical import load_market, resolve_window, window_market
    from hedgetrain.robust.data import _read_volumes, real_episodes
    es = real_episodes(spy_data_dir, "test:covid-2020", length=60, stride=1)
    market = load_market(spy_data_dir)
    window = window_market(market, resolve_window("covid-2020"))
    liability = hirm_roll(window)
    rolling = window_rolling(market, _read_volumes(spy_data_dir / "spy_daily.csv"), window)
    feature_set = FeatureSet(export.FEATURE_SET)
    first = es.start_dates.index("2020-03-02")
    for t in range(es.n_steps):
        date = es.calendar[int(es.day_index[first, t])]
        day = window.market.dates.index(date)
        engine = feature_set(_state(window, liability, day, torch.zeros(1, dtype=torch.float64), rolling))[0]
        training = torch.cat([es.features[first, t], torch.zeros(1, dtype=torch.float64), es.context[first, t]])
        torch.testing.assert_close(engine, training, rtol=1e-12, atol=1e-12, msg=f"{date}")
    assert not math.isnan(float(rolling[0, 10])), "illiquid is defined on the window's first day"
