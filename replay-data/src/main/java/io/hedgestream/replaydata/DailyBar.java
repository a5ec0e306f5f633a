package io.hedgestream.replaydata;

import java.time.LocalDate;

/**
 * One row of a daily OHLCV file. A field that the file leaves empty (VIX volume) is NaN.
 *
 * @param date the trading day
 * @param open the day's open
 * @param high the day's high
 * @param low the day's low
 * @param close the day's raw close
 * @param adjClose the split- and dividend-adjusted close (equal to {@code close} for an index)
 * @param volume shares traded that day, NaN when the file has none
 */
public record DailyBar(LocalDate date, double open, double high, double low, double close, double adjClose,
    double volume) {}
