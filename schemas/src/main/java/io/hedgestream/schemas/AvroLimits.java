package io.hedgestream.schemas;

import org.apache.avro.SystemLimitException;

/**
 * The bounds every HedgeStream decoder reads Avro under. Avro 1.12 trusts a length prefix up to about 2 GB
 * by default, so a valid single-object header followed by a few random bytes can make it allocate a huge
 * string or array before it notices the input is short; these limits make such a record fail at once with a
 * {@link SystemLimitException}.
 *
 * <p>Avro reads its limits from system properties once, when {@link SystemLimitException} is initialised.
 * {@link #apply()} sets the properties (unless the operator set stricter ones) before that happens and then
 * checks that they took effect; if some other code initialised Avro's limits first, it fails loudly rather
 * than decode unbounded. The launcher also passes them on the command line, so they hold from JVM start.
 */
public final class AvroLimits {

  /** Largest encoded record any topic accepts: 1 MiB (our largest records are a few KB). */
  public static final int MAX_RECORD_BYTES = 1 << 20;
  /** Largest string field: 64 KiB (ids, symbols, reasons). */
  public static final int MAX_STRING_BYTES = 64 << 10;
  /** Largest bytes field: a whole record (a dead letter carries the rejected record's bytes). */
  public static final int MAX_BYTES_LENGTH = MAX_RECORD_BYTES;
  /** Most items in one array or map: 100,000 (positions, per-instrument maps, quantiles). */
  public static final int MAX_COLLECTION_ITEMS = 100_000;

  private AvroLimits() {}

  /**
   * Sets Avro's decoding limits unless stricter ones are already set, and checks they are in force.
   *
   * @throws IllegalStateException when Avro's limits were fixed, looser, before this call
   */
  public static synchronized void apply() {
    setIfLooser(SystemLimitException.MAX_STRING_LENGTH_PROPERTY, MAX_STRING_BYTES);
    setIfLooser(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, MAX_BYTES_LENGTH);
    setIfLooser(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY, MAX_COLLECTION_ITEMS);
    requireInForce("string", () -> SystemLimitException.checkMaxStringLength(MAX_STRING_BYTES + 1L));
    requireInForce("bytes", () -> SystemLimitException.checkMaxBytesLength(MAX_BYTES_LENGTH + 1L));
    requireInForce("collection", () -> SystemLimitException.checkMaxCollectionLength(MAX_COLLECTION_ITEMS + 1L));
  }

  private static void setIfLooser(String property, int limit) {
    String current = System.getProperty(property);
    if (current == null || parsedOr(current, Integer.MAX_VALUE) > limit) {
      System.setProperty(property, Integer.toString(limit));
    }
  }

  private static long parsedOr(String value, long fallback) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static void requireInForce(String what, Runnable overLimitCheck) {
    try {
      overLimitCheck.run();
    } catch (SystemLimitException expected) {
      return;
    }
    throw new IllegalStateException("Avro's " + what + " length limit is looser than HedgeStream's: Avro was "
        + "initialised before the limits were set. Start the JVM with -D" + SystemLimitException.MAX_STRING_LENGTH_PROPERTY
        + "=" + MAX_STRING_BYTES + " -D" + SystemLimitException.MAX_BYTES_LENGTH_PROPERTY + "=" + MAX_BYTES_LENGTH
        + " -D" + SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY + "=" + MAX_COLLECTION_ITEMS);
  }
}
