"""hedgetrain.journal on a real export: tests/data/journal-sample.csv was written by the engine's decider with the
shipped model bs-delta-mlp-v1 (two SPY books, 7 decisions each, the last a kill switch) and exported with
``hedge journal export`` (services/launcher JournalCommandsIT, run with -Dhedge.journal.sample.out=<this file>)."""
from pathlib import Path

import numpy as np
import pytest

from hedgetrain.journal import feature_names, load_journal_csv, model_decisions

SAMPLE = Path(__file__).parent / "data" / "journal-sample.csv"


def test_every_decision_loads_with_its_features_as_float64_columns():
    journal = load_journal_csv(SAMPLE)

    assert len(journal) == 14 and journal["decision_id"].is_unique
    assert feature_names(journal) == ["log_moneyness", "ttm_years", "implied_vol", "book_delta", "book_gamma_spot",
                                      "book_vega_spot", "hedge_underlying"]
    assert journal["feature.ttm_years"].dtype == np.float64
    assert journal["feature.ttm_years"].iloc[0] == 30 / 365  # float64 read back bit for bit (30 days, ACT/365)
    assert list(journal["reason"].value_counts().sort_index().items()) == [("POLICY", 12), ("FALLBACK", 0),
                                                                           ("KILL", 2), ("EXPIRY", 0)]
    assert str(journal["event_time"].dt.tz) == "UTC"


def test_kill_decisions_have_no_model_values_and_flatten():
    journal = load_journal_csv(SAMPLE)
    kills = journal[journal["reason"] == "KILL"]

    assert kills["feature.log_moneyness"].isna().all() and kills["output.UNDERLYING"].isna().all()
    assert (kills["model_sha256"] == "").all() and (kills["target.SPY"] == 0).all()
    assert (kills["detail"] == "kill switch on").all()


def test_model_decisions_give_the_target_as_output_times_scale():
    features, outputs, rows = model_decisions(load_journal_csv(SAMPLE))

    assert features.shape == (12, 7) and outputs.shape == (12, 1)
    np.testing.assert_array_equal(rows["target.SPY"], outputs[:, 0] * rows["scale"])  # bit for bit, as the engine


def test_a_file_that_is_not_a_journal_export_is_refused(tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("decision_id,book\nx,y\n")

    with pytest.raises(ValueError, match="missing columns"):
        load_journal_csv(other)
