package io.hedgestream.engine.input;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Turns one topic's raw records into {@link Decoded} values keyed by the record key as text: the first
 * node after every source, so no bad byte ever reaches the stateful processor and none is dropped.
 */
public final class DecodeProcessor implements Processor<byte[], byte[], String, Decoded> {

  private final RecordDecoder<?> decoder;
  private ProcessorContext<String, Decoded> context;

  private DecodeProcessor(RecordDecoder<?> decoder) {
    this.decoder = decoder;
  }

  /**
   * A supplier of processors that decode with a new {@code decoder} per task.
   *
   * @param decoders makes the decoder of the topic
   * @return the supplier
   */
  public static ProcessorSupplier<byte[], byte[], String, Decoded> supplier(
      java.util.function.Supplier<RecordDecoder<?>> decoders) {
    return () -> new DecodeProcessor(decoders.get());
  }

  @Override
  public void init(ProcessorContext<String, Decoded> context) {
    this.context = context;
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    RawRecord raw = rawOf(record);
    Decoded decoded = decoder.decode(raw, context.currentSystemTimeMs() * 1_000L);
    String key = record.key() == null ? null : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8);
    context.forward(record.withKey(key).withValue(decoded));
  }

  private RawRecord rawOf(Record<byte[], byte[]> record) {
    RecordMetadata metadata = context.recordMetadata().orElse(null);
    String topic = metadata == null ? decoder.topic().name() : metadata.topic();
    int partition = metadata == null ? -1 : metadata.partition();
    long offset = metadata == null ? -1 : metadata.offset();
    return new RawRecord(topic, partition, offset, record.key(), record.value());
  }
}
