import datetime as dt
import math

import pytest
import torch

from hedgetrain.instruments.hirm_roll import atm_strike, hirm_roll
from hedgetrain.markets.historical import (close_micros, continuous_rate_from_discount_percent, load_market,
                                           resolve_data_dir, resolve_window, window_market, years_between)


def write_files(directory, spy, vix, dtb3):
    header = "date,open,high,low,close,adj_close,volume\n"
    (directory / "spy_daily.csv").write_text(header + "".join(f"{d},1,1,1,{c},{c},100\n" for d, c in spy))
    (directory / "vix_daily.csv").write_text(header + "".join(f"{d},1,1,1,{c},{c},\n" for d, c in vix))
    (directory / "rf_dtb3_daily.csv").write_text("date,dtb3_pct\n" + "".join(f"{d},{r}\n" for d, r in dtb3))


def test_rate_conversion_matches_the_replay_example():
    # RateConversion's Javadoc: 1.49% gives r = 1.5135%; the value is Java's to the last bit
    assert continuous_rate_from_discount_percent(1.49) == 0.01513546539481101
    assert continuous_rate_from_discount_percent(0.0) == 0.0


def test_close_is_16h_new_york_in_winter_and_summer():
    assert close_micros(dt.date(2018, 2, 1)) == 1517518800 * 10**6   # 21:00 UTC (EST)
    assert close_micros(dt.date(2018, 4, 2)) == 1522699200 * 10**6   # 20:00 UTC (EDT)


def test_ttm_is_act365_from_micros_in_float64():
    now, expiry = torch.tensor([close_micros(dt.date(2018, 2, 1))]), torch.tensor([close_micros(dt.date(2018, 4, 2))])
    tau = years_between(now, expiry)
    assert tau.dtype == torch.float64
    assert tau.item() == (59 * 86400 + 23 * 3600) * 1e6 / (365 * 86400 * 1e6)   # DST shortens the span by 1 h


def test_market_joins_by_date_carries_rates_forward_and_skips_outside_the_span(tmp_path):
    write_files(tmp_path, spy=[("2018-01-31", 280), ("2018-02-01", 281.5), ("2018-02-02", 275.25)],
                vix=[("2018-02-01", 13.47), ("2018-02-02", 17.31)], dtb3=[("2018-01-31", 1.5), ("2018-02-01", 1.49)])
    market = load_market(tmp_path)
    assert market.dates == ("2018-02-01", "2018-02-02")
    assert market.vol.tolist() == [13.47 / 100, 17.31 / 100]
    assert market.rate.tolist() == [continuous_rate_from_discount_percent(1.49)] * 2   # 02-02 carries 02-01
    assert torch.equal(market.mid, market.last)   # bid = ask = close in hedge replay run
    assert market.order_mid.tolist() == [((281.5 - 281.5 / 1e4) + (281.5 + 281.5 / 1e4)) / 2,
                                         ((275.25 - 275.25 / 1e4) + (275.25 + 275.25 / 1e4)) / 2]


def test_a_spy_day_without_vix_inside_the_span_is_an_error(tmp_path):
    write_files(tmp_path, spy=[("2018-02-01", 281.5), ("2018-02-02", 275.25), ("2018-02-05", 264)],
                vix=[("2018-02-01", 13.47), ("2018-02-05", 37.32)], dtb3=[("2018-02-01", 1.49)])
    with pytest.raises(ValueError, match="no VIX close"):
        load_market(tmp_path)


def test_data_dir_resolution_order(tmp_path, monkeypatch):
    monkeypatch.setenv("HEDGE_DATA_DIR", str(tmp_path))
    assert resolve_data_dir("/explicit") == resolve_data_dir("/explicit")
    assert str(resolve_data_dir("/explicit")) == "/explicit"
    assert resolve_data_dir() == tmp_path
    monkeypatch.delenv("HEDGE_DATA_DIR")
    assert resolve_data_dir().parts[-2:] == ("replay-data", "data")
    with pytest.raises(FileNotFoundError, match="lacks"):
        load_market(tmp_path)


def test_calm_window_has_three_segments_and_closes_at_inner_segment_ends(tmp_path):
    calm = resolve_window("calm-2017-2019")
    assert calm.segments() == [("2017-01-01", "2018-01-31"), ("2018-04-01", "2018-09-30"), ("2019-01-01", "2019-12-31")]
    days = [("2018-01-30", 280), ("2018-01-31", 281), ("2018-02-01", 282), ("2018-04-02", 260), ("2018-04-03", 263)]
    write_files(tmp_path, spy=days, vix=[(d, 15) for d, _ in days], dtb3=[("2018-01-02", 1.4)])
    window = window_market(load_market(tmp_path), calm)
    assert window.market.dates == ("2018-01-30", "2018-01-31", "2018-04-02", "2018-04-03")
    assert window.segment_end.tolist() == [False, True, False, False]
    roll = hirm_roll(window)
    assert roll.opened.tolist() == [True, False, True, True]
    assert roll.closed.tolist() == [False, True, False, True]
    assert resolve_window("volmageddon-2018", start="2018-02-05").name == "custom"


def test_hirm_premium_is_black_scholes_at_the_queue_mid():
    from hedgetrain.markets.historical import HistoricalMarket, WindowMarket, resolve_window as rw
    f64 = torch.float64
    s = torch.tensor([100.0, 101.0], dtype=f64)
    market = HistoricalMarket("SPY", ("2018-02-01", "2018-02-02"),
                              torch.tensor([close_micros(dt.date(2018, 2, 1)), close_micros(dt.date(2018, 2, 2))]),
                              s, s, s, s, torch.full((2,), 0.2, dtype=f64), torch.zeros(2, dtype=f64),
                              torch.zeros(2, dtype=f64))
    roll = hirm_roll(WindowMarket(rw("volmageddon-2018"), market, torch.zeros(2, dtype=torch.bool)))
    tau = (60 * 86400 - 3600) / (365 * 86400)   # 16:00 New York 60 days later, across the DST switch
    d1 = 0.5 * 0.2 * math.sqrt(tau)
    atm = 100 * (0.5 * (1 + math.erf(d1 / math.sqrt(2))) - 0.5 * (1 + math.erf(-d1 / math.sqrt(2))))
    assert roll.open_premium[0].item() == pytest.approx(atm, rel=1e-12)
    assert roll.strike.tolist() == [100.0, 101.0]
    assert roll.close_premium[1] > 0 and roll.close_premium[0] == 0
    assert atm_strike(torch.tensor([100.5, 100.4], dtype=f64), 1.0).tolist() == [101.0, 100.0]
