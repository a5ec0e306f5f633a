package io.hedgestream.engine.input;

import io.hedgestream.avro.DeadLetter;
import io.hedgestream.basics.EpochMicros;
import io.hedgestream.schemas.AvroSerde;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.nio.ByteBuffer;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A dead letter with the topic it goes to; keyed by the rejected record's original key bytes.
 *
 * @param topic the dead-letter topic ({@code <source>.dlq})
 * @param key the rejected record's key bytes, may be null
 * @param letter the dead letter
 */
public record DeadLetterRecord(Topic<byte[], DeadLetter> topic, byte[] key, DeadLetter letter) {

  /** Name written into {@code DeadLetter.service} by the engine. */
  public static final String SERVICE = "engine";

  /** Checks that the topic and letter are present. */
  public DeadLetterRecord {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(letter, "letter");
  }

  /**
   * A serde that writes the letter (Avro, as on every {@code .dlq} topic); reading back is not supported
   * because the destination topic is not in the bytes.
   */
  public static Serde<DeadLetterRecord> serde() {
    Serializer<DeadLetter> letters = AvroSerde.of(DeadLetter.class).serializer();
    return Serdes.serdeFrom(
        (topic, record) -> record == null ? null : letters.serialize(topic, record.letter()),
        (topic, bytes) -> {
          throw new UnsupportedOperationException("dead letters are written, not read, as DeadLetterRecord");
        });
  }

  /**
   * Builds the dead letter of a rejected record.
   *
   * @param source the topic the record was read from
   * @param raw the record's origin and bytes
   * @param code stable reason code
   * @param reason human-readable reason
   * @param failedAtMicros wall-clock time of the rejection, epoch microseconds
   * @return the dead letter and its destination
   */
  public static DeadLetterRecord of(Topic<?, ?> source, RawRecord raw, RejectCode code, String reason,
      long failedAtMicros) {
    DeadLetter letter = DeadLetter.newBuilder()
        .setSourceTopic(source.name())
        .setPartition(raw.partition())
        .setOffset(raw.offset())
        .setKey(raw.key() == null ? null : ByteBuffer.wrap(raw.key()))
        .setValue(raw.value() == null ? null : ByteBuffer.wrap(raw.value()))
        .setError(reason)
        .setErrorType(code.name())
        .setService(SERVICE)
        .setFailedAtMicros(EpochMicros.toInstant(failedAtMicros))
        .build();
    return new DeadLetterRecord(Topics.deadLetterOf(source), raw.key(), letter);
  }
}
