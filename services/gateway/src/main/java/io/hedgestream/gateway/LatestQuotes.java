package io.hedgestream.gateway;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;

/**
 * Holds each symbol's latest quote back from the gateway's commit, so a restarted gateway re-reads it: a route
 * that needs a symbol's latest quote across restarts (the paper exchange fills at it, and the pre-trade checks
 * in front of every route need it as their reference) {@link #hold}s the release of each tick, and the quote it
 * replaces is released. A quote held longer than the retention is released too, so a symbol gone quiet does
 * not pin the commit position for ever (after a restart it has no quote until it ticks again). Called from one
 * thread.
 */
public final class LatestQuotes {

  private static final class Held {
    private Runnable release;
    private final long arrivalNanos;

    Held(Runnable release, long arrivalNanos) {
      this.release = release;
      this.arrivalNanos = arrivalNanos;
    }

    boolean released() {
      return release == null;
    }

    void release() {
      if (release != null) {
        release.run();
        release = null;
      }
    }
  }

  private final Duration retention;
  private final Map<String, Held> latest = new HashMap<>();
  private final Queue<Held> inArrivalOrder = new ArrayDeque<>();

  /** Quotes held at most {@code retention}. */
  public LatestQuotes(Duration retention) {
    this.retention = retention;
  }

  /** Holds the release of {@code symbol}'s new latest quote; releases the quote it replaces and expired ones. */
  public void hold(String symbol, Runnable release) {
    long now = System.nanoTime();
    Held held = new Held(release, now);
    Held replaced = latest.put(symbol, held);
    if (replaced != null) {
      replaced.release();
    }
    inArrivalOrder.add(held);
    while (!inArrivalOrder.isEmpty() && (inArrivalOrder.peek().released()
        || now - inArrivalOrder.peek().arrivalNanos > retention.toNanos())) {
      inArrivalOrder.poll().release();
    }
  }
}
