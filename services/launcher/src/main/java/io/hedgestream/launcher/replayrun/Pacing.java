package io.hedgestream.launcher.replayrun;

import java.util.Locale;

/** How a replay run feeds the engine. */
public enum Pacing {
  /**
   * One tick at a time: publish the tick's client orders, then the tick, and wait until every live book's
   * PnL event of that tick is out and every hedge order of that tick has its fill, before the next. The
   * engine books day t's fills before it decides day t+1: per-step PnL is deterministic.
   */
  LOCKSTEP,
  /**
   * Everything at once, then wait for the end. Fast, but a fill may reach the engine after its next
   * decision: cumulative PnL is the same economics, but how PnL splits between steps depends on timing
   * (not deterministic).
   */
  MAX_SPEED;

  /** The command-line spelling: {@code lockstep} or {@code max-speed}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Parses {@link #label()}. */
  public static Pacing parse(String value) {
    for (Pacing pacing : values()) {
      if (pacing.label().equals(value)) {
        return pacing;
      }
    }
    throw new IllegalArgumentException("pacing must be lockstep or max-speed, got " + value);
  }
}
