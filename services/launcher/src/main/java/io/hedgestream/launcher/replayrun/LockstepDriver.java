package io.hedgestream.launcher.replayrun;

import io.hedgestream.avro.HedgeOrder;
import io.hedgestream.schemas.Topic;
import io.hedgestream.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Publishes the steps of a replay and, in {@link Pacing#LOCKSTEP}, holds the engine to one input at a time
 * with barriers on what it has processed ({@link EngineProgress}), so the order in which it sees its inputs
 * is fixed by construction, not by fetch timing:
 *
 * <ol>
 *   <li>publish the step's client orders, then wait until the engine has processed them and every fill read
 *       so far (the previous step's);
 *   <li>publish the tick, then wait until the engine has processed it: its decisions' hedge orders and PnL
 *       events are then on the broker, and the collector reads the topics up to their ends, so it knows
 *       every hedge order of the tick (a PnL event can be read before its decision's order: the engine's
 *       producer may append the two partitions of one request in either order);
 *   <li>wait for the fill of every hedge order stamped at the tick.
 * </ol>
 *
 * <p>Record timestamps stay above every record read (Kafka Streams takes the lowest buffered timestamp
 * first), although the barriers alone already fix the order.
 */
final class LockstepDriver {

  private final Producer<byte[], byte[]> producer;
  private final RunCollector collector;
  private final EngineProgress engine;
  private final Duration stepTimeout;
  private final Map<TopicPartition, Long> published = new ConcurrentHashMap<>();
  private final AtomicReference<IllegalStateException> failure = new AtomicReference<>();
  private long lastTimestamp;

  LockstepDriver(Producer<byte[], byte[]> producer, RunCollector collector, EngineProgress engine,
      Duration stepTimeout) {
    this.producer = producer;
    this.collector = collector;
    this.engine = engine;
    this.stepTimeout = stepTimeout;
  }

  /** Publishes every step, waiting after each one in lockstep, or only at the end for max speed. */
  void run(List<ReplaySteps.Step> steps, Pacing pacing) throws InterruptedException {
    for (ReplaySteps.Step step : steps) {
      if (pacing == Pacing.LOCKSTEP) {
        step(step);
      } else {
        step.orders().forEach(order -> send(Topics.ORDERS_CLIENT, order.getSymbol(), order));
        send(Topics.MD_TICKS, step.tick().getSymbol(), step.tick());
      }
    }
    flush();
    if (pacing == Pacing.MAX_SPEED && !steps.isEmpty()) {
      awaitEnd();
    }
  }

  private void step(ReplaySteps.Step step) throws InterruptedException {
    Instant time = step.tick().getEventTimeMicros();
    step.orders().forEach(order -> send(Topics.ORDERS_CLIENT, order.getSymbol(), order));
    flush();
    engine.awaitProcessed(inputsSoFar(), stepTimeout, "the client orders at " + time + " and the fills before");
    send(Topics.MD_TICKS, step.tick().getSymbol(), step.tick());
    flush();
    engine.awaitProcessed(Map.copyOf(published), stepTimeout, "the tick at " + time);
    collector.awaitOutputsOnBroker(stepTimeout);
    collector.await(() -> collector.allFilledAt(time), stepTimeout, "fills of the hedge orders at " + time);
  }

  /** Every record published so far and every fill read so far: what the engine must have processed. */
  private Map<TopicPartition, Long> inputsSoFar() {
    Map<TopicPartition, Long> inputs = new HashMap<>(published);
    collector.lastFillOffsets().forEach((partition, offset) -> inputs.merge(partition, offset, Math::max));
    return inputs;
  }

  private <V> void send(Topic<String, V> topic, String key, V value) {
    lastTimestamp = Math.max(Math.max(lastTimestamp, collector.maxTimestamp()), System.currentTimeMillis()) + 1;
    byte[] keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
    byte[] valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
    producer.send(new ProducerRecord<>(topic.name(), null, lastTimestamp, keyBytes, valueBytes), (meta, error) -> {
      if (error != null) {
        failure.compareAndSet(null, new IllegalStateException("replay run: publishing to " + topic.name()
            + " failed", error));
      } else {
        published.merge(new TopicPartition(meta.topic(), meta.partition()), meta.offset(), Math::max);
      }
    });
  }

  /** Waits for every send's acknowledgement (its callback has run when flush returns). */
  private void flush() {
    producer.flush();
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  /** Max speed: waits until the engine has processed everything published, then for every fill. */
  private void awaitEnd() throws InterruptedException {
    engine.awaitProcessed(Map.copyOf(published), stepTimeout.multipliedBy(10), "every published record");
    collector.awaitOutputsOnBroker(stepTimeout);
    collector.await(() -> collector.hedgeOrders().stream().map(HedgeOrder::getEventTimeMicros).distinct()
        .allMatch(collector::allFilledAt), stepTimeout, "fills of every hedge order");
  }
}
