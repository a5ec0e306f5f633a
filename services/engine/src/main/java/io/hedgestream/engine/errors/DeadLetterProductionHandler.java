package io.hedgestream.engine.errors;

import io.hedgestream.engine.input.RejectCode;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When an output record cannot be serialized, or is too large for the broker, dead-letters the input
 * that produced it as {@link RejectCode#OUTPUT_ERROR} and carries on; every other send failure fails the
 * thread as by default (the service replaces it and exactly-once processing retries the transaction).
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

  @Override
  public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
      Exception exception) {
    if (exception instanceof RecordTooLargeException) {
      LOG.error("output to {} too large; dead-lettering the input {}-{}@{}", record.topic(), context.topic(),
          context.partition(), context.offset(), exception);
      return Response.resume(HandlerDeadLetters.of(context, record.key(), record.value(), RejectCode.OUTPUT_ERROR,
          exception));
    }
    return Response.fail();
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
      SerializationExceptionOrigin origin) {
    LOG.error("cannot serialize the {} of an output to {}; dead-lettering the input {}-{}@{}", origin,
        record.topic(), context.topic(), context.partition(), context.offset(), exception);
    return Response.resume(HandlerDeadLetters.of(context, context.sourceRawKey(), context.sourceRawValue(),
        RejectCode.OUTPUT_ERROR, exception));
  }

  @Override
  public void configure(Map<String, ?> configs) {
    // nothing to configure
  }
}
