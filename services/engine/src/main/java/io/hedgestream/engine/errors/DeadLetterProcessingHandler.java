package io.hedgestream.engine.errors;

import io.hedgestream.engine.input.RejectCode;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When a processor throws on a record (a bug: inputs are validated before they reach state), logs it and
 * dead-letters the source record as {@link RejectCode#PROCESSING_ERROR} instead of killing the stream
 * thread, so one poisonous record cannot stop every book of the task.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

  @Override
  public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    LOG.error("processing failed at node {} for {}-{}@{}; dead-lettering the source record",
        context.processorNodeId(), context.topic(), context.partition(), context.offset(), exception);
    return Response.resume(HandlerDeadLetters.of(context, context.sourceRawKey(), context.sourceRawValue(),
        RejectCode.PROCESSING_ERROR, exception));
  }

  @Override
  public void configure(Map<String, ?> configs) {
    // nothing to configure
  }
}
