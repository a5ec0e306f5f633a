/**
 * Daily data into {@link io.hedgestream.avro.MarketTick}s: SPY's raw OHLC and volume, VIX as the ATM implied
 * vol and DTB3 as the short rate, joined by date ({@link io.hedgestream.replay.ticks.TickBuilder}), stamped
 * at New York session times ({@link io.hedgestream.replay.ticks.SessionClock}).
 */
package io.hedgestream.replay.ticks;
