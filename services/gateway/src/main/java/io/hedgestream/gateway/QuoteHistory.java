package io.hedgestream.gateway;

import io.hedgestream.avro.MarketTick;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The most recent quotes of each symbol by event time, for filling an order at the quote of its own time
 * ({@link FillTime#ORDER_TIME}). Bounded: only the latest {@code capacity} quotes of a symbol are kept.
 * Not thread-safe: the paper exchange uses it from the submitting thread only (no latency in that mode).
 */
final class QuoteHistory {

  private final int capacity;
  private final Map<String, TreeMap<Instant, MarketTick>> bySymbol = new HashMap<>();

  /**
   * An empty history.
   *
   * @param capacity quotes kept per symbol, &gt;= 1
   */
  QuoteHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  /** Records a quote; a second quote with the same event time replaces the first. */
  void add(MarketTick tick) {
    TreeMap<Instant, MarketTick> quotes = bySymbol.computeIfAbsent(tick.getSymbol(), s -> new TreeMap<>());
    quotes.put(tick.getEventTimeMicros(), tick);
    if (quotes.size() > capacity) {
      quotes.pollFirstEntry();
    }
  }

  /** True once a quote of {@code symbol} at or after {@code time} has been seen: the order's tick is known. */
  boolean reached(String symbol, Instant time) {
    TreeMap<Instant, MarketTick> quotes = bySymbol.get(symbol);
    return quotes != null && !quotes.lastKey().isBefore(time);
  }

  /**
   * The quote in force at {@code time}: the one with the latest event time at or before it (the tick of
   * that very time when there is one), or null when {@code time} is older than every quote kept.
   */
  MarketTick at(String symbol, Instant time) {
    TreeMap<Instant, MarketTick> quotes = bySymbol.get(symbol);
    if (quotes == null) {
      return null;
    }
    Map.Entry<Instant, MarketTick> entry = quotes.floorEntry(time);
    return entry == null ? null : entry.getValue();
  }
}
