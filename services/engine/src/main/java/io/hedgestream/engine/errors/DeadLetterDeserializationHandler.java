package io.hedgestream.engine.errors;

import io.hedgestream.engine.input.RejectCode;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead-letters a record Kafka Streams could not deserialize as {@link RejectCode#UNDECODABLE}. The
 * business topics are read as raw bytes and decoded by the topology itself, so this only guards the
 * internal control broadcast, whose records the engine wrote.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

  @Override
  public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
      Exception exception) {
    LOG.error("cannot deserialize {}-{}@{}; dead-lettering it", record.topic(), record.partition(), record.offset(),
        exception);
    return Response.resume(HandlerDeadLetters.of(context, record.key(), record.value(), RejectCode.UNDECODABLE,
        exception));
  }

  @Override
  public void configure(Map<String, ?> configs) {
    // nothing to configure
  }
}
