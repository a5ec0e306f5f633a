package io.hedgestream.feed;

import java.util.Locale;

/**
 * How fast simulated time runs against the wall clock: {@code realtime} (×1), {@code x<N>} (N simulated
 * seconds per wall second, N &gt; 0) or {@code max} (no pacing: as fast as the broker accepts records).
 *
 * @param factor simulated seconds per wall-clock second; {@link Double#POSITIVE_INFINITY} for {@code max}
 */
public record FeedSpeed(double factor) {

  /** As fast as possible. */
  public static final FeedSpeed MAX = new FeedSpeed(Double.POSITIVE_INFINITY);

  /** Validates that the factor is positive. */
  public FeedSpeed {
    if (!(factor > 0)) {
      throw new IllegalArgumentException("speed factor must be > 0, got " + factor);
    }
  }

  /**
   * Parses {@code realtime}, {@code x<N>} or {@code max}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static FeedSpeed parse(String text) {
    String value = text.strip().toLowerCase(Locale.ROOT);
    if (value.equals("max")) {
      return MAX;
    }
    if (value.equals("realtime")) {
      return new FeedSpeed(1.0);
    }
    if (value.startsWith("x")) {
      try {
        double factor = Double.parseDouble(value.substring(1));
        if (factor > 0 && Double.isFinite(factor)) {
          return new FeedSpeed(factor);
        }
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException("speed must be realtime, x<N> with N > 0, or max; got " + text);
  }

  /** Whether the feed runs unpaced. */
  public boolean unpaced() {
    return Double.isInfinite(factor);
  }

  /** Wall-clock nanoseconds that {@code simulatedMicros} of simulated time take at this speed. */
  public long wallNanos(long simulatedMicros) {
    return unpaced() ? 0 : Math.round(simulatedMicros * 1_000.0 / factor);
  }

  @Override
  public String toString() {
    if (unpaced()) {
      return "max";
    }
    return factor == 1.0 ? "realtime" : "x" + java.math.BigDecimal.valueOf(factor).stripTrailingZeros().toPlainString();
  }
}
