"""The quick HIRM study runs end to end (2 seeds) on the real data; skipped without data unless CI=true."""
import os
from pathlib import Path

import pytest

from hedgetrain.studies import hirm as study

DATA = Path(os.environ.get("HEDGE_DATA_DIR", Path(__file__).resolve().parents[5] / "shared" / "data"))


@pytest.mark.skipif(not (DATA / "spy_daily.csv").exists() and os.environ.get("CI") != "true",
                    reason="no SPY data (set HEDGE_DATA_DIR)")
def test_quick_study_writes_report_for_every_window(tmp_path, monkeypatch):
    monkeypatch.setenv("HEDGE_DATA_DIR", str(DATA))
    doc = study.run(tmp_path, seeds=2, quick=True, device="cpu", log=lambda _: None)
    assert doc["wall_seconds"] < 180
    table = doc["summary"]["table"]
    assert {"test:volmageddon-2018", "test:covid-2020", "test:selloff-2022", "synthetic:stress"} <= set(table)
    for rows in table.values():
        assert {"erm", "groupdro", "vrex", "irm", "hirm", "tuned_delta", "delta_vega"} <= set(rows)
        assert 0 <= rows["hirm"]["isi"]["median"] <= 1
    assert (tmp_path / "report.md").exists() and (tmp_path / "cvar95.png").exists()


def test_the_committed_study_config_loads_in_full_and_quick_form():
    from hedgetrain.paths import TRAINER_ROOT as ROOT
    from hedgetrain.studies.hirm import load_study_config

    path = ROOT / "configs" / "studies" / "hirm.json"
    full = load_study_config(path)
    quick = load_study_config(path, quick=True)
    assert full["name"] == "hirm-study"
    assert quick["name"] == "hirm-study"
