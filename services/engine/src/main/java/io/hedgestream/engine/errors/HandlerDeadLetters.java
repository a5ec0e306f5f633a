package io.hedgestream.engine.errors;

import io.hedgestream.engine.input.DeadLetterRecord;
import io.hedgestream.engine.input.RawRecord;
import io.hedgestream.engine.input.RejectCode;
import io.hedgestream.engine.processor.BroadcastPartitioner;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * Builds the dead letter of the source record behind a Kafka Streams error, for the exception handlers:
 * the record goes to its source topic's {@code .dlq} in the same format as every other engine dead letter.
 */
final class HandlerDeadLetters {

  private HandlerDeadLetters() {}

  /**
   * The dead-letter record for the source of {@code context}, or an empty list when the source topic is
   * not one the engine reads (then there is nowhere meaningful to put it).
   */
  static List<ProducerRecord<byte[], byte[]>> of(ErrorHandlerContext context, byte[] key, byte[] value,
      RejectCode code, Exception exception) {
    Topic<?, ?> source = sourceOf(context.topic());
    if (source == null) {
      return List.of();
    }
    RawRecord raw = new RawRecord(context.topic(), context.partition(), context.offset(), key, value);
    DeadLetterRecord dead = DeadLetterRecord.of(source, raw, code, describe(exception),
        System.currentTimeMillis() * 1_000L);
    byte[] letter = Topics.deadLetterOf(source).valueSerde().serializer()
        .serialize(dead.topic().name(), dead.letter());
    return List.of(new ProducerRecord<>(dead.topic().name(), key, letter));
  }

  /** The engine input topic a record came from: a business topic, or the control broadcast for control. */
  static Topic<?, ?> sourceOf(String topicName) {
    if (topicName == null) {
      return null;
    }
    for (Topic<String, ?> topic : Topics.ALL) {
      if (topic.name().equals(topicName)) {
        return topic;
      }
    }
    if (topicName.endsWith(BroadcastPartitioner.CONTROL_BROADCAST + "-repartition")) {
      return Topics.POLICY_CONTROL;
    }
    return null;
  }

  private static String describe(Exception exception) {
    return exception.getClass().getSimpleName() + ": " + exception.getMessage();
  }
}
