package io.hedgestream.config;

import java.util.Locale;

/**
 * How fast event time runs against the wall clock (the simulated feed, the historical replay): {@code realtime} (×1), {@code x<N>} (N event-time
 * seconds per wall second, N &gt; 0) or {@code max} (no pacing: as fast as the broker accepts records).
 *
 * @param factor event-time seconds per wall-clock second; {@link Double#POSITIVE_INFINITY} for {@code max}
 */
public record PlaybackSpeed(double factor) {

  /** As fast as possible. */
  public static final PlaybackSpeed MAX = new PlaybackSpeed(Double.POSITIVE_INFINITY);

  /** Validates that the factor is positive. */
  public PlaybackSpeed {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("speed factor must be > 0, got " + factor);
    }
  }

  /**
   * Parses {@code realtime}, {@code x<N>} or {@code max}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static PlaybackSpeed parse(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    if (value.equals("max")) {
      return MAX;
    }
    if (value.equals("realtime")) {
      return new PlaybackSpeed(1.0);
    }
    if (value.startsWith("x")) {
      try {
        double factor = Double.parseDouble(value.substring(1));
        if (factor > 0 && Double.isFinite(factor)) {
          return new PlaybackSpeed(factor);
        }
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException("speed must be realtime, x<N> with N > 0, or max; got " + text);
  }

  /** Whether playback runs unpaced. */
  public boolean unpaced() {
    return Double.isInfinite(factor);
  }

  /** Wall-clock nanoseconds that {@code eventMicros} of event-time time take at this speed. */
  public long wallNanos(long eventMicros) {
    return unpaced() ? 0 : Math.round(eventMicros * 1_000.0 / factor);
  }

  @Override
  public String toString() {
    if (unpaced()) {
      return "max";
    }
    return factor == 1.0 ? "realtime" : "x" + java.math.BigDecimal.valueOf(factor).stripTrailingZeros().toPlainString();
  }
}
