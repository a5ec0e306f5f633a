package io.hedgestream.engine.input;

import io.hedgestream.schemas.AvroSerde;
import io.hedgestream.schemas.Topic;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes one topic's raw records and applies the checks that need no state; every failure becomes a
 * dead letter with a stable {@link RejectCode}, never an exception.
 *
 * @param <T> the record type of the topic
 */
public abstract class RecordDecoder<T> {

  private final Topic<String, T> topic;
  private final Deserializer<T> deserializer;
  /** The bounds records must meet. */
  protected final InputLimits limits;

  /**
   * Creates a decoder for {@code topic}'s value type.
   *
   * @param topic the typed topic read
   * @param limits the bounds records must meet
   */
  protected RecordDecoder(Topic<String, T> topic, InputLimits limits) {
    this.topic = topic;
    this.deserializer = topic.valueSerde().deserializer();
    this.limits = java.util.Objects.requireNonNull(limits, "limits");
  }

  /** The topic this decoder reads. */
  public Topic<String, T> topic() {
    return topic;
  }

  /**
   * Decodes and validates one record.
   *
   * @param raw the record as received
   * @param nowMicros the wall clock, epoch microseconds: checked against event times, stamped on dead letters
   * @return the accepted input or the dead letter
   */
  public final Decoded decode(RawRecord raw, long nowMicros) {
    Rejection rejection;
    T value = null;
    if (raw.value() == null) {
      rejection = new Rejection(RejectCode.UNDECODABLE, "null value (tombstone) on " + topic.name());
    } else {
      try {
        value = deserializer.deserialize(topic.name(), raw.value());
        rejection = value == null ? new Rejection(RejectCode.UNDECODABLE, "value decoded to null") : null;
      } catch (AvroSerde.UnknownSchemaException e) {
        rejection = new Rejection(RejectCode.UNKNOWN_SCHEMA, e.getMessage());
      } catch (AvroSerde.TrailingBytesException e) {
        rejection = new Rejection(RejectCode.TRAILING_BYTES, e.getMessage());
      } catch (RuntimeException e) {
        rejection = new Rejection(RejectCode.UNDECODABLE, String.valueOf(e.getMessage()));
      }
    }
    String key = raw.key() == null ? null : new String(raw.key(), StandardCharsets.UTF_8);
    if (rejection == null) {
      rejection = validate(value, key, nowMicros);
    }
    if (rejection != null) {
      return new Decoded.Rejected(DeadLetterRecord.of(topic, raw, rejection.code(), rejection.reason(), nowMicros));
    }
    return new Decoded.Accepted(accept(value, key, raw));
  }

  /**
   * Checks a decoded value.
   *
   * @param value the decoded value
   * @param key the record key as text, may be null
   * @param nowMicros the wall clock, epoch microseconds
   * @return the first problem found, or null when the record is valid
   */
  protected abstract Rejection validate(T value, String key, long nowMicros);

  /**
   * Wraps a valid value as an engine input.
   *
   * @param value the decoded value
   * @param key the record key
   * @param raw the record as received
   * @return the input
   */
  protected abstract EngineInput accept(T value, String key, RawRecord raw);

  /** A rejection unless {@code key} equals {@code symbol}. */
  protected static Rejection keyMatches(String key, String symbol) {
    if (symbol.equals(key)) {
      return null;
    }
    return new Rejection(RejectCode.KEY_MISMATCH, "record key '" + key + "' is not the symbol '" + symbol + "'");
  }

  /** A {@link RejectCode#MISSING_ID} rejection naming the first blank field, or null. */
  protected static Rejection present(String... namesAndValues) {
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String value = namesAndValues[i + 1];
      if (value == null || value.isBlank()) {
        return new Rejection(RejectCode.MISSING_ID, namesAndValues[i] + " is blank");
      }
    }
    return null;
  }

  /** The first non-null rejection, or null: checks in order of precedence. */
  protected static Rejection first(Rejection... rejections) {
    for (Rejection rejection : rejections) {
      if (rejection != null) {
        return rejection;
      }
    }
    return null;
  }

  /** True for a finite number greater than zero. */
  protected static boolean positiveFinite(double value) {
    return Double.isFinite(value) && value > 0;
  }
}
