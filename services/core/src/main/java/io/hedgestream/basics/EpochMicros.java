package io.hedgestream.basics;

import java.time.Instant;

/**
 * Conversions between {@link Instant} (how generated Avro classes expose {@code timestamp-micros}) and
 * epoch microseconds (how the engine and the gateway compute with event time).
 */
public final class EpochMicros {

  /** Microseconds in one year of 365 days: the ACT/365 year of time to maturity. */
  public static final double MICROS_PER_YEAR = 365.0 * 86_400 * 1_000_000;

  private EpochMicros() {}

  /**
   * Epoch microseconds of an instant (truncating sub-microsecond digits), saturated: an instant beyond what a
   * long of microseconds holds (a record can carry one: Avro decodes any long, and Long.MIN_VALUE microseconds
   * floors to a second whose microseconds overflow) becomes Long.MIN_VALUE or Long.MAX_VALUE, which every
   * event-time bound then refuses, rather than an ArithmeticException.
   */
  public static long of(Instant instant) {
    long seconds = instant.getEpochSecond();
    long micros = instant.getNano() / 1_000;
    if (seconds >= 0) {
      return seconds > (Long.MAX_VALUE - micros) / 1_000_000L ? Long.MAX_VALUE : seconds * 1_000_000L + micros;
    }
    return seconds < (Long.MIN_VALUE + 1_000_000L) / 1_000_000L ? Long.MIN_VALUE : seconds * 1_000_000L + micros;
  }

  /** The instant of epoch microseconds. */
  public static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /** Years from {@code nowMicros} to {@code expiryMicros}, ACT/365; negative after expiry. */
  public static double yearsBetween(long nowMicros, long expiryMicros) {
    return (expiryMicros - nowMicros) / MICROS_PER_YEAR;
  }
}
