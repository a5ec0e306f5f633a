package io.hedgestream.replay.publish;

import java.util.Locale;

/**
 * How fast event time runs against the wall clock: {@code max} (no pacing), {@code realtime} (x1) or
 * {@code x<N>} (N event-time seconds per wall second; a daily replay at x86400 publishes one day per second).
 *
 * @param factor event-time seconds per wall second; infinite for {@code max}
 */
public record ReplaySpeed(double factor) {

  /** As fast as the broker accepts records. */
  public static final ReplaySpeed MAX = new ReplaySpeed(Double.POSITIVE_INFINITY);

  /** Validates the factor. */
  public ReplaySpeed {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("speed factor must be > 0, got " + factor);
    }
  }

  /**
   * Parses {@code max}, {@code realtime} or {@code x<N>}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static ReplaySpeed parse(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    if (value.equals("max")) {
      return MAX;
    }
    if (value.equals("realtime")) {
      return new ReplaySpeed(1);
    }
    if (value.startsWith("x")) {
      try {
        double factor = Double.parseDouble(value.substring(1));
        if (factor > 0 && Double.isFinite(factor)) {
          return new ReplaySpeed(factor);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException("speed must be max, realtime or x<N> with N > 0; got " + text);
  }

  /** Wall nanoseconds that {@code eventMicros} of event time take at this speed (0 for max). */
  public long wallNanos(long eventMicros) {
    return Double.isInfinite(factor) ? 0 : Math.round(eventMicros * 1_000.0 / factor);
  }

  @Override
  public String toString() {
    return Double.isInfinite(factor) ? "max" : factor == 1 ? "realtime" : "x" + factor;
  }
}
