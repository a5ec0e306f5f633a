package io.hedgestream.gateway;

import io.hedgestream.avro.DeadLetter;
import io.hedgestream.avro.Fill;
import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.avro.MarketTick;
import io.hedgestream.schemas.AvroSerde;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway does with each consumed record, independent of the poll loop: decode, validate,
 * de-duplicate, route; publish fills to {@code fills.hedge} and every unusable record to its topic's
 * dead-letter topic; track which offsets are fully handled. Records must be passed in from one thread;
 * executions may arrive on the route's threads.
 */
final class GatewayPipeline implements ExecutionListener, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GatewayPipeline.class);
  private static final String SERVICE = "gateway";

  private final Producer<byte[], byte[]> producer;
  private final OrderRoute route;
  private final SeenOrderIds seen;
  private final OffsetTracker offsets = new OffsetTracker();
  private final GatewayCounters counters = new GatewayCounters();
  private final Map<String, ConsumerRecord<byte[], byte[]>> inFlight = new ConcurrentHashMap<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  /**
   * A pipeline publishing through {@code producer} to the route {@code routeFactory} builds.
   *
   * @param dedupCapacity order ids remembered to drop duplicates
   * @param producer byte-array producer (idempotent in production); not closed by the pipeline
   * @param routeFactory builds the route given the listener it must report to (this pipeline)
   */
  GatewayPipeline(int dedupCapacity, Producer<byte[], byte[]> producer,
      Function<ExecutionListener, OrderRoute> routeFactory) {
    this.producer = producer;
    this.seen = new SeenOrderIds(dedupCapacity);
    this.route = routeFactory.apply(this);
  }

  /** Handles one record of orders.hedge or md.ticks. */
  void accept(ConsumerRecord<byte[], byte[]> record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    offsets.begin(partition, record.offset());
    if (record.topic().equals(Topics.MD_TICKS.name())) {
      onTick(record);
      offsets.complete(partition, record.offset());
    } else {
      onOrder(record);
    }
  }

  private void onTick(ConsumerRecord<byte[], byte[]> record) {
    counters.tickReceived();
    Optional<Rejection> rejection;
    MarketTick tick = null;
    try {
      tick = decode(Topics.MD_TICKS, record.value());
      rejection = OrderValidator.validate(tick);
    } catch (RuntimeException e) {
      rejection = Optional.of(undecodable(e));
    }
    if (rejection.isPresent()) {
      counters.tickRejected();
      deadLetter(Topics.MD_TICKS, record, rejection.get(), () -> {});
    } else {
      route.onMarketData(tick);
    }
  }

  private void onOrder(ConsumerRecord<byte[], byte[]> record) {
    counters.orderReceived();
    HedgeOrder order;
    try {
      order = decode(Topics.ORDERS_HEDGE, record.value());
    } catch (RuntimeException e) {
      rejectOrder(record, undecodable(e));
      return;
    }
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    Optional<Rejection> invalid = OrderValidator.validate(order, key);
    if (invalid.isPresent()) {
      rejectOrder(record, invalid.get());
      return;
    }
    if (inFlight.containsKey(order.getOrderId()) || !seen.add(order.getOrderId())) {
      counters.duplicateOrder();
      LOG.debug("duplicate order {} ignored", order.getOrderId());
      complete(record);
      return;
    }
    inFlight.put(order.getOrderId(), record);
    Optional<Rejection> refused = route.submit(order);
    if (refused.isPresent()) {
      inFlight.remove(order.getOrderId());
      rejectOrder(record, refused.get());
    } else {
      counters.orderAccepted();
    }
  }

  @Override
  public void onFill(HedgeOrder order, Fill fill) {
    byte[] key = Topics.FILLS_HEDGE.keySerde().serializer().serialize(Topics.FILLS_HEDGE.name(), fill.getSymbol());
    byte[] value = Topics.FILLS_HEDGE.valueSerde().serializer().serialize(Topics.FILLS_HEDGE.name(), fill);
    boolean last = fill.getLeavesQuantity() == 0;
    send(new ProducerRecord<>(Topics.FILLS_HEDGE.name(), key, value), () -> {
      counters.fillPublished();
      if (last) {
        ConsumerRecord<byte[], byte[]> source = inFlight.remove(order.getOrderId());
        if (source != null) {
          complete(source);
        }
      }
    });
  }

  @Override
  public void onReject(HedgeOrder order, Rejection rejection) {
    ConsumerRecord<byte[], byte[]> source = inFlight.remove(order.getOrderId());
    if (source != null) {
      rejectOrder(source, rejection);
    } else {
      LOG.warn("rejection of unknown order {}: {}", order.getOrderId(), rejection);
    }
  }

  /** Offsets safe to commit now. */
  Map<TopicPartition, OffsetAndMetadata> committable() {
    return offsets.committable();
  }

  /** Stops tracking partitions this consumer no longer owns. */
  void forget(java.util.Collection<TopicPartition> partitions) {
    offsets.forget(partitions);
  }

  /** Order and tick records not yet fully handled. */
  int inFlight() {
    return offsets.inFlight();
  }

  /** The running totals. */
  GatewayCounters counters() {
    return counters;
  }

  /** The first failed publication, or the error that ended the consumer thread; either stops the gateway. */
  Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /** Records an error that ended the consumer thread, unless an earlier failure is already recorded. */
  void recordFailure(Throwable error) {
    failure.compareAndSet(null, error);
  }

  /** Closes the route, which delivers its in-flight executions. */
  @Override
  public void close() {
    route.close();
  }

  private void rejectOrder(ConsumerRecord<byte[], byte[]> record, Rejection rejection) {
    counters.orderRejected();
    LOG.debug("order at {}-{}@{} rejected: {}", record.topic(), record.partition(), record.offset(), rejection);
    deadLetter(Topics.ORDERS_HEDGE, record, rejection, () -> complete(record));
  }

  private void complete(ConsumerRecord<byte[], byte[]> record) {
    offsets.complete(new TopicPartition(record.topic(), record.partition()), record.offset());
  }

  private void deadLetter(Topic<?, ?> source, ConsumerRecord<byte[], byte[]> record, Rejection rejection,
      Runnable onAcknowledged) {
    DeadLetter letter = DeadLetter.newBuilder()
        .setSourceTopic(record.topic())
        .setPartition(record.partition())
        .setOffset(record.offset())
        .setKey(record.key() == null ? null : ByteBuffer.wrap(record.key()))
        .setValue(record.value() == null ? null : ByteBuffer.wrap(record.value()))
        .setError(rejection.reason())
        .setErrorType(rejection.code())
        .setService(SERVICE)
        .setFailedAtMicros(Instant.now().truncatedTo(ChronoUnit.MICROS))
        .build();
    Topic<byte[], DeadLetter> dlq = Topics.deadLetterOf(source);
    byte[] value = dlq.valueSerde().serializer().serialize(dlq.name(), letter);
    send(new ProducerRecord<>(dlq.name(), record.key(), value), onAcknowledged);
  }

  private void send(ProducerRecord<byte[], byte[]> record, Runnable onAcknowledged) {
    producer.send(record, (metadata, error) -> {
      if (error == null) {
        onAcknowledged.run();
      } else if (failure.compareAndSet(null, error)) {
        LOG.error("publishing to {} failed; the gateway stops", record.topic(), error);
      }
    });
  }

  private static <V> V decode(Topic<String, V> topic, byte[] value) {
    if (value == null) {
      throw new org.apache.kafka.common.errors.SerializationException("null value (tombstone)");
    }
    return topic.valueSerde().deserializer().deserialize(topic.name(), value);
  }

  private static Rejection undecodable(RuntimeException e) {
    String code = e instanceof AvroSerde.UnknownSchemaException ? Rejection.UNKNOWN_SCHEMA : Rejection.UNDECODABLE;
    return new Rejection(code, String.valueOf(e.getMessage()));
  }
}
