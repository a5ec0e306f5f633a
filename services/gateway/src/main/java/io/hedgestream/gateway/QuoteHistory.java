package io.hedgestream.gateway;

import io.hedgestream.avro.MarketTick;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The most recent quotes of each symbol by event time, for filling an order at the quote of its own time
 * ({@link FillTime#ORDER_TIME}). Bounded: only the latest {@code capacity} quotes of a symbol are kept.
 *
 * <p>Each quote comes with a release action ({@link OrderRoute#onMarketData(MarketTick, Runnable)}), run once
 * the quote can no longer be needed: when it is evicted or replaced, or when a later quote is in force at
 * the symbol's latest order time. Orders of a symbol arrive in non-decreasing event time (the engine decides
 * a symbol's books at its ticks in order), so every future order fills at that later quote or a newer one.
 * Not thread-safe: the paper exchange uses it from the submitting thread only (no latency in that mode).
 */
final class QuoteHistory {

  private final int capacity;
  private final Map<String, Symbol> bySymbol = new HashMap<>();

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

  /** Records a quote; a second quote with the same event time replaces (and releases) the first. */
  void add(MarketTick tick, Runnable release) {
    Symbol symbol = bySymbol.computeIfAbsent(tick.getSymbol(), s -> new Symbol());
    Quote quote = new Quote(tick, release);
    Quote replaced = symbol.quotes.put(tick.getEventTimeMicros(), quote);
    if (replaced != null) {
      replaced.release();
    }
    if (symbol.releasedBelow != null && tick.getEventTimeMicros().isBefore(symbol.releasedBelow)) {
      quote.release(); // older than the quote in force at the latest order: no future order fills at it
    }
    if (symbol.quotes.size() > capacity) {
      symbol.quotes.pollFirstEntry().getValue().release();
    }
    symbol.releaseBeforeWatermark();
  }

  /** True once a quote of {@code symbol} at or after {@code time} has been seen: the order's tick is known. */
  boolean reached(String symbol, Instant time) {
    Symbol quotes = bySymbol.get(symbol);
    return quotes != null && !quotes.quotes.isEmpty() && !quotes.quotes.lastKey().isBefore(time);
  }

  /**
   * The quote in force at {@code time}: the one with the latest event time at or before it (the tick of
   * that very time when there is one), or null when {@code time} is older than every quote kept.
   */
  MarketTick at(String symbol, Instant time) {
    Symbol quotes = bySymbol.get(symbol);
    if (quotes == null) {
      return null;
    }
    Map.Entry<Instant, Quote> entry = quotes.quotes.floorEntry(time);
    return entry == null ? null : entry.getValue().tick;
  }

  /**
   * An order of {@code symbol} at {@code time} was seen: quotes older than the one in force at that time are
   * released (still kept for orders already waiting, but no longer protected across a restart).
   */
  void orderSeen(String symbol, Instant time) {
    Symbol quotes = bySymbol.computeIfAbsent(symbol, s -> new Symbol());
    if (quotes.watermark == null || time.isAfter(quotes.watermark)) {
      quotes.watermark = time;
      quotes.releaseBeforeWatermark();
    }
  }

  private static final class Symbol {
    final TreeMap<Instant, Quote> quotes = new TreeMap<>();
    Instant watermark;
    Instant releasedBelow;

    void releaseBeforeWatermark() {
      if (watermark == null) {
        return;
      }
      Instant inForce = quotes.floorKey(watermark);
      if (inForce == null || (releasedBelow != null && !inForce.isAfter(releasedBelow))) {
        return;
      }
      Map<Instant, Quote> older = releasedBelow == null ? quotes.headMap(inForce, false)
          : quotes.subMap(releasedBelow, true, inForce, false);
      older.values().forEach(Quote::release);
      releasedBelow = inForce;
    }
  }

  private static final class Quote {
    final MarketTick tick;
    private Runnable release;

    Quote(MarketTick tick, Runnable release) {
      this.tick = tick;
      this.release = release;
    }

    void release() {
      if (release != null) {
        release.run();
        release = null;
      }
    }
  }
}
